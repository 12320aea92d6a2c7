#include "gallery_panel.h"
#include "core_messages.h"

#include "generation_worker.h"

#include "sdxl/error.h"
#include "sdxl/image.h"
#include "sdxl/metadata.h"
#include "sdxl/png_parameters.h"

#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QDirIterator>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QThreadPool>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QShortcut>
#include <QSlider>
#include <QToolBar>
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
  // A tool bar, not a row of buttons: on a narrow window the actions that do not fit go into its
  // overflow menu instead of widening the window.
  auto* buttons = new QToolBar;
  buttons->setObjectName(QStringLiteral("galleryActions"));
  buttons->setToolButtonStyle(Qt::ToolButtonTextOnly);
  const QList<QPair<QString, void (GalleryPanel::*)()>> actions = {
      {tr("View"), &GalleryPanel::viewSelected},           {tr("Save as…"), &GalleryPanel::saveSelectedAs},
      {tr("Copy"), &GalleryPanel::copySelected},           {tr("Parameters"), &GalleryPanel::showParameters},
      {tr("Reuse parameters"), &GalleryPanel::reuseSelected},  {tr("Use as image"), &GalleryPanel::sendSelectedToImage},
      {tr("Open output folder"), &GalleryPanel::openOutputFolder}};
  auto* menu = new QMenu(this);
  QList<QAction*> needAnImage; // every action but opening the folder acts on the chosen image
  // The usual keys while the gallery has the focus (Enter views: itemActivated).
  const auto keyOf = [](void (GalleryPanel::*slot)()) {
    if (slot == &GalleryPanel::saveSelectedAs) return QKeySequence(QKeySequence::Save);
    if (slot == &GalleryPanel::copySelected) return QKeySequence(QKeySequence::Copy);
    return QKeySequence();
  };
  for (const auto& [label, slot] : actions) {
    auto* action = buttons->addAction(label, this, slot);
    menu->addAction(action);
    if (const auto key = keyOf(slot); !key.isEmpty()) {
      action->setShortcut(key);
      action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
      m_list->addAction(action);
      action->setToolTip(QStringLiteral("%1 (%2)").arg(label, key.toString(QKeySequence::NativeText)));
    }
    if (slot != &GalleryPanel::openOutputFolder) {
      action->setObjectName(QStringLiteral("galleryAction"));
      buttons->widgetForAction(action)->setObjectName(QStringLiteral("galleryAction"));
      needAnImage << action;
    }
  }
  auto enable = [this, needAnImage] {
    for (auto* a : needAnImage) a->setEnabled(m_list->currentItem() != nullptr);
  };
  connect(m_list, &QListWidget::currentItemChanged, this, enable);
  connect(m_list->model(), &QAbstractItemModel::rowsRemoved, this, enable);
  enable();
  connect(m_list, &QListWidget::customContextMenuRequested, this,
          [this, menu](const QPoint& at) { menu->popup(m_list->viewport()->mapToGlobal(at)); });
  connect(m_list, &QListWidget::itemActivated, this, &GalleryPanel::viewSelected);
  connect(m_list, &QListWidget::currentItemChanged, this, [this](QListWidgetItem* item) {
    if (item) emit current(imageOf(item));
  });
  m_search = new QLineEdit;
  m_search->setObjectName(QStringLiteral("gallerySearch"));
  m_search->setPlaceholderText(tr("Search the prompts of the images in the output folder"));
  m_search->setClearButtonEnabled(true);
  connect(m_search, &QLineEdit::textChanged, this, &GalleryPanel::filter);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_search);
  layout->addWidget(m_list, 1);
  layout->addWidget(buttons);
}

void GalleryPanel::add(const QImage& image, const QString& path, const QString& parameters, const QString& json) {
  auto* item = new QListWidgetItem(QIcon(QPixmap::fromImage(image.scaled(128, 128, Qt::KeepAspectRatio, Qt::SmoothTransformation))),
                                   path.isEmpty() ? tr("(not saved)") : QFileInfo(path).fileName());
  item->setData(ImageRole, image);
  item->setData(PathRole, path);
  item->setData(ParametersRole, parameters);
  item->setData(JsonRole, json);
  item->setToolTip(parameters);
  m_list->insertItem(0, item);
  m_list->setCurrentItem(item);
  filter();
}

int GalleryPanel::count() const { return m_list->count(); }

int GalleryPanel::visibleCount() const {
  int n = 0;
  for (int i = 0; i < m_list->count(); ++i) n += m_list->item(i)->isHidden() ? 0 : 1;
  return n;
}

void GalleryPanel::setOutputFolder(const QString& folder) {
  if (folder == m_outputFolder) return;
  m_outputFolder = folder;
  ++m_generation;
  // The session's images that were never saved stay; the rest is the folder's.
  for (int i = m_list->count() - 1; i >= 0; --i)
    if (!m_list->item(i)->data(PathRole).toString().isEmpty()) delete m_list->takeItem(i);
  QFileInfoList files = QDir(folder).entryInfoList({QStringLiteral("*.png"), QStringLiteral("*.PNG")}, QDir::Files, QDir::Time);
  if (files.size() > kHistory) files.erase(files.begin() + kHistory, files.end());
  m_pending = int(files.size());
  const QIcon placeholder = QIcon::fromTheme(QStringLiteral("image-x-generic"));
  for (const auto& file : files) {
    auto* item = new QListWidgetItem(placeholder, file.fileName());
    item->setData(PathRole, file.absoluteFilePath());
    m_list->addItem(item);
    // Decoding a PNG takes tens of milliseconds: off the interface's thread, newest first.
    QPointer<GalleryPanel> self(this);
    const auto generation = m_generation;
    const auto path = file.absoluteFilePath();
    QThreadPool::globalInstance()->start([self, generation, path] {
      QImage thumbnail;
      QString parameters, json;
      try {
        std::map<std::string, std::string> text;
        const auto image = sdxl::loadPng(path.toStdString(), &text);
        thumbnail = toQImage(image).scaled(128, 128, Qt::KeepAspectRatio, Qt::SmoothTransformation);
        if (text.count("parameters")) parameters = QString::fromStdString(text["parameters"]);
        if (text.count("sdxl-studio")) json = QString::fromStdString(text["sdxl-studio"]);
        if (parameters.isEmpty())
          if (const auto restored = sdxl::parametersFromPngText(text))
            parameters = QString::fromStdString(restored->request.prompt);
      } catch (const std::exception&) { // not a PNG we can read: listed by name alone
      }
      if (self)
        QMetaObject::invokeMethod(self, [self, generation, path, thumbnail, parameters, json] {
          if (self) self->loaded(generation, path, thumbnail, parameters, json);
        }, Qt::QueuedConnection);
    });
  }
  filter();
}

void GalleryPanel::loaded(quint64 generation, const QString& path, const QImage& thumbnail, const QString& parameters,
                          const QString& json) {
  if (generation != m_generation) return;
  --m_pending;
  for (int i = 0; i < m_list->count(); ++i) {
    auto* item = m_list->item(i);
    if (item->data(PathRole).toString() != path) continue;
    if (!thumbnail.isNull()) item->setIcon(QIcon(QPixmap::fromImage(thumbnail)));
    item->setData(ParametersRole, parameters);
    item->setData(JsonRole, json);
    item->setToolTip(parameters.isEmpty() ? path : parameters);
    break;
  }
  filter();
}

void GalleryPanel::filter() {
  const auto words = m_search->text().split(QLatin1Char(' '), Qt::SkipEmptyParts);
  for (int i = 0; i < m_list->count(); ++i) {
    auto* item = m_list->item(i);
    const auto haystack = item->data(ParametersRole).toString() + QLatin1Char(' ') + item->text();
    bool shown = true;
    for (const auto& word : words) shown = shown && haystack.contains(word, Qt::CaseInsensitive);
    item->setHidden(!shown);
  }
}

QImage GalleryPanel::imageOf(const QListWidgetItem* item) const {
  const auto held = item->data(ImageRole).value<QImage>();
  if (!held.isNull()) return held;
  try { // the history's: from its file, only when asked for
    return toQImage(sdxl::loadPng(item->data(PathRole).toString().toStdString()));
  } catch (const std::exception&) {
    return {};
  }
}

QListWidgetItem* GalleryPanel::selected() const { return m_list->currentItem(); }

void GalleryPanel::viewSelected() {
  auto* item = selected();
  if (!item) return;
  const auto image = imageOf(item);
  QDialog dialog(this);
  dialog.setWindowTitle(QFileInfo(item->data(PathRole).toString()).fileName());
  auto* label = new QLabel;
  auto* scroll = new QScrollArea;
  scroll->setWidget(label);
  auto* zoom = new QSlider(Qt::Horizontal);
  zoom->setObjectName(QStringLiteral("zoom"));
  zoom->setRange(10, 400);
  zoom->setValue(100);
  zoom->setToolTip(tr("Zoom: Ctrl++ and Ctrl+- step it, Ctrl+0 shows the image at its size"));
  auto* zoomLabel = new QLabel(tr("&Zoom"));
  zoomLabel->setBuddy(zoom);
  auto* percent = new QLabel;
  percent->setObjectName(QStringLiteral("zoomPercent"));
  percent->setMinimumWidth(percent->fontMetrics().horizontalAdvance(QStringLiteral("400 %")));
  auto show = [label, percent, image](int value) {
    label->setPixmap(QPixmap::fromImage(image.scaled(image.size() * value / 100, Qt::KeepAspectRatio,
                                                     value < 100 ? Qt::SmoothTransformation : Qt::FastTransformation)));
    label->adjustSize();
    percent->setText(tr("%1 %").arg(value));
  };
  connect(zoom, &QSlider::valueChanged, label, show);
  show(100);
  new QShortcut(QKeySequence::ZoomIn, &dialog, [zoom] { zoom->setValue(zoom->value() + 25); });
  new QShortcut(QKeySequence::ZoomOut, &dialog, [zoom] { zoom->setValue(zoom->value() - 25); });
  new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_0), &dialog, [zoom] { zoom->setValue(100); });
  auto* zoomRow = new QHBoxLayout;
  zoomRow->addWidget(zoomLabel);
  zoomRow->addWidget(zoom, 1);
  zoomRow->addWidget(percent);
  auto* layout = new QVBoxLayout(&dialog);
  layout->addWidget(scroll, 1);
  layout->addLayout(zoomRow);
  dialog.resize(900, 900);
  dialog.exec();
}

void GalleryPanel::saveSelectedAs() {
  auto* item = selected();
  if (!item) return;
  const auto source = item->data(PathRole).toString();
  const auto proposed = source.isEmpty() ? QDir(m_outputFolder).filePath(QStringLiteral("sdxl.png")) : source;
  const auto target = QFileDialog::getSaveFileName(this, tr("Save image as"), proposed, tr("PNG images (*.png)"));
  if (target.isEmpty()) return;
  QString error;
  if (!saveItemAs(m_list->row(item), target, error)) QMessageBox::warning(this, tr("Save as"), error);
}

bool GalleryPanel::saveItemAs(int row, const QString& target, QString& error) const {
  const auto* item = m_list->item(row);
  if (!item) return false;
  const auto source = item->data(PathRole).toString();
  const QFileInfo from(source), to(target);
  if (!source.isEmpty() && from.exists()) {
    if (to.exists() && from.canonicalFilePath() == to.canonicalFilePath()) return true; // onto itself: nothing to do
    // The saved file's bytes, not the pixels: it carries the parameters. Through a temporary file
    // renamed over the target at the end, so a failed write leaves both files as they were.
    QFile in(source);
    if (!in.open(QIODevice::ReadOnly)) {
      error = tr("Could not read %1: %2").arg(source, in.errorString());
      return false;
    }
    QSaveFile out(target);
    if (!out.open(QIODevice::WriteOnly) || out.write(in.readAll()) != in.size() || !out.commit()) {
      error = tr("Could not write %1: %2").arg(target, out.errorString());
      return false;
    }
    return true;
  }
  // Never saved (the output folder failed): write the pixels with their parameters now.
  const auto pixels = fromQImage(item->data(ImageRole).value<QImage>());
  try {
    sdxl::savePng(pixels, target.toStdString(),
                  sdxl::imageTextChunks(item->data(ParametersRole).toString().toStdString(),
                                        item->data(JsonRole).toString().toStdString()),
                  /*overwrite=*/true);
  } catch (const sdxl::Error& e) {
    error = errorText(e);
    return false;
  }
  return true;
}

void GalleryPanel::copySelected() {
  if (auto* item = selected()) QApplication::clipboard()->setImage(imageOf(item));
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
  if (item->data(JsonRole).toString().isEmpty() && !item->data(PathRole).toString().isEmpty()) {
    emit restoreRequested(item->data(PathRole).toString()); // another tool's PNG, or an older one of ours
    return;
  }
  try {
    emit reuseRequested(sdxl::requestFromJson(item->data(JsonRole).toString().toStdString()));
  } catch (const sdxl::Error& e) {
    QMessageBox::warning(this, tr("Reuse parameters"), errorText(e));
  }
}

void GalleryPanel::sendSelectedToImage() {
  if (auto* item = selected()) emit sendToImage(imageOf(item));
}

void GalleryPanel::openOutputFolder() { QDesktopServices::openUrl(QUrl::fromLocalFile(m_outputFolder)); }

} // namespace sdxl::ui
