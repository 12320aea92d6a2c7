// The studio's main flows, through the real widgets, with the built-in tiny model on the CPU,
// offscreen. Screenshots go to $SDXL_SCREENSHOT_DIR when it is set.
#include "compare_view.h"
#include "gallery_panel.h"
#include "language.h"
#include "main_window.h"
#include "optimizations_panel.h"
#include "seed_spin_box.h"
#include "telemetry_panel.h"

#include <qcustomplot.h>

#include "sdxl/image.h"
#include "sdxl/metadata.h"
#include "sdxl/telemetry.h"

#include <QDialog>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

using sdxl::ui::MainWindow;

class TestStudio final : public QObject {
  Q_OBJECT

  QTemporaryDir m_output;

  void screenshot(QWidget& widget, const QString& name) {
    const auto dir = qEnvironmentVariable("SDXL_SCREENSHOT_DIR");
    if (!dir.isEmpty()) QVERIFY(widget.grab().save(dir + QLatin1Char('/') + name, "PNG"));
  }

  // A window with a tiny, fast request prepared.
  std::unique_ptr<MainWindow> window(int steps = 3, int size = 64) {
    auto w = std::make_unique<MainWindow>();
    w->setOutputFolder(m_output.path());
    w->findChild<QPlainTextEdit*>(QStringLiteral("prompt"))->setPlainText(QStringLiteral("a lighthouse in a storm, oil painting"));
    w->findChild<QSpinBox*>(QStringLiteral("steps"))->setValue(steps);
    w->findChild<QSpinBox*>(QStringLiteral("width"))->setValue(size);
    w->findChild<QSpinBox*>(QStringLiteral("height"))->setValue(size);
    auto* precision = w->findChild<QComboBox*>(QStringLiteral("precision"));
    precision->setCurrentIndex(precision->findText(QStringLiteral("fp32"))); // fp16 matmuls are slow on CPUs
    w->show();
    w->activateWindow();
    if (!QTest::qWaitForWindowActive(w.get())) qWarning("window not active: shortcuts may not reach it");
    return w;
  }

private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true); // settings of the tests never touch the user's
    QCoreApplication::setOrganizationName(QStringLiteral("SDXL Studio Tests"));
    QCoreApplication::setApplicationName(QStringLiteral("SDXL Studio Tests"));
    QSettings().clear();
    QSettings().setValue(QStringLiteral("model"), QStringLiteral("builtin:tiny"));
  }

  void windowOpensWithItsParts() {
    auto w = window();
    QVERIFY(QTest::qWaitForWindowExposed(w.get()));
    QVERIFY(w->findChild<QDockWidget*>(QStringLiteral("TelemetryDock")));
    QVERIFY(w->findChild<QWidget*>(QStringLiteral("vramPlot")));
    QTRY_VERIFY_WITH_TIMEOUT(w->findChild<QLabel*>(QStringLiteral("modelLabel"))->text().contains(QStringLiteral("random weights")), 20000);
    QTRY_VERIFY(w->findChild<QLabel*>(QStringLiteral("promptTokenCount"))->text().contains(QStringLiteral("of 75")));
    screenshot(*w, QStringLiteral("main-window-idle.png"));
  }

  void tokenCountShowsChunksAndHighlightsWeights() {
    auto w = window();
    auto* count = w->findChild<QLabel*>(QStringLiteral("promptTokenCount"));
    QTRY_VERIFY_WITH_TIMEOUT(count->text().contains(QStringLiteral("of 75")), 20000);
    auto* prompt = w->findChild<QPlainTextEdit*>(QStringLiteral("prompt"));
    prompt->setPlainText(QStringLiteral("cat ").repeated(90) + QStringLiteral("(富士山:1.3) <lora:grain:0.8> [fog]"));
    QVERIFY2(count->text().contains(QStringLiteral("CLIP ViT-L 99")), qPrintable(count->text())); // 90 cats, 8 for 富士山, fog
    QVERIFY(count->text().contains(QStringLiteral("2 chunk(s) of 75")));
    const auto marks = prompt->extraSelections();
    QCOMPARE(marks.size(), 3); // the two weighted pieces and the tag
    QStringList marked;
    for (const auto& m : marks) marked << m.cursor.selectedText();
    QCOMPARE(marked, (QStringList{QStringLiteral("富士山"), QStringLiteral("fog"), QStringLiteral("<lora:grain:0.8>")}));
    QCOMPARE(marks[0].format.toolTip(), QStringLiteral("weight 1.3"));
  }

  void generateShowsTheImageInTheGalleryWithItsParameters() {
    auto w = window();
    QSignalSpy done(w.get(), &MainWindow::generationFinished);
    QTest::mouseClick(w->findChild<QPushButton*>(QStringLiteral("generate")), Qt::LeftButton);
    QVERIFY(done.wait(60000));
    auto* gallery = w->findChild<QListWidget*>(QStringLiteral("gallery"));
    QCOMPARE(gallery->count(), 1);
    QVERIFY(gallery->item(0)->toolTip().contains(QStringLiteral("Steps: 3, Sampler: Euler")));
    QVERIFY(QFile::exists(QDir(m_output.path()).filePath(gallery->item(0)->text())));
    QVERIFY(!w->isBusy());
  }

  void aVramBudgetShowsItsPlanAndTheImageRecordsIt() {
    auto w = window();
    auto* budget = w->findChild<QComboBox*>(QStringLiteral("vramBudget"));
    budget->setCurrentIndex(budget->findData(QStringLiteral("auto")));
    QCOMPARE(w->currentRequest().memoryBudget.mode, sdxl::MemoryBudget::Mode::Auto);
    QSignalSpy done(w.get(), &MainWindow::generationFinished);
    QTest::mouseClick(w->findChild<QPushButton*>(QStringLiteral("generate")), Qt::LeftButton);
    QVERIFY(done.wait(60000));
    auto* plan = w->findChild<QLabel*>(QStringLiteral("memoryPlan"));
    QVERIFY(plan->isVisibleTo(w.get()));
    QVERIFY2(plan->text().contains(QStringLiteral("memory budget auto")), qPrintable(plan->text()));
    auto* telemetry = w->findChild<sdxl::ui::TelemetryPanel*>();
    QVERIFY(telemetry->budgetLine() && telemetry->budgetLine()->visible());
    auto* gallery = w->findChild<QListWidget*>(QStringLiteral("gallery"));
    std::map<std::string, std::string> text;
    sdxl::loadPng(QDir(m_output.path()).filePath(gallery->item(0)->text()).toStdString(), &text);
    const auto saved = sdxl::requestFromJson(text.at("sdxl-studio"));
    QCOMPARE(saved.memoryBudget.mode, sdxl::MemoryBudget::Mode::Auto);
    QVERIFY(!saved.memoryNotes.empty());
    // Reused parameters bring the budget back, a size not in the list included.
    auto* panel = w->findChild<sdxl::ui::OptimizationsPanel*>();
    panel->setBudget(sdxl::MemoryBudget::gib(5.5));
    QCOMPARE(w->currentRequest().memoryBudget, sdxl::MemoryBudget::gib(5.5));
    panel->setBudget(saved.memoryBudget);
    QCOMPARE(w->currentRequest().memoryBudget.mode, sdxl::MemoryBudget::Mode::Auto);
    // The next run without a budget clears the plan.
    budget->setCurrentIndex(budget->findData(QStringLiteral("off")));
    QTest::mouseClick(w->findChild<QPushButton*>(QStringLiteral("generate")), Qt::LeftButton);
    QVERIFY(done.wait(60000));
    QVERIFY(!plan->isVisibleTo(w.get()));
    QVERIFY(!telemetry->budgetLine()->visible());
  }

  void aFallbackIsShownInTheWindowAndTheImageIsKept() {
    sdxl::setMemoryLimit(std::nullopt, false); // counts the CPU's tensors from here
    auto w = window(2, 256);
    w->findChild<QSpinBox*>(QStringLiteral("images"))->setValue(4);
    QSignalSpy done(w.get(), &MainWindow::generationFinished);
    QTest::mouseClick(w->findChild<QPushButton*>(QStringLiteral("generate")), Qt::LeftButton);
    QVERIFY(done.wait(60000));
    const auto fullPeak = sdxl::sampleMemory().peakAllocated; // weights and the whole batch's decode
    sdxl::setMemoryLimit(fullPeak * 8 / 10, false);            // the decode of four images no longer fits
    QTest::mouseClick(w->findChild<QPushButton*>(QStringLiteral("generate")), Qt::LeftButton);
    const bool finished = done.wait(60000);
    sdxl::setMemoryLimit(std::nullopt, false);
    QVERIFY2(finished, qPrintable(w->lastError()));
    auto* plan = w->findChild<QLabel*>(QStringLiteral("memoryPlan"));
    QVERIFY2(plan->text().contains(QStringLiteral("while decoding")), qPrintable(plan->text()));
    QCOMPARE(w->findChild<QListWidget*>(QStringLiteral("gallery"))->count(), 8);
  }

  void switchesReachTheRequestTheWorkerReceives() {
    auto w = window();
    QSignalSpy sent(w.get(), &MainWindow::requestGeneration);
    QSignalSpy done(w.get(), &MainWindow::generationFinished);
    w->findChild<QCheckBox*>(QStringLiteral("vaeSlicing"))->setChecked(true);
    w->findChild<QCheckBox*>(QStringLiteral("cacheEmbeddings"))->setChecked(true);
    w->findChild<QCheckBox*>(QStringLiteral("freeEncoders"))->setChecked(true);
    w->findChild<QCheckBox*>(QStringLiteral("tinyVae"))->setChecked(true);
    w->findChild<QCheckBox*>(QStringLiteral("fp32Vae"))->setChecked(true);
    QCOMPARE(w->currentRequest().seedMode, sdxl::SeedMode::PerImage); // the studio's default
    w->findChild<QSpinBox*>(QStringLiteral("clipSkip"))->setValue(2);
    auto* emphasis = w->findChild<QComboBox*>(QStringLiteral("emphasis"));
    emphasis->setCurrentIndex(emphasis->findData(static_cast<int>(sdxl::Emphasis::Comfy)));
    auto* seedMode = w->findChild<QComboBox*>(QStringLiteral("seedMode"));
    seedMode->setCurrentIndex(seedMode->findData(static_cast<int>(sdxl::SeedMode::Batch)));
    auto* attention = w->findChild<QComboBox*>(QStringLiteral("attention"));
    attention->setCurrentIndex(1); // default (materialised)
    w->findChild<QSpinBox*>(QStringLiteral("images"))->setValue(2);
    QTest::keyClick(w->findChild<QPlainTextEdit*>(QStringLiteral("prompt")), Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(sent.count(), 1);
    const auto request = sent.first().first().value<sdxl::GenerationRequest>();
    QVERIFY(request.optimizations.vaeSlicing);
    QVERIFY(request.optimizations.cachePromptEmbeddings && request.optimizations.freeTextEncoders);
    QVERIFY(request.optimizations.tinyAutoencoder);
    QVERIFY(request.optimizations.fp32Vae);
    QCOMPARE(request.optimizations.attention, sdxl::Attention::Default);
    QCOMPARE(request.optimizations.precision, sdxl::Precision::FP32);
    QCOMPARE(request.images, 2);
    QCOMPARE(request.clipSkip, 2);
    QCOMPARE(request.emphasis, sdxl::Emphasis::Comfy);
    QCOMPARE(request.seedMode, sdxl::SeedMode::Batch);
    QVERIFY(done.wait(60000));
    QCOMPARE(w->findChild<QListWidget*>(QStringLiteral("gallery"))->count(), 2);
  }

  void aReusedSeedOf64BitsGivesTheSameImage() {
    auto w = window();
    constexpr quint64 seed = (quint64{1} << 63) + 12345; // far past the INT_MAX of a QSpinBox
    auto* field = w->findChild<sdxl::ui::SeedSpinBox*>(QStringLiteral("seed"));
    field->setValue(seed);
    w->findChild<QCheckBox*>(QStringLiteral("lockSeed"))->setChecked(true);
    QCOMPARE(w->currentRequest().seed, seed);
    QSignalSpy done(w.get(), &MainWindow::generationFinished);
    QTest::mouseClick(w->findChild<QPushButton*>(QStringLiteral("generate")), Qt::LeftButton);
    QVERIFY(done.wait(60000));
    auto* gallery = w->findChild<sdxl::ui::GalleryPanel*>();
    QVERIFY(gallery->list()->item(0)->toolTip().contains(QStringLiteral("Seed: %1,").arg(seed)));
    const auto imageOf = [&](int row) { return gallery->list()->item(row)->data(Qt::UserRole + 1).value<QImage>(); };
    const auto first = imageOf(0);
    field->setValue(1); // reuse must bring the seed back, not keep what the field shows
    gallery->list()->setCurrentRow(0);
    gallery->reuseSelected();
    QCOMPARE(field->value(), seed);
    QCOMPARE(w->currentRequest().seed, seed);
    QTest::mouseClick(w->findChild<QPushButton*>(QStringLiteral("generate")), Qt::LeftButton);
    QVERIFY(done.wait(60000));
    QCOMPARE(imageOf(0), first);
    QCOMPARE(field->value(), seed); // locked
  }

  void presetsSetTheSwitchesTogether() {
    auto w = window();
    auto* presets = w->findChild<QComboBox*>(QStringLiteral("optimizationPreset"));
    auto* fp32Vae = w->findChild<QCheckBox*>(QStringLiteral("fp32Vae"));
    auto* slicing = w->findChild<QCheckBox*>(QStringLiteral("vaeSlicing"));
    using Preset = sdxl::ui::OptimizationsPanel::Preset;
    emit presets->activated(presets->findData(static_cast<int>(Preset::AsDiffusers))); // diffusers decodes in fp32
    QVERIFY(fp32Vae->isChecked());
    QVERIFY(!slicing->isChecked());
    emit presets->activated(presets->findData(static_cast<int>(Preset::LeastVram)));
    QVERIFY(!fp32Vae->isChecked());
    QVERIFY(slicing->isChecked());
    QCOMPARE(w->findChild<QComboBox*>(QStringLiteral("offload"))->currentData().toInt(),
             static_cast<int>(sdxl::sampleMemory().cuda ? sdxl::Offload::Sequential : sdxl::Offload::None));
  }

  void gpuOnlySwitchesAreOffOnACpuAndSayWhy() {
    if (sdxl::sampleMemory().cuda) QSKIP("a CUDA device is present");
    auto w = window();
    auto* compile = w->findChild<QCheckBox*>(QStringLiteral("compile"));
    auto* offload = w->findChild<QComboBox*>(QStringLiteral("offload"));
    QVERIFY(!compile->isEnabled() && !offload->isEnabled());
    QVERIFY(compile->toolTip().contains(QStringLiteral("no CUDA GPU")));
    auto* presets = w->findChild<QComboBox*>(QStringLiteral("optimizationPreset"));
    using Preset = sdxl::ui::OptimizationsPanel::Preset;
    emit presets->activated(presets->findData(static_cast<int>(Preset::Fastest)));
    QVERIFY(!w->currentRequest().optimizations.compile);
    emit presets->activated(presets->findData(static_cast<int>(Preset::LeastVram)));
    QCOMPARE(w->currentRequest().optimizations.offload, sdxl::Offload::None);
    QVERIFY(w->currentRequest().optimizations.vaeSlicing); // what a CPU can do of the preset stays
  }

  void cancelStopsTheRunAndTheNextOneWorks() {
    auto w = window(200, 256);
    QSignalSpy failed(w.get(), &MainWindow::generationFailed);
    QSignalSpy done(w.get(), &MainWindow::generationFinished);
    QTest::mouseClick(w->findChild<QPushButton*>(QStringLiteral("generate")), Qt::LeftButton);
    auto* progress = w->findChild<QProgressBar*>(QStringLiteral("progress"));
    QTRY_VERIFY_WITH_TIMEOUT(progress->value() >= 2, 60000);
    screenshot(*w, QStringLiteral("main-window-generating.png"));
    QTest::keyClick(w.get(), Qt::Key_Escape);
    QVERIFY(failed.wait(30000));
    QVERIFY(!w->isBusy());
    QVERIFY(progress->value() < 200);
    QCOMPARE(w->findChild<QListWidget*>(QStringLiteral("gallery"))->count(), 0);
    w->findChild<QSpinBox*>(QStringLiteral("steps"))->setValue(2);
    w->findChild<QSpinBox*>(QStringLiteral("width"))->setValue(64);
    w->findChild<QSpinBox*>(QStringLiteral("height"))->setValue(64);
    QTest::mouseClick(w->findChild<QPushButton*>(QStringLiteral("generate")), Qt::LeftButton);
    QVERIFY(done.wait(60000));
  }

  void cancelSaysWhatItTookWithIt() {
    auto w = window(200, 256);
    QSignalSpy failed(w.get(), &MainWindow::generationFailed);
    QTest::mouseClick(w->findChild<QPushButton*>(QStringLiteral("generate")), Qt::LeftButton);
    QTest::mouseClick(w->findChild<QPushButton*>(QStringLiteral("generate")), Qt::LeftButton);
    QCOMPARE(w->queuedRequests(), 1);
    auto* progress = w->findChild<QProgressBar*>(QStringLiteral("progress"));
    QTRY_VERIFY_WITH_TIMEOUT(progress->value() >= 1, 60000);
    QTest::keyClick(w.get(), Qt::Key_Escape);
    QVERIFY(failed.wait(30000));
    QVERIFY2(w->statusBar()->currentMessage().contains(QStringLiteral("1 queued")), qPrintable(w->statusBar()->currentMessage()));
    QCOMPARE(w->queuedRequests(), 0);
  }

  void anEmptyPromptIsSaidNotSilent() {
    auto w = window(2, 64);
    w->findChild<QPlainTextEdit*>(QStringLiteral("prompt"))->setPlainText(QStringLiteral("  "));
    QSignalSpy done(w.get(), &MainWindow::generationFinished);
    QTest::mouseClick(w->findChild<QPushButton*>(QStringLiteral("generate")), Qt::LeftButton);
    QVERIFY(w->statusBar()->currentMessage().contains(QStringLiteral("prompt is empty")));
    QVERIFY(done.wait(60000)); // and it still generates, as A1111 and ComfyUI do
  }

  void galleryActionsWaitForAnImage() {
    auto w = window(2, 64);
    const auto actions = w->findChildren<QPushButton*>(QStringLiteral("galleryAction"));
    QCOMPARE(actions.size(), 6);
    for (auto* b : actions) QVERIFY2(!b->isEnabled(), qPrintable(b->text()));
    QSignalSpy done(w.get(), &MainWindow::generationFinished);
    QTest::mouseClick(w->findChild<QPushButton*>(QStringLiteral("generate")), Qt::LeftButton);
    QVERIFY(done.wait(60000));
    for (auto* b : actions) QVERIFY2(b->isEnabled(), qPrintable(b->text()));
    // The viewer's zoom has a label, shows its value and answers the usual shortcuts.
    QString shown;
    QTimer::singleShot(200, [&] {
      auto* dialog = qobject_cast<QDialog*>(QApplication::activeModalWidget());
      if (!dialog) return;
      auto* percent = dialog->findChild<QLabel*>(QStringLiteral("zoomPercent"));
      QTest::keyClick(dialog, Qt::Key_Plus, Qt::ControlModifier);
      shown = percent->text();
      dialog->reject();
    });
    QTest::mouseClick(actions.first(), Qt::LeftButton); // View
    QCOMPARE(shown, QStringLiteral("125 %"));
  }

  void aSecondGenerateIsQueuedNotLost() {
    auto w = window(6, 128);
    QSignalSpy done(w.get(), &MainWindow::generationFinished);
    QTest::mouseClick(w->findChild<QPushButton*>(QStringLiteral("generate")), Qt::LeftButton);
    QTest::mouseClick(w->findChild<QPushButton*>(QStringLiteral("generate")), Qt::LeftButton);
    QCOMPARE(w->queuedRequests(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 2, 120000);
    QCOMPARE(w->findChild<QListWidget*>(QStringLiteral("gallery"))->count(), 2);
  }

  void theEventLoopAnswersWithin50msWhileGenerating() {
    auto w = window(60, 256);
    QTest::qWait(300); // the window's first paint is not what this measures
    QSignalSpy done(w.get(), &MainWindow::generationFinished);
    QTest::mouseClick(w->findChild<QPushButton*>(QStringLiteral("generate")), Qt::LeftButton);
    QElapsedTimer clock;
    qint64 last = 0, worst = 0;
    int ticks = 0;
    QTimer probe;
    probe.setInterval(10);
    connect(&probe, &QTimer::timeout, this, [&] {
      if (!clock.isValid()) { // measure between ticks, from the first one on
        clock.start();
        return;
      }
      const auto now = clock.elapsed();
      if (now - last > 40) qInfo("gap of %lld ms at %lld ms", static_cast<long long>(now - last), static_cast<long long>(now));
      worst = std::max(worst, now - last);
      last = now;
      ++ticks;
    });
    probe.start();
    QVERIFY(done.wait(120000));
    probe.stop();
    qInfo("event loop: %d ticks during generation, worst gap %lld ms", ticks, static_cast<long long>(worst));
    QVERIFY(ticks > 20);
    QVERIFY2(worst - 10 <= 50, qPrintable(QStringLiteral("the UI was blocked for %1 ms").arg(worst)));
  }

  void compareViewRunsTwoConfigurationsAndFillsItsTable() {
    auto w = window();
    auto* compare = w->findChild<sdxl::ui::CompareView*>();
    // fp32 both: fp16 matmuls crawl on CPUs, and bf16 ones too without AVX-512 (minutes where fp32 takes seconds)
    compare->checkOnly({QStringLiteral("fp32_default_attn"), QStringLiteral("fp32")});
    QSignalSpy shown(w->worker(), &sdxl::ui::GenerationWorker::benchmarkFinished);
    w->findChild<QTabWidget*>(QStringLiteral("mainTabs"))->setCurrentIndex(1);
    QTest::mouseClick(compare->runButton(), Qt::LeftButton);
    QVERIFY(shown.wait(180000));
    auto* table = compare->table();
    QTRY_COMPARE(table->rowCount(), 2);
    QCOMPARE(table->item(0, 0)->text(), QStringLiteral("fp32_default_attn"));
    QVERIFY(table->item(1, 1)->text().toDouble() > 0);
    QVERIFY(table->item(1, 8)->text().endsWith(QStringLiteral("×")));
    QTemporaryDir dir;
    QVERIFY(compare->exportCsv(dir.filePath(QStringLiteral("c.csv"))));
    QVERIFY(compare->exportJson(dir.filePath(QStringLiteral("c.json"))));
    QVERIFY(compare->exportPng(dir.filePath(QStringLiteral("c.png"))));
    QFile csv(dir.filePath(QStringLiteral("c.csv")));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    QCOMPARE(csv.readAll().count('\n'), 3);
    screenshot(*w, QStringLiteral("compare-view.png"));
  }

  void closingDuringARunExitsCleanly() {
    auto w = window(500, 256);
    QTest::mouseClick(w->findChild<QPushButton*>(QStringLiteral("generate")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(w->findChild<QProgressBar*>(QStringLiteral("progress"))->value() >= 1, 60000);
    QElapsedTimer clock;
    clock.start();
    QVERIFY(w->close());
    w.reset();
    QVERIFY2(clock.elapsed() < 10000, "closing waited for the whole run");
  }

  void japaneseStringsLoad() {
    QCOMPARE(sdxl::ui::installLanguage(QStringLiteral("ja")), QStringLiteral("ja"));
    auto w = window();
    QCOMPARE(w->findChild<QPushButton*>(QStringLiteral("generate"))->text(), QStringLiteral("生成"));
    QTRY_VERIFY_WITH_TIMEOUT(w->findChild<QLabel*>(QStringLiteral("promptTokenCount"))->text().startsWith(QStringLiteral("トークン数")), 20000);
    w->findChild<QPlainTextEdit*>(QStringLiteral("prompt"))->setPlainText(QStringLiteral("桜の木の下の猫、水彩画"));
    screenshot(*w, QStringLiteral("main-window-japanese.png"));
    QCOMPARE(sdxl::ui::installLanguage(QStringLiteral("en")), QStringLiteral("en"));
  }
};

QTEST_MAIN(TestStudio)
#include "test_studio.moc"
