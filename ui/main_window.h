// The studio's main window. Prompt, parameters and optimization switches on the left; the image
// forming and the gallery in the middle; the compare view in a second tab; telemetry in a dock.
// The pipeline lives in a GenerationWorker on its own thread; this window only sends it
// requests (queued) and shows what comes back.
#pragma once

#include "generation_worker.h"

#include <QMainWindow>
#include <QQueue>
#include <QThread>

class QAction;
class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;
class QTabWidget;

namespace sdxl::ui {

class CompareView;
class GalleryPanel;
class OptimizationsPanel;
class ParametersPanel;
class PromptPanel;
class TelemetryPanel;

class MainWindow final : public QMainWindow {
  Q_OBJECT
public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  // For tests and scripting: what Generate would send, and the state of the run.
  sdxl::GenerationRequest currentRequest() const;
  bool isBusy() const { return m_busy; }
  int queuedRequests() const { return m_queue.size(); }
  QString lastError() const { return m_lastError; }
  GenerationWorker* worker() const { return m_worker; }

public slots:
  void generate();
  void cancel();
  void chooseModel(const QString& spec);
  void chooseModelFolder();
  void setOutputFolder(const QString& folder);

signals:
  void requestGeneration(const sdxl::GenerationRequest& request, quint64 ticket);
  void requestModel(const QString& spec);
  void requestBenchmark(const sdxl::BenchmarkProtocol& protocol, const std::vector<sdxl::BenchmarkConfig>& configs,
                        quint64 ticket);
  void generationFinished(); // after the gallery has the images
  void generationFailed();

protected:
  void closeEvent(QCloseEvent* event) override;

private slots:
  void onModelReady(const QString& description, bool randomWeights);
  void onStage(int stage);
  void onStep(int step, int steps, double elapsed, const QImage& preview);
  void onFinished(const sdxl::GenerationRequest& request, const QVector<sdxl::ui::FinishedImage>& images,
                  const sdxl::ui::GenerationStats& stats, const QStringList& saveErrors);
  void onFailed(int kind, const QString& message);
  void showAbout();

private:
  void buildMenus();
  void startNext();
  void setBusy(bool busy);
  void rememberModel(const QString& spec);
  void rebuildRecentMenu();
  void loadSettings();
  void saveSettings() const;

  QThread m_thread;
  GenerationWorker* m_worker = nullptr;
  PromptPanel* m_prompt = nullptr;
  ParametersPanel* m_parameters = nullptr;
  OptimizationsPanel* m_optimizations = nullptr;
  GalleryPanel* m_gallery = nullptr;
  TelemetryPanel* m_telemetry = nullptr;
  CompareView* m_compare = nullptr;
  QTabWidget* m_tabs = nullptr;
  QLabel* m_image = nullptr;
  QLabel* m_modelLabel = nullptr;
  QProgressBar* m_progress = nullptr;
  QPushButton* m_generate = nullptr;
  QPushButton* m_cancel = nullptr;
  QMenu* m_recentMenu = nullptr;
  QString m_modelSpec;
  QString m_outputFolder;
  QString m_lastError;
  QQueue<sdxl::GenerationRequest> m_queue;
  bool m_busy = false;
  bool m_benchmarking = false;
  double m_lastStepElapsed = 0; // seconds into the loop at the previous step, for per-step latency
};

} // namespace sdxl::ui
