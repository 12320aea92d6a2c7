// The studio's main window: prompt and parameters on the left, the image on the right,
// telemetry in a dock. Owns no tensors; everything model-related goes through the core.
#pragma once

#include <QMainWindow>

class QPlainTextEdit;
class QLabel;
class QCustomPlot;

namespace sdxl::ui {

class MainWindow final : public QMainWindow {
  Q_OBJECT
public:
  explicit MainWindow(QWidget* parent = nullptr);

private slots:
  void showAbout();

private:
  void buildMenus();
  QWidget* buildPromptPanel();
  QWidget* buildTelemetryDock();

  QPlainTextEdit* m_prompt = nullptr;
  QPlainTextEdit* m_negative = nullptr;
  QLabel* m_image = nullptr;
  QCustomPlot* m_vramPlot = nullptr;
};

} // namespace sdxl::ui
