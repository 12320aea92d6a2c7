// What goes wrong never takes the studio down or loses an image: whatever a job throws (a kernel's
// c10::Error, std::bad_alloc, anything) ends as a message in the window; images that cannot be
// saved stay in the gallery; a cancel pressed before the worker picks a job up still cancels it.
// Driven through the real window, offscreen, with the built-in tiny model on the CPU.
#include "gallery_panel.h"
#include "main_window.h"
#include "small_studio.h"

#include <c10/util/Exception.h>

#include <QComboBox>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <chrono>
#include <thread>

using sdxl::Stage;
using sdxl::ui::MainWindow;

class TestFailures final : public QObject {
  Q_OBJECT

  QTemporaryDir m_output;

  std::unique_ptr<MainWindow> window() { return sdxl::ui::test::smallStudio(m_output.path(), QStringLiteral("a lighthouse"), 2); }

  static void waitForModel(MainWindow& w) {
    QTRY_VERIFY_WITH_TIMEOUT(w.findChild<QLabel*>(QStringLiteral("modelLabel"))->text().contains(QStringLiteral("random weights")),
                             30000);
  }

  static void closeDialogs(MainWindow& w) {
    for (auto* box : w.findChildren<QMessageBox*>()) box->close();
  }

private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("SDXL Studio Tests"));
    QCoreApplication::setApplicationName(QStringLiteral("SDXL Studio Failure Tests"));
    QSettings().clear();
    QSettings().setValue(QStringLiteral("model"), QStringLiteral("builtin:tiny"));
  }

  void whateverAStageThrowsEndsAsAMessageAndTheWindowGoesOn() {
    auto w = window();
    waitForModel(*w);
    struct Case {
      Stage at;
      std::function<void()> thrower;
      QString says;
    };
    const Case cases[] = {
        {Stage::Decoding, [] { TORCH_CHECK(false, "a kernel failed on purpose"); }, QStringLiteral("a kernel failed on purpose")},
        {Stage::Encoding, [] { throw std::bad_alloc(); }, QStringLiteral("RAM")},
        {Stage::Denoising, [] { throw 42; }, QStringLiteral("unknown kind")},
    };
    for (const auto& c : cases) {
      auto armed = std::make_shared<std::atomic<bool>>(true);
      w->worker()->setFaultInjection([armed, c](Stage s) {
        if (s == c.at && armed->exchange(false)) c.thrower();
      });
      QSignalSpy failed(w.get(), &MainWindow::generationFailed);
      QTest::mouseClick(w->findChild<QPushButton*>(QStringLiteral("generate")), Qt::LeftButton);
      QVERIFY(failed.wait(60000));
      QVERIFY2(w->lastError().contains(c.says), qPrintable(w->lastError()));
      QVERIFY(!w->isBusy());
      closeDialogs(*w);
    }
    w->worker()->setFaultInjection({});
    QSignalSpy done(w.get(), &MainWindow::generationFinished);
    QTest::mouseClick(w->findChild<QPushButton*>(QStringLiteral("generate")), Qt::LeftButton);
    QVERIFY(done.wait(60000));
  }

  void aThrowingBenchmarkOrModelLoadEndsAsAMessageToo() {
    auto w = window();
    waitForModel(*w);
    w->worker()->setFaultInjection([](Stage s) {
      if (s == Stage::Loading) TORCH_CHECK(false, "loading failed on purpose");
    });
    QSignalSpy failed(w.get(), &MainWindow::generationFailed);
    emit w->requestBenchmark(sdxl::singleProtocol(), {sdxl::configFromName("fp32")}, w->worker()->ticket());
    QVERIFY(failed.wait(60000));
    QVERIFY2(w->lastError().contains(QStringLiteral("loading failed on purpose")), qPrintable(w->lastError()));
    QSignalSpy loadFailed(w->worker(), &sdxl::ui::GenerationWorker::modelFailed);
    w->chooseModel(QStringLiteral("builtin:tiny"));
    // Polled, not wait(): the worker's thread may emit before wait() starts counting.
    QTRY_VERIFY_WITH_TIMEOUT(!loadFailed.isEmpty(), 60000);
    QVERIFY(loadFailed.first().at(2).toString().contains(QStringLiteral("loading failed on purpose")));
    QTRY_VERIFY(w->findChild<QMessageBox*>(QStringLiteral("modelErrorDialog")) != nullptr); // said in a dialog
    QCOMPARE(w->currentModel().spec, QStringLiteral("builtin:tiny")); // nothing else worked before it: kept, tried again
    closeDialogs(*w);
    w->worker()->setFaultInjection({});
    QSignalSpy done(w.get(), &MainWindow::generationFinished);
    QTest::mouseClick(w->findChild<QPushButton*>(QStringLiteral("generate")), Qt::LeftButton);
    QVERIFY(done.wait(60000));
  }

  void imagesThatCannotBeSavedStayInTheGallery() {
    auto w = window();
    QFile blocker(QDir(m_output.path()).filePath(QStringLiteral("a-file")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    const auto impossible = blocker.fileName() + QStringLiteral("/images");
    w->setOutputFolder(impossible);
    w->findChild<QSpinBox*>(QStringLiteral("images"))->setValue(2);
    QSignalSpy done(w.get(), &MainWindow::generationFinished);
    QTest::mouseClick(w->findChild<QPushButton*>(QStringLiteral("generate")), Qt::LeftButton);
    QVERIFY(done.wait(60000));
    auto* gallery = w->findChild<sdxl::ui::GalleryPanel*>();
    QCOMPARE(gallery->count(), 2);
    QVERIFY2(w->lastError().contains(impossible), qPrintable(w->lastError()));
    QVERIFY(w->findChild<QMessageBox*>(QStringLiteral("saveErrorDialog")));
    QString error;
    const auto rescued = QDir(m_output.path()).filePath(QStringLiteral("rescued.png"));
    QVERIFY2(gallery->saveItemAs(0, rescued, error), qPrintable(error));
    QVERIFY(QFile::exists(rescued));
    closeDialogs(*w);
  }

  void aCancelPressedBeforeTheWorkerStartsTheJobIsNotLost() {
    auto w = window();
    waitForModel(*w);
    // Hold the worker in another job so that the generation waits in its queue.
    auto release = std::make_shared<std::atomic<bool>>(false);
    w->worker()->setFaultInjection([release](Stage s) {
      while (s == Stage::Loading && !release->load()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    });
    QMetaObject::invokeMethod(w->worker(), "setModel", Qt::QueuedConnection, Q_ARG(sdxl::ui::ModelChoice, {}));
    QSignalSpy failed(w.get(), &MainWindow::generationFailed);
    QSignalSpy done(w.get(), &MainWindow::generationFinished);
    QTest::mouseClick(w->findChild<QPushButton*>(QStringLiteral("generate")), Qt::LeftButton);
    w->cancel();
    release->store(true);
    QVERIFY(failed.wait(60000));
    QTest::qWait(200);
    QCOMPARE(done.count(), 0);
    QCOMPARE(w->findChild<QProgressBar*>(QStringLiteral("progress"))->format(), QStringLiteral("cancelled"));
    w->worker()->setFaultInjection({});
  }
};

QTEST_MAIN(TestFailures)
#include "test_failures.moc"
