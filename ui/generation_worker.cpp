#include "generation_worker.h"
#include "core_messages.h"

#include "sdxl/error.h"
#include "sdxl/grid_cell_run.h"
#include "sdxl/metadata.h"
#include "sdxl/model_source.h"
#include "sdxl/telemetry.h"

#include <QDir>
#include <QElapsedTimer>

#include <thread>
#include <torch/torch.h>

namespace sdxl::ui {

QImage toQImage(const sdxl::Image& image) {
  QImage out(image.rgb.data(), image.width, image.height, image.width * 3, QImage::Format_RGB888);
  return out.copy(); // own the pixels
}

sdxl::Image fromQImage(const QImage& image) {
  const auto rgb = image.convertToFormat(QImage::Format_RGB888);
  sdxl::Image out{rgb.width(), rgb.height(), {}};
  out.rgb.reserve(std::size_t(rgb.width()) * rgb.height() * 3);
  for (int y = 0; y < rgb.height(); ++y) // rows of a QImage are padded to 4 bytes
    out.rgb.insert(out.rgb.end(), rgb.constScanLine(y), rgb.constScanLine(y) + std::size_t(rgb.width()) * 3);
  return out;
}

namespace {

// Forwards progress to the UI; previews at most every 250 ms, because each one copies latents to
// the host (a synchronisation) and the goal is that watching costs nothing measurable.
class WorkerObserver final : public sdxl::GenerationObserver {
public:
  WorkerObserver(GenerationWorker& worker, sdxl::Pipeline& pipeline, std::function<bool()> cancelled,
                 std::function<void(sdxl::Stage)> fault, std::function<void()> firstStep)
      : m_worker(worker), m_pipeline(pipeline), m_cancelled(std::move(cancelled)), m_fault(std::move(fault)),
        m_firstStep(std::move(firstStep)) {
    m_clock.start();
  }
  void onStage(sdxl::Stage stage) override {
    m_fault(stage);
    emit m_worker.stageChanged(static_cast<int>(stage));
  }
  void onStep(const sdxl::StepEvent& e) override {
    if (e.step == 1) m_firstStep();
    QImage preview;
    if (e.latents && (m_lastPreview < 0 || m_clock.elapsed() - m_lastPreview > 250 || e.step == e.steps)) {
      preview = toQImage(m_pipeline.preview(*e.latents)); // TAESD when loaded, else a projection
      m_lastPreview = m_clock.elapsed();
    }
    emit m_worker.stepDone(e.step, e.steps, e.elapsedSeconds, preview);
  }
  void onMemory(const sdxl::MemoryEvent& e) override {
    emit m_worker.memoryEvent(static_cast<int>(e.kind), QString::fromStdString(e.text), double(e.budget));
  }
  bool cancelRequested() override { return m_cancelled(); }

private:
  GenerationWorker& m_worker;
  sdxl::Pipeline& m_pipeline;
  std::function<bool()> m_cancelled;
  std::function<void(sdxl::Stage)> m_fault;
  std::function<void()> m_firstStep;
  QElapsedTimer m_clock;
  qint64 m_lastPreview = -1;
};

QString cancelledMessage() { return GenerationWorker::tr("generation cancelled"); }

} // namespace

GenerationWorker::GenerationWorker() {
  // Leave one core to the interface: torch's intra-op threads would otherwise take them all
  // and the event loop would stall (measured by the UI tests on two cores).
  const int cores = static_cast<int>(std::thread::hardware_concurrency());
  if (cores > 1) torch::set_num_threads(cores - 1);
}
GenerationWorker::~GenerationWorker() = default;

void GenerationWorker::guarded(const std::function<void()>& job, const std::function<void(int, const QString&)>& report) {
  const auto fail = [&](sdxl::ErrorKind kind, const QString& message) {
    if (report) report(static_cast<int>(kind), message);
    else emit failed(static_cast<int>(kind), message);
  };
  try {
    job();
  } catch (const sdxl::Error& e) {
    fail(e.kind(), errorText(e));
  } catch (const c10::OutOfMemoryError& e) { // escaped the pipeline: a preview, a copy of images
    fail(sdxl::ErrorKind::OutOfMemory, tr("out of memory: %1").arg(QString::fromStdString(e.what_without_backtrace())));
  } catch (const std::bad_alloc&) {
    fail(sdxl::ErrorKind::OutOfMemory,
         tr("the computer ran out of memory (RAM). Try fewer images or a smaller size, or close other programs."));
  } catch (const c10::Error& e) { // a kernel or a tensor operation failed: say what it said, without its backtrace
    fail(sdxl::ErrorKind::Internal,
         tr("unexpected error in a tensor operation: %1").arg(QString::fromStdString(e.what_without_backtrace())));
  } catch (const std::exception& e) {
    fail(sdxl::ErrorKind::Internal, tr("unexpected error: %1").arg(errorText(e)));
  } catch (...) {
    fail(sdxl::ErrorKind::Internal, tr("unexpected error of an unknown kind"));
  }
}

void GenerationWorker::setModel(const ModelChoice& choice) {
  QElapsedTimer clock;
  clock.start();
  m_model = choice;
  m_pipeline.reset();
  guarded([this] { loadModel(); },
          [this, choice](int kind, const QString& message) { emit modelFailed(choice, kind, message); });
  m_switchSeconds = clock.elapsed() / 1000.0;
}

void GenerationWorker::loadModel() {
  injectFault(sdxl::Stage::Loading);
  auto pipeline = std::make_unique<sdxl::Pipeline>(m_model.source());
  const auto& source = pipeline->source();
  std::vector<std::string> problems;
  if (source.kind == sdxl::ModelSource::Kind::Folder) problems = sdxl::inspectModelFolder(source.folder).problems;
  if (source.kind == sdxl::ModelSource::Kind::SingleFile) problems = sdxl::inspectCheckpointFile(source.file).problems;
  if (std::filesystem::is_regular_file(source.vae)) {
    const auto vae = sdxl::inspectCheckpointFile(source.vae);
    if (vae.kind != sdxl::CheckpointKind::Vae)
      problems.push_back(tr("the VAE %1 is not a VAE: it is %2")
                             .arg(QString::fromStdString(source.vae.string()), QString::fromStdString(vae.description))
                             .toStdString());
  }
  if (!problems.empty()) {
    QString list;
    for (const auto& p : problems) list += QStringLiteral("\n• ") + QString::fromStdString(p);
    throw sdxl::Error(sdxl::ErrorKind::ModelFormat, tr("%1 is not a usable SDXL model:%2").arg(m_model.spec, list).toStdString());
  }
  m_pipeline = std::move(pipeline);
  emit modelReady(QString::fromStdString(source.describe()), source.isRandom());
}

void GenerationWorker::setOutputFolder(const QString& folder) { m_outputFolder = folder; }

void GenerationWorker::generate(const sdxl::GenerationRequest& request, quint64 ticket) {
  QElapsedTimer clock;
  clock.start();
  guarded([&] {
    if (cancelled(ticket)) throw sdxl::Error(sdxl::ErrorKind::Cancelled, cancelledMessage().toStdString());
    if (!m_pipeline) loadModel();
    WorkerObserver observer(
        *this, *m_pipeline, [this, ticket] { return cancelled(ticket); }, [this](sdxl::Stage stage) { injectFault(stage); },
        [this, &clock] {
          if (m_switchSeconds < 0) return;
          emit firstStepAfterSwitch(m_switchSeconds + clock.elapsed() / 1000.0);
          m_switchSeconds = -1;
        });
    sdxl::resetPeakMemory();
    const auto result = m_pipeline->generate(request, &observer);
    const auto ran = sdxl::ranAs(request, result); // the switches a budget or a fallback chose: what made the images
    QVector<FinishedImage> images;
    const auto saveErrors = saveImages(ran, result, images);
    GenerationStats stats;
    stats.encodeSeconds = result.encodeSeconds;
    stats.denoiseSeconds = result.denoiseSeconds;
    stats.decodeSeconds = result.decodeSeconds;
    stats.totalSeconds = result.totalSeconds;
    stats.stepSeconds = QVector<double>(result.stepSeconds.begin(), result.stepSeconds.end());
    stats.peakAllocatedGB = double(sdxl::sampleMemory().peakAllocated) / (1024.0 * 1024.0 * 1024.0);
    emit finished(ran, images, stats, saveErrors);
  });
}

// A finished image is never thrown away: what cannot be written stays in the gallery (its path
// left empty) and the window says which file failed and why.
QStringList GenerationWorker::saveImages(const sdxl::GenerationRequest& request, const sdxl::GenerationResult& result,
                                         QVector<FinishedImage>& images) const {
  QStringList errors;
  const bool folderReady = QDir().mkpath(m_outputFolder);
  if (!folderReady) errors << tr("The output folder %1 could not be created.").arg(m_outputFolder);
  const auto model = sdxl::identityOf(m_pipeline->source());
  for (std::size_t i = 0; i < result.images.size(); ++i) {
    const auto chunks = sdxl::imageTextChunks(request, model, static_cast<int>(i));
    FinishedImage out{toQImage(result.images[i]), QString(), QString::fromStdString(chunks.at("parameters")),
                      QString::fromStdString(chunks.at("sdxl-studio"))};
    if (folderReady) {
      try {
        const auto target = sdxl::nextFreeImagePath(m_outputFolder.toStdString(), "sdxl");
        sdxl::savePng(result.images[i], target, chunks);
        out.path = QString::fromStdString(target.string());
      } catch (const std::exception& e) {
        errors << errorText(e);
      }
    }
    images.push_back(std::move(out));
  }
  return errors;
}

void GenerationWorker::runBenchmark(const sdxl::BenchmarkProtocol& protocol, const std::vector<sdxl::BenchmarkConfig>& configs,
                                    quint64 ticket) {
  m_pipeline.reset(); // the runner makes its own pipeline per configuration; free this one's memory
  guarded([&] {
    if (cancelled(ticket)) throw sdxl::Error(sdxl::ErrorKind::Cancelled, cancelledMessage().toStdString());
    sdxl::BenchmarkRunner runner(m_model.source());
    const auto report = runner.run(
        protocol, configs,
        [this](std::size_t c, int r) {
          injectFault(sdxl::Stage::Loading);
          emit benchmarkProgress(static_cast<int>(c), r);
        },
        [this, ticket] { return cancelled(ticket); }, [this](const sdxl::BenchmarkRow& row) { emit benchmarkRow(row); });
    emit benchmarkFinished(report);
  });
}

void GenerationWorker::runGrid(const std::vector<sdxl::GridCell>& cells, quint64 ticket) {
  const auto windowsModel = m_model;
  bool stopped = false;
  for (std::size_t i = 0; i < cells.size() && !stopped; ++i) {
    const auto& cell = cells[i];
    GridCellResult result;
    result.index = int(i);
    guarded(
        [&] {
          if (cancelled(ticket)) throw sdxl::Error(sdxl::ErrorKind::Cancelled, cancelledMessage().toStdString());
          const auto wanted = cell.model.empty() ? windowsModel : ModelChoice::remembered(QString::fromStdString(cell.model));
          if (!(wanted == m_model) || !m_pipeline) {
            m_model = wanted;
            m_pipeline.reset();
            loadModel();
          }
          WorkerObserver observer(
              *this, *m_pipeline, [this, ticket] { return cancelled(ticket); },
              [this](sdxl::Stage stage) { injectFault(stage); }, [] {});
          sdxl::GenerationResult generated;
          result.record = sdxl::runGridCell(*m_pipeline, cell, generated, &observer);
          result.image = toQImage(generated.images.at(0));
        },
        [&](int kind, const QString& message) {
          if (kind == static_cast<int>(sdxl::ErrorKind::Cancelled)) stopped = true;
          result.record = sdxl::gridCellRecord(cell);
          result.record.made = true;
          result.record.error = message.toStdString();
        });
    if (!stopped) emit gridCellDone(result);
  }
  if (!(windowsModel == m_model)) { // the window's model again, as it was before the grid
    m_model = windowsModel;
    m_pipeline.reset();
  }
  emit gridFinished(stopped);
}

} // namespace sdxl::ui
