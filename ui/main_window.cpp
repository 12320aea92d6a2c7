#include "main_window.h"

#include "sdxl/version.h"

#include <QApplication>
#include <QDockWidget>
#include <QFormLayout>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QSplitter>
#include <QStatusBar>
#include <QVBoxLayout>
#include <qcustomplot.h>

namespace sdxl::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  setObjectName(QStringLiteral("MainWindow"));
  setWindowTitle(tr("SDXL Studio"));
  setWindowIcon(QIcon(QStringLiteral(":/icons/sdxl-studio.svg")));

  auto* splitter = new QSplitter(this);
  splitter->addWidget(buildPromptPanel());
  m_image = new QLabel(tr("No image yet. Choose a model, type a prompt and press Generate."));
  m_image->setAlignment(Qt::AlignCenter);
  auto* scroll = new QScrollArea;
  scroll->setWidget(m_image);
  scroll->setWidgetResizable(true);
  splitter->addWidget(scroll);
  splitter->setStretchFactor(1, 1);
  setCentralWidget(splitter);

  auto* dock = new QDockWidget(tr("Telemetry"), this);
  dock->setObjectName(QStringLiteral("TelemetryDock"));
  dock->setWidget(buildTelemetryDock());
  addDockWidget(Qt::BottomDockWidgetArea, dock);

  buildMenus();
  statusBar()->showMessage(QString::fromStdString(sdxl::computeDescription()));
  resize(1280, 860);
}

QWidget* MainWindow::buildPromptPanel() {
  auto* panel = new QWidget;
  auto* layout = new QFormLayout(panel);
  m_prompt = new QPlainTextEdit;
  m_prompt->setObjectName(QStringLiteral("prompt"));
  m_prompt->setPlaceholderText(tr("Describe the image"));
  m_negative = new QPlainTextEdit;
  m_negative->setObjectName(QStringLiteral("negativePrompt"));
  m_negative->setPlaceholderText(tr("What the image should not contain"));
  layout->addRow(tr("&Prompt"), m_prompt);
  layout->addRow(tr("&Negative prompt"), m_negative);
  return panel;
}

QWidget* MainWindow::buildTelemetryDock() {
  m_vramPlot = new QCustomPlot;
  m_vramPlot->setObjectName(QStringLiteral("vramPlot"));
  m_vramPlot->xAxis->setLabel(tr("time (s)"));
  m_vramPlot->yAxis->setLabel(tr("VRAM (GB)"));
  m_vramPlot->addGraph()->setName(tr("allocated"));
  m_vramPlot->setMinimumHeight(160);
  return m_vramPlot;
}

void MainWindow::buildMenus() {
  auto* file = menuBar()->addMenu(tr("&File"));
  file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::closeAllWindows);
  auto* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&About SDXL Studio"), this, &MainWindow::showAbout);
}

void MainWindow::showAbout() {
  QMessageBox::about(this, tr("About SDXL Studio"),
                     tr("<h3>SDXL Studio %1</h3><p>Stable Diffusion XL, and what each optimization costs and buys.</p>"
                        "<p>Qt %2<br>LibTorch %3<br>%4</p>")
                         .arg(QString::fromStdString(sdxl::studioVersion()), QString::fromLatin1(qVersion()),
                              QString::fromStdString(sdxl::torchVersion()),
                              QString::fromStdString(sdxl::computeDescription())));
}

} // namespace sdxl::ui
