// Tooltips that wrap: Qt shows a plain-text tooltip as one line, however long (1,300 px seen), and
// wraps rich text. Installed once on the application, this turns every long plain tooltip into a
// paragraph as it is set, so no widget has to remember to.
#pragma once

#include <QObject>

namespace sdxl::ui {

class TooltipWrapper final : public QObject {
  Q_OBJECT
public:
  using QObject::QObject;
  static void install(); // on the application, once
  static QString wrapped(const QString& tooltip); // a paragraph if it is long plain text, else as it is

protected:
  bool eventFilter(QObject* watched, QEvent* event) override;
};

} // namespace sdxl::ui
