#include "studio_app.h"

#include "language.h"
#include "main_window.h"

#include <QSettings>

namespace sdxl::ui {

StudioApp::StudioApp(QString modelsFolderForThisSession) : m_modelsFolder(std::move(modelsFolderForThisSession)) {}

StudioApp::~StudioApp() { delete m_window; }

MainWindow* StudioApp::window() const { return m_window; }

void StudioApp::start() {
  installLanguage(QSettings().value(QStringLiteral("language"), QStringLiteral("system")).toString());
  makeWindow();
}

void StudioApp::makeWindow() {
  m_window = new MainWindow;
  m_window->setAttribute(Qt::WA_DeleteOnClose, false);
  if (!m_modelsFolder.isEmpty()) m_window->setModelsFolder(m_modelsFolder, false);
  connect(m_window, &MainWindow::languageChosen, this, &StudioApp::switchLanguage, Qt::QueuedConnection);
  m_window->show();
}

void StudioApp::switchLanguage(const QString& code) {
  QSettings().setValue(QStringLiteral("language"), code);
  installLanguage(code);
  // The window is made again: its settings (geometry, request, prompts) are saved as it closes and
  // read as the new one opens, in the new language.
  MainWindow* old = m_window;
  old->close();
  makeWindow();
  old->deleteLater();
}

} // namespace sdxl::ui
