#include "gallery_panel.h"

#include "sdxl/error.h"
#include "sdxl/metadata.h"

#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSlider>
#include <QUrl>
#include <QVBoxLayout>

namespace sdxl::ui {

namespace {
enum Role { ImageRole = Qt::UserRole + 1, PathRole, ParametersRole, JsonRole };
}

GalleryPanel::GalleryPanel(QWidget* parent) : QWidget(parent) {
  m_list = new QListWidget;
  m_list->setObjectName(QStringLiteral("gallery"));
  m_list->setViewMode(QListView::IconMode);
  m_list->setIconSize(QSize(128, 128));
  m_list->setResizeMode(QListView::Adjust);
  m_list->setMovement(QListView::Static);
  m_list->setContextMenuPolicy(Qt::CustomContextMenu);
  auto* buttons = new QHBoxLayout;
  const QList<QPair<QString, void (GalleryPanel::*)()>> actions = {
      {tr("View"), &GalleryPanel::viewSelected},           {tr("Save as…"), &GalleryPanel::saveSelectedAs},
      {tr("Copy"), &GalleryPanel::copySelected},           {tr("Parameters"), &GalleryPanel::showParameters},
      {tr("Reuse parameters"), &GalleryPanel::reuseSelected}, {tr("Open output folder"), &GalleryPanel::openOutputFolder}};
  auto* menu = new QMenu(this);
  for (const auto& [label, slot] : actions) {
    auto* button = new QPushButton(label);
    connect(button, &QPushButton::clicked, this, slot);
    buttons->addWidget(button);
    menu->addAction(label, this, slot);
  }
  buttons->addStretch(1);
  connect(m_list, &QListWidget::customContextMenuRequested, this,
          [this, menu](const QPoint& at) { menu->popup(m_list->viewport()->mapToGlobal(at)); });
  connect(m_list, &QListWidget::itemActivated, this, &GalleryPanel::viewSelected);
  connect(m_list, &QListWidget::currentItemChanged, this, [this](QListWidgetItem* item) {
    if (item) emit current(item->data(ImageRole).value<QImage>());
  });
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_list, 1);
  layout->addLayout(buttons);
}

void GalleryPanel::add(const QImage& image, const QString& path, const QString& parameters, const QString& json) {
  auto* item = new QListWidgetItem(QIcon(QPixmap::fromImage(image.scaled(128, 128, Qt::KeepAspectRatio, Qt::SmoothTransformation))),
                                   QFileInfo(path).fileName());
  item->setData(ImageRole, image);
  item->setData(PathRole, path);
  item->setData(ParametersRole, parameters);
  item->setData(JsonRole, json);
  item->setToolTip(parameters);
  m_list->insertItem(0, item);
  m_list->setCurrentItem(item);
}

int GalleryPanel::count() const { return m_list->count(); }

QListWidgetItem* GalleryPanel::selected() const { return m_list->currentItem(); }

void GalleryPanel::viewSelected() {
  auto* item = selected();
  if (!item) return;
  const auto image = item->data(ImageRole).value<QImage>();
  QDialog dialog(this);
  dialog.setWindowTitle(QFileInfo(item->data(PathRole).toString()).fileName());
  auto* label = new QLabel;
  auto* scroll = new QScrollArea;
  scroll->setWidget(label);
  auto* zoom = new QSlider(Qt::Horizontal);
  zoom->setRange(10, 400);
  zoom->setValue(100);
  zoom->setToolTip(tr("Zoom (%)"));
  auto show = [label, image](int percent) {
    label->setPixmap(QPixmap::fromImage(image.scaled(image.size() * percent / 100, Qt::KeepAspectRatio,
                                                     percent < 100 ? Qt::SmoothTransformation : Qt::FastTransformation)));
    label->adjustSize();
  };
  connect(zoom, &QSlider::valueChanged, label, show);
  show(100);
  auto* layout = new QVBoxLayout(&dialog);
  layout->addWidget(scroll, 1);
  layout->addWidget(zoom);
  dialog.resize(900, 900);
  dialog.exec();
}

void GalleryPanel::saveSelectedAs() {
  auto* item = selected();
  if (!item) return;
  const auto target = QFileDialog::getSaveFileName(this, tr("Save image as"), item->data(PathRole).toString(),
                                                   tr("PNG images (*.png)"));
  if (target.isEmpty()) return;
  // Copy the saved file, not the pixels: it carries the parameters.
  if (QFile::exists(target)) QFile::remove(target);
  if (!QFile::copy(item->data(PathRole).toString(), target))
    QMessageBox::warning(this, tr("Save as"), tr("Could not write %1.").arg(target));
}

void GalleryPanel::copySelected() {
  if (auto* item = selected()) QApplication::clipboard()->setImage(item->data(ImageRole).value<QImage>());
}

void GalleryPanel::showParameters() {
  auto* item = selected();
  if (!item) return;
  QDialog dialog(this);
  dialog.setWindowTitle(tr("Parameters"));
  auto* text = new QPlainTextEdit(item->data(ParametersRole).toString());
  text->setReadOnly(true);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
  connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
  auto* layout = new QVBoxLayout(&dialog);
  layout->addWidget(text);
  layout->addWidget(buttons);
  dialog.resize(560, 260);
  dialog.exec();
}

void GalleryPanel::reuseSelected() {
  auto* item = selected();
  if (!item) return;
  try {
    emit reuseRequested(sdxl::requestFromJson(item->data(JsonRole).toString().toStdString()));
  } catch (const sdxl::Error& e) {
    QMessageBox::warning(this, tr("Reuse parameters"), QString::fromStdString(e.what()));
  }
}

void GalleryPanel::openOutputFolder() { QDesktopServices::openUrl(QUrl::fromLocalFile(m_outputFolder)); }

} // namespace sdxl::ui
