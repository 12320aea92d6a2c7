#include "queue_panel.h"

#include "sdxl/metadata.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace sdxl::ui {

namespace {
constexpr int kRequestRole = Qt::UserRole + 1;

QString lineOf(int position, const sdxl::GenerationRequest& r) {
  auto prompt = QString::fromStdString(r.prompt).simplified();
  if (prompt.size() > 48) prompt = prompt.left(47) + QChar(0x2026);
  if (prompt.isEmpty()) prompt = QueuePanel::tr("(empty prompt)");
  return QueuePanel::tr("%1. %2 · %3×%4 · %5 steps · seed %6")
      .arg(position)
      .arg(prompt)
      .arg(r.width)
      .arg(r.height)
      .arg(r.steps)
      .arg(r.seed);
}
} // namespace

QueuePanel::QueuePanel(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("queuePanel"));
  m_list = new QListWidget;
  m_list->setObjectName(QStringLiteral("queue"));
  m_list->setMaximumHeight(110);
  m_list->setDragDropMode(QAbstractItemView::InternalMove); // reordered by dragging too
  connect(m_list->model(), &QAbstractItemModel::rowsMoved, this, [this] {
    refresh();
    emit changed();
  });
  auto button = [this](const QString& text, const QString& tip, const char* name) {
    auto* b = new QToolButton;
    b->setText(text);
    b->setToolTip(tip);
    b->setObjectName(QLatin1String(name));
    return b;
  };
  auto* up = button(QStringLiteral("↑"), tr("Run earlier"), "queueUp");
  auto* down = button(QStringLiteral("↓"), tr("Run later"), "queueDown");
  auto* remove = button(tr("Remove"), tr("Take this request out of the queue"), "queueRemove");
  connect(up, &QToolButton::clicked, this, [this] { moveSelected(-1); });
  connect(down, &QToolButton::clicked, this, [this] { moveSelected(+1); });
  connect(remove, &QToolButton::clicked, this, &QueuePanel::removeSelected);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(new QLabel(tr("Waiting")));
  buttons->addStretch(1);
  for (auto* b : {up, down, remove}) buttons->addWidget(b);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(buttons);
  layout->addWidget(m_list);
  setVisible(false);
}

void QueuePanel::enqueue(const sdxl::GenerationRequest& request) {
  auto* item = new QListWidgetItem;
  item->setData(kRequestRole, QVariant::fromValue(request));
  item->setToolTip(QString::fromStdString(sdxl::a1111Parameters(request, sdxl::ModelIdentity(""), 0)));
  m_list->addItem(item);
  refresh();
  emit changed();
}

std::optional<sdxl::GenerationRequest> QueuePanel::takeNext() {
  if (m_list->count() == 0) return std::nullopt;
  std::unique_ptr<QListWidgetItem> item(m_list->takeItem(0));
  refresh();
  emit changed();
  return item->data(kRequestRole).value<sdxl::GenerationRequest>();
}

int QueuePanel::size() const { return m_list->count(); }

void QueuePanel::clear() {
  m_list->clear();
  refresh();
  emit changed();
}

void QueuePanel::moveSelected(int by) {
  const int row = m_list->currentRow();
  const int to = row + by;
  if (row < 0 || to < 0 || to >= m_list->count()) return;
  auto* item = m_list->takeItem(row);
  m_list->insertItem(to, item);
  m_list->setCurrentRow(to);
  refresh();
  emit changed();
}

void QueuePanel::removeSelected() {
  const int row = m_list->currentRow();
  if (row < 0) return;
  delete m_list->takeItem(row);
  refresh();
  emit changed();
}

void QueuePanel::refresh() {
  for (int i = 0; i < m_list->count(); ++i) {
    auto* item = m_list->item(i);
    item->setText(lineOf(i + 1, item->data(kRequestRole).value<sdxl::GenerationRequest>()));
  }
  setVisible(m_list->count() > 0);
}

} // namespace sdxl::ui
