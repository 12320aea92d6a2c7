// sdxl-studio: the desktop application. Entry point only; the window lives in ui/.
#include "studio_app.h"

#include "sdxl/version.h"

#include <QApplication>
#include <QIcon>
#include <QTextStream>

int main(int argc, char** argv) {
  // --version must work without a display (packaging tests run it headless).
  for (int i = 1; i < argc; ++i) {
    if (QString::fromLocal8Bit(argv[i]) == QLatin1String("--version")) {
      QTextStream(stdout) << "sdxl-studio " << QString::fromStdString(sdxl::studioVersion()) << "\nQt "
                          << qVersion() << "\nLibTorch " << QString::fromStdString(sdxl::torchVersion()) << "\n"
                          << QString::fromStdString(sdxl::computeDescription()) << "\n";
      return 0;
    }
  }
  QApplication app(argc, argv);
  QApplication::setApplicationName(QStringLiteral("SDXL Studio"));
  QApplication::setOrganizationName(QStringLiteral("SDXL Studio"));
  QApplication::setApplicationVersion(QString::fromStdString(sdxl::studioVersion()));
  QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/sdxl-studio.svg")));
  const auto args = QApplication::arguments();
  QString models; // for this session; File > Choose models folder keeps one
  if (const auto at = args.indexOf(QStringLiteral("--models")); at > 0 && at + 1 < args.size()) models = args.at(at + 1);
  sdxl::ui::StudioApp studio(models);
  studio.start();
  return QApplication::exec();
}
