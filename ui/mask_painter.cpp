#include "mask_painter.h"

#include <QMouseEvent>
#include <QPainter>

namespace sdxl::ui {

namespace {
constexpr std::size_t kUndoSteps = 30;
}

MaskPainter::MaskPainter(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("maskPainter"));
  setMinimumSize(160, 160);
  setCursor(Qt::CrossCursor);
}

void MaskPainter::setImage(const QImage& image) {
  m_image = image.convertToFormat(QImage::Format_RGB888);
  m_mask = QImage(m_image.size(), QImage::Format_Grayscale8);
  m_mask.fill(0);
  m_undo.clear();
  update();
  emit maskChanged();
}

void MaskPainter::setMask(const QImage& mask) {
  if (m_image.isNull()) return;
  remember();
  m_mask = mask.convertToFormat(QImage::Format_Grayscale8)
               .scaled(m_image.size(), Qt::IgnoreAspectRatio, Qt::FastTransformation);
  for (int y = 0; y < m_mask.height(); ++y) {
    auto* row = m_mask.scanLine(y);
    for (int x = 0; x < m_mask.width(); ++x) row[x] = row[x] >= 128 ? 255 : 0;
  }
  update();
  emit maskChanged();
}

bool MaskPainter::hasMask() const {
  for (int y = 0; y < m_mask.height(); ++y) {
    const auto* row = m_mask.constScanLine(y);
    for (int x = 0; x < m_mask.width(); ++x)
      if (row[x]) return true;
  }
  return false;
}

void MaskPainter::remember() {
  m_undo.push_back(m_mask);
  if (m_undo.size() > kUndoSteps) m_undo.erase(m_undo.begin());
}

void MaskPainter::undo() {
  if (m_undo.empty()) return;
  m_mask = m_undo.back();
  m_undo.pop_back();
  update();
  emit maskChanged();
}

void MaskPainter::clearMask() {
  if (m_mask.isNull()) return;
  remember();
  m_mask.fill(0);
  update();
  emit maskChanged();
}

void MaskPainter::invertMask() {
  if (m_mask.isNull()) return;
  remember();
  m_mask.invertPixels();
  update();
  emit maskChanged();
}

void MaskPainter::dab(const QPoint& from, const QPoint& to) {
  QPainter p(&m_mask);
  p.setRenderHint(QPainter::Antialiasing, false); // a mask is painted or not, no soft edge
  p.setPen(QPen(m_eraser ? Qt::black : Qt::white, m_brush, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
  p.drawLine(from, to);
}

void MaskPainter::paintStroke(const QList<QPoint>& points) {
  if (m_image.isNull() || points.isEmpty()) return;
  remember();
  for (int i = 0; i < points.size(); ++i) dab(points[i > 0 ? i - 1 : 0], points[i]);
  update();
  emit maskChanged();
}

QRectF MaskPainter::imageRect() const {
  if (m_image.isNull()) return {};
  const QSizeF fitted = QSizeF(m_image.size()).scaled(size(), Qt::KeepAspectRatio);
  return {QPointF((width() - fitted.width()) / 2, (height() - fitted.height()) / 2), fitted};
}

QPoint MaskPainter::toImage(const QPointF& at) const {
  const auto r = imageRect();
  if (r.isEmpty()) return {};
  return {int((at.x() - r.x()) * m_image.width() / r.width()), int((at.y() - r.y()) * m_image.height() / r.height())};
}

void MaskPainter::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), palette().window());
  if (m_image.isNull()) {
    p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
               tr("Drop an image here, paste one, or send one from the gallery"));
    return;
  }
  const auto r = imageRect();
  p.drawImage(r, m_image);
  // The painted part in translucent red over the image.
  m_overlay = QImage(m_mask.size(), QImage::Format_ARGB32_Premultiplied);
  m_overlay.fill(Qt::transparent);
  for (int y = 0; y < m_mask.height(); ++y) {
    const auto* in = m_mask.constScanLine(y);
    auto* out = reinterpret_cast<QRgb*>(m_overlay.scanLine(y));
    for (int x = 0; x < m_mask.width(); ++x)
      if (in[x]) out[x] = qPremultiply(qRgba(230, 40, 40, 140));
  }
  p.drawImage(r, m_overlay);
}

void MaskPainter::mousePressEvent(QMouseEvent* event) {
  if (m_image.isNull() || event->button() != Qt::LeftButton) return;
  remember();
  m_dragging = true;
  m_last = toImage(event->position());
  dab(m_last, m_last);
  update();
}

void MaskPainter::mouseMoveEvent(QMouseEvent* event) {
  if (!m_dragging) return;
  const auto at = toImage(event->position());
  dab(m_last, at);
  m_last = at;
  update();
}

void MaskPainter::mouseReleaseEvent(QMouseEvent*) {
  if (!m_dragging) return;
  m_dragging = false;
  emit maskChanged();
}

} // namespace sdxl::ui
