#include "lora_panel.h"

#include <algorithm>
#include <functional>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace sdxl::ui {

namespace {
enum Column { Name, TextWeight, UnetWeight };

QDoubleSpinBox* weightBox(double value) {
  auto* box = new QDoubleSpinBox;
  box->setRange(-4.0, 4.0); // negative weights are a common way of taking a style out
  box->setSingleStep(0.05);
  box->setDecimals(2);
  box->setValue(value);
  return box;
}
} // namespace

LoraPanel::LoraPanel(QWidget* parent) : QWidget(parent) {
  m_library = new QComboBox;
  m_library->setObjectName(QStringLiteral("loraLibrary"));
  m_library->setEditable(true);
  m_library->setInsertPolicy(QComboBox::NoInsert);
  m_library->setToolTip(tr("LoRAs in the models folder; type to search"));
  auto* add = new QPushButton(tr("Add"));
  add->setObjectName(QStringLiteral("addLora"));
  auto* addFile = new QPushButton(tr("Add file…"));
  auto* remove = new QPushButton(tr("Remove"));
  remove->setObjectName(QStringLiteral("removeLora"));
  m_table = new QTableWidget(0, 3);
  m_table->setObjectName(QStringLiteral("loras"));
  m_table->setHorizontalHeaderLabels({tr("LoRA"), tr("Text weight"), tr("UNet weight")});
  m_table->horizontalHeader()->setSectionResizeMode(Name, QHeaderView::Stretch);
  m_table->verticalHeader()->hide();
  m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
  auto* hint = new QLabel(tr("Changing LoRAs never reloads the model: they are merged into its weights and taken out "
                             "exactly. <lora:NAME:0.8> in the prompt adds one from the models folder."));
  hint->setWordWrap(true);

  auto* row = new QHBoxLayout;
  row->addWidget(m_library, 1);
  row->addWidget(add);
  row->addWidget(addFile);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(row);
  layout->addWidget(m_table, 1);
  layout->addWidget(remove, 0, Qt::AlignRight);
  layout->addWidget(hint);

  connect(add, &QPushButton::clicked, this, [this] {
    const auto file = m_library->currentData().toString();
    if (!file.isEmpty()) this->add({file.toStdString(), 1.0, 1.0});
  });
  connect(addFile, &QPushButton::clicked, this, &LoraPanel::addFile);
  connect(remove, &QPushButton::clicked, this, &LoraPanel::removeSelected);
  setLibrary({});
}

void LoraPanel::setLibrary(const std::vector<sdxl::LibraryEntry>& entries) {
  m_library->clear();
  for (const auto& e : entries) {
    if (e.kind != sdxl::LibraryEntry::Kind::Lora || !e.usable()) continue;
    m_library->addItem(QString::fromStdString(e.name), QString::fromStdString(e.path.string()));
    m_library->setItemData(m_library->count() - 1, QString::fromStdString(e.path.string()), Qt::ToolTipRole);
  }
  m_library->setEnabled(m_library->count() > 0);
  m_library->setPlaceholderText(tr("no LoRAs in the models folder"));
}

void LoraPanel::add(const sdxl::LoraChoice& lora) {
  const int row = m_table->rowCount();
  m_table->insertRow(row);
  const auto path = QString::fromStdString(lora.file);
  auto* name = new QTableWidgetItem(QFileInfo(path).completeBaseName());
  name->setData(Qt::UserRole, path);
  name->setToolTip(path);
  name->setFlags(name->flags() & ~Qt::ItemIsEditable);
  m_table->setItem(row, Name, name);
  m_table->setCellWidget(row, TextWeight, weightBox(lora.textWeight));
  m_table->setCellWidget(row, UnetWeight, weightBox(lora.unetWeight));
}

std::vector<sdxl::LoraChoice> LoraPanel::loras() const {
  std::vector<sdxl::LoraChoice> out;
  for (int row = 0; row < m_table->rowCount(); ++row)
    out.push_back({m_table->item(row, Name)->data(Qt::UserRole).toString().toStdString(),
                   static_cast<QDoubleSpinBox*>(m_table->cellWidget(row, TextWeight))->value(),
                   static_cast<QDoubleSpinBox*>(m_table->cellWidget(row, UnetWeight))->value()});
  return out;
}

void LoraPanel::setLoras(const std::vector<sdxl::LoraChoice>& loras) {
  m_table->setRowCount(0);
  for (const auto& l : loras) add(l);
}

void LoraPanel::addFile() {
  const auto file = QFileDialog::getOpenFileName(this, tr("Add a LoRA"), QString(), tr("LoRA (*.safetensors)"));
  if (!file.isEmpty()) add({file.toStdString(), 1.0, 1.0});
}

void LoraPanel::removeSelected() {
  QList<int> rows;
  for (const auto& index : m_table->selectionModel()->selectedRows()) rows << index.row();
  std::sort(rows.begin(), rows.end(), std::greater<>()); // from the bottom, so the others keep their rows
  for (int row : rows) m_table->removeRow(row);
}

} // namespace sdxl::ui
