// The main window opens offscreen with its parts in place.
#include "main_window.h"

#include <QDockWidget>
#include <QPlainTextEdit>
#include <QtTest>
#include <qcustomplot.h>

class TestMainWindow final : public QObject {
  Q_OBJECT
private slots:
  void opensWithPromptAndTelemetry() {
    sdxl::ui::MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.findChild<QPlainTextEdit*>(QStringLiteral("prompt")) != nullptr);
    QVERIFY(window.findChild<QPlainTextEdit*>(QStringLiteral("negativePrompt")) != nullptr);
    QVERIFY(window.findChild<QCustomPlot*>(QStringLiteral("vramPlot")) != nullptr);
    QVERIFY(window.findChild<QDockWidget*>(QStringLiteral("TelemetryDock")) != nullptr);
    QCOMPARE(window.windowTitle(), QStringLiteral("SDXL Studio"));
  }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
