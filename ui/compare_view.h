// The compare view: a set of configurations run one after another on the same prompt and seed
// by the core's BenchmarkRunner (on the worker thread), shown as a table (latency, stages, peak
// memory, speed-up and memory saved against a chosen baseline), bar charts and the images side
// by side; exported as CSV, JSON and PNG.
#pragma once

#include "metatypes.h"

#include "sdxl/benchmark.h"

#include <QWidget>

class QComboBox;
class QCustomPlot;
class QLabel;
class QListWidget;
class QPushButton;
class QTableWidget;

namespace sdxl::ui {

class CompareView final : public QWidget {
  Q_OBJECT
public:
  explicit CompareView(QWidget* parent = nullptr);
  std::vector<sdxl::BenchmarkConfig> checkedConfigs() const;
  sdxl::BenchmarkProtocol protocol() const;
  void checkOnly(const QStringList& names);
  QTableWidget* table() const { return m_table; }
  QPushButton* runButton() const { return m_run; }

signals:
  void runRequested(const sdxl::BenchmarkProtocol& protocol, const std::vector<sdxl::BenchmarkConfig>& configs);
  void cancelRequested();

public slots:
  void showProgress(int config, int run);
  void showReport(const sdxl::BenchmarkReport& report);
  void runFailed(const QString& message);
  bool exportCsv(const QString& path) const;
  bool exportJson(const QString& path) const;
  bool exportPng(const QString& path);

private:
  void refill();
  QListWidget* m_configs = nullptr;
  QComboBox* m_protocol = nullptr;
  QComboBox* m_baseline = nullptr;
  QPushButton *m_run = nullptr, *m_cancel = nullptr;
  QLabel* m_status = nullptr;
  QTableWidget* m_table = nullptr;
  QCustomPlot* m_latencyChart = nullptr;
  QCustomPlot* m_memoryChart = nullptr;
  QListWidget* m_images = nullptr;
  sdxl::BenchmarkReport m_report;
};

} // namespace sdxl::ui
