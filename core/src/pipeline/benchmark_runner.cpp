#include "sdxl/benchmark.h"
#include "sdxl/switches.h"

#include "sdxl/error.h"
#include "sdxl/telemetry.h"
#include "sdxl/version.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <iomanip>
#include <limits>
#include <locale>
#include <sstream>

namespace sdxl {

namespace {
constexpr double kGB = 1024.0 * 1024.0 * 1024.0;

// Synchronises once, at the first step of the first run, to time "before the first step".
class FirstStepClock final : public GenerationObserver {
public:
  explicit FirstStepClock(const std::function<bool()>& cancel) : m_cancel(cancel) {}
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
  double firstStep = 0;
  bool measure = false;
  uint64_t peakDevice = 0;
  void sampleDevice() { peakDevice = std::max(peakDevice, sampleMemory().deviceUsed); }
  void onStep(const StepEvent& e) override {
    sampleDevice(); // the caching allocator keeps what it reserved, so the end of a stage shows its peak
    if (measure && e.step == 1) {
      synchronizeDevice();
      firstStep = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }
  }
  bool cancelRequested() override { return m_cancel && m_cancel(); }

private:
  std::function<bool()> m_cancel;
};

} // namespace

BenchmarkRunner::BenchmarkRunner(ModelSource source, std::string device, BenchmarkSettings settings)
    : m_source(std::move(source)), m_device(std::move(device)), m_settings(settings) {}

namespace {
bool onCuda(const std::string& device) {
  const auto where = device.empty() ? deviceDescription() : device;
  return where != "CPU" && where != "cpu";
}
} // namespace

bool BenchmarkRunner::completesUnder(double limitGB, const GenerationRequest& request, int runs,
                                     const std::function<bool()>& cancel) {
  releaseCachedMemory();
  setMemoryLimit(static_cast<uint64_t>(limitGB * kGB), onCuda(m_device));
  bool completed = true;
  try {
    Pipeline pipeline(m_source, m_device);
    auto strict = request;
    strict.memoryFallbacks = false;
    for (int r = 0; r < runs; ++r) {
      FirstStepClock clock(cancel);
      pipeline.generate(strict, &clock);
    }
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::OutOfMemory) throw;
    completed = false;
  }
  releaseCachedMemory();
  return completed;
}

BenchmarkReport BenchmarkRunner::run(const BenchmarkProtocol& protocol, const std::vector<BenchmarkConfig>& configs,
                                     const std::function<void(std::size_t, int)>& progress,
                                     const std::function<bool()>& cancel,
                                     const std::function<void(const BenchmarkRow&)>& rowDone) {
  BenchmarkReport report;
  report.device = deviceDescription();
  report.date = todayUtc();
  report.protocol = protocol.name;
  report.model = m_source.describe();
  std::optional<std::size_t> fp32Row; // the reference image for PSNR
  const bool cuda = onCuda(m_device);
  for (std::size_t c = 0; c < configs.size(); ++c) {
    setMemoryLimit(m_settings.limitGB ? std::optional<uint64_t>(static_cast<uint64_t>(*m_settings.limitGB * kGB))
                                      : std::nullopt,
                   cuda);
    const auto& config = configs[c];
    BenchmarkRow row;
    row.config = config.name;
    row.options = config.options;
    row.runs = config.runs > 0 ? config.runs : protocol.runs;
    try {
      auto request = protocol.request;
      request.optimizations = config.options;
      request.memoryBudget = m_settings.budget;
      row.limitGB = m_settings.limitGB;
      // A fresh pipeline per configuration: each row's memory is its own, nothing carried over.
      for (Pipeline pipeline(m_source, m_device); static_cast<int>(row.allLatencies.size()) < row.runs;) {
        const int r = static_cast<int>(row.allLatencies.size());
        if (progress) progress(c, r);
        if (cancel && cancel()) throw Error(ErrorKind::Cancelled, "benchmark cancelled");
        synchronizeDevice();
        resetPeakMemory();
        FirstStepClock clock(cancel);
        clock.measure = r == 0;
        const auto result = pipeline.generate(request, &clock);
        const double latency = std::chrono::duration<double>(std::chrono::steady_clock::now() - clock.start).count();
        clock.sampleDevice();
        row.allLatencies.push_back(latency);
        if (r == 0) {
          row.firstStepSeconds = clock.firstStep;
          row.graphCaptureSeconds = result.graphCaptureSeconds;
        }
        if (r + 1 == row.runs) {
          const auto memory = sampleMemory();
          row.latencySeconds = latency;
          row.peakAllocatedGB = double(memory.peakAllocated) / kGB;
          row.peakReservedGB = double(memory.peakReserved) / kGB;
          row.peakDeviceGB = double(clock.peakDevice) / kGB;
          row.memoryNotes = result.memoryNotes;
          row.options = result.optimizations; // a budget's plan, after any fallback
          row.encodeSeconds = result.encodeSeconds;
          row.denoiseSeconds = result.denoiseSeconds;
          row.decodeSeconds = result.decodeSeconds;
          row.firstImage = result.images.at(0);
          if (result.finalLatents && result.finalLatents->defined()) {
            const auto latents = result.finalLatents->to(at::kFloat).contiguous();
            row.finalLatents.assign(latents.data_ptr<float>(), latents.data_ptr<float>() + latents.numel());
          }
        }
      }
      if (m_settings.fit) {
        // A limit below the peak allocated cannot work, and the peak reserved did without one.
        const double step = m_settings.fitStepGB;
        double fails = std::floor(row.peakAllocatedGB / step) * step, works = std::ceil(row.peakReservedGB / step) * step + step;
        auto strict = request;
        strict.optimizations = row.options;
        strict.memoryBudget = {};
        const int trialRuns = std::min(row.runs, 2);
        while (works - fails > step * 1.001) {
          const double mid = std::round((fails + works) / 2 / step) * step;
          if (progress) progress(c, -1);
          (completesUnder(mid, strict, trialRuns, cancel) ? works : fails) = mid;
        }
        row.fitGB = works;
      }
    } catch (const Error& e) {
      if (e.kind() == ErrorKind::Cancelled) throw;
      row.error = e.what();
    }
    setMemoryLimit(std::nullopt, cuda);
    releaseCachedMemory();
    report.rows.push_back(std::move(row));
    const auto& added = report.rows.back();
    if (rowDone) rowDone(added);
    if (added.error.empty() && added.options.precision == Precision::FP32 && added.options.attention == Attention::Default &&
        !added.options.tinyAutoencoder && !added.options.vaeTiling)
      fp32Row = report.rows.size() - 1;
  }
  if (fp32Row)
    for (auto& row : report.rows)
      if (row.error.empty()) row.psnrVsFp32 = psnr(row.firstImage, report.rows[*fp32Row].firstImage);
  for (std::size_t i = 0; i < report.rows.size(); ++i) {
    auto& row = report.rows[i];
    if (!row.error.empty() || !row.options.approximate()) continue;
    if (const auto exact = exactRowFor(report.rows, i))
      row.errorVsExact = relativeError(row.finalLatents, report.rows[*exact].finalLatents);
  }
  return report;
}

} // namespace sdxl
