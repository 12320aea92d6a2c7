// The main window opens offscreen with its parts in place, and every source string has its
// Japanese translation (the .ts is complete, so the embedded .qm is too).
#include "main_window.h"

#include <QDockWidget>
#include <QFile>
#include <QPlainTextEdit>
#include <QStandardPaths>
#include <QXmlStreamReader>
#include <QtTest>

class TestMainWindow final : public QObject {
  Q_OBJECT
private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

  void opensWithPromptAndTelemetry() {
    sdxl::ui::MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.findChild<QPlainTextEdit*>(QStringLiteral("prompt")) != nullptr);
    QVERIFY(window.findChild<QPlainTextEdit*>(QStringLiteral("negativePrompt")) != nullptr);
    QVERIFY(window.findChild<QDockWidget*>(QStringLiteral("TelemetryDock")) != nullptr);
    QCOMPARE(window.windowTitle(), QStringLiteral("SDXL Studio"));
  }

  void japaneseTranslationIsComplete() {
    QFile ts(QStringLiteral(SDXL_JA_TS));
    QVERIFY(ts.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&ts);
    int messages = 0, unfinished = 0;
    while (!xml.atEnd()) {
      xml.readNext();
      if (xml.isStartElement() && xml.name() == QLatin1String("message")) ++messages;
      if (xml.isStartElement() && xml.name() == QLatin1String("translation") &&
          (xml.attributes().value(QLatin1String("type")) == QLatin1String("unfinished") ||
           xml.attributes().value(QLatin1String("type")) == QLatin1String("vanished")))
        ++unfinished;
    }
    QVERIFY(messages > 100);
    QCOMPARE(unfinished, 0);
  }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
