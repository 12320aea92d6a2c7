#include "tooltips.h"

#include <QApplication>
#include <QEvent>
#include <QTextDocument>
#include <QWidget>

namespace sdxl::ui {

namespace {
constexpr int kLongTooltip = 60; // characters: longer plain tooltips become paragraphs
}

void TooltipWrapper::install() {
  static bool installed = false;
  if (installed || !qApp) return;
  qApp->installEventFilter(new TooltipWrapper(qApp));
  installed = true;
}

QString TooltipWrapper::wrapped(const QString& tooltip) {
  if (tooltip.size() <= kLongTooltip || Qt::mightBeRichText(tooltip)) return tooltip;
  return QStringLiteral("<p>") + tooltip.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")) +
         QStringLiteral("</p>");
}

bool TooltipWrapper::eventFilter(QObject* watched, QEvent* event) {
  if (event->type() == QEvent::ToolTipChange && watched->isWidgetType()) {
    auto* widget = static_cast<QWidget*>(watched);
    const auto tip = widget->toolTip();
    const auto wrappedTip = wrapped(tip);
    if (wrappedTip != tip) widget->setToolTip(wrappedTip); // the next change event finds it rich
  }
  return QObject::eventFilter(watched, event);
}

} // namespace sdxl::ui
