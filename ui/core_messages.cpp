#include "core_messages.h"

#include "sdxl/error.h"

#include <QCoreApplication>

namespace sdxl::ui {

QString errorText(const std::exception& error) {
  const auto* core = dynamic_cast<const sdxl::Error*>(&error);
  if (!core || !core->text()) return QString::fromStdString(error.what());
  // The core's own one-pass substitution: an argument's own "%2" (a path, a prompt) stays as it is.
  const QString text = QCoreApplication::translate("sdxl", core->text());
  return QString::fromStdString(sdxl::formatMessage(text.toStdString(), core->args()));
}

} // namespace sdxl::ui
