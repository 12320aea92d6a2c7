#include "compare_view.h"

#include "generation_worker.h"

#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QTextStream>
#include <QVBoxLayout>
#include <qcustomplot.h>

namespace sdxl::ui {

CompareView::CompareView(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("compareView"));
  m_configs = new QListWidget;
  m_configs->setObjectName(QStringLiteral("compareConfigs"));
  QStringList names;
  for (const auto& n : sdxl::seedConfigNames()) names << QString::fromStdString(n);
  names << QStringLiteral("fp32") << QStringLiteral("bf16") << QStringLiteral("fp16_vae_tiling") << QStringLiteral("fp16_compile_vae_slicing_cached_embeds");
  for (const auto& n : names) {
    auto* item = new QListWidgetItem(n, m_configs);
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
  connect(m_baseline, &QComboBox::currentIndexChanged, this, [this] { refill(); });
  m_run = new QPushButton(tr("Run comparison"));
  m_run->setObjectName(QStringLiteral("compareRun"));
  m_cancel = new QPushButton(tr("Cancel"));
  m_cancel->setEnabled(false);
  m_status = new QLabel(tr("Choose configurations and run them on the current model."));
  m_status->setWordWrap(true);
  connect(m_run, &QPushButton::clicked, this, [this] {
    const auto configs = checkedConfigs();
    if (configs.empty()) {
      m_status->setText(tr("Check at least one configuration."));
      return;
    }
    m_run->setEnabled(false);
    m_cancel->setEnabled(true);
    m_status->setText(tr("Running…"));
    emit runRequested(protocol(), configs);
  });
  connect(m_cancel, &QPushButton::clicked, this, [this] {
    emit cancelRequested();
    m_status->setText(tr("Cancelling…"));
  });
  auto* exportCsvButton = new QPushButton(tr("Export CSV…"));
  auto* exportJsonButton = new QPushButton(tr("Export JSON…"));
  auto* exportPngButton = new QPushButton(tr("Export PNG…"));
  connect(exportCsvButton, &QPushButton::clicked, this, [this] {
    const auto path = QFileDialog::getSaveFileName(this, tr("Export CSV"), QStringLiteral("comparison.csv"), tr("CSV (*.csv)"));
    if (!path.isEmpty()) exportCsv(path);
  });
  connect(exportJsonButton, &QPushButton::clicked, this, [this] {
    const auto path = QFileDialog::getSaveFileName(this, tr("Export JSON"), QStringLiteral("comparison.json"), tr("JSON (*.json)"));
    if (!path.isEmpty()) exportJson(path);
  });
  connect(exportPngButton, &QPushButton::clicked, this, [this] {
    const auto path = QFileDialog::getSaveFileName(this, tr("Export PNG"), QStringLiteral("comparison.png"), tr("PNG (*.png)"));
    if (!path.isEmpty()) exportPng(path);
  });

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
  left->addWidget(m_status);
  for (auto* b : {exportCsvButton, exportJsonButton, exportPngButton}) left->addWidget(b);

  m_table = new QTableWidget(0, 10);
  m_table->setObjectName(QStringLiteral("compareTable"));
  m_table->setHorizontalHeaderLabels({tr("configuration"), tr("latency (s)"), tr("encode (s)"), tr("denoise (s)"),
                                      tr("decode (s)"), tr("peak allocated (GB)"), tr("peak reserved (GB)"),
                                      tr("device used (GB)"), tr("speed-up"), tr("memory saved (GB)")});
  m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_latencyChart = new QCustomPlot;
  m_latencyChart->yAxis->setLabel(tr("latency (s)"));
  m_memoryChart = new QCustomPlot;
  m_memoryChart->yAxis->setLabel(tr("peak allocated (GB)"));
  for (auto* chart : {m_latencyChart, m_memoryChart}) {
    chart->setMinimumHeight(160);
    new QCPBars(chart->xAxis, chart->yAxis);
  }
  m_images = new QListWidget;
  m_images->setViewMode(QListView::IconMode);
  m_images->setIconSize(QSize(160, 160));
  m_images->setFlow(QListView::LeftToRight);
  m_images->setMaximumHeight(210);
  auto* charts = new QHBoxLayout;
  charts->addWidget(m_latencyChart);
  charts->addWidget(m_memoryChart);
  auto* right = new QVBoxLayout;
  right->addWidget(m_table, 2);
  right->addLayout(charts, 1);
  right->addWidget(m_images);
  auto* layout = new QHBoxLayout(this);
  layout->addLayout(left, 1);
  layout->addLayout(right, 4);
}

std::vector<sdxl::BenchmarkConfig> CompareView::checkedConfigs() const {
  std::vector<sdxl::BenchmarkConfig> configs;
  for (int i = 0; i < m_configs->count(); ++i)
    if (m_configs->item(i)->checkState() == Qt::Checked)
      configs.push_back(sdxl::configFromName(m_configs->item(i)->text().toStdString()));
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
    m_configs->item(i)->setCheckState(names.contains(m_configs->item(i)->text()) ? Qt::Checked : Qt::Unchecked);
}

void CompareView::showProgress(int config, int run) {
  const auto configs = checkedConfigs();
  const auto name = config < int(configs.size()) ? QString::fromStdString(configs[config].name) : QString::number(config);
  m_status->setText(tr("Running %1 (run %2)…").arg(name).arg(run + 1));
}

void CompareView::runFailed(const QString& message) {
  m_run->setEnabled(true);
  m_cancel->setEnabled(false);
  m_status->setText(message);
}

void CompareView::showReport(const sdxl::BenchmarkReport& report) {
  m_report = report;
  m_run->setEnabled(true);
  m_cancel->setEnabled(false);
  m_status->setText(tr("Done on %1.").arg(QString::fromStdString(report.device)));
  m_baseline->blockSignals(true);
  m_baseline->clear();
  for (const auto& row : report.rows) m_baseline->addItem(QString::fromStdString(row.config));
  m_baseline->blockSignals(false);
  refill();
}

void CompareView::refill() {
  const auto& rows = m_report.rows;
  m_table->setRowCount(static_cast<int>(rows.size()));
  const int base = std::max(0, m_baseline->currentIndex());
  const bool haveBase = base < int(rows.size()) && rows[base].error.empty();
  QVector<double> ticks, latency, memory;
  QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
  m_images->clear();
  for (int i = 0; i < int(rows.size()); ++i) {
    const auto& r = rows[i];
    auto cell = [&](int column, const QString& text) { m_table->setItem(i, column, new QTableWidgetItem(text)); };
    cell(0, QString::fromStdString(r.config));
    if (!r.error.empty()) {
      cell(1, tr("failed: %1").arg(QString::fromStdString(r.error)));
      continue;
    }
    cell(1, QString::number(r.latencySeconds, 'f', 2));
    cell(2, QString::number(r.encodeSeconds, 'f', 3));
    cell(3, QString::number(r.denoiseSeconds, 'f', 2));
    cell(4, QString::number(r.decodeSeconds, 'f', 3));
    cell(5, QString::number(r.peakAllocatedGB, 'f', 2));
    cell(6, QString::number(r.peakReservedGB, 'f', 2));
    cell(7, r.peakDeviceGB > 0 ? QString::number(r.peakDeviceGB, 'f', 2) : QStringLiteral("–"));
    if (haveBase) {
      cell(8, QStringLiteral("%1×").arg(rows[base].latencySeconds / r.latencySeconds, 0, 'f', 2));
      cell(9, QString::number(rows[base].peakAllocatedGB - r.peakAllocatedGB, 'f', 2));
    }
    ticks << i + 1;
    latency << r.latencySeconds;
    memory << r.peakAllocatedGB;
    ticker->addTick(i + 1, QString::fromStdString(r.config));
    auto* item = new QListWidgetItem(QIcon(QPixmap::fromImage(toQImage(r.firstImage).scaled(160, 160, Qt::KeepAspectRatio))),
                                     QString::fromStdString(r.config));
    m_images->addItem(item);
  }
  for (auto [chart, values] : {std::pair{m_latencyChart, latency}, std::pair{m_memoryChart, memory}}) {
    static_cast<QCPBars*>(chart->plottable(0))->setData(ticks, values);
    chart->xAxis->setTicker(ticker);
    chart->xAxis->setTickLabelRotation(40);
    chart->rescaleAxes();
    chart->xAxis->setRange(0, ticks.size() + 1);
    chart->yAxis->setRangeLower(0);
    chart->replot();
  }
}

bool CompareView::exportCsv(const QString& path) const {
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) return false;
  QTextStream out(&file);
  out << "config,latency_s,encode_s,denoise_s,decode_s,peak_allocated_gb,peak_reserved_gb,peak_device_used_gb,first_step_s,"
         "error\n";
  for (const auto& r : m_report.rows)
    out << QString::fromStdString(r.config) << ',' << r.latencySeconds << ',' << r.encodeSeconds << ',' << r.denoiseSeconds
        << ',' << r.decodeSeconds << ',' << r.peakAllocatedGB << ',' << r.peakReservedGB << ',' << r.peakDeviceGB << ','
        << r.firstStepSeconds << ",\""
        << QString::fromStdString(r.error).replace('"', QStringLiteral("\"\"")) << "\"\n";
  return true;
}

bool CompareView::exportJson(const QString& path) const {
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) return false;
  file.write(QByteArray::fromStdString(m_report.toJson("")));
  return true;
}

bool CompareView::exportPng(const QString& path) { return grab().save(path, "PNG"); }

} // namespace sdxl::ui
