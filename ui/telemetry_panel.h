// The telemetry dock: memory over time, polled at 10 Hz from the core's thread-safe telemetry
// (allocated, reserved and device-used VRAM with the device total as a line; host memory on a
// machine without CUDA), stage marks, the latency of each step, and the current figures; with a
// VRAM budget, the budget as a line on the memory chart and the plan and fallbacks beside it.
#pragma once

#include <QElapsedTimer>
#include <QWidget>

#include <vector>

class QCustomPlot;
class QCPAbstractItem;
class QCPItemStraightLine;
class QCPItemText;
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
  // A run's memory plan (budget 0: none) and each fallback as it happens (sdxl::MemoryEvent).
  void showPlan(double budgetGB, const QString& plan);
  void addFallback(const QString& what);
  void clearMemoryNotes();
  QCustomPlot* memoryPlot() const { return m_memory; }
  QCPItemStraightLine* budgetLine() const { return m_budgetLine; }

private slots:
  void sample();

private:
  QCustomPlot* m_memory = nullptr;
  QCustomPlot* m_steps = nullptr;
  QLabel* m_now = nullptr;
  QLabel* m_last = nullptr;
  QLabel* m_plan = nullptr;
  QCPItemStraightLine* m_budgetLine = nullptr;
  double m_budgetGB = 0;
  QTimer* m_timer = nullptr;
  QElapsedTimer m_clock;
  double m_runStart = -1; // seconds on m_clock when the last run started
  struct StageMark {
    double t;
    QCPAbstractItem* line;
    QCPItemText* label;
  };
  std::vector<StageMark> m_stageMarks; // oldest first; those off the chart are removed
  void dropStageMarksBefore(double t);
  void placeStageLabels();
  bool m_cuda = false;
};

} // namespace sdxl::ui
