// The studio's window over its life: made at start, and made again in another language when the
// person chooses one (every string, Qt's own dialogs' too, in the new language at once, no
// restart), keeping the settings, the models folder given on the command line and the window's
// place. A language chosen during a run applies when the run ends.
#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

namespace sdxl::ui {

class MainWindow;

class StudioApp final : public QObject {
  Q_OBJECT
public:
  explicit StudioApp(QString modelsFolderForThisSession = {});
  ~StudioApp() override;
  void start();                       // the window, in the saved language
  MainWindow* window() const;

private slots:
  void switchLanguage(const QString& code);

private:
  void makeWindow();
  QString m_modelsFolder;
  QPointer<MainWindow> m_window;
};

} // namespace sdxl::ui
