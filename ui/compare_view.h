// The compare view: a set of configurations run one after another on the same prompt and seed
// by the core's BenchmarkRunner (on the worker thread), shown as a table (latency, stages, peak
// memory, speed-up and memory saved against a chosen baseline), bar charts and the images side
// by side, row by row as each configuration finishes; or a report measured elsewhere
// (`sdxl-cli bench --json`, docs/benchmarks/*.json) opened as if it ran here. Exported as CSV,
// JSON and one PNG of the report.
#pragma once

#include "metatypes.h"

#include "sdxl/benchmark.h"

#include <QWidget>

class QComboBox;
class QCustomPlot;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace sdxl::ui {

class CompareView final : public QWidget {
  Q_OBJECT
public:
  explicit CompareView(QWidget* parent = nullptr);
  std::vector<sdxl::BenchmarkConfig> checkedConfigs() const;
  sdxl::BenchmarkProtocol protocol() const;
  void checkOnly(const QStringList& names); // configuration names (fp16_compile)
  QTableWidget* table() const { return m_table; }
  QPushButton* runButton() const { return m_run; }
  QProgressBar* progressBar() const { return m_progress; }
  QComboBox* baselineBox() const { return m_baseline; }
  const sdxl::BenchmarkReport& report() const { return m_report; }
  void setExportFolder(const QString& folder) { m_exportFolder = folder; } // where export dialogs open
  QImage reportImage() const; // what Export PNG writes: the report, not the page around it

signals:
  void runRequested(const sdxl::BenchmarkProtocol& protocol, const std::vector<sdxl::BenchmarkConfig>& configs);
  void cancelRequested();

public slots:
  void showProgress(int config, int run);
  void addRow(const sdxl::BenchmarkRow& row); // a configuration measured, while the others run
  void showReport(const sdxl::BenchmarkReport& report);
  void runFailed(const QString& message);
  bool openReport(const QString& path); // a report's JSON; says why in the status line when it cannot
  bool exportCsv(const QString& path);
  bool exportJson(const QString& path);
  bool exportPng(const QString& path);

private:
  void refill();
  void exportWith(const QString& title, const QString& name, const QString& filter, bool (CompareView::*write)(const QString&));
  QListWidget* m_configs = nullptr;
  QComboBox* m_protocol = nullptr;
  QComboBox* m_baseline = nullptr;
  QPushButton *m_run = nullptr, *m_cancel = nullptr;
  QProgressBar* m_progress = nullptr;
  QLabel* m_status = nullptr;
  QLabel* m_title = nullptr;
  QTableWidget* m_table = nullptr;
  QCustomPlot* m_latencyChart = nullptr;
  QCustomPlot* m_memoryChart = nullptr;
  QListWidget* m_images = nullptr;
  sdxl::BenchmarkReport m_report;
  std::vector<sdxl::BenchmarkConfig> m_running; // the configurations of the run in progress
  int m_runsTotal = 0;
  QString m_exportFolder;
};

} // namespace sdxl::ui
