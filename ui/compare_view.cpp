#include "compare_view.h"
#include "core_messages.h"

#include "generation_worker.h"
#include "switch_labels.h"

#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTextStream>
#include <QVBoxLayout>
#include <qcustomplot.h>

namespace sdxl::ui {

namespace {
enum Column { Config, Latency, Encode, Denoise, Decode, Allocated, Reserved, Device, SpeedUp, Error, Saved, Notes, Columns };

QString labelOf(const sdxl::BenchmarkRow& row) {
  const auto label = configurationLabel(row.options);
  return row.measuredBy.empty() ? label : QStringLiteral("%1: %2").arg(QString::fromStdString(row.measuredBy), label);
}
} // namespace

CompareView::CompareView(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("compareView"));
  m_configs = new QListWidget;
  m_configs->setObjectName(QStringLiteral("compareConfigs"));
  m_configs->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
  QStringList names;
  for (const auto& n : sdxl::seedConfigNames()) names << QString::fromStdString(n);
  names << QStringLiteral("fp32") << QStringLiteral("bf16") << QStringLiteral("fp16_vae_tiling")
        << QStringLiteral("fp16_compile_vae_slicing_cached_embeds") << QStringLiteral("fp16_compile_fp8")
        << QStringLiteral("fp16_compile_step_cache_2") << QStringLiteral("fp16_compile_guidance_cutoff_0.6")
        << QStringLiteral("fp16_compile_fp8_step_cache_2_guidance_cutoff_0.6");
  for (const auto& n : names) {
    const auto options = sdxl::configFromName(n.toStdString()).options;
    auto* item = new QListWidgetItem(configurationLabel(options), m_configs);
    item->setData(Qt::UserRole, n);
    item->setToolTip(configurationTooltip(n, options));
    item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
    item->setCheckState(n == QLatin1String("fp16") || n == QLatin1String("fp16_vae_slicing") ? Qt::Checked : Qt::Unchecked);
  }
  auto* seedRows = new QPushButton(tr("The seed article's rows"));
  connect(seedRows, &QPushButton::clicked, this, [this] {
    QStringList rows;
    for (const auto& n : sdxl::seedConfigNames()) rows << QString::fromStdString(n);
    checkOnly(rows);
  });
  m_protocol = new QComboBox;
  m_protocol->setObjectName(QStringLiteral("compareProtocol"));
  m_protocol->addItem(tr("Quick: 1 image, 512×512, 8 steps, 2 runs"), QStringLiteral("quick"));
  m_protocol->addItem(tr("Single: 1 image, 1024×1024, 30 steps, 3 runs"), QStringLiteral("single"));
  m_protocol->addItem(tr("Seed article: 4 images, 1024×1024, 50 steps, 3 runs"), QStringLiteral("seed"));
  m_baseline = new QComboBox;
  m_baseline->setObjectName(QStringLiteral("compareBaseline"));
  m_baseline->setToolTip(tr("The row the speed-up and the memory saved are measured against (rows that failed "
                            "cannot be one)."));
  connect(m_baseline, &QComboBox::currentIndexChanged, this, [this] { refill(); });
  m_run = new QPushButton(tr("Run comparison"));
  m_run->setObjectName(QStringLiteral("compareRun"));
  m_cancel = new QPushButton(tr("Cancel"));
  m_cancel->setEnabled(false);
  m_progress = new QProgressBar;
  m_progress->setObjectName(QStringLiteral("compareProgress"));
  m_progress->setVisible(false);
  m_status = new QLabel(tr("Choose configurations and run them on the current model."));
  m_status->setObjectName(QStringLiteral("compareStatus"));
  m_status->setWordWrap(true);
  connect(m_run, &QPushButton::clicked, this, [this] {
    m_running = checkedConfigs();
    if (m_running.empty()) {
      m_status->setText(tr("Check at least one configuration."));
      return;
    }
    const auto p = protocol();
    m_runsTotal = 0;
    for (const auto& c : m_running) m_runsTotal += c.runs > 0 ? c.runs : p.runs;
    m_report = {};
    m_report.protocol = p.name;
    refill();
    m_run->setEnabled(false);
    m_cancel->setEnabled(true);
    m_progress->setRange(0, m_runsTotal);
    m_progress->setValue(0);
    m_progress->setVisible(true);
    m_status->setText(tr("Running…"));
    emit runRequested(p, m_running);
  });
  connect(m_cancel, &QPushButton::clicked, this, [this] {
    emit cancelRequested();
    m_status->setText(tr("Cancelling…"));
  });
  auto* open = new QPushButton(tr("Open report…"));
  open->setObjectName(QStringLiteral("compareOpen"));
  open->setToolTip(tr("A report measured elsewhere (sdxl-cli bench --json, for instance on a GPU server), shown as "
                      "if it ran here, with the reference rows it carries."));
  connect(open, &QPushButton::clicked, this, [this] {
    const auto path = QFileDialog::getOpenFileName(this, tr("Open a benchmark report"), m_exportFolder, tr("JSON (*.json)"));
    if (!path.isEmpty()) openReport(path);
  });
  auto* exportCsvButton = new QPushButton(tr("Export CSV…"));
  auto* exportJsonButton = new QPushButton(tr("Export JSON…"));
  auto* exportPngButton = new QPushButton(tr("Export PNG…"));
  connect(exportCsvButton, &QPushButton::clicked, this,
          [this] { exportWith(tr("Export CSV"), QStringLiteral("comparison.csv"), tr("CSV (*.csv)"), &CompareView::exportCsv); });
  connect(exportJsonButton, &QPushButton::clicked, this, [this] {
    exportWith(tr("Export JSON"), QStringLiteral("comparison.json"), tr("JSON (*.json)"), &CompareView::exportJson);
  });
  connect(exportPngButton, &QPushButton::clicked, this,
          [this] { exportWith(tr("Export PNG"), QStringLiteral("comparison.png"), tr("PNG (*.png)"), &CompareView::exportPng); });

  auto* left = new QVBoxLayout;
  left->addWidget(new QLabel(tr("Configurations")));
  left->addWidget(m_configs, 1);
  left->addWidget(seedRows);
  left->addWidget(new QLabel(tr("Protocol")));
  left->addWidget(m_protocol);
  left->addWidget(new QLabel(tr("Baseline")));
  left->addWidget(m_baseline);
  left->addWidget(m_run);
  left->addWidget(m_cancel);
  left->addWidget(m_progress);
  left->addWidget(m_status);
  left->addWidget(open);
  for (auto* b : {exportCsvButton, exportJsonButton, exportPngButton}) left->addWidget(b);

  m_title = new QLabel;
  m_title->setObjectName(QStringLiteral("compareTitle"));
  m_title->setWordWrap(true);
  m_table = new QTableWidget(0, Columns);
  m_table->setObjectName(QStringLiteral("compareTable"));
  m_table->setHorizontalHeaderLabels({tr("configuration"), tr("latency (s)"), tr("encode (s)"), tr("denoise (s)"),
                                      tr("decode (s)"), tr("peak allocated (GB)"), tr("peak reserved (GB)"),
                                      tr("device used (GB)"), tr("speed-up"), tr("error vs exact"), tr("memory saved (GB)"),
                                      tr("notes")});
  m_table->horizontalHeaderItem(Error)->setToolTip(
      tr("What an approximate configuration costs: the relative difference of its final latents from those of the "
         "same configuration without its approximate switches, run in the same comparison on the same request. "
         "Beside the speed-up, so you can choose."));
  m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  m_table->horizontalHeader()->setStretchLastSection(true);
  m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_table->setWordWrap(false);
  m_latencyChart = new QCustomPlot;
  m_latencyChart->setObjectName(QStringLiteral("compareLatencyChart"));
  m_latencyChart->xAxis->setLabel(tr("latency (s)"));
  m_memoryChart = new QCustomPlot;
  m_memoryChart->setObjectName(QStringLiteral("compareMemoryChart"));
  m_memoryChart->xAxis->setLabel(tr("peak allocated (GB)"));
  // Bars across, the configurations down the side: their names are long, and read level there.
  for (auto* chart : {m_latencyChart, m_memoryChart}) {
    chart->setMinimumHeight(140);
    auto* bars = new QCPBars(chart->yAxis, chart->xAxis);
    bars->setBrush(QColor(41, 128, 185, 170));
    bars->setPen(QPen(QColor(41, 128, 185)));
    chart->yAxis->setRangeReversed(true); // the table's order, top down
  }
  m_images = new QListWidget;
  m_images->setViewMode(QListView::IconMode);
  m_images->setIconSize(QSize(128, 128));
  m_images->setFlow(QListView::LeftToRight);
  m_images->setMaximumHeight(180);
  auto* charts = new QHBoxLayout;
  charts->addWidget(m_latencyChart);
  charts->addWidget(m_memoryChart);
  auto* right = new QVBoxLayout;
  right->addWidget(m_title);
  right->addWidget(m_table, 2);
  right->addLayout(charts, 1);
  right->addWidget(m_images);
  // The choices scroll: on a 1024x700 screen they are taller than the room they get.
  auto* choices = new QWidget;
  choices->setLayout(left);
  auto* scroll = new QScrollArea;
  scroll->setWidget(choices);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  scroll->setMinimumWidth(260);
  auto* layout = new QHBoxLayout(this);
  layout->addWidget(scroll, 1);
  layout->addLayout(right, 4);
  m_exportFolder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
}

std::vector<sdxl::BenchmarkConfig> CompareView::checkedConfigs() const {
  std::vector<sdxl::BenchmarkConfig> configs;
  for (int i = 0; i < m_configs->count(); ++i)
    if (m_configs->item(i)->checkState() == Qt::Checked)
      configs.push_back(sdxl::configFromName(m_configs->item(i)->data(Qt::UserRole).toString().toStdString()));
  return configs;
}

sdxl::BenchmarkProtocol CompareView::protocol() const {
  const auto name = m_protocol->currentData().toString();
  if (name == QLatin1String("seed")) return sdxl::seedProtocol();
  if (name == QLatin1String("single")) return sdxl::singleProtocol();
  auto quick = sdxl::singleProtocol();
  quick.name = "quick";
  quick.request.width = quick.request.height = 512;
  quick.request.steps = 8;
  quick.runs = 2;
  return quick;
}

void CompareView::checkOnly(const QStringList& names) {
  for (int i = 0; i < m_configs->count(); ++i)
    m_configs->item(i)->setCheckState(names.contains(m_configs->item(i)->data(Qt::UserRole).toString()) ? Qt::Checked
                                                                                                           : Qt::Unchecked);
}

void CompareView::showProgress(int config, int run) {
  if (config < 0 || config >= int(m_running.size())) return;
  const auto& c = m_running[static_cast<std::size_t>(config)];
  int done = 0;
  for (int i = 0; i < config; ++i) done += m_running[std::size_t(i)].runs > 0 ? m_running[std::size_t(i)].runs : protocol().runs;
  if (run >= 0) done += run;
  m_progress->setValue(std::min(done, m_runsTotal));
  const auto label = configurationLabel(c.options);
  m_status->setText(run < 0 ? tr("Finding the smallest memory limit of %1…").arg(label)
                            : tr("Running %1 (%2 of %3), run %4…").arg(label).arg(config + 1).arg(m_running.size()).arg(run + 1));
  m_progress->setFormat(tr("%1 of %2").arg(config + 1).arg(m_running.size()));
}

void CompareView::addRow(const sdxl::BenchmarkRow& row) {
  m_report.rows.push_back(row);
  refill();
}

void CompareView::runFailed(const QString& message) {
  m_run->setEnabled(true);
  m_cancel->setEnabled(false);
  m_progress->setVisible(false);
  m_status->setText(m_report.rows.empty() ? message
                                          : tr("%1 (the rows measured before are kept)").arg(message));
}

void CompareView::showReport(const sdxl::BenchmarkReport& report) {
  m_report = report;
  m_run->setEnabled(true);
  m_cancel->setEnabled(false);
  m_progress->setVisible(false);
  m_status->setText(tr("Done on %1.").arg(QString::fromStdString(report.device)));
  refill();
}

bool CompareView::openReport(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    m_status->setText(tr("%1 could not be read: %2").arg(QFileInfo(path).fileName(), file.errorString()));
    return false;
  }
  try {
    showReport(sdxl::BenchmarkReport::fromJson(file.read(64 << 20).toStdString()));
  } catch (const std::exception& e) {
    m_status->setText(tr("%1 could not be opened: %2").arg(QFileInfo(path).fileName(), errorText(e)));
    return false;
  }
  m_status->setText(tr("Opened %1, measured on %2.").arg(QFileInfo(path).fileName(), QString::fromStdString(m_report.device)));
  return true;
}

void CompareView::refill() {
  const auto& rows = m_report.rows;
  // The baseline: a row that was measured; kept across refills by its configuration.
  const auto previous = m_baseline->currentData().toInt();
  const auto previousName = previous >= 0 && previous < int(rows.size()) ? rows[std::size_t(previous)].config : std::string();
  {
    const QSignalBlocker block(m_baseline);
    m_baseline->clear();
    for (int i = 0; i < int(rows.size()); ++i)
      if (rows[std::size_t(i)].error.empty()) m_baseline->addItem(labelOf(rows[std::size_t(i)]), i);
    int keep = 0;
    for (int k = 0; k < m_baseline->count(); ++k)
      if (rows[std::size_t(m_baseline->itemData(k).toInt())].config == previousName) keep = k;
    m_baseline->setCurrentIndex(m_baseline->count() ? keep : -1);
  }
  const int base = m_baseline->count() ? m_baseline->currentData().toInt() : -1;

  m_title->setText(rows.empty() ? QString()
                                : tr("Protocol %1 on %2, %3 · %4")
                                      .arg(QString::fromStdString(m_report.protocol), QString::fromStdString(m_report.device),
                                           QString::fromStdString(m_report.date), QString::fromStdString(m_report.model)));
  m_table->clearContents(); // a row that failed shows nothing of an earlier run's numbers
  m_table->clearSpans();
  m_table->setRowCount(static_cast<int>(rows.size()));
  QVector<double> ticks, latency, memory;
  QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
  m_images->clear();
  for (int i = 0; i < int(rows.size()); ++i) {
    const auto& r = rows[std::size_t(i)];
    auto cell = [&](int column, const QString& text) { m_table->setItem(i, column, new QTableWidgetItem(text)); };
    cell(Config, labelOf(r));
    m_table->item(i, Config)->setToolTip(configurationTooltip(QString::fromStdString(r.config), r.options));
    if (!r.error.empty()) {
      cell(Latency, tr("failed: %1").arg(QString::fromStdString(r.error)));
      m_table->item(i, Latency)->setToolTip(QString::fromStdString(r.error));
      m_table->setSpan(i, Latency, 1, Columns - Latency);
      continue;
    }
    // Another tool's row may not time the stages: a dash, not a zero.
    const auto stage = [&](double seconds, int decimals) {
      return seconds > 0 || r.measuredBy.empty() ? QString::number(seconds, 'f', decimals) : QStringLiteral("–");
    };
    cell(Latency, QString::number(r.latencySeconds, 'f', 2));
    cell(Encode, stage(r.encodeSeconds, 3));
    cell(Denoise, stage(r.denoiseSeconds, 2));
    cell(Decode, stage(r.decodeSeconds, 3));
    cell(Allocated, QString::number(r.peakAllocatedGB, 'f', 2));
    cell(Reserved, r.peakReservedGB > 0 ? QString::number(r.peakReservedGB, 'f', 2) : QStringLiteral("–"));
    cell(Device, r.peakDeviceGB > 0 ? QString::number(r.peakDeviceGB, 'f', 2) : QStringLiteral("–"));
    if (base >= 0) {
      const auto& b = rows[std::size_t(base)];
      cell(SpeedUp, QStringLiteral("%1×").arg(b.latencySeconds / r.latencySeconds, 0, 'f', 2));
      cell(Saved, QString::number(b.peakAllocatedGB - r.peakAllocatedGB, 'f', 2));
    }
    if (!r.options.approximate()) {
      cell(Error, tr("exact"));
    } else if (r.errorVsExact) {
      cell(Error, QString::number(*r.errorVsExact * 100, 'f', *r.errorVsExact < 0.01 ? 2 : 1) + QStringLiteral(" %"));
    } else {
      cell(Error, QStringLiteral("–"));
      m_table->item(i, Error)->setToolTip(tr("Add %1 to the comparison to measure this configuration's error.")
                                              .arg(configurationLabel(sdxl::exactOptionsOf(r.options))));
    }
    QStringList notes;
    if (r.options.approximate()) notes << tr("approximate");
    for (const auto& note : r.memoryNotes) notes << QString::fromStdString(note);
    cell(Notes, notes.join(QStringLiteral("; ")));
    ticks << ticks.size() + 1;
    latency << r.latencySeconds;
    memory << r.peakAllocatedGB;
    auto tick = labelOf(r);
    if (tick.size() > 28) tick = tick.left(27) + QChar(0x2026);
    ticker->addTick(ticks.size(), tick);
    if (r.firstImage.width > 0) {
      auto* item = new QListWidgetItem(
          QIcon(QPixmap::fromImage(toQImage(r.firstImage).scaled(128, 128, Qt::KeepAspectRatio, Qt::SmoothTransformation))),
          labelOf(r));
      item->setToolTip(configurationTooltip(QString::fromStdString(r.config), r.options));
      m_images->addItem(item);
    }
  }
  m_images->setVisible(m_images->count() > 0);
  for (auto [chart, values] : {std::pair{m_latencyChart, latency}, std::pair{m_memoryChart, memory}}) {
    static_cast<QCPBars*>(chart->plottable(0))->setData(ticks, values);
    chart->yAxis->setTicker(ticker);
    chart->rescaleAxes();
    chart->yAxis->setRange(0, ticks.size() + 1);
    chart->xAxis->setRangeLower(0);
    chart->xAxis->setRangeUpper(chart->xAxis->range().upper * 1.08);
    chart->replot();
  }
}

void CompareView::exportWith(const QString& title, const QString& name, const QString& filter,
                             bool (CompareView::*write)(const QString&)) {
  // QFileDialog asks before replacing a file; the status line says where it went.
  const auto path = QFileDialog::getSaveFileName(this, title, QDir(m_exportFolder).filePath(name), filter);
  if (path.isEmpty()) return;
  m_exportFolder = QFileInfo(path).absolutePath();
  (this->*write)(path);
}

bool CompareView::exportCsv(const QString& path) {
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly)) {
    m_status->setText(tr("%1 could not be written: %2").arg(path, file.errorString()));
    return false;
  }
  QTextStream out(&file);
  auto quoted = [](const std::string& s) { return QStringLiteral("\"") + QString::fromStdString(s).replace('"', QStringLiteral("\"\"")) + QStringLiteral("\""); };
  out << "config,measured_by,latency_s,encode_s,denoise_s,decode_s,peak_allocated_gb,peak_reserved_gb,peak_device_used_gb,"
         "first_step_s,approximate,latents_error_vs_exact,error\n";
  for (const auto& r : m_report.rows)
    out << QString::fromStdString(r.config) << ',' << quoted(r.measuredBy) << ',' << r.latencySeconds << ','
        << r.encodeSeconds << ',' << r.denoiseSeconds << ',' << r.decodeSeconds << ',' << r.peakAllocatedGB << ','
        << r.peakReservedGB << ',' << r.peakDeviceGB << ',' << r.firstStepSeconds << ','
        << (r.options.approximate() ? 1 : 0) << ',' << (r.errorVsExact ? QString::number(*r.errorVsExact) : QString())
        << ',' << quoted(r.error) << "\n";
  out.flush();
  const bool ok = file.commit();
  m_status->setText(ok ? tr("Saved %1.").arg(path) : tr("%1 could not be written: %2").arg(path, file.errorString()));
  return ok;
}

bool CompareView::exportJson(const QString& path) {
  QSaveFile file(path);
  sdxl::BenchmarkReport ours = m_report; // the rows measured here; reference rows stay with their report
  ours.rows.erase(std::remove_if(ours.rows.begin(), ours.rows.end(), [](const auto& r) { return !r.measuredBy.empty(); }),
                  ours.rows.end());
  const bool ok = file.open(QIODevice::WriteOnly) && file.write(QByteArray::fromStdString(ours.toJson(m_report.commit))) >= 0 &&
                  file.commit();
  m_status->setText(ok ? tr("Saved %1.").arg(path) : tr("%1 could not be written: %2").arg(path, file.errorString()));
  return ok;
}

QImage CompareView::reportImage() const {
  // The title, the whole table (every row and column, not the part scrolled into view), the two
  // charts and the images, on white: what a person pastes into a note or an issue.
  const int width = std::max(1200, m_table->horizontalHeader()->length() + m_table->verticalHeader()->width() + 4);
  const int tableHeight = m_table->horizontalHeader()->height() + m_table->verticalHeader()->length() + 4;
  const int chartHeight = 300, imageRow = m_images->count() ? 170 : 0, titleHeight = 40;
  QImage image(width, titleHeight + tableHeight + chartHeight + imageRow + 20, QImage::Format_RGB32);
  image.fill(Qt::white);
  QPainter painter(&image);
  painter.setFont(font());
  painter.drawText(QRect(10, 0, width - 20, titleHeight), Qt::AlignVCenter | Qt::TextWordWrap, m_title->text());
  const QSize tableSize(width, tableHeight);
  QPixmap table(tableSize);
  table.fill(Qt::white);
  {
    auto* copy = const_cast<QTableWidget*>(m_table);
    const auto old = copy->size();
    copy->resize(tableSize);
    copy->render(&table);
    copy->resize(old);
  }
  painter.drawPixmap(0, titleHeight, table);
  const int chartWidth = width / 2;
  painter.drawPixmap(0, titleHeight + tableHeight, m_latencyChart->toPixmap(chartWidth, chartHeight));
  painter.drawPixmap(chartWidth, titleHeight + tableHeight, m_memoryChart->toPixmap(width - chartWidth, chartHeight));
  int x = 10;
  for (int i = 0; i < m_images->count() && x < width; ++i, x += 140) {
    const auto* item = m_images->item(i);
    painter.drawPixmap(x, titleHeight + tableHeight + chartHeight + 5, item->icon().pixmap(128, 128));
  }
  return image;
}

bool CompareView::exportPng(const QString& path) {
  const bool ok = reportImage().save(path, "PNG");
  m_status->setText(ok ? tr("Saved %1.").arg(path) : tr("%1 could not be written.").arg(path));
  return ok;
}

} // namespace sdxl::ui
