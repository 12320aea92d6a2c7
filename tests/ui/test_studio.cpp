// The studio's main flows, through the real widgets, with the built-in tiny model on the CPU,
// offscreen. Screenshots go to $SDXL_SCREENSHOT_DIR when it is set.
#include "compare_view.h"
#include "gallery_panel.h"
#include "grid_view.h"
#include "language.h"
#include "main_window.h"
#include "optimizations_panel.h"
#include "seed_spin_box.h"
#include "small_studio.h"
#include "device_defaults.h"
#include "studio_app.h"
#include "telemetry_panel.h"

#include <qcustomplot.h>

#include "sdxl/image.h"
#include "sdxl/png_parameters.h"
#include "sdxl/metadata.h"
#include "sdxl/telemetry.h"

#include <QDialog>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QMimeData>
#include <QUrl>
#include <QDir>
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
#include <QToolBar>
#include <QToolButton>
#include <QtTest>

using sdxl::ui::MainWindow;

class TestStudio final : public QObject {
  Q_OBJECT

  QTemporaryDir m_output;
  int m_windows = 0;

  void screenshot(QWidget& widget, const QString& name) {
    const auto dir = qEnvironmentVariable("SDXL_SCREENSHOT_DIR");
    QVERIFY(widget.grab().save(dir + QLatin1Char('/') + name, "PNG"));
  }

  // A window with a tiny, fast request prepared.
  std::unique_ptr<MainWindow> window(int steps = 3, int size = 64) {
    auto w = std::make_unique<MainWindow>();
    w->setOutputFolder(QDir(m_output.path()).filePath(QStringLiteral("window-%1").arg(++m_windows))); // its own: the gallery shows it
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
    QVERIFY(QFile::exists(QDir(w->outputFolder()).filePath(gallery->item(0)->text())));
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
    sdxl::loadPng(QDir(w->outputFolder()).filePath(gallery->item(0)->text()).toStdString(), &text);
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

  // Each stage's line and label go once they are off the memory chart: a day of runs does not
  // keep them all (every replot would draw them).
  void stageMarksOffTheChartAreDropped() {
    sdxl::ui::TelemetryPanel panel;
    const int before = panel.memoryPlot()->itemCount();
    for (const auto* stage : {"loading", "encoding", "denoising", "decoding", "done"}) panel.markStage(QString::fromLatin1(stage));
    QCOMPARE(panel.memoryPlot()->itemCount(), before + 10); // a line and a label each
    QTest::qWait(2100);
    panel.clearSteps(); // the next run: the chart starts 2 s before it
    QCOMPARE(panel.memoryPlot()->itemCount(), before);
  }

  // A run's stage labels, marked within moments of each other on a short chart (the 1024x700
  // window's), do not overlap: each at once, then paced as a fast run paces them, in Japanese; a
  // label with no room is hidden (its line stays), not drawn over another.
  void stageLabelsDoNotOverlap() {
    for (const int pause : {0, 150}) {
      sdxl::ui::TelemetryPanel panel;
      panel.resize(1000, pause ? 130 : 170);
      panel.show();
      QVERIFY(QTest::qWaitForWindowExposed(&panel));
      panel.memoryPlot()->replot();
      panel.clearSteps();
      const int before = panel.memoryPlot()->itemCount();
      for (const auto* stage : {"読み込み", "エンコード", "ノイズ除去", "デコード", "完了"}) {
        panel.markStage(QString::fromUtf8(stage));
        QTest::qWait(pause);
      }
      panel.memoryPlot()->replot();
      std::vector<QRectF> rects;
      for (int i = before; i < panel.memoryPlot()->itemCount(); ++i)
        if (auto* text = qobject_cast<QCPItemText*>(panel.memoryPlot()->item(i)); text && text->visible())
          rects.emplace_back(text->topLeft->pixelPosition(), text->bottomRight->pixelPosition());
      QVERIFY2(rects.size() >= (pause ? 3u : 5u), qPrintable(QString::number(rects.size()))); // hidden where no room
      for (std::size_t a = 0; a < rects.size(); ++a)
        for (std::size_t b = a + 1; b < rects.size(); ++b)
          QVERIFY2(!rects[a].intersects(rects[b]),
                   qPrintable(QStringLiteral("pause %1: labels %2 and %3 (x %4..%5 and %6..%7, y %8 and %9)")
                                  .arg(pause).arg(a).arg(b)
                                  .arg(rects[a].left()).arg(rects[a].right()).arg(rects[b].left()).arg(rects[b].right())
                                  .arg(rects[a].top()).arg(rects[b].top())));
    }
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
    const auto actions = w->findChildren<QAction*>(QStringLiteral("galleryAction"));
    QCOMPARE(actions.size(), 6);
    for (auto* b : actions) QVERIFY2(!b->isEnabled(), qPrintable(b->text()));
    QSignalSpy done(w.get(), &MainWindow::generationFinished);
    QTest::mouseClick(w->findChild<QPushButton*>(QStringLiteral("generate")), Qt::LeftButton);
    QVERIFY(done.wait(60000));
    for (auto* b : actions) QVERIFY2(b->isEnabled(), qPrintable(b->text()));
    // The usual keys on the gallery: Ctrl+C copies the chosen image.
    QApplication::clipboard()->clear();
    auto* gallery = w->findChild<QListWidget*>(QStringLiteral("gallery"));
    gallery->setFocus();
    QTest::keyClick(gallery, Qt::Key_C, Qt::ControlModifier);
    QTRY_VERIFY(!QApplication::clipboard()->image().isNull());
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
    actions.first()->trigger(); // View
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
    QSignalSpy firstRow(w->worker(), &sdxl::ui::GenerationWorker::benchmarkRow);
    w->findChild<QTabWidget*>(QStringLiteral("mainTabs"))->setCurrentIndex(1);
    QTest::mouseClick(compare->runButton(), Qt::LeftButton);
    QVERIFY(compare->progressBar()->isVisible()); // progress while it runs, not a frozen table
    QTRY_VERIFY_WITH_TIMEOUT(!firstRow.isEmpty(), 180000); // polled: emitted on the worker's thread
    QTRY_COMPARE(compare->table()->rowCount(), 1); // each row as soon as it is measured
    QCOMPARE(compare->baselineBox()->count(), 1);   // and the baseline list with it
    QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), 180000);
    auto* table = compare->table();
    QTRY_COMPARE(table->rowCount(), 2);
    QTRY_VERIFY(!compare->progressBar()->isVisible()); // the report has reached the window (queued)
    QCOMPARE(table->item(0, 0)->text(), QStringLiteral("fp32 · default attention")); // words, not snake_case ids
    QVERIFY(table->item(0, 0)->toolTip().contains(QStringLiteral("fp32_default_attn")));
    QVERIFY(table->item(1, 1)->text().toDouble() > 0);
    QVERIFY(table->item(1, 8)->text().endsWith(QStringLiteral("×")));
    QTemporaryDir dir;
    QVERIFY(compare->exportCsv(dir.filePath(QStringLiteral("c.csv"))));
    QVERIFY(compare->exportJson(dir.filePath(QStringLiteral("c.json"))));
    QVERIFY(compare->exportPng(dir.filePath(QStringLiteral("c.png"))));
    QVERIFY(w->findChild<QLabel*>(QStringLiteral("compareStatus"))->text().contains(QStringLiteral("c.png")));
    QFile csv(dir.filePath(QStringLiteral("c.csv")));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    QCOMPARE(csv.readAll().count('\n'), 3);
    // The PNG is the report (title, whole table, charts, images), not a screenshot of the page.
    const QImage png(dir.filePath(QStringLiteral("c.png")));
    QVERIFY(png.width() >= 1200 && png.height() > 300);
    QVERIFY(png.size() != compare->size());
    // What was exported opens again as a report.
    QVERIFY(compare->openReport(dir.filePath(QStringLiteral("c.json"))));
    QCOMPARE(compare->table()->rowCount(), 2);
  }

  // A report measured elsewhere opens as if it ran here: ours and the reference rows it carries;
  // a failed row shows no numbers and cannot be the baseline; something else is refused in words.
  void compareViewOpensAReportMeasuredElsewhere() {
    auto w = window();
    auto* compare = w->findChild<sdxl::ui::CompareView*>();
    QTemporaryDir dir;
    const auto path = dir.filePath(QStringLiteral("h200.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"device": "NVIDIA H200", "date": "2026-11-30", "protocol": "seed", "model": "built-in",
      "rows": [{"config": "fp16_compile", "error": "out of memory"},
               {"config": "fp16", "latency_s": 5.37, "peak_allocated_gb": 9.04, "peak_reserved_gb": 10.3},
               {"config": "fp16_compile_fp8", "latency_s": 4.1, "peak_allocated_gb": 10.9, "latents_error_vs_exact": 0.12}],
      "reference": [{"config": "fp16", "latency_s": 7.9, "peak_allocated_gb": 25.8},
                    {"config": "fp16", "latency_s": 7.85, "peak_allocated_gb": 25.79}]})");
    file.close();
    // A row of an earlier run must not leave its numbers in the failed row's cells.
    QVERIFY(compare->openReport(path));
    auto* table = compare->table();
    QCOMPARE(table->rowCount(), 4); // one diffusers row: the last of the repeated configuration
    QVERIFY(table->item(0, 1)->text().startsWith(QStringLiteral("failed")));
    QCOMPARE(table->columnSpan(0, 1), table->columnCount() - 1);
    QCOMPARE(compare->baselineBox()->count(), 3);
    QVERIFY(!compare->baselineBox()->currentText().contains(QStringLiteral("compile")) ||
            compare->report().rows[std::size_t(compare->baselineBox()->currentData().toInt())].error.empty());
    QCOMPARE(table->item(3, 0)->text(), QStringLiteral("diffusers: fp16"));
    compare->baselineBox()->setCurrentIndex(compare->baselineBox()->findText(QStringLiteral("diffusers: fp16")));
    QCOMPARE(table->item(1, 8)->text(), QStringLiteral("1.46×")); // 7.85 / 5.37
    QVERIFY(table->item(2, 11)->text().contains(QStringLiteral("approximate")));
    QCOMPARE(table->item(2, 9)->text(), QStringLiteral("12.0 %")); // its error beside its speed-up
    QCOMPARE(table->item(1, 9)->text(), QStringLiteral("exact"));
    QVERIFY(w->findChild<QLabel*>(QStringLiteral("compareTitle"))->text().contains(QStringLiteral("NVIDIA H200")));
    QVERIFY(!compare->reportImage().isNull());
    const QString bad = dir.filePath(QStringLiteral("bad.json"));
    QFile badFile(bad);
    QVERIFY(badFile.open(QIODevice::WriteOnly));
    badFile.write("{\"rows\": [{\"config\": \"fp16\", \"latency_s\": -3}]}");
    badFile.close();
    QVERIFY(!compare->openReport(bad));
    QVERIFY(w->findChild<QLabel*>(QStringLiteral("compareStatus"))->text().contains(QStringLiteral("out of range")));
    QCOMPARE(table->rowCount(), 4); // what was shown stays
  }

  // Closing mid-run asks; "Cancel and quit" stops within a step, not after the whole run.
  void closingDuringARunAsksThenExitsCleanly() {
    auto w = window(500, 256);
    QTest::mouseClick(w->findChild<QPushButton*>(QStringLiteral("generate")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(w->findChild<QProgressBar*>(QStringLiteral("progress"))->value() >= 1, 60000);
    QVERIFY(!w->close()); // the run is a person's images: asked first
    QVERIFY(w->isVisible());
    auto* ask = w->findChild<QMessageBox*>(QStringLiteral("closeWhileRunning"));
    QVERIFY(ask);
    QVERIFY(!w->close()); // asked once, not twice
    QCOMPARE(w->findChildren<QMessageBox*>(QStringLiteral("closeWhileRunning")).size(), 1);
    QElapsedTimer clock;
    clock.start();
    ask->findChild<QAbstractButton*>(QStringLiteral("cancelAndQuit"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(!w->isVisible(), 10000);
    w.reset();
    QVERIFY2(clock.elapsed() < 10000, "closing waited for the whole run");
  }

  // "Quit when done" keeps the image: it is saved, then the window closes by itself.
  void quitWhenDoneKeepsTheImage() {
    QTemporaryDir out;
    auto w = window(6);
    w->setOutputFolder(out.path());
    QTest::mouseClick(w->findChild<QPushButton*>(QStringLiteral("generate")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(w->isBusy(), 10000);
    QVERIFY(!w->close());
    auto* ask = w->findChild<QMessageBox*>(QStringLiteral("closeWhileRunning"));
    QVERIFY(ask);
    ask->findChild<QAbstractButton*>(QStringLiteral("quitWhenDone"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(!w->isVisible(), 120000);
    QCOMPARE(QDir(out.path()).entryList({QStringLiteral("*.png")}).size(), 1);
  }

  // The seed field shows the run's seed until it ends; a second request queued behind it gets a
  // seed of its own; after the run the field moves on unless locked, and a restart keeps the lock.
  void theSeedFieldWaitsForTheRunAndTheLockIsKept() {
    QSettings().remove(QStringLiteral("seedLocked"));
    auto w = window(30, 128);
    auto* seed = w->findChild<sdxl::ui::SeedSpinBox*>();
    QVERIFY(seed);
    seed->setValue(1234);
    QTest::mouseClick(w->findChild<QPushButton*>(QStringLiteral("generate")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(w->findChild<QProgressBar*>(QStringLiteral("progress"))->value() >= 1, 60000);
    QCOMPARE(seed->value(), quint64(1234)); // not the next seed while this one runs
    w->generate(); // queued: a seed of its own
    QCOMPARE(w->queuedRequests(), 1);
    QVERIFY(seed->value() != quint64(1234));
    w->cancel();
    QTRY_VERIFY_WITH_TIMEOUT(!w->isBusy(), 60000);
    auto* lock = w->findChild<QCheckBox*>(QStringLiteral("lockSeed"));
    lock->setChecked(true);
    w->close();
    w.reset();
    auto again = window();
    QVERIFY(again->findChild<QCheckBox*>(QStringLiteral("lockSeed"))->isChecked()); // as it was left
    again->findChild<QCheckBox*>(QStringLiteral("lockSeed"))->setChecked(false);
    again->close();
    again.reset();
    auto third = window();
    QVERIFY(!third->findChild<QCheckBox*>(QStringLiteral("lockSeed"))->isChecked()); // not ticked silently
  }

  // A folder that is not a model is said, and the window goes back to the model that worked.
  void aModelThatFailsGivesWayToTheLastOneThatWorked() {
    auto w = window();
    QTRY_VERIFY_WITH_TIMEOUT(w->currentModel().spec == QStringLiteral("builtin:tiny") &&
                                 w->findChild<QLabel*>(QStringLiteral("modelLabel"))->text().contains(QStringLiteral("random")),
                             30000);
    QTemporaryDir notAModel;
    w->chooseModel(notAModel.path());
    QTRY_VERIFY_WITH_TIMEOUT(w->findChild<QMessageBox*>(QStringLiteral("modelErrorDialog")) != nullptr, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(w->currentModel().spec, QStringLiteral("builtin:tiny"), 10000);
    QVERIFY(w->statusBar()->currentMessage().contains(QStringLiteral("could not be loaded")));
    QTRY_VERIFY_WITH_TIMEOUT(!w->findChild<QLabel*>(QStringLiteral("modelLabel"))->text().startsWith(QStringLiteral("loading")),
                             30000);
    QVERIFY(!sdxl::ui::test::generateOnce(*w).isEmpty()); // and it generates
  }

  // On a 1024x700 screen (and 1366x768) the window fits and every control is reachable: the buttons,
  // the progress bar, the gallery's actions and the status bar are on screen, the settings scroll.
  void everythingIsReachableOnASmallScreen() {
    for (const QSize screen : {QSize(1024, 700), QSize(1366, 768)}) {
      auto w = window();
      w->resize(screen);
      QCoreApplication::processEvents();
      QVERIFY2(w->minimumSizeHint().width() <= screen.width() && w->minimumSizeHint().height() <= screen.height(),
               qPrintable(QStringLiteral("minimum %1x%2").arg(w->minimumSizeHint().width()).arg(w->minimumSizeHint().height())));
      QCOMPARE(w->size(), screen);
      const QRect inside(QPoint(0, 0), w->size());
      QStringList names{QStringLiteral("generate"), QStringLiteral("cancel"), QStringLiteral("progress"),
                        QStringLiteral("prompt"), QStringLiteral("checkpoint")};
      for (const auto& name : names) {
        auto* widget = w->findChild<QWidget*>(name);
        QVERIFY2(widget, qPrintable(name));
        const QRect where(widget->mapTo(w.get(), QPoint(0, 0)), widget->size());
        QVERIFY2(widget->isVisible() && inside.contains(where) && where.height() >= 16,
                 qPrintable(name + QStringLiteral(" at %1,%2 %3x%4").arg(where.x()).arg(where.y()).arg(where.width()).arg(where.height())));
      }
      QVERIFY(inside.contains(QRect(w->statusBar()->mapTo(w.get(), QPoint(0, 0)), w->statusBar()->size())));
      // The gallery's actions: their tool bar on screen (what does not fit is in its overflow menu).
      auto* galleryActions = w->findChild<QToolBar*>(QStringLiteral("galleryActions"));
      QVERIFY(galleryActions && galleryActions->isVisible());
      QVERIFY(inside.contains(QRect(galleryActions->mapTo(w.get(), QPoint(0, 0)), galleryActions->size())));
      // The longest settings page scrolls rather than pushing the window taller.
      auto* optimizations = w->findChild<QWidget*>(QStringLiteral("vramBudget"))->parentWidget();
      QVERIFY(optimizations->parentWidget()->parentWidget()->inherits("QScrollArea"));
    }
  }

  // A PNG from A1111 or ComfyUI dropped on the window gives its prompts and settings back; the
  // person's switches stay; one without parameters is said, and nothing changes.
  void aDroppedPngRestoresItsParameters() {
    auto w = window();
    QTemporaryDir dir;
    const sdxl::Image pixels{8, 8, std::vector<uint8_t>(8 * 8 * 3, 90)};
    const auto a1111 = dir.filePath(QStringLiteral("00012-3456789012.png"));
    sdxl::savePng(pixels, a1111.toStdString(),
                  {{"parameters", "a cat in a hat\nNegative prompt: blurry\nSteps: 12, Sampler: DPM++ 2M, Schedule type: "
                                  "Karras, CFG scale: 6.5, Seed: 3456789012, Size: 96x128, Model: juggernautXL, "
                                  "Version: v1.10.1"}});
    auto* fp32 = w->findChild<QComboBox*>(QStringLiteral("precision"));
    const auto precisionBefore = fp32->currentText();
    // Dropped as a file manager drops it.
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(a1111)});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(w.get(), &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(w.get(), &drop);
    QCOMPARE(w->findChild<QPlainTextEdit*>(QStringLiteral("prompt"))->toPlainText(), QStringLiteral("a cat in a hat"));
    QCOMPARE(w->findChild<QPlainTextEdit*>(QStringLiteral("negativePrompt"))->toPlainText(), QStringLiteral("blurry"));
    const auto r = w->currentRequest();
    QCOMPARE(r.steps, 12);
    QCOMPARE(r.seed, quint64(3456789012ull));
    QCOMPARE(r.width, 96);
    QCOMPARE(r.height, 128);
    QCOMPARE(r.scheduler, sdxl::SchedulerKind::DpmSolverMultistepKarras);
    QCOMPARE(fp32->currentText(), precisionBefore); // the person's switches stay
    QVERIFY(w->findChild<QCheckBox*>(QStringLiteral("lockSeed"))->isChecked());
    const auto said = w->statusBar()->currentMessage();
    QVERIFY2(said.contains(QStringLiteral("A1111")) && said.contains(QStringLiteral("juggernautXL")), qPrintable(said));
    // ComfyUI's graph.
    const auto comfy = dir.filePath(QStringLiteral("ComfyUI_00001_.png"));
    sdxl::savePng(pixels, comfy.toStdString(),
                  {{"prompt", R"J({"3": {"class_type": "KSampler", "inputs": {"seed": 7, "steps": 9, "cfg": 4,
                      "sampler_name": "euler_ancestral", "scheduler": "normal", "positive": ["6", 0],
                      "negative": ["7", 0], "latent_image": ["5", 0]}},
                     "5": {"class_type": "EmptyLatentImage", "inputs": {"width": 64, "height": 64, "batch_size": 1}},
                     "6": {"class_type": "CLIPTextEncode", "inputs": {"text": "a fox"}},
                     "7": {"class_type": "CLIPTextEncode", "inputs": {"text": "text"}}})J"}});
    QVERIFY(w->restoreParametersFrom(comfy));
    QCOMPARE(w->currentRequest().prompt, std::string("a fox"));
    QCOMPARE(w->currentRequest().scheduler, sdxl::SchedulerKind::EulerAncestral);
    QVERIFY(w->statusBar()->currentMessage().contains(QStringLiteral("ComfyUI")));
    // And it generates from them.
    QVERIFY(!sdxl::ui::test::generateOnce(*w).isEmpty());
    // No parameters: said, nothing changed.
    const auto plain = dir.filePath(QStringLiteral("photo.png"));
    sdxl::savePng(pixels, plain.toStdString(), {});
    const auto before = w->currentRequest();
    QVERIFY(!w->restoreParametersFrom(plain));
    QVERIFY(w->statusBar()->currentMessage().contains(QStringLiteral("no generation parameters")));
    QCOMPARE(w->currentRequest().prompt, before.prompt);
  }

  // The gallery is the output folder: what was made before a restart is there again, searched by
  // prompt, and any image's parameters come back, another tool's PNG's too.
  void theGalleryIsTheOutputFolderAcrossRestarts() {
    QTemporaryDir out;
    {
      auto w = window();
      w->setOutputFolder(out.path());
      w->findChild<QPlainTextEdit*>(QStringLiteral("prompt"))->setPlainText(QStringLiteral("a red fox in the snow"));
      w->findChild<QSpinBox*>(QStringLiteral("images"))->setValue(2);
      QVERIFY(!sdxl::ui::test::generateOnce(*w).isEmpty());
      w->findChild<QSpinBox*>(QStringLiteral("images"))->setValue(1);
      w->findChild<QPlainTextEdit*>(QStringLiteral("prompt"))->setPlainText(QStringLiteral("a lighthouse at night"));
      QVERIFY(!sdxl::ui::test::generateOnce(*w).isEmpty());
    }
    const sdxl::Image pixels{8, 8, std::vector<uint8_t>(8 * 8 * 3, 90)};
    sdxl::savePng(pixels, QDir(out.path()).filePath(QStringLiteral("from-a1111.png")).toStdString(),
                  {{"parameters", "a fox by A1111\nSteps: 5, Sampler: Euler a, CFG scale: 7, Seed: 77, Size: 64x64"}});
    auto w = window();
    w->setOutputFolder(out.path());
    auto* gallery = w->findChild<sdxl::ui::GalleryPanel*>();
    QCOMPARE(gallery->count(), 4);
    QTRY_COMPARE_WITH_TIMEOUT(gallery->pendingThumbnails(), 0, 30000);
    gallery->searchField()->setText(QStringLiteral("FOX"));
    QCOMPARE(gallery->visibleCount(), 3);
    gallery->searchField()->setText(QStringLiteral("fox snow"));
    QCOMPARE(gallery->visibleCount(), 2);
    gallery->searchField()->setText(QStringLiteral("lighthouse"));
    QCOMPARE(gallery->visibleCount(), 1);
    QListWidgetItem* shown = nullptr;
    for (int i = 0; i < gallery->list()->count(); ++i)
      if (!gallery->list()->item(i)->isHidden()) shown = gallery->list()->item(i);
    QVERIFY(shown);
    gallery->list()->setCurrentItem(shown);
    w->findChild<QPlainTextEdit*>(QStringLiteral("prompt"))->setPlainText(QStringLiteral("something else"));
    gallery->reuseSelected();
    QCOMPARE(w->findChild<QPlainTextEdit*>(QStringLiteral("prompt"))->toPlainText(), QStringLiteral("a lighthouse at night"));
    gallery->searchField()->setText(QStringLiteral("A1111"));
    QCOMPARE(gallery->visibleCount(), 1);
    for (int i = 0; i < gallery->list()->count(); ++i)
      if (!gallery->list()->item(i)->isHidden()) gallery->list()->setCurrentItem(gallery->list()->item(i));
    gallery->reuseSelected(); // not ours: read as a dropped PNG
    QCOMPARE(w->currentRequest().seed, quint64(77));
    QCOMPARE(w->currentRequest().prompt, std::string("a fox by A1111"));
  }

  // The queue is visible: what waits is listed with its own parameters, moved and removed, and
  // runs in the order shown.
  void theQueueIsListedReorderedAndRunsInItsOrder() {
    auto w = window(40, 128);
    auto* prompt = w->findChild<QPlainTextEdit*>(QStringLiteral("prompt"));
    auto* queue = w->findChild<QListWidget*>(QStringLiteral("queue"));
    QVERIFY(queue && !queue->isVisible());
    prompt->setPlainText(QStringLiteral("first, running"));
    w->generate();
    QTRY_VERIFY_WITH_TIMEOUT(w->isBusy(), 10000);
    w->findChild<QSpinBox*>(QStringLiteral("steps"))->setValue(2);
    w->findChild<QSpinBox*>(QStringLiteral("width"))->setValue(64);
    w->findChild<QSpinBox*>(QStringLiteral("height"))->setValue(64);
    for (const char* p : {"second", "third", "fourth"}) {
      prompt->setPlainText(QString::fromLatin1(p));
      w->generate();
    }
    QCOMPARE(w->queuedRequests(), 3);
    QVERIFY(queue->isVisible());
    QVERIFY(queue->item(0)->text().startsWith(QStringLiteral("1. second · 64×64 · 2 steps")));
    queue->setCurrentRow(2); // "fourth" first
    w->findChild<QToolButton*>(QStringLiteral("queueUp"))->click();
    w->findChild<QToolButton*>(QStringLiteral("queueUp"))->click();
    queue->setCurrentRow(2); // "third" out
    QVERIFY(queue->item(2)->text().contains(QStringLiteral("third")));
    w->findChild<QToolButton*>(QStringLiteral("queueRemove"))->click();
    QCOMPARE(w->queuedRequests(), 2);
    QVERIFY(queue->item(0)->text().startsWith(QStringLiteral("1. fourth")));
    QSignalSpy done(w.get(), &MainWindow::generationFinished);
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 3, 180000);
    auto* gallery = w->findChild<QListWidget*>(QStringLiteral("gallery")); // newest first
    QVERIFY(gallery->item(0)->toolTip().startsWith(QStringLiteral("second")));
    QVERIFY(gallery->item(1)->toolTip().startsWith(QStringLiteral("fourth")));
    QVERIFY(gallery->item(2)->toolTip().startsWith(QStringLiteral("first, running")));
    QVERIFY(!queue->isVisible());
  }

  // A first run asks for what the device does well, and says why: here a CPU, so a quick size and
  // the precision this CPU multiplies fastest; saved settings take over from then on.
  void aFirstRunsDefaultsComeFromTheDevice() {
    QSettings().remove(QStringLiteral("request"));
    auto w = std::make_unique<MainWindow>();
    const auto r = w->currentRequest();
    if (!sdxl::sampleMemory().cuda) {
      QCOMPARE(r.width, 512);
      QCOMPARE(r.height, 512);
      QCOMPARE(r.steps, 20);
      QCOMPARE(r.optimizations.precision,
               sdxl::ui::cpuHasNativeBf16() ? sdxl::Precision::BF16 : sdxl::Precision::FP32);
      QVERIFY(w->firstRunNote().contains(QStringLiteral("without a GPU")));
    } else {
      QCOMPARE(r.width, 1024);
      QCOMPARE(r.optimizations.precision, sdxl::Precision::FP16);
    }
    QCOMPARE(w->statusBar()->currentMessage(), w->firstRunNote());
    w->findChild<QSpinBox*>(QStringLiteral("steps"))->setValue(7);
    w->close();
    w.reset();
    auto again = std::make_unique<MainWindow>();
    QCOMPARE(again->currentRequest().steps, 7); // the person's settings, not the defaults again
    QVERIFY(again->firstRunNote().isEmpty());
  }

  // The X/Y/Z grid: seeds across, configurations down, each image with its latency and memory; a
  // value that cannot be used is said before anything runs; exported as one labelled PNG, CSV, and
  // JSON with its images, which opens again as the same grid; a file that is not a grid is refused.
  void theXyzGridRecordsSpeedAndMemoryPerCell() {
    auto w = window(3, 64);
    auto* grid = w->findChild<sdxl::ui::GridView*>();
    QVERIFY(grid);
    grid->setAxis(0, sdxl::GridAxisKind::Seed, QStringLiteral("1, 2"));
    grid->setAxis(1, sdxl::GridAxisKind::Configuration, QStringLiteral("fp32, fp32_step_cache_2"));
    grid->setAxis(2, sdxl::GridAxisKind::Steps, QStringLiteral("bad"));
    grid->runButton()->click();
    QVERIFY(w->findChild<QLabel*>(QStringLiteral("gridStatus"))->text().contains(QStringLiteral("steps bad")));
    QVERIFY(!w->isBusy());
    grid->setAxis(2, sdxl::GridAxisKind::Steps, QString());
    QSignalSpy finished(w->worker(), &sdxl::ui::GenerationWorker::gridFinished);
    grid->runButton()->click();
    QVERIFY(w->isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 120000); // polled: emitted on the worker's thread
    QTRY_COMPARE(grid->finishedCells(), 4);                 // its cells reach the window queued
    QTRY_VERIFY(!w->isBusy());
    const auto image = grid->gridImage();
    QVERIFY(image.width() > 2 * 192 && image.height() > 2 * 192);
    QTemporaryDir dir;
    QVERIFY(grid->exportPng(dir.filePath(QStringLiteral("g.png"))));
    QVERIFY(grid->exportCsv(dir.filePath(QStringLiteral("g.csv"))));
    QVERIFY(grid->exportJson(dir.filePath(QStringLiteral("g.json"))));
    QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("g-004.png")))); // the images beside it
    // Opened again (as a grid from `sdxl-cli grid` on a GPU server is): the same grid.
    sdxl::ui::GridView reopened;
    QVERIFY(reopened.openReport(dir.filePath(QStringLiteral("g.json"))));
    QCOMPARE(reopened.finishedCells(), 4);
    QCOMPARE(reopened.gridImage(), grid->gridImage());
    QCOMPARE(reopened.axes().size(), std::size_t(2)); // its axes, so Run grid makes it here
    QFile junk(dir.filePath(QStringLiteral("junk.json")));
    QVERIFY(junk.open(QIODevice::WriteOnly) && junk.write(R"({"axes": [{"axis": "seed", "values": ["1"]}], "cells": []})") > 0);
    junk.close();
    QVERIFY(!reopened.openReport(junk.fileName()));
    QVERIFY(reopened.findChild<QLabel*>(QStringLiteral("gridStatus"))->text().contains(QStringLiteral("not a grid of SDXL Studio")));
    QCOMPARE(reopened.finishedCells(), 4); // what was shown stays
    QFile csv(dir.filePath(QStringLiteral("g.csv")));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const auto lines = QString::fromUtf8(csv.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 5);
    for (int i = 1; i < 5; ++i) QVERIFY2(lines[i].split(QLatin1Char(','))[4].toDouble() > 0, qPrintable(lines[i])); // seconds
    QVERIFY(lines[4].contains(QStringLiteral("\"2 · fp32_step_cache_2\"")));
    QVERIFY(!w->isBusy());
    QVERIFY(!sdxl::ui::test::generateOnce(*w).isEmpty()); // and the studio goes on
    w->findChild<QTabWidget*>(QStringLiteral("mainTabs"))->setCurrentIndex(1);
    w->findChild<QTabWidget*>(QStringLiteral("compareTabs"))->setCurrentIndex(1);
  }

  // Long tooltips wrap (rich text); nothing shows as one endless line.
  // The grid a GPU made for the README (docs/benchmarks/grid, `scripts/gpu_run.sh grid`) opens
  // whole: every cell with its image, time and memory, and the card that measured them.
  void theCommittedGpuGridOpens() {
    sdxl::ui::GridView grid;
    QVERIFY(grid.openReport(QStringLiteral(SDXL_SOURCE_DIR "/docs/benchmarks/grid/grid.json")));
    QCOMPARE(grid.finishedCells(), 8);
    QCOMPARE(grid.axes().size(), std::size_t(2));
    const auto status = grid.findChild<QLabel*>(QStringLiteral("gridStatus"))->text();
    QVERIFY2(status.contains(QStringLiteral("NVIDIA H100")) && !status.contains(QStringLiteral("could not be read")),
             qPrintable(status));
    QVERIFY(grid.gridImage().width() > 4 * 192);
  }

  void longTooltipsWrap() {
    auto w = window();
    int long_ = 0;
    for (auto* widget : w->findChildren<QWidget*>()) {
      const auto tip = widget->toolTip();
      if (tip.size() <= 60) continue;
      ++long_;
      QVERIFY2(Qt::mightBeRichText(tip), qPrintable(widget->objectName() + QStringLiteral(": ") + tip));
    }
    QVERIFY(long_ > 10);
  }

  void japaneseStringsLoad() {
    QCOMPARE(sdxl::ui::installLanguage(QStringLiteral("ja")), QStringLiteral("ja"));
    auto w = window();
    QCOMPARE(w->findChild<QPushButton*>(QStringLiteral("generate"))->text(), QStringLiteral("生成"));
    QTRY_VERIFY_WITH_TIMEOUT(w->findChild<QLabel*>(QStringLiteral("promptTokenCount"))->text().startsWith(QStringLiteral("トークン数")), 20000);
    // The status bar's model too: the built-in model's name is the interface's, not the core's.
    QTRY_VERIFY_WITH_TIMEOUT(w->findChild<QLabel*>(QStringLiteral("modelLabel"))->text().contains(QStringLiteral("ランダム")), 20000);
    w->findChild<QPlainTextEdit*>(QStringLiteral("prompt"))->setPlainText(QStringLiteral("桜の木の下の猫、水彩画"));
    QCOMPARE(sdxl::ui::installLanguage(QStringLiteral("en")), QStringLiteral("en"));
  }

  // The README's screenshots, made on purpose by scripts/screenshots.sh (SDXL_SCREENSHOT_DIR set;
  // skipped otherwise: the suite never writes into the source tree). In English and Japanese, at
  // 1024x700 and full HD: the studio after a run, the compare view with the H200 figures of a
  // committed report (ours beside diffusers'), the X/Y/Z grid a GPU made, and a PNG's parameters
  // restored.
  void readmeScreenshots() {
    if (qEnvironmentVariableIsEmpty("SDXL_SCREENSHOT_DIR")) QSKIP("scripts/screenshots.sh makes these");
    const auto report = QStringLiteral(SDXL_SOURCE_DIR "/docs/benchmarks/2026-11-30-h200-b495c6d-seed.json");
    for (const auto& language : {QStringLiteral("en"), QStringLiteral("ja")}) {
      QCOMPARE(sdxl::ui::installLanguage(language), language);
      for (const QSize screen : {QSize(1024, 700), QSize(1920, 1080)}) {
        const auto suffix = QStringLiteral("-%1-%2x%3.png").arg(language).arg(screen.width()).arg(screen.height());
        auto w = window(12, 256);
        w->resize(screen);
        w->findChild<QPlainTextEdit*>(QStringLiteral("prompt"))
            ->setPlainText(language == QLatin1String("ja") ? QStringLiteral("嵐の中の灯台、油彩、(劇的な光:1.2)")
                                                           : QStringLiteral("a lighthouse in a storm, oil painting, (dramatic light:1.2)"));
        QVERIFY(!sdxl::ui::test::generateOnce(*w).isEmpty());
        QCoreApplication::processEvents();
        screenshot(*w, QStringLiteral("studio") + suffix);
        // The compare view with GPU figures measured elsewhere.
        auto* compare = w->findChild<sdxl::ui::CompareView*>();
        QVERIFY(compare->openReport(report));
        w->findChild<QTabWidget*>(QStringLiteral("mainTabs"))->setCurrentIndex(1);
        QCoreApplication::processEvents();
        if (screen.width() > 1024) screenshot(*w, QStringLiteral("compare-h200") + suffix);
        // An X/Y/Z grid made on a GPU by `sdxl-cli grid` (scripts/gpu_run.sh grid): configurations
        // by sizes, each cell's time and memory measured there.
        auto* grid = w->findChild<sdxl::ui::GridView*>();
        QVERIFY(grid->openReport(QStringLiteral(SDXL_SOURCE_DIR "/docs/benchmarks/grid/grid.json")));
        w->findChild<QTabWidget*>(QStringLiteral("compareTabs"))->setCurrentIndex(1);
        QCoreApplication::processEvents();
        if (screen.width() > 1024) screenshot(*w, QStringLiteral("xyz-grid") + suffix);
        // A PNG from A1111, its parameters restored.
        QTemporaryDir dir;
        const auto png = dir.filePath(QStringLiteral("00042-1234567.png"));
        const sdxl::Image pixels{64, 64, std::vector<uint8_t>(64 * 64 * 3, 120)};
        sdxl::savePng(pixels, png.toStdString(),
                      {{"parameters", "a castle on a cliff at dawn, matte painting\nNegative prompt: blurry\nSteps: 12, "
                                      "Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 6, Seed: 1234567, Size: 256x256, "
                                      "Model: juggernautXL_v9, Version: v1.10.1"}});
        w->findChild<QTabWidget*>(QStringLiteral("mainTabs"))->setCurrentIndex(0);
        QVERIFY(w->restoreParametersFrom(png));
        QCoreApplication::processEvents();
        if (screen.width() == 1024) screenshot(*w, QStringLiteral("restored-png") + suffix);
      }
    }
    QCOMPARE(sdxl::ui::installLanguage(QStringLiteral("en")), QStringLiteral("en"));
  }

  // Choosing a language turns the whole window into it at once, no restart and no mix: the
  // window's strings, the configuration names, Qt's own buttons; the prompt and settings stay.
  void theLanguageChangesWithoutARestart() {
    QSettings().setValue(QStringLiteral("language"), QStringLiteral("en"));
    sdxl::ui::StudioApp app;
    app.start();
    auto* w = app.window();
    QVERIFY(w);
    w->findChild<QPlainTextEdit*>(QStringLiteral("prompt"))->setPlainText(QStringLiteral("a fox in the rain"));
    QCOMPARE(w->findChild<QPushButton*>(QStringLiteral("generate"))->text(), QStringLiteral("Generate"));
    w->findChild<QAction*>(QStringLiteral("language-ja"))->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(app.window() && app.window() != w, 10000);
    w = app.window();
    QCOMPARE(w->findChild<QPushButton*>(QStringLiteral("generate"))->text(), QStringLiteral("生成"));
    QCOMPARE(w->findChild<QPlainTextEdit*>(QStringLiteral("prompt"))->toPlainText(), QStringLiteral("a fox in the rain"));
    auto* configs = w->findChild<QListWidget*>(QStringLiteral("compareConfigs"));
    bool translated = false;
    for (int i = 0; i < configs->count(); ++i)
      translated = translated || configs->item(i)->text().contains(QStringLiteral("シーケンシャルオフロード"));
    QVERIFY(translated);
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("キャンセル")); // Qt's own
    QCOMPARE(QSettings().value(QStringLiteral("language")).toString(), QStringLiteral("ja"));
    w->findChild<QAction*>(QStringLiteral("language-en"))->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(app.window() && app.window() != w, 10000);
    QCOMPARE(app.window()->findChild<QPushButton*>(QStringLiteral("generate"))->text(), QStringLiteral("Generate"));
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Cancel"));
  }
};

QTEST_MAIN(TestStudio)
#include "test_studio.moc"
