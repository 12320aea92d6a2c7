#include "sdxl/benchmark.h"

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
#include <sstream>

namespace sdxl {

namespace {
constexpr double kGB = 1024.0 * 1024.0 * 1024.0;
const char* kPrompt = "Astronaut in a jungle, cold color palette, muted colors, detailed, 8k";

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

std::string today() {
  std::time_t now = std::time(nullptr);
  char text[16];
  std::strftime(text, sizeof text, "%Y-%m-%d", std::gmtime(&now));
  return text;
}
} // namespace

BenchmarkProtocol seedProtocol() {
  BenchmarkProtocol p;
  p.name = "seed";
  p.request.prompt = kPrompt;
  p.request.images = 4;
  p.request.steps = 50;
  p.request.guidance = 5.0;
  p.request.width = p.request.height = 1024;
  p.request.seed = 0;
  p.request.seedMode = SeedMode::Batch; // diffusers' protocol: one generator for the 4 images
  p.runs = 3;
  return p;
}

BenchmarkProtocol singleProtocol() {
  auto p = seedProtocol();
  p.name = "single";
  p.request.images = 1;
  p.request.steps = 30;
  return p;
}

std::optional<BenchmarkProtocol> protocolFromName(const std::string& name) {
  if (name == "seed") return seedProtocol();
  if (name == "single") return singleProtocol();
  return std::nullopt;
}

BenchmarkConfig configFromName(const std::string& name) {
  BenchmarkConfig c;
  c.name = name;
  std::vector<std::string> words;
  std::stringstream in(name);
  for (std::string w; std::getline(in, w, '_');) words.push_back(w);
  auto& o = c.options;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const auto& w = words[i];
    const auto next = i + 1 < words.size() ? words[i + 1] : "";
    if (w == "single") continue; // the protocol's business
    if (auto p = precisionFromName(w)) o.precision = *p;
    else if (w == "default" && next == "attn") o.attention = Attention::Default, ++i;
    else if (w == "compile") o.compile = true;
    else if (w == "vae" && next == "slicing") o.vaeSlicing = true, ++i;
    else if (w == "vae" && next == "tiling") o.vaeTiling = true, ++i;
    else if (w == "model" && next == "offload") o.offload = Offload::Model, ++i;
    else if (w == "seq" && next == "offload") o.offload = Offload::Sequential, ++i;
    else if (w == "cached" && next == "embeds") o.cachePromptEmbeddings = o.freeTextEncoders = true, ++i;
    else if (w == "tiny" && next == "vae") o.tinyAutoencoder = true, ++i;
    else if (w == "vae" && next == "fp32") o.fp32Vae = true, ++i;
    else throw Error(ErrorKind::InvalidRequest, "unknown word '" + w + "' in configuration '" + name + "'");
  }
  // As diffusers_reference.py: fp32 and sequential offload are slow, so 2 runs (the last counts).
  if (o.precision == Precision::FP32 || o.offload == Offload::Sequential) c.runs = 2;
  return c;
}

std::string configName(const OptimizationOptions& o) {
  std::string n = precisionName(o.precision);
  if (o.attention == Attention::Default) n += "_default_attn";
  if (o.compile) n += "_compile";
  if (o.offload == Offload::Model) n += "_model_offload";
  if (o.vaeSlicing) n += "_vae_slicing";
  if (o.vaeTiling) n += "_vae_tiling";
  if (o.offload == Offload::Sequential) n += "_seq_offload";
  if (o.cachePromptEmbeddings) n += "_cached_embeds";
  if (o.tinyAutoencoder) n += "_tiny_vae";
  if (o.fp32Vae) n += "_vae_fp32";
  return n;
}

std::vector<std::string> seedConfigNames() {
  return {"fp32_default_attn", "fp16_default_attn", "fp16", "fp16_compile", "fp16_model_offload", "fp16_seq_offload",
          "fp16_vae_slicing", "fp16_vae_slicing_seq_offload", "fp16_cached_embeds", "fp16_tiny_vae"};
}

double psnr(const Image& a, const Image& b) {
  if (a.rgb.size() != b.rgb.size() || a.rgb.empty()) return std::numeric_limits<double>::quiet_NaN();
  double sum = 0;
  for (std::size_t i = 0; i < a.rgb.size(); ++i) {
    const double d = double(a.rgb[i]) - double(b.rgb[i]);
    sum += d * d;
  }
  const double mse = sum / double(a.rgb.size());
  return mse == 0 ? std::numeric_limits<double>::infinity() : 10 * std::log10(255.0 * 255.0 / mse);
}

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
                                     const std::function<bool()>& cancel) {
  BenchmarkReport report;
  report.device = deviceDescription();
  report.date = today();
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
    if (added.error.empty() && added.options.precision == Precision::FP32 && added.options.attention == Attention::Default &&
        !added.options.tinyAutoencoder && !added.options.vaeTiling)
      fp32Row = report.rows.size() - 1;
  }
  if (fp32Row)
    for (auto& row : report.rows)
      if (row.error.empty()) row.psnrVsFp32 = psnr(row.firstImage, report.rows[*fp32Row].firstImage);
  return report;
}

std::string BenchmarkReport::toMarkdown() const {
  std::ostringstream out;
  out << std::fixed << std::setprecision(2);
  out << "protocol " << protocol << " on " << device << ", " << date << ", model: " << model;
  if (!rows.empty() && rows.front().limitGB) out << ", under a hard limit of " << *rows.front().limitGB << " GiB";
  out << "\n\n";
  const bool fitted = std::any_of(rows.begin(), rows.end(), [](const BenchmarkRow& r) { return r.fitGB.has_value(); });
  out << "| configuration | latency (s) | encode / denoise / decode (s) | peak allocated (GiB) | peak reserved (GiB) | "
         "device used (GiB) | " << (fitted ? "smallest limit (GiB) | " : "") << "before first step (s) | PSNR vs fp32 (dB) |\n"
      << "|---|---|---|---|---|---|" << (fitted ? "---|" : "") << "---|---|\n";
  for (const auto& r : rows) {
    if (!r.error.empty()) {
      out << "| " << r.config << " | failed: " << r.error.substr(0, 120) << " | | | | | |" << (fitted ? " |" : "") << " |\n";
      continue;
    }
    out << "| " << r.config << " | " << r.latencySeconds << " | " << r.encodeSeconds << " / " << r.denoiseSeconds << " / "
        << r.decodeSeconds << " | " << r.peakAllocatedGB << " | " << r.peakReservedGB << " | ";
    if (r.peakDeviceGB > 0) out << r.peakDeviceGB;
    else out << "-";
    out << " | ";
    if (fitted) {
      if (r.fitGB) out << *r.fitGB;
      out << " | ";
    }
    out << r.firstStepSeconds << " | ";
    if (r.psnrVsFp32) {
      if (std::isinf(*r.psnrVsFp32)) out << "identical";
      else out << *r.psnrVsFp32;
    }
    out << " |\n";
  }
  for (const auto& r : rows)
    for (const auto& note : r.memoryNotes) out << "\n- " << r.config << ": " << note;
  if (std::any_of(rows.begin(), rows.end(), [](const BenchmarkRow& r) { return !r.memoryNotes.empty(); })) out << "\n";
  return out.str();
}

std::string BenchmarkReport::toJson(const std::string& commit, const std::string& referenceJson) const {
  nlohmann::ordered_json j;
  j["device"] = device;
  j["date"] = date;
  j["commit"] = commit;
  j["protocol"] = protocol;
  j["model"] = model;
  j["software"] = "SDXL Studio " + studioVersion() + ", LibTorch " + torchVersion();
  j["reference"] = nlohmann::json::parse(referenceJson, nullptr, false);
  j["rows"] = nlohmann::json::array();
  for (const auto& r : rows) {
    nlohmann::ordered_json row;
    row["config"] = r.config;
    row["options"] = r.options.describe();
    if (!r.error.empty()) {
      row["error"] = r.error;
    } else {
      row["runs"] = r.runs;
      row["latency_s"] = r.latencySeconds;
      row["all_latencies"] = r.allLatencies;
      row["encode_s"] = r.encodeSeconds;
      row["denoise_s"] = r.denoiseSeconds;
      row["decode_s"] = r.decodeSeconds;
      row["peak_allocated_gb"] = r.peakAllocatedGB;
      row["peak_reserved_gb"] = r.peakReservedGB;
      row["peak_device_used_gb"] = r.peakDeviceGB;
      if (r.fitGB) row["smallest_limit_gb"] = *r.fitGB;
      if (r.limitGB) row["limit_gb"] = *r.limitGB;
      if (!r.memoryNotes.empty()) row["memory_notes"] = r.memoryNotes;
      row["first_step_s"] = r.firstStepSeconds;
      row["graph_capture_s"] = r.graphCaptureSeconds;
      if (r.psnrVsFp32) row["psnr_vs_fp32_db"] = std::isinf(*r.psnrVsFp32) ? 999.0 : *r.psnrVsFp32;
    }
    j["rows"].push_back(row);
  }
  return j.dump(2);
}

} // namespace sdxl
