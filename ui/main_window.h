// The studio's main window. Prompt, parameters and optimization switches on the left; the image
// forming and the gallery in the middle; the compare view in a second tab; telemetry in a dock.
// The pipeline lives in a GenerationWorker on its own thread; this window only sends it
// requests (queued) and shows what comes back.
#pragma once

#include "generation_worker.h"
#include "model_choice.h"

#include "sdxl/model_library.h"

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
class GridView;
class GalleryPanel;
class LoraPanel;
class SourceImagePanel;
class ModelBar;
class OptimizationsPanel;
class ParametersPanel;
class PromptPanel;
class QueuePanel;
class TelemetryPanel;

class MainWindow final : public QMainWindow {
  Q_OBJECT
public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  // For tests and scripting: what Generate would send, and the state of the run.
  sdxl::GenerationRequest currentRequest() const;
  bool isBusy() const { return m_busy; }
  int queuedRequests() const;
  QString lastError() const { return m_lastError; }
  QString firstRunNote() const { return m_firstRunNote; } // empty when the last session's settings came back
  GenerationWorker* worker() const { return m_worker; }
  ModelChoice currentModel() const { return m_model; }
  QString modelsFolder() const { return m_modelsFolder; }
  QString outputFolder() const { return m_outputFolder; }

public slots:
  void generate();
  void cancel();
  void chooseModel(const QString& spec); // with the VAE and configs last used with it
  void useModel(const sdxl::ui::ModelChoice& choice);
  void chooseModelFile();
  void chooseModelFolder();
  void chooseVaeFile();
  void chooseModelConfigs();
  // Where the library is scanned and <lora:NAME> tags are found. `remember`: also next time
  // (sdxl-studio --models DIR uses a folder for this session only).
  void setModelsFolder(const QString& folder, bool remember = true);
  void rescanModels();
  void setOutputFolder(const QString& folder);
  // A PNG's generation parameters into the window: ours (with their switches) or another tool's
  // (A1111, ComfyUI, Fooocus: the person's switches stay). What was left is said in the status bar.
  bool restoreParametersFrom(const QString& pngPath);

signals:
  void requestGeneration(const sdxl::GenerationRequest& request, quint64 ticket);
  void requestModel(const sdxl::ui::ModelChoice& choice);
  void requestBenchmark(const sdxl::BenchmarkProtocol& protocol, const std::vector<sdxl::BenchmarkConfig>& configs,
                        quint64 ticket);
  void requestGrid(const std::vector<sdxl::GridCell>& cells, quint64 ticket);
  void generationFinished(); // after the gallery has the images
  // The person chose a language (after the run in progress, if any): StudioApp makes the window again.
  void languageChosen(const QString& code);
  void generationFailed();

protected:
  void closeEvent(QCloseEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override; // a PNG dropped anywhere but the Image tab
  void dropEvent(QDropEvent* event) override;

private slots:
  void onModelReady(const QString& description, bool randomWeights);
  void onModelFailed(const sdxl::ui::ModelChoice& choice, int kind, const QString& message);
  void onStage(int stage);
  void onStep(int step, int steps, double elapsed, const QImage& preview);
  void onFinished(const sdxl::GenerationRequest& request, const QVector<sdxl::ui::FinishedImage>& images,
                  const sdxl::ui::GenerationStats& stats, const QStringList& saveErrors);
  void onFailed(int kind, const QString& message);
  void showAbout();
  void showError(int kind, const QString& message, const QString& objectName = QStringLiteral("errorDialog"));
  void chooseLanguage(const QString& code);
  bool applyPendingLanguage(); // true when the window is being made again

private:
  void applyRequest(const sdxl::GenerationRequest& request, bool lockSeed = true); // reuse; the last session's settings
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
  ModelBar* m_modelBar = nullptr;
  LoraPanel* m_loras = nullptr;
  SourceImagePanel* m_source = nullptr;
  CompareView* m_compare = nullptr;
  GridView* m_grid = nullptr;
  QTabWidget* m_tabs = nullptr;
  QLabel* m_image = nullptr;
  QLabel* m_modelLabel = nullptr;
  QProgressBar* m_progress = nullptr;
  QPushButton* m_generate = nullptr;
  QPushButton* m_cancel = nullptr;
  QMenu* m_recentMenu = nullptr;
  ModelChoice m_model;
  ModelChoice m_lastWorkingModel; // where a model that fails to load sends the window back
  QString m_modelsFolder;
  std::vector<sdxl::LibraryEntry> m_library;
  QString m_outputFolder;
  QString m_lastError;
  QueuePanel* m_queue = nullptr; // what waits behind the run in progress
  QVector<double> m_stepSeconds; // the run's step durations, for the time left
  int m_droppedOnCancel = 0; // queued requests the last cancel took with it
  bool m_busy = false;
  bool m_benchmarking = false;
  bool m_gridRunning = false;
  QString m_pendingLanguage;
  QString m_firstRunNote; // why a first run's settings are what they are     // chosen during a run: applied when it ends
  bool m_quitWhenDone = false;  // the window was closed mid-run and asked to wait for the images
  bool m_closeConfirmed = false; // the person chose to close: do not ask again
  double m_lastStepElapsed = 0; // seconds into the loop at the previous step, for per-step latency
};

} // namespace sdxl::ui
