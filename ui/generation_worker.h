// The pipeline's home: a QObject living on its own QThread. The UI talks to it with queued
// signals and slots only; the one exception is cancel(), an atomic flag, because the worker's
// event loop is busy inside generate() and could not receive a queued call until it returned.
#pragma once

#include "metatypes.h"
#include "sdxl/benchmark.h"
#include "sdxl/pipeline.h"

#include <QImage>
#include <QObject>
#include <QString>
#include <QVector>

#include <atomic>
#include <memory>

namespace sdxl::ui {

QImage toQImage(const sdxl::Image& image);

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
  void cancel() { m_cancel = true; } // any thread

public slots:
  void setModel(const QString& spec);                 // "builtin:tiny", "builtin" or a folder
  void setOutputFolder(const QString& folder);        // where every image is saved, with its parameters
  void generate(const sdxl::GenerationRequest& request);
  void runBenchmark(const sdxl::BenchmarkProtocol& protocol, const std::vector<sdxl::BenchmarkConfig>& configs);

signals:
  void modelReady(const QString& description, bool randomWeights);
  void stageChanged(int stage); // sdxl::Stage
  void stepDone(int step, int steps, double elapsedSeconds, const QImage& preview);
  void finished(const sdxl::GenerationRequest& request, const QVector<QImage>& images, const QStringList& paths,
                const sdxl::ui::GenerationStats& stats);
  void failed(int errorKind, const QString& message); // sdxl::ErrorKind
  void benchmarkProgress(int config, int run);
  void benchmarkFinished(const sdxl::BenchmarkReport& report);

private:
  std::unique_ptr<sdxl::Pipeline> m_pipeline;
  QString m_modelSpec = QStringLiteral("builtin:tiny");
  QString m_outputFolder;
  std::atomic<bool> m_cancel{false};
};

} // namespace sdxl::ui

Q_DECLARE_METATYPE(sdxl::ui::GenerationStats)
