#include "main_window.h"
#include "core_messages.h"

#include "compare_view.h"
#include "device_defaults.h"
#include "device_status.h"
#include "gallery_panel.h"
#include "grid_view.h"
#include "language.h"
#include "lora_panel.h"
#include "model_bar.h"
#include "optimizations_panel.h"
#include "parameters_panel.h"
#include "prompt_panel.h"
#include "queue_panel.h"
#include "source_image_panel.h"
#include "telemetry_panel.h"
#include "time_left.h"
#include "tooltips.h"

#include "sdxl/error.h"
#include "sdxl/metadata.h"
#include "sdxl/png_parameters.h"
#include "sdxl/telemetry.h"
#include "sdxl/version.h"
#include "sdxl/xyz_grid.h"

#include <algorithm>

#include <QAbstractButton>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QMimeData>
#include <QDesktopServices>
#include <QDockWidget>
#include <QFileDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QUrl>
#include <QVBoxLayout>

void sdxlInitUiResources(); // resources_init.cpp

namespace sdxl::ui {

namespace {
constexpr int kMaxRecent = 8;

QString hintFor(int kind) {
  switch (static_cast<sdxl::ErrorKind>(kind)) {
  case sdxl::ErrorKind::OutOfMemory:
    return MainWindow::tr("Switch on VAE slicing, model or sequential CPU offload, the Tiny AutoEncoder, or "
                          "generate fewer or smaller images.");
  case sdxl::ErrorKind::ModelFormat:
    return MainWindow::tr("Choose an SDXL checkpoint (.safetensors), a diffusers-format SDXL folder (the one with "
                          "model_index.json), or the built-in benchmark model.");
  case sdxl::ErrorKind::InvalidRequest: return MainWindow::tr("Change the setting named above and try again.");
  default: return QString();
  }
}
} // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  sdxlInitUiResources();
  TooltipWrapper::install(); // before any widget sets its tooltip
  qRegisterMetaType<sdxl::GenerationRequest>();
  qRegisterMetaType<sdxl::ui::ModelChoice>();
  qRegisterMetaType<sdxl::ui::GenerationStats>();
  qRegisterMetaType<sdxl::ui::FinishedImage>();
  qRegisterMetaType<QVector<sdxl::ui::FinishedImage>>();
  qRegisterMetaType<sdxl::BenchmarkProtocol>();
  qRegisterMetaType<std::vector<sdxl::BenchmarkConfig>>();
  qRegisterMetaType<sdxl::BenchmarkReport>();
  qRegisterMetaType<sdxl::BenchmarkRow>();
  qRegisterMetaType<std::vector<sdxl::GridCell>>();
  qRegisterMetaType<sdxl::ui::GridCellResult>();
  setObjectName(QStringLiteral("MainWindow"));
  setWindowTitle(tr("SDXL Studio"));
  setWindowIcon(QIcon(QStringLiteral(":/icons/sdxl-studio.svg")));

  // Left: what to make.
  m_prompt = new PromptPanel;
  m_parameters = new ParametersPanel;
  m_optimizations = new OptimizationsPanel;
  m_loras = new LoraPanel;
  m_source = new SourceImagePanel;
  auto* settingsTabs = new QTabWidget;
  // Each page scrolls: on a 1024x700 screen the longest ones are taller than the room they get.
  const auto scrolled = [](QWidget* page) {
    auto* area = new QScrollArea;
    area->setWidget(page);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    area->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    return area;
  };
  settingsTabs->addTab(scrolled(m_parameters), tr("Parameters"));
  settingsTabs->addTab(scrolled(m_source), tr("Image"));
  settingsTabs->addTab(scrolled(m_loras), tr("LoRA"));
  connect(m_source, &SourceImagePanel::sizeWanted, m_parameters, &ParametersPanel::setSize);
  settingsTabs->addTab(scrolled(m_optimizations), tr("Optimizations"));
  m_generate = new QPushButton(tr("Generate"));
  m_generate->setObjectName(QStringLiteral("generate"));
  m_generate->setToolTip(tr("Ctrl+Return"));
  m_generate->setDefault(true);
  m_cancel = new QPushButton(tr("Cancel"));
  m_cancel->setObjectName(QStringLiteral("cancel"));
  m_cancel->setToolTip(tr("Esc"));
  m_cancel->setEnabled(false);
  connect(m_generate, &QPushButton::clicked, this, &MainWindow::generate);
  connect(m_cancel, &QPushButton::clicked, this, &MainWindow::cancel);
  new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this, this, &MainWindow::generate);
  new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Enter), this, this, &MainWindow::generate);
  new QShortcut(QKeySequence(Qt::Key_Escape), this, this, &MainWindow::cancel);
  m_progress = new QProgressBar;
  m_progress->setObjectName(QStringLiteral("progress"));
  m_progress->setFormat(tr("idle"));
  m_progress->setValue(0);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(m_generate, 2);
  buttons->addWidget(m_cancel, 1);
  auto* left = new QWidget;
  auto* leftLayout = new QVBoxLayout(left);
  // The prompts and the settings share the height as the person drags it; the settings get more.
  auto* promptAndSettings = new QSplitter(Qt::Vertical);
  promptAndSettings->setObjectName(QStringLiteral("promptAndSettings"));
  promptAndSettings->setChildrenCollapsible(false);
  promptAndSettings->addWidget(m_prompt);
  promptAndSettings->addWidget(settingsTabs);
  promptAndSettings->setStretchFactor(0, 2);
  promptAndSettings->setStretchFactor(1, 3);
  leftLayout->addWidget(promptAndSettings, 1);
  leftLayout->addLayout(buttons);
  leftLayout->addWidget(m_progress);
  m_queue = new QueuePanel;
  leftLayout->addWidget(m_queue);
  left->setMinimumWidth(340);

  // Middle: the image forming, then the gallery.
  m_image = new QLabel(tr("No image yet. Choose a model, type a prompt and press Generate."));
  m_image->setObjectName(QStringLiteral("imageView"));
  m_image->setAlignment(Qt::AlignCenter);
  m_image->setMinimumSize(160, 120);
  m_gallery = new GalleryPanel;
  connect(m_gallery, &GalleryPanel::current, this, [this](const QImage& image) {
    m_image->setPixmap(QPixmap::fromImage(image).scaled(m_image->size(), Qt::KeepAspectRatio, Qt::SmoothTransformation));
  });
  connect(m_gallery, &GalleryPanel::reuseRequested, this, [this](const sdxl::GenerationRequest& r) {
    m_prompt->setPrompts(QString::fromStdString(r.prompt), QString::fromStdString(r.negativePrompt));
    applyRequest(r);
    statusBar()->showMessage(tr("Parameters reused; the seed is locked."), 5000);
  });
  connect(m_gallery, &GalleryPanel::restoreRequested, this, &MainWindow::restoreParametersFrom);
  connect(m_gallery, &GalleryPanel::sendToImage, this, [this, settingsTabs](const QImage& image) {
    m_source->setImage(image);
    settingsTabs->setCurrentIndex(1); // the Image page
  });
  auto* middle = new QSplitter(Qt::Vertical);
  middle->addWidget(m_image);
  middle->addWidget(m_gallery);
  middle->setStretchFactor(0, 3);
  auto* studio = new QSplitter;
  studio->addWidget(left);
  studio->addWidget(middle);
  studio->setStretchFactor(1, 1);

  m_compare = new CompareView;
  m_grid = new GridView;
  auto* compareTabs = new QTabWidget; // configurations side by side, or any settings as a grid
  compareTabs->setObjectName(QStringLiteral("compareTabs"));
  compareTabs->addTab(m_compare, tr("Configurations"));
  compareTabs->addTab(m_grid, tr("X/Y/Z grid"));
  m_tabs = new QTabWidget;
  m_tabs->setObjectName(QStringLiteral("mainTabs"));
  m_tabs->addTab(studio, tr("Studio"));
  m_tabs->addTab(compareTabs, tr("Compare"));
  setCentralWidget(m_tabs);

  m_telemetry = new TelemetryPanel;
  auto* dock = new QDockWidget(tr("Telemetry"), this);
  dock->setObjectName(QStringLiteral("TelemetryDock"));
  dock->setWidget(m_telemetry);
  addDockWidget(Qt::BottomDockWidgetArea, dock);

  m_modelBar = new ModelBar;
  auto* modelToolBar = addToolBar(tr("Model"));
  modelToolBar->setObjectName(QStringLiteral("ModelToolBar"));
  modelToolBar->setMovable(false);
  modelToolBar->addWidget(m_modelBar);
  connect(m_modelBar, &ModelBar::chosen, this, &MainWindow::useModel);
  connect(m_modelBar, &ModelBar::rescanRequested, this, &MainWindow::rescanModels);

  m_modelLabel = new QLabel;
  m_modelLabel->setObjectName(QStringLiteral("modelLabel"));
  statusBar()->addPermanentWidget(m_modelLabel);
  auto* device = new QLabel(deviceStatusShort());
  device->setObjectName(QStringLiteral("deviceStatus"));
  device->setToolTip(deviceStatusText());
  statusBar()->addPermanentWidget(device);
  statusBar()->showMessage(deviceStatusText()); // until the models folder is read

  // The worker and its thread: created here, moved, deleted when the thread finishes.
  m_worker = new GenerationWorker;
  m_worker->moveToThread(&m_thread);
  connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
  connect(this, &MainWindow::requestGeneration, m_worker, &GenerationWorker::generate, Qt::QueuedConnection);
  connect(this, &MainWindow::requestModel, m_worker, &GenerationWorker::setModel, Qt::QueuedConnection);
  connect(this, &MainWindow::requestBenchmark, m_worker, &GenerationWorker::runBenchmark, Qt::QueuedConnection);
  connect(this, &MainWindow::requestGrid, m_worker, &GenerationWorker::runGrid, Qt::QueuedConnection);
  connect(m_worker, &GenerationWorker::modelReady, this, &MainWindow::onModelReady);
  connect(m_worker, &GenerationWorker::modelFailed, this, &MainWindow::onModelFailed);
  connect(m_worker, &GenerationWorker::firstStepAfterSwitch, this, [this](double seconds) {
    m_modelBar->setStatus(tr("first step %1 s after choosing").arg(seconds, 0, 'f', 2),
                          tr("From choosing the model to its first denoising step: checking and opening it, loading its "
                             "weights, encoding the prompt."));
  });
  connect(m_worker, &GenerationWorker::stageChanged, this, &MainWindow::onStage);
  connect(m_worker, &GenerationWorker::stepDone, this, &MainWindow::onStep);
  connect(m_worker, &GenerationWorker::finished, this, &MainWindow::onFinished);
  connect(m_worker, &GenerationWorker::failed, this, &MainWindow::onFailed);
  connect(m_worker, &GenerationWorker::memoryEvent, this, [this](int kind, const QString& text, double budgetBytes) {
    if (kind == static_cast<int>(sdxl::MemoryEvent::Kind::Plan))
      m_telemetry->showPlan(budgetBytes / (1024.0 * 1024.0 * 1024.0), text);
    else
      m_telemetry->addFallback(text);
    statusBar()->showMessage(text, 10000);
  });
  connect(m_compare, &CompareView::runRequested, this,
          [this](const sdxl::BenchmarkProtocol& protocol, const std::vector<sdxl::BenchmarkConfig>& configs) {
            if (m_busy) {
              m_compare->runFailed(tr("A generation is running; the comparison waits for it to finish."));
              return;
            }
            m_benchmarking = true;
            setBusy(true);
            auto p = protocol;
            p.request.prompt = m_prompt->prompt().isEmpty() ? p.request.prompt : m_prompt->prompt().toStdString();
            emit requestBenchmark(p, configs, m_worker->ticket());
          });
  connect(m_compare, &CompareView::cancelRequested, this, [this] { m_worker->cancel(); });
  connect(m_worker, &GenerationWorker::benchmarkProgress, m_compare, &CompareView::showProgress);
  connect(m_worker, &GenerationWorker::benchmarkRow, m_compare, &CompareView::addRow);
  connect(m_worker, &GenerationWorker::benchmarkFinished, this, [this](const sdxl::BenchmarkReport& report) {
    m_benchmarking = false;
    setBusy(false);
    m_compare->showReport(report);
  });
  connect(m_grid, &GridView::runRequested, this, [this](const std::vector<sdxl::GridAxis>& axes) {
    if (m_busy) {
      m_grid->refuse(tr("A generation is running; the grid waits for it to finish."));
      return;
    }
    std::vector<sdxl::GridCell> cells;
    try {
      cells = sdxl::gridCells(currentRequest(), axes); // the Studio tab's prompt and settings
    } catch (const sdxl::Error& e) {
      m_grid->refuse(errorText(e));
      return;
    }
    m_gridRunning = true;
    setBusy(true);
    m_grid->setModelName(m_model.displayName());
    m_grid->start(cells, deviceStatusShort());
    emit requestGrid(cells, m_worker->ticket());
  });
  connect(m_grid, &GridView::cancelRequested, this, [this] { m_worker->cancel(); });
  connect(m_worker, &GenerationWorker::gridCellDone, m_grid, &GridView::addCell);
  connect(m_worker, &GenerationWorker::gridFinished, this, [this](bool cancelled) {
    m_gridRunning = false;
    setBusy(false);
    m_grid->finish(cancelled);
  });
  m_thread.setObjectName(QStringLiteral("sdxl-worker"));
  m_thread.start();

  buildMenus();
  loadSettings();
  setAcceptDrops(true);
}

int MainWindow::queuedRequests() const { return m_queue->size(); }

MainWindow::~MainWindow() {
  // After closeEvent the thread has ended and taken the worker with it (finished -> deleteLater).
  if (!m_thread.isRunning()) return;
  m_worker->cancel();
  m_thread.quit();
  m_thread.wait();
}

void MainWindow::buildMenus() {
  auto* file = menuBar()->addMenu(tr("&File"));
  file->addAction(tr("Open &model file…"), QKeySequence::Open, this, &MainWindow::chooseModelFile);
  file->addAction(tr("Open model &folder…"), this, &MainWindow::chooseModelFolder);
  file->addAction(tr("Open &VAE for this model…"), this, &MainWindow::chooseVaeFile);
  file->addAction(tr("Model &configs for this model…"), this, &MainWindow::chooseModelConfigs);
  file->addAction(tr("Choose models f&older…"), this, [this] {
    const auto dir = QFileDialog::getExistingDirectory(this, tr("Models folder"), m_modelsFolder);
    if (!dir.isEmpty()) setModelsFolder(dir);
  });
  auto* builtin = file->addMenu(tr("&Built-in benchmark model (random weights)"));
  builtin->addAction(tr("Tiny (for CPUs)"), this, [this] { chooseModel(QStringLiteral("builtin:tiny")); });
  builtin->addAction(tr("Full SDXL-base size (needs a GPU)"), this, [this] { chooseModel(QStringLiteral("builtin")); });
  m_recentMenu = file->addMenu(tr("&Recent models"));
  file->addSeparator();
  file->addAction(tr("Choose &output folder…"), this, [this] {
    const auto dir = QFileDialog::getExistingDirectory(this, tr("Output folder"), m_outputFolder);
    if (!dir.isEmpty()) setOutputFolder(dir);
  });
  file->addAction(tr("Open output &folder"), this, [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(m_outputFolder)); });
  file->addSeparator();
  file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

  auto* view = menuBar()->addMenu(tr("&View"));
  view->addAction(tr("&Studio"), this, [this] { m_tabs->setCurrentIndex(0); });
  view->addAction(tr("&Compare"), this, [this] { m_tabs->setCurrentIndex(1); });
  view->addAction(findChild<QDockWidget*>(QStringLiteral("TelemetryDock"))->toggleViewAction());

  auto* language = menuBar()->addMenu(tr("&Language"));
  auto* group = new QActionGroup(language);
  const QString current = QSettings().value(QStringLiteral("language"), QStringLiteral("system")).toString();
  for (const auto& [code, name] : {std::pair{QStringLiteral("system"), tr("System default")},
                                   std::pair{QStringLiteral("en"), QStringLiteral("English")},
                                   std::pair{QStringLiteral("ja"), QStringLiteral("日本語")}}) {
    auto* action = language->addAction(name);
    action->setCheckable(true);
    action->setChecked(code == current);
    group->addAction(action);
    action->setObjectName(QStringLiteral("language-") + code);
    connect(action, &QAction::triggered, this, [this, code] { chooseLanguage(code); });
  }

  auto* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&About SDXL Studio"), this, &MainWindow::showAbout);
}

void MainWindow::chooseLanguage(const QString& code) {
  m_pendingLanguage = code;
  if (m_busy) {
    statusBar()->showMessage(tr("The new language applies when this run ends."), 10000);
    return;
  }
  applyPendingLanguage();
}

bool MainWindow::applyPendingLanguage() {
  if (m_pendingLanguage.isEmpty() || m_busy) return false;
  const auto code = m_pendingLanguage;
  m_pendingLanguage.clear();
  emit languageChosen(code);
  return true;
}

void MainWindow::applyRequest(const sdxl::GenerationRequest& r, bool lockSeed) {
  m_prompt->setEncodeEmptyNegative(r.encodeEmptyNegative);
  m_parameters->apply(r, lockSeed);
  m_source->apply(r);
  m_optimizations->setOptions(r.optimizations);
  m_optimizations->setBudget(r.memoryBudget);
  m_loras->setLoras(r.loras);
}

sdxl::GenerationRequest MainWindow::currentRequest() const {
  sdxl::GenerationRequest r;
  r.prompt = m_prompt->prompt().toStdString();
  r.negativePrompt = m_prompt->negativePrompt().toStdString();
  r.encodeEmptyNegative = m_prompt->encodeEmptyNegative();
  m_parameters->fill(r);
  m_source->fill(r); // after the size: the image is fitted to it
  r.optimizations = m_optimizations->options();
  r.memoryBudget = m_optimizations->budget();
  r.loras = m_loras->loras();
  r.loraFolder = m_modelsFolder.toStdString();
  return r;
}

void MainWindow::generate() {
  const auto request = currentRequest();
  try {
    sdxl::validate(request);
  } catch (const sdxl::Error& e) {
    onFailed(static_cast<int>(e.kind()), errorText(e));
    return;
  }
  auto queued = request;
  // The field keeps the seed of the run in progress until it ends; a request queued behind it
  // with the seed unlocked gets a fresh one of its own, as a later click would have.
  if (m_busy && !m_parameters->seedLocked()) {
    m_parameters->randomizeSeed();
    queued.seed = currentRequest().seed;
  }
  m_queue->enqueue(queued);
  if (QString::fromStdString(request.prompt).trimmed().isEmpty())
    statusBar()->showMessage(tr("The prompt is empty: the image comes from the seed (and the negative prompt) alone."), 8000);
  if (m_busy) {
    statusBar()->showMessage(tr("%n request(s) queued; they run when this one is done.", nullptr, m_queue->size()));
    return;
  }
  startNext();
}

void MainWindow::startNext() {
  const auto next = m_queue->takeNext();
  if (!next) return;
  const auto& request = *next;
  m_telemetry->clearSteps();
  m_telemetry->clearMemoryNotes();
  setBusy(true);
  m_progress->setRange(0, request.steps);
  m_progress->setValue(0);
  m_progress->setFormat(tr("starting…"));
  emit requestGeneration(request, m_worker->ticket());
}

void MainWindow::cancel() {
  if (!m_busy) return;
  m_droppedOnCancel = m_queue->size();
  m_queue->clear(); // Esc stops the run and what was waiting behind it
  m_worker->cancel();
  m_progress->setFormat(tr("cancelling…"));
}

void MainWindow::setBusy(bool busy) {
  m_busy = busy;
  m_cancel->setEnabled(busy);
  m_generate->setText(busy ? tr("Queue another") : tr("Generate"));
}

void MainWindow::chooseModel(const QString& spec) { useModel(ModelChoice::remembered(spec)); }

void MainWindow::useModel(const ModelChoice& choice) {
  m_model = choice;
  m_modelBar->setChoice(choice);
  m_modelBar->setStatus(tr("loading…"));
  m_modelLabel->setText(tr("loading %1…").arg(choice.displayName()));
  emit requestModel(choice);
}

void MainWindow::chooseModelFile() {
  const auto file = QFileDialog::getOpenFileName(this, tr("Choose an SDXL checkpoint"), m_modelsFolder,
                                                 tr("SDXL checkpoints (*.safetensors);;All files (*)"));
  if (!file.isEmpty()) chooseModel(file);
}

void MainWindow::chooseModelFolder() {
  const auto dir = QFileDialog::getExistingDirectory(this, tr("Choose an SDXL model folder (diffusers format)"), m_modelsFolder);
  if (!dir.isEmpty()) chooseModel(dir);
}

void MainWindow::chooseVaeFile() {
  const auto file = QFileDialog::getOpenFileName(this, tr("Choose a VAE for %1").arg(m_model.displayName()), m_modelsFolder,
                                                 tr("VAE (*.safetensors)"));
  if (file.isEmpty()) return;
  auto next = m_model;
  next.vae = file;
  useModel(next);
}

void MainWindow::chooseModelConfigs() {
  const auto dir = QFileDialog::getExistingDirectory(
      this, tr("Configs for a checkpoint not shaped like SDXL-base (a diffusers folder's config files)"), m_modelsFolder);
  if (dir.isEmpty()) return;
  auto next = m_model;
  next.configs = dir;
  useModel(next);
}

void MainWindow::setModelsFolder(const QString& folder, bool remember) {
  m_modelsFolder = folder;
  if (remember) QSettings().setValue(QStringLiteral("modelsFolder"), folder);
  rescanModels();
}

void MainWindow::rescanModels() {
  QApplication::setOverrideCursor(Qt::WaitCursor);
  m_library = sdxl::scanModelLibrary(m_modelsFolder.toStdString()); // headers only: quick even for a big folder
  QApplication::restoreOverrideCursor();
  m_modelBar->setLibrary(m_library, QSettings().value(QStringLiteral("recentModels")).toStringList());
  m_loras->setLibrary(m_library);
  m_parameters->setRefiners(m_library);
  const auto models = std::count_if(m_library.begin(), m_library.end(), [](const sdxl::LibraryEntry& e) {
    return e.kind == sdxl::LibraryEntry::Kind::Model && e.usable();
  });
  statusBar()->showMessage(tr("%n model(s) in %1", nullptr, int(models)).arg(m_modelsFolder), 5000);
}

void MainWindow::setOutputFolder(const QString& folder) {
  m_outputFolder = folder;
  m_gallery->setOutputFolder(folder);
  m_compare->setExportFolder(folder);
  m_grid->setExportFolder(folder);
  QMetaObject::invokeMethod(m_worker, "setOutputFolder", Qt::QueuedConnection, Q_ARG(QString, folder));
}

void MainWindow::onModelReady(const QString& description, bool randomWeights) {
  // The core's description names a folder or file; the built-in models' names are ours to translate.
  m_modelLabel->setText(m_model.source().isRandom() ? tr("%1: images are noise").arg(m_model.displayName()) : description);
  m_modelLabel->setStyleSheet(randomWeights ? QStringLiteral("color: #b9770e") : QString());
  m_modelLabel->setToolTip(m_model.spec);
  m_modelBar->setStatus(tr("ready"));
  rememberModel(m_model.spec);
  m_model.remember();
  m_lastWorkingModel = m_model;
  try {
    auto tokenizers = sdxl::loadModelTokenizers(m_model.source());
    m_prompt->setTokenizers(tokenizers.first, tokenizers.second);
  } catch (const sdxl::Error& e) {
    statusBar()->showMessage(errorText(e), 8000);
  }
}

void MainWindow::onModelFailed(const ModelChoice& choice, int kind, const QString& message) {
  m_lastError = message;
  showError(kind, message, QStringLiteral("modelErrorDialog"));
  if (!(choice == m_model)) return; // another choice came since: it stands
  if (m_lastWorkingModel.spec.isEmpty() || m_lastWorkingModel == choice) { // nothing to go back to: Generate tries again
    m_modelBar->setStatus(tr("not loaded"), message);
    m_modelLabel->setText(tr("%1 is not loaded: Generate tries again, or choose another model").arg(choice.displayName()));
    return;
  }
  useModel(m_lastWorkingModel);
  statusBar()->showMessage(tr("%1 could not be loaded; back to %2.").arg(choice.displayName(), m_lastWorkingModel.displayName()),
                           10000);
}

void MainWindow::showError(int kind, const QString& message, const QString& objectName) {
  auto* box = new QMessageBox(QMessageBox::Warning, tr("SDXL Studio"), message, QMessageBox::Ok, this);
  box->setInformativeText(hintFor(kind));
  box->setAttribute(Qt::WA_DeleteOnClose);
  box->setObjectName(objectName);
  box->open(); // not exec(): the app keeps working behind it
}

void MainWindow::onStage(int stage) {
  static const char* names[] = {QT_TR_NOOP("loading"), QT_TR_NOOP("encoding"), QT_TR_NOOP("denoising"),
                                QT_TR_NOOP("decoding"), QT_TR_NOOP("done")};
  const auto name = tr(names[stage]);
  m_telemetry->markStage(name);
  if (stage != static_cast<int>(sdxl::Stage::Done)) m_progress->setFormat(name);
}

void MainWindow::onStep(int step, int steps, double elapsed, const QImage& preview) {
  if (step == 1) {
    m_lastStepElapsed = 0;
    m_stepSeconds.clear();
  }
  m_stepSeconds << elapsed - m_lastStepElapsed;
  m_telemetry->addStep(step, elapsed - m_lastStepElapsed);
  m_lastStepElapsed = elapsed;
  const double rate = elapsed > 0 ? step / elapsed : 0;
  m_progress->setRange(0, steps);
  m_progress->setValue(step);
  m_progress->setFormat(tr("step %1/%2 · %3 it/s · %4 s left")
                            .arg(step)
                            .arg(steps)
                            .arg(rate, 0, 'f', 2)
                            .arg(secondsLeft(m_stepSeconds, steps), 0, 'f', 1));
  if (!preview.isNull())
    m_image->setPixmap(QPixmap::fromImage(preview).scaled(m_image->size(), Qt::KeepAspectRatio, Qt::FastTransformation));
}

void MainWindow::onFinished(const sdxl::GenerationRequest&, const QVector<sdxl::ui::FinishedImage>& images,
                            const sdxl::ui::GenerationStats& stats, const QStringList& saveErrors) {
  for (const auto& image : images) m_gallery->add(image.image, image.path, image.parameters, image.json);
  m_telemetry->runFinished(stats.totalSeconds, stats.peakAllocatedGB);
  m_progress->setValue(m_progress->maximum());
  // Short enough for the bar at its narrowest; the stages in its tooltip and the status bar.
  m_progress->setFormat(tr("done in %1 s").arg(stats.totalSeconds, 0, 'f', 2));
  const auto stages = tr("done in %1 s (encode %2, denoise %3, decode %4)")
                          .arg(stats.totalSeconds, 0, 'f', 2)
                          .arg(stats.encodeSeconds, 0, 'f', 2)
                          .arg(stats.denoiseSeconds, 0, 'f', 2)
                          .arg(stats.decodeSeconds, 0, 'f', 2);
  m_progress->setToolTip(stages);
  statusBar()->showMessage(stages, 10000);
  setBusy(false);
  if (!saveErrors.isEmpty()) {
    m_lastError = tr("%n image(s) could not be saved; they are in the gallery (Save as… writes them elsewhere).", nullptr,
                     int(std::count_if(images.begin(), images.end(), [](const auto& i) { return i.path.isEmpty(); }))) +
                  QLatin1Char('\n') + saveErrors.join(QLatin1Char('\n'));
    auto* box = new QMessageBox(QMessageBox::Warning, tr("SDXL Studio"), m_lastError, QMessageBox::Ok, this);
    box->setInformativeText(tr("Choose another output folder in the File menu."));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setObjectName(QStringLiteral("saveErrorDialog"));
    box->open();
  }
  if (m_queue->isEmpty()) m_parameters->nextSeed(); // the next run gets a fresh seed unless it is locked
  emit generationFinished();
  if (m_quitWhenDone) {
    m_closeConfirmed = true;
    close();
    return;
  }
  if (m_queue->isEmpty() && applyPendingLanguage()) return;
  startNext();
}

void MainWindow::onFailed(int kind, const QString& message) {
  m_lastError = message;
  if (m_benchmarking) {
    m_benchmarking = false;
    m_compare->runFailed(message);
  }
  const bool wasBusy = m_busy;
  setBusy(false);
  if (kind == static_cast<int>(sdxl::ErrorKind::Cancelled)) {
    m_progress->setFormat(tr("cancelled"));
    statusBar()->showMessage(m_droppedOnCancel > 0
                                 ? tr("Cancelled, and %n queued request(s) with it.", nullptr, m_droppedOnCancel)
                                 : tr("Cancelled."),
                             8000);
    m_droppedOnCancel = 0;
  } else {
    m_progress->setFormat(tr("failed"));
    showError(kind, message);
  }
  emit generationFailed();
  if (m_quitWhenDone) {
    m_closeConfirmed = true;
    close();
    return;
  }
  if (m_queue->isEmpty() && applyPendingLanguage()) return;
  if (wasBusy) startNext();
}

void MainWindow::showAbout() {
  QMessageBox::about(this, tr("About SDXL Studio"),
                     tr("<h3>SDXL Studio %1</h3><p>Stable Diffusion XL, and what each optimization costs and buys.</p>"
                        "<p>Qt %2<br>LibTorch %3<br>%4<br>%5</p>")
                         .arg(QString::fromStdString(sdxl::studioVersion()), QString::fromLatin1(qVersion()),
                              QString::fromStdString(sdxl::torchVersion()), deviceStatusText(),
                              QString::fromStdString(sdxl::deviceDescription())));
}

void MainWindow::rememberModel(const QString& spec) {
  QSettings settings;
  auto recent = settings.value(QStringLiteral("recentModels")).toStringList();
  recent.removeAll(spec);
  recent.prepend(spec);
  while (recent.size() > kMaxRecent) recent.removeLast();
  settings.setValue(QStringLiteral("recentModels"), recent);
  settings.setValue(QStringLiteral("model"), spec);
  rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu() {
  m_recentMenu->clear();
  for (const auto& spec : QSettings().value(QStringLiteral("recentModels")).toStringList())
    m_recentMenu->addAction(ModelChoice::displayName(spec), this, [this, spec] { chooseModel(spec); })->setStatusTip(spec);
  m_recentMenu->setEnabled(!m_recentMenu->isEmpty());
}

void MainWindow::loadSettings() {
  QSettings settings;
  if (!settings.contains(QStringLiteral("geometry"))) resize(1400, 900);
  restoreGeometry(settings.value(QStringLiteral("geometry")).toByteArray());
  restoreState(settings.value(QStringLiteral("windowState")).toByteArray());
  m_prompt->setPrompts(settings.value(QStringLiteral("prompt")).toString(), settings.value(QStringLiteral("negative")).toString());
  const auto saved = settings.value(QStringLiteral("request")).toString();
  bool restored = false;
  if (!saved.isEmpty()) {
    try {
      applyRequest(sdxl::requestFromJson(saved.toStdString()), /*lockSeed=*/false);
      restored = true;
    } catch (const sdxl::Error&) { // settings from another version: this device's defaults
    }
  }
  if (!restored) { // a first run: what this device does well, and why
    const auto defaults = defaultsForThisDevice();
    applyRequest(defaults.request, /*lockSeed=*/false);
    statusBar()->showMessage(defaults.why, 20000);
    m_firstRunNote = defaults.why;
  }
  const auto pictures = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
  setOutputFolder(settings.value(QStringLiteral("outputFolder"), pictures + QStringLiteral("/SDXL Studio")).toString());
  m_parameters->setSeedLocked(settings.value(QStringLiteral("seedLocked"), false).toBool());
  rebuildRecentMenu();
  setModelsFolder(settings.value(QStringLiteral("modelsFolder"), QString::fromStdString(sdxl::defaultModelsFolder().string()))
                      .toString(),
                  false);
  chooseModel(settings.value(QStringLiteral("model"), QStringLiteral("builtin:tiny")).toString());
  if (!m_firstRunNote.isEmpty()) statusBar()->showMessage(m_firstRunNote, 20000); // after the folder's count
}

void MainWindow::saveSettings() const {
  QSettings settings;
  settings.setValue(QStringLiteral("geometry"), saveGeometry());
  settings.setValue(QStringLiteral("windowState"), saveState());
  settings.setValue(QStringLiteral("prompt"), m_prompt->prompt());
  settings.setValue(QStringLiteral("negative"), m_prompt->negativePrompt());
  settings.setValue(QStringLiteral("request"), QString::fromStdString(sdxl::requestToJson(currentRequest(), "", 0)));
  settings.setValue(QStringLiteral("outputFolder"), m_outputFolder);
  settings.setValue(QStringLiteral("seedLocked"), m_parameters->seedLocked());
}

namespace {
QString droppedPng(const QMimeData* mime) {
  if (!mime || !mime->hasUrls() || mime->urls().size() != 1) return {};
  const auto path = mime->urls().first().toLocalFile();
  return path.endsWith(QStringLiteral(".png"), Qt::CaseInsensitive) ? path : QString();
}
} // namespace

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
  if (!droppedPng(event->mimeData()).isEmpty()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
  const auto path = droppedPng(event->mimeData());
  if (path.isEmpty()) return;
  event->acceptProposedAction();
  restoreParametersFrom(path);
}

bool MainWindow::restoreParametersFrom(const QString& pngPath) {
  const auto name = QFileInfo(pngPath).fileName();
  std::map<std::string, std::string> text;
  try {
    sdxl::loadPng(pngPath.toStdString(), &text);
  } catch (const sdxl::Error& e) {
    statusBar()->showMessage(tr("%1 could not be read: %2").arg(name, errorText(e)), 10000);
    return false;
  }
  const auto restored = sdxl::parametersFromPngText(text);
  if (!restored) {
    statusBar()->showMessage(
        tr("%1 holds no generation parameters. To start from the picture itself, drop it on the Image tab.").arg(name), 10000);
    return false;
  }
  auto request = restored->request;
  if (restored->madeBy != "SDXL Studio") { // another tool's switches are not ours: the person's stay
    const auto current = currentRequest();
    request.optimizations = current.optimizations;
    request.memoryBudget = current.memoryBudget;
    request.encodeEmptyNegative = true; // A1111, ComfyUI and Fooocus encode an empty negative prompt
  }
  try {
    sdxl::validate(request);
  } catch (const sdxl::Error& e) { // a saved request this build refuses: said, and nothing changed
    statusBar()->showMessage(tr("The parameters of %1 cannot be used here: %2").arg(name, errorText(e)),
                             10000);
    return false;
  }
  m_prompt->setPrompts(QString::fromStdString(request.prompt), QString::fromStdString(request.negativePrompt));
  applyRequest(request); // the seed locked: the same picture again
  QStringList notes;
  for (const auto& note : restored->notes) notes << QString::fromStdString(note);
  if (!restored->model.empty() && QString::fromStdString(restored->model) != m_model.displayName())
    notes << tr("it was made with the model %1").arg(QString::fromStdString(restored->model));
  const auto said = notes.isEmpty() ? tr("Parameters of %1 (made by %2) restored; the seed is locked.")
                                          .arg(name, QString::fromStdString(restored->madeBy))
                                    : tr("Parameters of %1 (made by %2) restored; the seed is locked. Left as they were: %3.")
                                          .arg(name, QString::fromStdString(restored->madeBy), notes.join(QStringLiteral("; ")));
  statusBar()->showMessage(said, 15000);
  m_lastError.clear();
  return true;
}

void MainWindow::closeEvent(QCloseEvent* event) {
  // A run in progress is a person's images: closing asks before dropping them.
  if (m_busy && !m_closeConfirmed) {
    event->ignore();
    if (findChild<QMessageBox*>(QStringLiteral("closeWhileRunning"))) return;
    auto* box = new QMessageBox(QMessageBox::Question, tr("SDXL Studio"),
                                m_queue->isEmpty() ? tr("A generation is running. Quit when it is done, or cancel it and quit now?")
                                                  : tr("A generation is running and %n more are queued. Quit when this one is "
                                                       "done, or cancel them and quit now?",
                                                       nullptr, m_queue->size()),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("closeWhileRunning"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    auto* wait = box->addButton(tr("Quit when done"), QMessageBox::AcceptRole);
    wait->setObjectName(QStringLiteral("quitWhenDone"));
    auto* now = box->addButton(tr("Cancel and quit"), QMessageBox::DestructiveRole);
    now->setObjectName(QStringLiteral("cancelAndQuit"));
    box->addButton(tr("Keep working"), QMessageBox::RejectRole)->setObjectName(QStringLiteral("keepWorking"));
    connect(box, &QMessageBox::buttonClicked, this, [this, wait, now](QAbstractButton* button) {
      if (button == wait) {
        m_queue->clear(); // the run in progress finishes and is saved; what waited behind it is not started
        m_quitWhenDone = true;
        m_progress->setFormat(tr("quitting when done…"));
      } else if (button == now) {
        m_closeConfirmed = true;
        close();
      }
    });
    box->open();
    return;
  }
  saveSettings();
  // Stop a run in progress (within one step), then let the worker's thread end cleanly.
  m_queue->clear();
  m_worker->cancel();
  m_thread.quit();
  m_thread.wait();
  event->accept();
}

} // namespace sdxl::ui
