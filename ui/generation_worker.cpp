#include "generation_worker.h"

#include "sdxl/error.h"
#include "sdxl/model_source.h"
#include "sdxl/telemetry.h"

#include "sdxl/metadata.h"

#include <QDir>
#include <QElapsedTimer>

#include <thread>
#include <torch/torch.h>

namespace sdxl::ui {

QImage toQImage(const sdxl::Image& image) {
  QImage out(image.rgb.data(), image.width, image.height, image.width * 3, QImage::Format_RGB888);
  return out.copy(); // own the pixels
}

namespace {

// Forwards progress to the UI; previews at most every 250 ms, because each one copies latents to
// the host (a synchronisation) and the goal is that watching costs nothing measurable.
class WorkerObserver final : public sdxl::GenerationObserver {
public:
  WorkerObserver(GenerationWorker& worker, sdxl::Pipeline& pipeline, std::atomic<bool>& cancel)
      : m_worker(worker), m_pipeline(pipeline), m_cancel(cancel) {
    m_clock.start();
  }
  void onStage(sdxl::Stage stage) override { emit m_worker.stageChanged(static_cast<int>(stage)); }
  void onStep(const sdxl::StepEvent& e) override {
    QImage preview;
    if (e.latents && (m_lastPreview < 0 || m_clock.elapsed() - m_lastPreview > 250 || e.step == e.steps)) {
      preview = toQImage(m_pipeline.preview(*e.latents)); // TAESD when loaded, else a projection
      m_lastPreview = m_clock.elapsed();
    }
    emit m_worker.stepDone(e.step, e.steps, e.elapsedSeconds, preview);
  }
  bool cancelRequested() override { return m_cancel.load(); }

private:
  GenerationWorker& m_worker;
  sdxl::Pipeline& m_pipeline;
  std::atomic<bool>& m_cancel;
  QElapsedTimer m_clock;
  qint64 m_lastPreview = -1;
};

} // namespace

GenerationWorker::GenerationWorker() {
  // Leave one core to the interface: torch's intra-op threads would otherwise take them all
  // and the event loop would stall (measured by the UI tests on two cores).
  const int cores = static_cast<int>(std::thread::hardware_concurrency());
  if (cores > 1) torch::set_num_threads(cores - 1);
}
GenerationWorker::~GenerationWorker() = default;

void GenerationWorker::setModel(const QString& spec) {
  m_modelSpec = spec;
  m_pipeline.reset();
  try {
    m_pipeline = std::make_unique<sdxl::Pipeline>(sdxl::ModelSource::parse(spec.toStdString()));
    const auto& source = m_pipeline->source();
    if (!source.isRandom()) {
      const auto report = sdxl::inspectModelFolder(source.folder);
      if (!report.usable()) {
        QString problems;
        for (const auto& p : report.problems) problems += QStringLiteral("\n• ") + QString::fromStdString(p);
        m_pipeline.reset();
        emit failed(static_cast<int>(sdxl::ErrorKind::ModelFormat),
                    tr("%1 is not a usable SDXL model folder:%2").arg(spec, problems));
        return;
      }
    }
    emit modelReady(QString::fromStdString(source.describe()), source.isRandom());
  } catch (const std::exception& e) {
    emit failed(static_cast<int>(sdxl::ErrorKind::ModelFormat), QString::fromStdString(e.what()));
  }
}

void GenerationWorker::setOutputFolder(const QString& folder) { m_outputFolder = folder; }

void GenerationWorker::generate(const sdxl::GenerationRequest& request) {
  m_cancel = false;
  if (!m_pipeline) setModel(m_modelSpec);
  if (!m_pipeline) return;
  WorkerObserver observer(*this, *m_pipeline, m_cancel);
  try {
    sdxl::resetPeakMemory();
    const auto result = m_pipeline->generate(request, &observer);
    QVector<QImage> images;
    QStringList paths;
    QDir().mkpath(m_outputFolder);
    const auto model = m_pipeline->source().describe();
    for (std::size_t i = 0; i < result.images.size(); ++i) {
      images.push_back(toQImage(result.images[i]));
      const auto path = sdxl::nextFreeImagePath(m_outputFolder.toStdString(), "sdxl");
      sdxl::savePng(result.images[i], path, sdxl::imageTextChunks(request, model, static_cast<int>(i)));
      paths.push_back(QString::fromStdString(path.string()));
    }
    GenerationStats stats;
    stats.encodeSeconds = result.encodeSeconds;
    stats.denoiseSeconds = result.denoiseSeconds;
    stats.decodeSeconds = result.decodeSeconds;
    stats.totalSeconds = result.totalSeconds;
    stats.stepSeconds = QVector<double>(result.stepSeconds.begin(), result.stepSeconds.end());
    stats.peakAllocatedGB = double(sdxl::sampleMemory().peakAllocated) / (1024.0 * 1024.0 * 1024.0);
    emit finished(request, images, paths, stats);
  } catch (const sdxl::Error& e) {
    emit failed(static_cast<int>(e.kind()), QString::fromStdString(e.what()));
  } catch (const std::exception& e) {
    emit failed(static_cast<int>(sdxl::ErrorKind::Internal), QString::fromStdString(e.what()));
  }
}

void GenerationWorker::runBenchmark(const sdxl::BenchmarkProtocol& protocol, const std::vector<sdxl::BenchmarkConfig>& configs) {
  m_cancel = false;
  m_pipeline.reset(); // the runner makes its own pipeline per configuration; free this one's memory
  try {
    sdxl::BenchmarkRunner runner(sdxl::ModelSource::parse(m_modelSpec.toStdString()));
    const auto report = runner.run(
        protocol, configs, [this](std::size_t c, int r) { emit benchmarkProgress(static_cast<int>(c), r); },
        [this] { return m_cancel.load(); });
    emit benchmarkFinished(report);
  } catch (const sdxl::Error& e) {
    emit failed(static_cast<int>(e.kind()), QString::fromStdString(e.what()));
  }
}

} // namespace sdxl::ui
