#include "core_messages.h"

#include "sdxl/error.h"

#include <QCoreApplication>

namespace sdxl::ui {

QString errorText(const std::exception& error) {
  const auto* core = dynamic_cast<const sdxl::Error*>(&error);
  if (!core || !core->text()) return QString::fromStdString(error.what());
  const QString text = QCoreApplication::translate("sdxl", core->text());
  const auto& args = core->args();
  // One pass, as the core's formatMessage: an argument's own "%2" (a path, a prompt) stays as it is.
  QString out;
  for (qsizetype i = 0; i < text.size(); ++i) {
    const QChar next = i + 1 < text.size() ? text[i + 1] : QChar();
    const int n = next.unicode() - '1';
    if (text[i] == u'%' && n >= 0 && n < 9 && static_cast<std::size_t>(n) < args.size()) {
      out += QString::fromStdString(args[n]);
      ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

} // namespace sdxl::ui
