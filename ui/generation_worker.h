// The pipeline's home: a QObject living on its own QThread. The UI talks to it with queued
// signals and slots only; the exceptions are ticket() and cancel(), atomics, because the worker's
// event loop is busy inside generate() and could not receive a queued call until it returned.
// Every job carries a ticket: cancel() cancels every ticket issued so far, so a cancel pressed
// before the worker picks a job up still reaches it.
#pragma once

#include "metatypes.h"
#include "model_choice.h"
#include "sdxl/benchmark.h"
#include "sdxl/pipeline.h"
#include "sdxl/grid_report.h"
#include "sdxl/xyz_grid.h"

#include <QImage>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QVector>

#include <atomic>
#include <functional>
#include <memory>

namespace sdxl::ui {

QImage toQImage(const sdxl::Image& image);
sdxl::Image fromQImage(const QImage& image); // as 8-bit RGB

// One finished image with the parameters written into its file ("parameters" and JSON chunks);
// `path` is empty where the file could not be written.
struct FinishedImage {
  QImage image;
  QString path, parameters, json;
};

// One image of an X/Y/Z grid with what it cost (sdxl/xyz_grid.h).
struct GridCellResult {
  int index = 0;
  QImage image;
  sdxl::GridCellRecord record; // its time and memory, or its error (the grid goes on)
};

struct GenerationStats {
  double encodeSeconds = 0, denoiseSeconds = 0, decodeSeconds = 0, totalSeconds = 0;
  QVector<double> stepSeconds;
  double peakAllocatedGB = 0;
};

class GenerationWorker final : public QObject {
  Q_OBJECT
public:
  GenerationWorker();
  ~GenerationWorker() override;
  quint64 ticket() { return ++m_issued; }             // any thread: the ticket of the next job sent
  void cancel() { m_cancelledThrough = m_issued.load(); } // any thread: every job sent so far
  // For tests: called on the worker's thread at every stage of every job; it may throw, as a
  // kernel or an allocation can, to show that the window survives whatever a job throws.
  void setFaultInjection(std::function<void(sdxl::Stage)> hook) { m_faultInjection = std::move(hook); }

public slots:
  // Frees the model in use completely, then loads this one (its weights on the first run).
  void setModel(const sdxl::ui::ModelChoice& choice);
  void setOutputFolder(const QString& folder);        // where every image is saved, with its parameters
  void generate(const sdxl::GenerationRequest& request, quint64 ticket);
  void runBenchmark(const sdxl::BenchmarkProtocol& protocol, const std::vector<sdxl::BenchmarkConfig>& configs,
                    quint64 ticket);
  // Every cell, its model loaded where the grid has a model axis (the window's comes back after).
  void runGrid(const std::vector<sdxl::GridCell>& cells, quint64 ticket);

signals:
  void modelReady(const QString& description, bool randomWeights);
  // setModel() could not load it: the window goes back to the last model that worked.
  void modelFailed(const sdxl::ui::ModelChoice& choice, int errorKind, const QString& message);
  // The first run after setModel(): seconds of work from choosing the model to its first
  // denoising step (checking and opening it, loading the weights, encoding the prompt).
  void firstStepAfterSwitch(double seconds);
  void stageChanged(int stage); // sdxl::Stage
  void stepDone(int step, int steps, double elapsedSeconds, const QImage& preview);
  // `saveErrors` says why any image has no path (the images are kept in the gallery all the same).
  void finished(const sdxl::GenerationRequest& request, const QVector<sdxl::ui::FinishedImage>& images,
                const sdxl::ui::GenerationStats& stats, const QStringList& saveErrors);
  void failed(int errorKind, const QString& message); // sdxl::ErrorKind
  // A memory budget's plan (kind 0, with the budget in bytes) or a fallback (kind 1): sdxl::MemoryEvent.
  void memoryEvent(int kind, const QString& text, double budgetBytes);
  void benchmarkProgress(int config, int run);
  void benchmarkRow(const sdxl::BenchmarkRow& row); // each configuration as it is measured
  void benchmarkFinished(const sdxl::BenchmarkReport& report);
  void gridCellDone(const sdxl::ui::GridCellResult& result);
  void gridFinished(bool cancelled);

private:
  // Runs one job; whatever it throws becomes failed(kind, message): nothing escapes into Qt's
  // event loop, where it would end the program.
  // `report` receives the error instead of failed() (setModel's: modelFailed).
  void guarded(const std::function<void()>& job, const std::function<void(int, const QString&)>& report = {});
  bool cancelled(quint64 ticket) const { return ticket <= m_cancelledThrough.load(); }
  void injectFault(sdxl::Stage stage) const {
    if (m_faultInjection) m_faultInjection(stage);
  }
  void loadModel();
  QStringList saveImages(const sdxl::GenerationRequest& request, const sdxl::GenerationResult& result,
                         QVector<FinishedImage>& images) const;

  std::unique_ptr<sdxl::Pipeline> m_pipeline;
  ModelChoice m_model;
  double m_switchSeconds = -1; // work done for a new model so far; < 0 once its first step is timed
  QString m_outputFolder;
  std::atomic<quint64> m_issued{0}, m_cancelledThrough{0};
  std::function<void(sdxl::Stage)> m_faultInjection;
};

} // namespace sdxl::ui

Q_DECLARE_METATYPE(sdxl::ui::GenerationStats)
Q_DECLARE_METATYPE(sdxl::ui::FinishedImage)
