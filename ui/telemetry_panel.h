// The telemetry dock: memory over time, polled at 10 Hz from the core's thread-safe telemetry
// (allocated, reserved and device-used VRAM with the device total as a line; host memory on a
// machine without CUDA), stage marks, the latency of each step, and the current figures.
#pragma once

#include <QElapsedTimer>
#include <QWidget>

class QCustomPlot;
class QLabel;
class QTimer;

namespace sdxl::ui {

class TelemetryPanel final : public QWidget {
  Q_OBJECT
public:
  explicit TelemetryPanel(QWidget* parent = nullptr);
  void markStage(const QString& name);
  void addStep(int step, double seconds);
  void runFinished(double totalSeconds, double peakGB);
  void clearSteps();
  QCustomPlot* memoryPlot() const { return m_memory; }

private slots:
  void sample();

private:
  QCustomPlot* m_memory = nullptr;
  QCustomPlot* m_steps = nullptr;
  QLabel* m_now = nullptr;
  QLabel* m_last = nullptr;
  QTimer* m_timer = nullptr;
  QElapsedTimer m_clock;
  bool m_cuda = false;
};

} // namespace sdxl::ui
