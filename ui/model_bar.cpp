#include "model_bar.h"

#include <QComboBox>
#include <QCompleter>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSignalBlocker>
#include <QToolButton>

namespace sdxl::ui {

namespace {
QString architectureName(sdxl::CheckpointKind kind) {
  switch (kind) {
  case sdxl::CheckpointKind::SdxlBase: return ModelBar::tr("SDXL base");
  case sdxl::CheckpointKind::SdxlRefiner: return ModelBar::tr("SDXL refiner");
  case sdxl::CheckpointKind::SdxlInpainting: return ModelBar::tr("SDXL inpainting");
  default: return {};
  }
}

// "name  (architecture · precision · size · hash)": what a person needs to tell two files apart.
QString summary(const sdxl::LibraryEntry& e) {
  QStringList parts{architectureName(e.architecture), QString::fromStdString(e.precision),
                    QLocale().formattedDataSize(qint64(e.bytes))};
  if (!e.hash.empty()) parts << QString::fromStdString(e.hash);
  parts.removeAll(QString());
  return QStringLiteral("%1  (%2)").arg(QString::fromStdString(e.name), parts.join(QStringLiteral(" · ")));
}
} // namespace

ModelBar::ModelBar(QWidget* parent) : QWidget(parent) {
  m_checkpoint = new QComboBox;
  m_checkpoint->setObjectName(QStringLiteral("checkpoint"));
  m_checkpoint->setMinimumContentsLength(22);
  m_checkpoint->setToolTip(tr("The model. Type any part of a name to search the models folder."));
  makeSearchable(m_checkpoint);
  m_vae = new QComboBox;
  m_vae->setObjectName(QStringLiteral("vae"));
  m_vae->setMinimumContentsLength(12);
  m_vae->setToolTip(tr("The VAE that turns latents into the image; remembered for each model."));
  makeSearchable(m_vae);
  m_rescan = new QToolButton;
  m_rescan->setObjectName(QStringLiteral("rescanModels"));
  m_rescan->setText(QStringLiteral("⟳"));
  m_rescan->setToolTip(tr("Scan the models folder again"));
  m_status = new QLabel;
  m_status->setObjectName(QStringLiteral("modelStatus"));
  m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(6, 2, 6, 2);
  layout->addWidget(new QLabel(tr("Checkpoint")));
  layout->addWidget(m_checkpoint, 3);
  layout->addWidget(new QLabel(tr("VAE")));
  layout->addWidget(m_vae, 2);
  layout->addWidget(m_rescan);
  layout->addWidget(m_status, 2);

  connect(m_checkpoint, &QComboBox::activated, this, &ModelBar::pickCheckpoint);
  connect(m_vae, &QComboBox::activated, this, &ModelBar::pickVae);
  connect(m_rescan, &QToolButton::clicked, this, &ModelBar::rescanRequested);
  setLibrary({}, {});
}

// An editable combo whose completer matches anywhere in an item's text; typing never adds items.
void ModelBar::makeSearchable(QComboBox* combo) {
  combo->setEditable(true);
  combo->setInsertPolicy(QComboBox::NoInsert);
  combo->completer()->setCompletionMode(QCompleter::PopupCompletion);
  combo->completer()->setFilterMode(Qt::MatchContains);
  combo->completer()->setCaseSensitivity(Qt::CaseInsensitive);
  // Choosing from the search popup is choosing the item (the combo's activated() follows).
  connect(combo->completer(), qOverload<const QModelIndex&>(&QCompleter::activated), combo,
          [combo](const QModelIndex& index) {
            const int row = combo->findText(index.data().toString());
            if (row >= 0) {
              combo->setCurrentIndex(row);
              emit combo->activated(row);
            }
          });
  connect(combo->lineEdit(), &QLineEdit::editingFinished, combo, [combo] {
    combo->lineEdit()->setText(combo->itemText(combo->currentIndex())); // an unfinished search is dropped
  });
}

int ModelBar::ensureItem(QComboBox* combo, const QString& data, const QString& text) {
  int row = combo->findData(data);
  if (row < 0) {
    combo->addItem(text, data);
    row = combo->count() - 1;
    combo->setItemData(row, data, Qt::ToolTipRole);
  }
  return row;
}

void ModelBar::setLibrary(const std::vector<sdxl::LibraryEntry>& entries, const QStringList& recent) {
  m_updating = true;
  const QSignalBlocker a(m_checkpoint), b(m_vae);
  m_checkpoint->clear();
  m_vae->clear();
  m_vae->addItem(tr("Automatic (the model's own)"), QString());
  for (const auto& e : entries) {
    if (!e.usable() || (e.kind != sdxl::LibraryEntry::Kind::Model && e.kind != sdxl::LibraryEntry::Kind::Vae)) continue;
    const auto path = QString::fromStdString(e.path.string());
    auto* combo = e.kind == sdxl::LibraryEntry::Kind::Model ? m_checkpoint : m_vae;
    combo->addItem(summary(e), path);
    combo->setItemData(combo->count() - 1, QStringLiteral("%1\n%2").arg(QString::fromStdString(e.description), path),
                       Qt::ToolTipRole);
  }
  for (const auto& spec : recent) ensureItem(m_checkpoint, spec, ModelChoice::displayName(spec));
  ensureItem(m_checkpoint, QStringLiteral("builtin:tiny"), ModelChoice::displayName(QStringLiteral("builtin:tiny")));
  ensureItem(m_checkpoint, QStringLiteral("builtin"), ModelChoice::displayName(QStringLiteral("builtin")));
  m_updating = false;
  setChoice(m_choice);
}

void ModelBar::setChoice(const ModelChoice& choice) {
  m_choice = choice;
  const QSignalBlocker a(m_checkpoint), b(m_vae);
  m_checkpoint->setCurrentIndex(ensureItem(m_checkpoint, choice.spec, ModelChoice::displayName(choice.spec)));
  m_vae->setCurrentIndex(choice.vae.isEmpty() ? 0 : ensureItem(m_vae, choice.vae, ModelChoice::displayName(choice.vae)));
  m_vae->setEnabled(!choice.source().isRandom()); // the built-in model's VAE is part of it
}

void ModelBar::setStatus(const QString& text, const QString& tooltip) {
  m_status->setText(text);
  m_status->setToolTip(tooltip);
}

void ModelBar::pickCheckpoint(int index) {
  if (m_updating || index < 0) return;
  const auto spec = m_checkpoint->itemData(index).toString();
  if (spec == m_choice.spec) return;
  const auto next = ModelChoice::remembered(spec);
  setChoice(next);
  emit chosen(next);
}

void ModelBar::pickVae(int index) {
  if (m_updating || index < 0) return;
  auto next = m_choice;
  next.vae = m_vae->itemData(index).toString();
  if (next == m_choice) return;
  setChoice(next);
  emit chosen(next);
}

} // namespace sdxl::ui
