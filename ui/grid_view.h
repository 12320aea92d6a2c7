// The X/Y/Z grid (sdxl/xyz_grid.h) in the compare view: up to three axes among prompt, seed,
// steps, guidance, sampler, size, model, LoRA weight and optimization configuration; one image per
// combination with its latency and peak memory (allocated, reserved, device) under it, as no
// other tool records them; exported as one labelled PNG, and as CSV and JSON (with the images
// beside it); a grid's JSON from `sdxl-cli grid` on another machine opens as if it ran here.
#pragma once

#include "generation_worker.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QScrollArea;

namespace sdxl::ui {

class GridView final : public QWidget {
  Q_OBJECT
public:
  explicit GridView(QWidget* parent = nullptr);
  // The axes as chosen; throws sdxl::Error naming a value that cannot be used.
  std::vector<sdxl::GridAxis> axes() const;
  void setAxis(int which, sdxl::GridAxisKind kind, const QString& values); // which: 0 x, 1 y, 2 z
  QImage gridImage() const; // what is shown and what Export PNG writes
  int finishedCells() const;
  QPushButton* runButton() const { return m_run; }
  void setExportFolder(const QString& folder) { m_exportFolder = folder; }
  void setModelName(const QString& name) { m_modelName = name; } // what an exported report names

signals:
  // The window fills in the base request (its prompt and settings) and makes the cells.
  void runRequested(const std::vector<sdxl::GridAxis>& axes);
  void cancelRequested();

public slots:
  void start(const std::vector<sdxl::GridCell>& cells, const QString& device);
  void addCell(const sdxl::ui::GridCellResult& result);
  void finish(bool cancelled);
  void refuse(const QString& message);
  bool exportPng(const QString& path);
  bool exportCsv(const QString& path);
  bool exportJson(const QString& path); // and each cell's image beside it (sdxl/grid_report.h)
  bool openReport(const QString& path);  // a grid's JSON and its images; says why in the status when it cannot

private:
  void render();
  QComboBox* m_kind[3] = {};
  QLineEdit* m_values[3] = {};
  QPushButton *m_run = nullptr, *m_cancel = nullptr;
  QProgressBar* m_progress = nullptr;
  QLabel* m_status = nullptr;
  QLabel* m_picture = nullptr;
  QScrollArea* m_scroll = nullptr;
  std::vector<sdxl::GridAxis> m_axes; // of the grid shown
  std::vector<sdxl::GridCell> m_cells;
  std::vector<std::optional<GridCellResult>> m_results;
  QString m_device;
  QString m_exportFolder;
  QString m_modelName;
  sdxl::GridReport m_opened; // the report opened, else empty: its prompt, settings and date
};

} // namespace sdxl::ui
