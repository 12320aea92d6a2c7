#include "grid_view.h"
#include "core_messages.h"

#include "switch_labels.h"

#include "sdxl/benchmark.h"
#include "sdxl/error.h"
#include "sdxl/metadata.h"
#include "sdxl/version.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontMetrics>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QTextStream>
#include <QVBoxLayout>

namespace sdxl::ui {

namespace {
constexpr int kCell = 192;    // an image's side in the grid
constexpr int kCaption = 46;  // the numbers under it
constexpr int kHeader = 28;   // a column's label
constexpr int kRowLabel = 170;

QString axisLabel(sdxl::GridAxisKind kind) { return QCoreApplication::translate("GridAxes", sdxl::gridAxisLabel(kind)); }
[[maybe_unused]] const char* const kAxisLabels[] = {
    QT_TRANSLATE_NOOP("GridAxes", "Prompt S/R"), QT_TRANSLATE_NOOP("GridAxes", "Seed"),
    QT_TRANSLATE_NOOP("GridAxes", "Steps"),      QT_TRANSLATE_NOOP("GridAxes", "CFG scale"),
    QT_TRANSLATE_NOOP("GridAxes", "Sampler"),    QT_TRANSLATE_NOOP("GridAxes", "Size"),
    QT_TRANSLATE_NOOP("GridAxes", "Checkpoint"), QT_TRANSLATE_NOOP("GridAxes", "LoRA weight"),
    QT_TRANSLATE_NOOP("GridAxes", "Optimizations")};

// A value as people read it: configurations in words.
QString valueLabel(const sdxl::GridAxis& axis, std::size_t i) {
  const auto value = QString::fromStdString(axis.values[i]);
  if (axis.kind == sdxl::GridAxisKind::Configuration) {
    try {
      return configurationLabel(sdxl::configFromName(axis.values[i]).options);
    } catch (const sdxl::Error&) {
    }
  }
  if (axis.kind == sdxl::GridAxisKind::Model) return QFileInfo(value).completeBaseName();
  return value;
}
} // namespace

GridView::GridView(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("gridView"));
  auto* form = new QFormLayout;
  const char* names[3] = {"X", "Y", "Z"};
  for (int a = 0; a < 3; ++a) {
    m_kind[a] = new QComboBox;
    m_kind[a]->setObjectName(QStringLiteral("gridAxis%1").arg(a));
    m_kind[a]->addItem(tr("(none)"), -1);
    for (const auto& row : sdxl::kGridAxisNames) m_kind[a]->addItem(axisLabel(row.kind), static_cast<int>(row.kind));
    m_values[a] = new QLineEdit;
    m_values[a]->setObjectName(QStringLiteral("gridValues%1").arg(a));
    m_values[a]->setPlaceholderText(tr("values, separated by commas (or |); ranges: 1-5, 10-30 (+10)"));
    m_values[a]->setToolTip(tr("<p>Seeds, steps, guidance and LoRA weights take ranges: 1-5, 10-30 (+10). Prompt S/R: the "
                               "first value is found in the prompt and each value replaces it. Samplers: euler, "
                               "euler_a, dpmpp_2m, dpmpp_2m_karras, ddim, unipc. Sizes: 1024x1024. Optimizations: "
                               "configuration names such as fp16_compile_vae_slicing. Checkpoints: files or names "
                               "of the models folder.</p>"));
    auto* row = new QHBoxLayout;
    row->addWidget(m_kind[a]);
    row->addWidget(m_values[a], 1);
    form->addRow(QString::fromLatin1(names[a]), row);
  }
  m_run = new QPushButton(tr("Run grid"));
  m_run->setObjectName(QStringLiteral("gridRun"));
  m_cancel = new QPushButton(tr("Cancel"));
  m_cancel->setEnabled(false);
  m_progress = new QProgressBar;
  m_progress->setObjectName(QStringLiteral("gridProgress"));
  m_progress->setVisible(false);
  m_status = new QLabel(tr("The prompt and settings of the Studio tab, with each combination of the axes' values."));
  m_status->setObjectName(QStringLiteral("gridStatus"));
  m_status->setWordWrap(true);
  connect(m_run, &QPushButton::clicked, this, [this] {
    try {
      emit runRequested(axes());
    } catch (const sdxl::Error& e) {
      refuse(errorText(e));
    }
  });
  connect(m_cancel, &QPushButton::clicked, this, [this] {
    emit cancelRequested();
    m_status->setText(tr("Cancelling…"));
  });
  auto exportButton = [this](const QString& text, const QString& name, const QString& filter,
                             bool (GridView::*write)(const QString&)) {
    auto* b = new QPushButton(text);
    connect(b, &QPushButton::clicked, this, [this, text, name, filter, write] {
      const auto path = QFileDialog::getSaveFileName(this, text, QDir(m_exportFolder).filePath(name), filter);
      if (path.isEmpty()) return;
      m_exportFolder = QFileInfo(path).absolutePath();
      (this->*write)(path);
    });
    return b;
  };
  auto* open = new QPushButton(tr("Open JSON…"));
  open->setObjectName(QStringLiteral("gridOpen"));
  open->setToolTip(tr("A grid made elsewhere, as `sdxl-cli grid` writes it on a GPU server, or exported here"));
  connect(open, &QPushButton::clicked, this, [this] {
    const auto path = QFileDialog::getOpenFileName(this, tr("Open a grid"), m_exportFolder, tr("JSON (*.json)"));
    if (!path.isEmpty()) openReport(path);
  });
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(m_run);
  buttons->addWidget(m_cancel);
  buttons->addWidget(m_progress, 1);
  buttons->addWidget(open);
  buttons->addWidget(exportButton(tr("Export PNG…"), QStringLiteral("grid.png"), tr("PNG (*.png)"), &GridView::exportPng));
  buttons->addWidget(exportButton(tr("Export CSV…"), QStringLiteral("grid.csv"), tr("CSV (*.csv)"), &GridView::exportCsv));
  buttons->addWidget(exportButton(tr("Export JSON…"), QStringLiteral("grid.json"), tr("JSON (*.json)"), &GridView::exportJson));
  m_picture = new QLabel;
  m_picture->setObjectName(QStringLiteral("gridPicture"));
  m_picture->setAlignment(Qt::AlignLeft | Qt::AlignTop);
  m_scroll = new QScrollArea;
  m_scroll->setWidget(m_picture);
  m_scroll->setWidgetResizable(false);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addLayout(buttons);
  layout->addWidget(m_status);
  layout->addWidget(m_scroll, 1);
  setAxis(0, sdxl::GridAxisKind::Seed, QStringLiteral("1-3"));
}

std::vector<sdxl::GridAxis> GridView::axes() const {
  std::vector<sdxl::GridAxis> out;
  for (int a = 0; a < 3; ++a) {
    const int kind = m_kind[a]->currentData().toInt();
    if (kind < 0 || m_values[a]->text().trimmed().isEmpty()) continue;
    out.push_back(sdxl::parseGridAxis(static_cast<sdxl::GridAxisKind>(kind), m_values[a]->text().toStdString()));
  }
  return out;
}

void GridView::setAxis(int which, sdxl::GridAxisKind kind, const QString& values) {
  m_kind[which]->setCurrentIndex(m_kind[which]->findData(static_cast<int>(kind)));
  m_values[which]->setText(values);
}

int GridView::finishedCells() const {
  return int(std::count_if(m_results.begin(), m_results.end(), [](const auto& r) { return r.has_value(); }));
}

void GridView::start(const std::vector<sdxl::GridCell>& cells, const QString& device) {
  m_axes = axes();
  m_opened = {};
  m_cells = cells;
  m_results.assign(cells.size(), std::nullopt);
  m_device = device;
  m_run->setEnabled(false);
  m_cancel->setEnabled(true);
  m_progress->setRange(0, int(cells.size()));
  m_progress->setValue(0);
  m_progress->setVisible(true);
  m_status->setText(tr("Making %n image(s)…", nullptr, int(cells.size())));
  render();
}

void GridView::addCell(const GridCellResult& result) {
  if (result.index < 0 || result.index >= int(m_results.size())) return;
  m_results[std::size_t(result.index)] = result;
  m_progress->setValue(finishedCells());
  m_status->setText(tr("%1 of %2: %3").arg(finishedCells()).arg(m_cells.size()).arg(QString::fromStdString(m_cells[std::size_t(result.index)].label)));
  render();
}

void GridView::finish(bool cancelled) {
  m_run->setEnabled(true);
  m_cancel->setEnabled(false);
  m_progress->setVisible(false);
  m_status->setText(cancelled ? tr("Cancelled after %n image(s); they are kept.", nullptr, finishedCells())
                              : tr("%n image(s) on %1.", nullptr, finishedCells()).arg(m_device));
}

void GridView::refuse(const QString& message) {
  m_status->setText(message);
  m_run->setEnabled(true);
}

QImage GridView::gridImage() const {
  if (m_cells.empty()) return {};
  const std::size_t nx = m_axes.size() > 0 ? m_axes[0].values.size() : 1, ny = m_axes.size() > 1 ? m_axes[1].values.size() : 1,
                    nz = m_axes.size() > 2 ? m_axes[2].values.size() : 1;
  const int left = m_axes.size() > 1 ? kRowLabel : 10;
  QFont font;
  font.setPixelSize(12);
  // The column labels wrap, and the header is as tall as the tallest (a long configuration's
  // name takes three lines).
  int header = kHeader;
  const QFontMetrics metrics(font);
  for (std::size_t x = 0; x < nx && !m_axes.empty(); ++x)
    header = std::max(header, metrics.boundingRect(QRect(0, 0, kCell, 1000), Qt::AlignCenter | Qt::TextWordWrap,
                                                   valueLabel(m_axes[0], x)).height() + 6);
  const int blockHeight = header + int(ny) * (kCell + kCaption) + (nz > 1 ? kHeader : 0);
  QImage image(left + int(nx) * (kCell + 8) + 10, int(nz) * blockHeight + 10, QImage::Format_RGB32);
  image.fill(Qt::white);
  QPainter p(&image);
  p.setFont(font);
  p.setPen(Qt::black);
  for (std::size_t z = 0; z < nz; ++z) {
    int top = int(z) * blockHeight;
    if (nz > 1) {
      QFont bold = font;
      bold.setBold(true);
      p.setFont(bold);
      p.drawText(QRect(10, top, image.width() - 20, kHeader), Qt::AlignVCenter,
                 axisLabel(m_axes[2].kind) + QStringLiteral(": ") + valueLabel(m_axes[2], z));
      p.setFont(font);
      top += kHeader;
    }
    for (std::size_t x = 0; x < nx && !m_axes.empty(); ++x)
      p.drawText(QRect(left + int(x) * (kCell + 8), top, kCell, header), Qt::AlignCenter | Qt::TextWordWrap,
                 valueLabel(m_axes[0], x));
    top += header;
    for (std::size_t y = 0; y < ny; ++y) {
      const int rowTop = top + int(y) * (kCell + kCaption);
      if (m_axes.size() > 1)
        p.drawText(QRect(5, rowTop, kRowLabel - 10, kCell), Qt::AlignVCenter | Qt::AlignRight | Qt::TextWordWrap,
                   valueLabel(m_axes[1], y));
      for (std::size_t x = 0; x < nx; ++x) {
        const std::size_t i = (z * ny + y) * nx + x;
        const QRect cell(left + int(x) * (kCell + 8), rowTop, kCell, kCell);
        const QRect caption(cell.left(), cell.bottom() + 2, kCell, kCaption - 4);
        if (i >= m_results.size() || !m_results[i]) {
          p.fillRect(cell, QColor(236, 240, 241));
          p.drawText(cell, Qt::AlignCenter, tr("waiting"));
          continue;
        }
        const auto& r = m_results[i]->record;
        if (!r.error.empty()) {
          p.fillRect(cell, QColor(250, 219, 216));
          p.drawText(cell.adjusted(6, 6, -6, -6), Qt::AlignCenter | Qt::TextWordWrap,
                     tr("failed: %1").arg(QString::fromStdString(r.error).left(160)));
          continue;
        }
        const auto& picture = m_results[i]->image;
        if (picture.isNull()) {
          p.fillRect(cell, QColor(236, 240, 241));
          p.drawText(cell, Qt::AlignCenter, tr("no image"));
        } else {
          p.drawImage(cell, picture.scaled(kCell, kCell, Qt::KeepAspectRatio, Qt::SmoothTransformation));
        }
        const bool gpu = r.deviceGB > 0 || r.allocatedGB > 0 || r.reservedGB > 0;
        p.drawText(caption, Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap,
                   gpu ? tr("%1 s · %2 GB allocated\n%3 GB reserved · %4 GB device")
                             .arg(r.seconds, 0, 'f', 2)
                             .arg(r.allocatedGB, 0, 'f', 2)
                             .arg(r.reservedGB, 0, 'f', 2)
                             .arg(r.deviceGB > 0 ? QString::number(r.deviceGB, 'f', 2) : QStringLiteral("–"))
                       : tr("%1 s\n(on the CPU: no GPU memory)").arg(r.seconds, 0, 'f', 2));
      }
    }
  }
  return image;
}

void GridView::render() {
  const auto image = gridImage();
  m_picture->setPixmap(QPixmap::fromImage(image));
  m_picture->resize(image.size());
}

bool GridView::exportPng(const QString& path) {
  const bool ok = gridImage().save(path, "PNG");
  m_status->setText(ok ? tr("Saved %1.").arg(path) : tr("%1 could not be written.").arg(path));
  return ok;
}

bool GridView::exportCsv(const QString& path) {
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly)) return false;
  QTextStream out(&file);
  out << "x,y,z,label,seconds,peak_allocated_gb,peak_reserved_gb,device_used_gb,error\n";
  for (std::size_t i = 0; i < m_cells.size(); ++i) {
    const auto& c = m_cells[i];
    const auto quoted = [](QString s) { return QStringLiteral("\"") + s.replace('"', QStringLiteral("\"\"")) + QStringLiteral("\""); };
    out << c.x << ',' << c.y << ',' << c.z << ',' << quoted(QString::fromStdString(c.label)) << ',';
    if (m_results[i]) {
      const auto& r = m_results[i]->record;
      out << r.seconds << ',' << r.allocatedGB << ',' << r.reservedGB << ',' << r.deviceGB << ','
          << quoted(QString::fromStdString(r.error));
    } else {
      out << ",,,," << quoted(tr("not made"));
    }
    out << '\n';
  }
  out.flush();
  const bool ok = file.commit();
  m_status->setText(ok ? tr("Saved %1.").arg(path) : tr("%1 could not be written.").arg(path));
  return ok;
}

bool GridView::exportJson(const QString& path) {
  sdxl::GridReport report = m_opened;
  if (m_opened.cells.empty()) { // made here
    report.device = m_device.toStdString();
    report.date = sdxl::todayUtc();
    report.software = "SDXL Studio " + sdxl::studioVersion() + ", LibTorch " + sdxl::torchVersion();
    report.model = m_modelName.toStdString();
    if (!m_cells.empty()) {
      report.prompt = m_cells.front().request.prompt;
      report.settings = sdxl::a1111Parameters(m_cells.front().request, report.model, 0);
    }
  }
  report.axes = m_axes;
  report.cells.clear();
  // The images first, beside the JSON: a report never names an image that is not there.
  const QFileInfo info(path);
  bool ok = true;
  for (std::size_t i = 0; i < m_cells.size(); ++i) {
    auto record = m_results[i] ? m_results[i]->record : sdxl::gridCellRecord(m_cells[i]);
    record.image.clear();
    if (m_results[i] && !m_results[i]->image.isNull()) {
      const auto name = sdxl::gridImageName(info.completeBaseName().toStdString(), i);
      if (m_results[i]->image.save(info.dir().filePath(QString::fromStdString(name)), "PNG")) record.image = name;
      else ok = false;
    }
    report.cells.push_back(std::move(record));
  }
  QSaveFile file(path);
  ok = ok && file.open(QIODevice::WriteOnly) && file.write(QByteArray::fromStdString(report.toJson())) >= 0 && file.commit();
  m_status->setText(ok ? tr("Saved %1 and its images.").arg(path) : tr("%1 could not be written.").arg(path));
  return ok;
}

bool GridView::openReport(const QString& path) {
  const QFileInfo info(path);
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    m_status->setText(tr("%1 could not be read: %2").arg(info.fileName(), file.errorString()));
    return false;
  }
  sdxl::GridReport report;
  try {
    report = sdxl::GridReport::fromJson(file.read(16 << 20).toStdString());
  } catch (const sdxl::Error& e) {
    m_status->setText(tr("%1 could not be opened: %2").arg(info.fileName(), errorText(e)));
    return false;
  }
  m_opened = report;
  m_axes = report.axes;
  for (int a = 0; a < 3; ++a) { // the axes as they were, so Run grid makes the same grid here
    if (a < int(report.axes.size())) {
      QStringList values;
      for (const auto& v : report.axes[std::size_t(a)].values) values << QString::fromStdString(v);
      const bool prompts = report.axes[std::size_t(a)].kind == sdxl::GridAxisKind::Prompt;
      setAxis(a, report.axes[std::size_t(a)].kind, values.join(prompts ? QStringLiteral(" | ") : QStringLiteral(", ")));
    } else {
      m_kind[a]->setCurrentIndex(0);
      m_values[a]->clear();
    }
  }
  m_cells.assign(report.cells.size(), {});
  m_results.assign(report.cells.size(), std::nullopt);
  int missing = 0;
  for (std::size_t i = 0; i < report.cells.size(); ++i) {
    const auto& record = report.cells[i];
    m_cells[i].x = record.x, m_cells[i].y = record.y, m_cells[i].z = record.z;
    m_cells[i].label = record.label;
    m_cells[i].request.prompt = report.prompt;
    if (!record.made) continue;
    GridCellResult result;
    result.index = int(i);
    result.record = record;
    if (!record.image.empty()) {
      result.image.load(info.dir().filePath(QString::fromStdString(record.image)));
      if (result.image.isNull()) ++missing;
    }
    m_results[i] = result;
  }
  m_device = QString::fromStdString(report.device);
  render();
  auto status = tr("Opened %1: %n image(s) measured on %2", nullptr, finishedCells())
                    .arg(info.fileName(), m_device);
  if (!report.date.empty()) status += QStringLiteral(", ") + QString::fromStdString(report.date);
  if (!report.prompt.empty()) status += QStringLiteral(" · ") + QString::fromStdString(report.prompt);
  if (missing > 0) status += QStringLiteral(" ") + tr("(%n image(s) could not be read)", nullptr, missing);
  m_status->setText(status);
  return true;
}

} // namespace sdxl::ui
