// The image to start from, shown to fit, with a mask painted over it in red: drag to paint,
// with the eraser to take paint away; brush size in the image's pixels; undo, clear, invert.
#pragma once

#include <QImage>
#include <QWidget>

#include <vector>

namespace sdxl::ui {

class MaskPainter final : public QWidget {
  Q_OBJECT
public:
  explicit MaskPainter(QWidget* parent = nullptr);
  void setImage(const QImage& image); // a new image starts with an empty mask
  const QImage& image() const { return m_image; }
  void setMask(const QImage& mask);   // scaled to the image; white (at least one half) is painted
  const QImage& mask() const { return m_mask; } // Grayscale8, the image's size; 255 painted, 0 not
  bool hasMask() const;
  void setBrushSize(int pixels) { m_brush = pixels; }
  void setEraser(bool on) { m_eraser = on; }
  // A stroke in image pixels, as a drag would paint it (tests drive this).
  void paintStroke(const QList<QPoint>& points);

public slots:
  void undo();
  void clearMask();
  void invertMask();

signals:
  void maskChanged();

protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;

private:
  QRectF imageRect() const; // where the image is drawn in the widget
  QPoint toImage(const QPointF& widgetPoint) const;
  void remember();          // the mask as it is now, for undo
  void dab(const QPoint& from, const QPoint& to);

  QImage m_image, m_mask, m_overlay;
  std::vector<QImage> m_undo;
  int m_brush = 48;
  bool m_eraser = false, m_dragging = false;
  QPoint m_last;
};

} // namespace sdxl::ui
