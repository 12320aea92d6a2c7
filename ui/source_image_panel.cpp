#include "source_image_panel.h"

#include "generation_worker.h"
#include "mask_painter.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QImageReader>
#include <QLabel>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

namespace sdxl::ui {

namespace {

QImage readImage(const QString& path, QString& error) {
  QImageReader reader(path);
  reader.setAutoTransform(true); // a photo's EXIF orientation, as viewers show it
  QImage image = reader.read();
  if (image.isNull())
    error = QCoreApplication::translate("sdxl::ui::SourceImagePanel", "%1 could not be read as an image: %2")
                .arg(path, reader.errorString());
  return image;
}

QPushButton* button(const QString& text, const char* name, QWidget* parent) {
  auto* b = new QPushButton(text, parent);
  b->setObjectName(QLatin1String(name));
  return b;
}

} // namespace

SourceImagePanel::SourceImagePanel(QWidget* parent) : QWidget(parent) {
  setAcceptDrops(true);
  m_painter = new MaskPainter;
  auto* open = button(tr("Open image…"), "openInitImage", this);
  auto* paste = button(tr("Paste"), "pasteInitImage", this);
  auto* clear = button(tr("Clear"), "clearInitImage", this);
  auto* useSize = button(tr("Use its size"), "useImageSize", this);
  useSize->setToolTip(tr("Set the width and height to the image's, cut down to multiples of 8."));
  auto* imageRow = new QHBoxLayout;
  for (auto* b : {open, paste, clear, useSize}) imageRow->addWidget(b);
  imageRow->addStretch(1);

  m_brush = new QSpinBox;
  m_brush->setObjectName(QStringLiteral("brushSize"));
  m_brush->setRange(1, 512);
  m_brush->setValue(48);
  m_brush->setSuffix(tr(" px"));
  m_brush->setToolTip(tr("The brush's diameter, in the image's pixels."));
  m_eraser = new QCheckBox(tr("Eraser"));
  m_eraser->setObjectName(QStringLiteral("eraser"));
  auto* undo = button(tr("Undo"), "undoMask", this);
  auto* clearMask = button(tr("Clear mask"), "clearMask", this);
  auto* invert = button(tr("Invert"), "invertMask", this);
  auto* openMask = button(tr("Open mask…"), "openMask", this);
  auto* maskRow = new QHBoxLayout;
  maskRow->addWidget(new QLabel(tr("Brush")));
  maskRow->addWidget(m_brush);
  for (QWidget* w : std::initializer_list<QWidget*>{m_eraser, undo, clearMask, invert, openMask}) maskRow->addWidget(w);
  maskRow->addStretch(1);

  m_strength = new QSlider(Qt::Horizontal);
  m_strength->setObjectName(QStringLiteral("strength"));
  m_strength->setRange(1, 100);
  m_strength->setValue(75);
  m_strength->setToolTip(tr("How much of the image to redo: the share of the steps that run, from the image noised "
                            "to their level. Low values stay close to the image; 1 redoes it all."));
  m_strengthValue = new QLabel;
  auto* strengthRow = new QHBoxLayout;
  strengthRow->addWidget(m_strength, 1);
  strengthRow->addWidget(m_strengthValue);
  m_fit = new QComboBox;
  m_fit->setObjectName(QStringLiteral("fit"));
  m_fit->addItem(tr("Crop and resize"), static_cast<int>(ImageFit::Crop));
  m_fit->addItem(tr("Just resize"), static_cast<int>(ImageFit::Resize));
  m_fit->addItem(tr("Resize and fill"), static_cast<int>(ImageFit::Fill));
  m_fit->setToolTip(tr("An image of another size than the request's: cut to its aspect ratio and scaled, or "
                       "stretched."));
  m_maskBlur = new QSpinBox;
  m_maskBlur->setObjectName(QStringLiteral("maskBlur"));
  m_maskBlur->setRange(0, 64);
  m_maskBlur->setValue(4);
  m_maskBlur->setSuffix(tr(" px"));
  m_maskBlur->setToolTip(tr("Blurs the mask before it is read (A1111's mask blur): rounds its corners and lets thin "
                            "strokes merge. 0 reads it as painted."));
  m_onlyMasked = new QCheckBox(tr("Only masked"));
  m_onlyMasked->setObjectName(QStringLiteral("onlyMasked"));
  m_onlyMasked->setToolTip(tr("Inpaint only the area around the mask, at the full size set in Parameters, and paste it "
                              "back (A1111's \"Only masked\"): more detail for a small area. The image keeps its size."));
  m_onlyMaskedPadding = new QSpinBox;
  m_onlyMaskedPadding->setObjectName(QStringLiteral("onlyMaskedPadding"));
  m_onlyMaskedPadding->setRange(0, 1024);
  m_onlyMaskedPadding->setValue(32);
  m_onlyMaskedPadding->setSuffix(tr(" px"));
  m_onlyMaskedPadding->setToolTip(tr("Pixels of the image around the mask that the area takes in"));
  auto* areaRow = new QHBoxLayout;
  areaRow->addWidget(m_onlyMasked);
  areaRow->addWidget(m_onlyMaskedPadding);
  areaRow->addStretch(1);
  m_mode = new QLabel;
  m_mode->setObjectName(QStringLiteral("imageMode"));
  m_mode->setWordWrap(true);

  auto* form = new QFormLayout;
  form->addRow(tr("Strength"), strengthRow);
  form->addRow(tr("Other sizes"), m_fit);
  form->addRow(tr("Mask blur"), m_maskBlur);
  form->addRow(tr("Inpaint area"), areaRow);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(imageRow);
  layout->addWidget(m_painter, 1);
  layout->addLayout(maskRow);
  layout->addLayout(form);
  layout->addWidget(m_mode);

  connect(open, &QPushButton::clicked, this, &SourceImagePanel::browseImage);
  connect(paste, &QPushButton::clicked, this, &SourceImagePanel::pasteImage);
  connect(clear, &QPushButton::clicked, this, &SourceImagePanel::clearImage);
  connect(useSize, &QPushButton::clicked, this, [this] {
    if (hasImage()) emit sizeWanted(m_painter->image().width() / 8 * 8, m_painter->image().height() / 8 * 8);
  });
  connect(openMask, &QPushButton::clicked, this, &SourceImagePanel::browseMask);
  connect(undo, &QPushButton::clicked, m_painter, &MaskPainter::undo);
  connect(clearMask, &QPushButton::clicked, m_painter, &MaskPainter::clearMask);
  connect(invert, &QPushButton::clicked, m_painter, &MaskPainter::invertMask);
  connect(m_brush, &QSpinBox::valueChanged, m_painter, &MaskPainter::setBrushSize);
  connect(m_eraser, &QCheckBox::toggled, m_painter, &MaskPainter::setEraser);
  connect(m_painter, &MaskPainter::maskChanged, this, &SourceImagePanel::updateState);
  connect(m_strength, &QSlider::valueChanged, this, &SourceImagePanel::updateState);
  updateState();
}

bool SourceImagePanel::hasImage() const { return !m_painter->image().isNull(); }

void SourceImagePanel::updateState() {
  m_strengthValue->setText(QString::number(m_strength->value() / 100.0, 'f', 2));
  m_mode->setText(!hasImage()            ? tr("No image: the studio draws from noise (txt2img).")
                  : m_painter->hasMask() ? tr("Inpainting: the red part is repainted, the rest kept.")
                                         : tr("img2img: the whole image is redone. Paint to inpaint a part."));
  emit changed();
}

void SourceImagePanel::setImage(const QImage& image) {
  if (image.isNull()) return;
  m_painter->setImage(image);
  updateState();
}

void SourceImagePanel::clearImage() {
  m_painter->setImage(QImage());
  updateState();
}

void SourceImagePanel::pasteImage() {
  const auto image = QApplication::clipboard()->image();
  if (image.isNull()) {
    QMessageBox::information(this, tr("Paste"), tr("The clipboard holds no image."));
    return;
  }
  setImage(image);
}

bool SourceImagePanel::openImage(const QString& path, QString& error) {
  const auto image = readImage(path, error);
  if (image.isNull()) return false;
  setImage(image);
  return true;
}

bool SourceImagePanel::openMask(const QString& path, QString& error) {
  if (!hasImage()) {
    error = tr("Open the image first: a mask belongs to an image.");
    return false;
  }
  const auto mask = readImage(path, error);
  if (mask.isNull()) return false;
  if (mask.size() != m_painter->image().size()) {
    error = tr("The mask is %1x%2 but the image is %3x%4; a mask must be its image's size.")
                .arg(mask.width()).arg(mask.height()).arg(m_painter->image().width()).arg(m_painter->image().height());
    return false;
  }
  m_painter->setMask(mask);
  return true;
}

void SourceImagePanel::browseImage() {
  const auto path = QFileDialog::getOpenFileName(this, tr("Open an image to start from"), {},
                                                 tr("Images (*.png *.jpg *.jpeg *.webp *.bmp)"));
  QString error;
  if (!path.isEmpty() && !openImage(path, error)) QMessageBox::warning(this, tr("Open image"), error);
}

void SourceImagePanel::browseMask() {
  const auto path = QFileDialog::getOpenFileName(this, tr("Open a mask (white is repainted)"), {},
                                                 tr("Images (*.png *.jpg *.jpeg *.webp *.bmp)"));
  QString error;
  if (!path.isEmpty() && !openMask(path, error)) QMessageBox::warning(this, tr("Open mask"), error);
}

void SourceImagePanel::dragEnterEvent(QDragEnterEvent* event) {
  if (event->mimeData()->hasImage() || event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void SourceImagePanel::dropEvent(QDropEvent* event) {
  const auto* data = event->mimeData();
  QString error;
  if (data->hasImage()) setImage(qvariant_cast<QImage>(data->imageData()));
  else if (!data->urls().isEmpty() && !openImage(data->urls().first().toLocalFile(), error))
    QMessageBox::warning(this, tr("Open image"), error);
  event->acceptProposedAction();
}

void SourceImagePanel::fill(GenerationRequest& r) const {
  if (!hasImage()) return;
  const auto fit = static_cast<ImageFit>(m_fit->currentData().toInt());
  if (m_painter->hasMask() && m_onlyMasked->isChecked()) { // the image whole: the area is cut from it
    r.initImage = fromQImage(m_painter->image());
    r.mask = fromQImage(m_painter->mask());
    r.onlyMaskedPadding = m_onlyMaskedPadding->value();
    r.strength = m_strength->value() / 100.0;
    r.maskBlur = m_maskBlur->value();
    return;
  }
  r.initImage = fitImage(fromQImage(m_painter->image()), r.width, r.height, fit);
  r.strength = m_strength->value() / 100.0;
  if (m_painter->hasMask()) r.mask = fitImage(fromQImage(m_painter->mask()), r.width, r.height, fit);
  r.maskBlur = m_maskBlur->value();
}

void SourceImagePanel::apply(const GenerationRequest& r) {
  m_strength->setValue(int(std::lround(r.strength * 100)));
  m_maskBlur->setValue(int(std::lround(r.maskBlur)));
  m_onlyMasked->setChecked(r.onlyMaskedPadding.has_value());
  if (r.onlyMaskedPadding) m_onlyMaskedPadding->setValue(*r.onlyMaskedPadding);
}

} // namespace sdxl::ui
