// img2img and inpainting in the studio: the image to start from (open, drop, paste, or sent from
// the gallery), a mask painted over it (brush, eraser, undo, clear, invert, or a mask file), how
// much to redo (strength) and how an image of another size meets the request's size. With no
// image the studio draws from noise; with a painted mask it inpaints.
#pragma once

#include "sdxl/request.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QSlider;
class QSpinBox;

namespace sdxl::ui {

class MaskPainter;

class SourceImagePanel final : public QWidget {
  Q_OBJECT
public:
  explicit SourceImagePanel(QWidget* parent = nullptr);
  // The init image (fitted to the request's size), strength and mask, when an image is set.
  void fill(GenerationRequest& request) const;
  void apply(const GenerationRequest& request); // "reuse": the strength (images are not stored)
  bool hasImage() const;
  // Throws nothing: a file that is not an image says so in `error`.
  bool openImage(const QString& path, QString& error);
  bool openMask(const QString& path, QString& error);

public slots:
  void setImage(const QImage& image);
  void clearImage();
  void pasteImage();

signals:
  void sizeWanted(int width, int height); // "Use the image's size"
  void changed();

protected:
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

private:
  void browseImage();
  void browseMask();
  void updateState();

  MaskPainter* m_painter = nullptr;
  QSlider* m_strength = nullptr;
  QLabel *m_strengthValue = nullptr, *m_mode = nullptr;
  QComboBox* m_fit = nullptr;
  QSpinBox *m_brush = nullptr, *m_maskBlur = nullptr, *m_onlyMaskedPadding = nullptr;
  QCheckBox* m_onlyMasked = nullptr;
  QCheckBox* m_eraser = nullptr;
};

} // namespace sdxl::ui
