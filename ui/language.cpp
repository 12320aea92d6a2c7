#include "language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace sdxl::ui {

QString installLanguage(const QString& code) {
  static QTranslator* ours = nullptr;
  static QTranslator* qt = nullptr;
  for (auto** t : {&ours, &qt}) {
    if (*t) {
      QCoreApplication::removeTranslator(*t);
      delete *t;
      *t = nullptr;
    }
  }
  const QString language = code == QLatin1String("system") ? QLocale::system().name().left(2) : code;
  if (language != QLatin1String("ja")) return QStringLiteral("en"); // the source strings are English
  ours = new QTranslator;
  if (!ours->load(QStringLiteral(":/i18n/sdxl-studio_ja.qm"))) {
    delete ours;
    ours = nullptr;
    return QStringLiteral("en");
  }
  QCoreApplication::installTranslator(ours);
  qt = new QTranslator; // Qt's own dialogs (file chooser, message box buttons), when installed
  if (qt->load(QLocale(QStringLiteral("ja")), QStringLiteral("qtbase"), QStringLiteral("_"),
               QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
    QCoreApplication::installTranslator(qt);
  return QStringLiteral("ja");
}

} // namespace sdxl::ui
