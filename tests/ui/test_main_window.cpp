// The main window opens offscreen with its parts in place, and every source string has its
// Japanese translation (the .ts is complete, so the embedded .qm is too).
#include "main_window.h"

#include "core_messages.h"
#include "device_status.h"
#include "language.h"
#include "sdxl/cuda_status.h"
#include "sdxl/error.h"
#include "sdxl/image.h"
#include "sdxl/request.h"
#include "sdxl/safetensors.h"

#include <QDockWidget>
#include <QStatusBar>
#include <QFile>
#include <QLabel>
#include <QPlainTextEdit>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include "time_left.h"
#include "tooltips.h"

#include <QtTest>

class TestMainWindow final : public QObject {
  Q_OBJECT
private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

  void timeLeftFollowsTheRecentStepsNotTheFirst() {
    using sdxl::ui::secondsLeft;
    QCOMPARE(secondsLeft({}, 20), 0.0);
    QCOMPARE(secondsLeft({0.2}, 20), 0.2 * 19);        // one step: all there is to go by
    QCOMPARE(secondsLeft({0.2, 1.0, 1.0}, 20), 17.0);  // a fast first step is left out
    QCOMPARE(secondsLeft({5.0, 1.0, 1.2, 0.9, 1.1, 1.0, 8.0}, 10), 3 * 1.1); // the median of the last five
    QCOMPARE(secondsLeft({1.0, 1.0}, 2), 0.0);
  }

  void opensWithPromptAndTelemetry() {
    sdxl::ui::MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.findChild<QPlainTextEdit*>(QStringLiteral("prompt")) != nullptr);
    QVERIFY(window.findChild<QPlainTextEdit*>(QStringLiteral("negativePrompt")) != nullptr);
    QVERIFY(window.findChild<QDockWidget*>(QStringLiteral("TelemetryDock")) != nullptr);
    QCOMPARE(window.windowTitle(), QStringLiteral("SDXL Studio"));
  }

  // The status bar's corner says which device, its tooltip why the CPU, in the window's language;
  // in English the very sentence the CLI says.
  void deviceStatusSaysWhyTheCpuInTheWindowsLanguage() {
    const auto& status = sdxl::cudaStatus();
    const QString english = sdxl::ui::deviceStatusText();
    if (status.kind != sdxl::CudaStatus::Kind::Usable)
      QCOMPARE(english, QStringLiteral("CPU only: ") + QString::fromStdString(sdxl::cudaStatusSentence(status)));
    {
      sdxl::ui::MainWindow window;
      const auto* label = window.findChild<QLabel*>(QStringLiteral("deviceStatus"));
      QVERIFY(label);
      QCOMPARE(label->toolTip(), sdxl::ui::TooltipWrapper::wrapped(english)); // long: as a paragraph
      QCOMPARE(label->text(), status.kind == sdxl::CudaStatus::Kind::Usable ? sdxl::ui::deviceStatusShort()
                                                                           : QStringLiteral("CPU only"));
    }
    QCOMPARE(sdxl::ui::installLanguage(QStringLiteral("ja")), QStringLiteral("ja"));
    const QString japanese = sdxl::ui::deviceStatusText();
    {
      sdxl::ui::MainWindow window;
      QCOMPARE(window.findChild<QLabel*>(QStringLiteral("deviceStatus"))->toolTip(), sdxl::ui::TooltipWrapper::wrapped(japanese));
    }
    QCOMPARE(sdxl::ui::installLanguage(QStringLiteral("en")), QStringLiteral("en"));
    QVERIFY(!japanese.isEmpty());
    if (status.kind != sdxl::CudaStatus::Kind::Usable) QVERIFY2(japanese != english, qPrintable(japanese));
  }

  // The core's refusals reach the window as a template and arguments: in Japanese the template is
  // translated, the arguments (a file name with its own "%2") go in untouched.
  void coreErrorsShowInTheWindowsLanguage() {
    auto refusal = [](const sdxl::GenerationRequest& request) -> QString {
      try {
        sdxl::validate(request);
      } catch (const sdxl::Error& e) {
        return sdxl::ui::errorText(e);
      }
      return QStringLiteral("(accepted)");
    };
    sdxl::GenerationRequest steps;
    steps.steps = 0;
    sdxl::GenerationRequest lora;
    lora.loras.push_back({"odd%2name.safetensors", 20, 20});
    QCOMPARE(refusal(steps), QStringLiteral("steps must be between 1 and 1000; got 0"));
    QCOMPARE(sdxl::ui::installLanguage(QStringLiteral("ja")), QStringLiteral("ja"));
    const QString japaneseSteps = refusal(steps), japaneseLora = refusal(lora);
    QTemporaryDir dir;
    const auto notPng = dir.filePath(QStringLiteral("notes.png"));
    {
      QFile file(notPng);
      QVERIFY(file.open(QIODevice::WriteOnly));
      file.write("not an image");
    }
    QString japanesePng, japaneseHeader;
    try {
      sdxl::loadPng(notPng.toStdString(), nullptr);
    } catch (const sdxl::Error& e) {
      japanesePng = sdxl::ui::errorText(e);
    }
    // The parsers' details too: a safetensors header that is cut short.
    const uint8_t cut[] = {1, 2, 3};
    try {
      sdxl::parseSafetensorsHeader(cut, sizeof cut, "cut.safetensors");
    } catch (const sdxl::Error& e) {
      japaneseHeader = sdxl::ui::errorText(e);
    }
    QCOMPARE(sdxl::ui::installLanguage(QStringLiteral("en")), QStringLiteral("en"));
    QCOMPARE(japaneseHeader, QStringLiteral("safetensors ファイル cut.safetensors: ファイルが 3 バイトで、ヘッダーを収めるには短すぎます (途中で切れていませんか?)"));
    QVERIFY2(japanesePng.startsWith(notPng + QStringLiteral(" は読める PNG ではありません")), qPrintable(japanesePng));
    QCOMPARE(japaneseSteps, QStringLiteral("ステップ数は 1〜1000 にしてください。指定値: 0"));
    QCOMPARE(japaneseLora, QStringLiteral("LoRA の重みは -10〜10 にしてください: odd%2name.safetensors"));
    // A message the core gives in English only is shown as it is.
    QCOMPARE(sdxl::ui::errorText(sdxl::Error(sdxl::ErrorKind::Io, "disk 50% full")), QStringLiteral("disk 50% full"));
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
