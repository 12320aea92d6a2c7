// What the studio's GUI tests share: a window set up for quick CPU runs of the built-in tiny model
// (64x64, fp32, a few steps, images into `outputFolder`), and one generation driven to its end.
#pragma once

#include "main_window.h"

#include <QComboBox>
#include <QDir>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QtTest>

#include <memory>

namespace sdxl::ui::test {

// Each window saves into a folder of its own under `outputFolder`: the gallery shows what its folder
// holds, and a test counts only its own images.
inline std::unique_ptr<MainWindow> smallStudio(const QString& outputFolder, const QString& prompt, int steps) {
  static int windows = 0;
  auto w = std::make_unique<MainWindow>();
  w->setOutputFolder(QDir(outputFolder).filePath(QStringLiteral("window-%1").arg(++windows)));
  w->findChild<QPlainTextEdit*>(QStringLiteral("prompt"))->setPlainText(prompt);
  w->findChild<QSpinBox*>(QStringLiteral("steps"))->setValue(steps);
  w->findChild<QSpinBox*>(QStringLiteral("width"))->setValue(64);
  w->findChild<QSpinBox*>(QStringLiteral("height"))->setValue(64);
  auto* precision = w->findChild<QComboBox*>(QStringLiteral("precision"));
  precision->setCurrentIndex(precision->findText(QStringLiteral("fp32")));
  w->show();
  return w;
}

// Generates once; the newest image's A1111 parameters, or empty (and a test failure) if it failed.
inline QString generateOnce(MainWindow& w) {
  QSignalSpy done(&w, &MainWindow::generationFinished);
  QSignalSpy failed(&w, &MainWindow::generationFailed);
  w.generate();
  [&] {
    QTRY_VERIFY_WITH_TIMEOUT(!done.isEmpty() || !failed.isEmpty(), 120000);
    QVERIFY2(failed.isEmpty(), qPrintable(w.lastError()));
  }();
  if (done.isEmpty()) return {};
  return w.findChild<QListWidget*>(QStringLiteral("gallery"))->item(0)->toolTip(); // newest first
}

} // namespace sdxl::ui::test
