#include "sdxl/memory_plan.h"

#include "io/component_loader.h"
#include "io/model_files.h"
#include "pipeline/decoding.h"
#include "pipeline/placement.h"
#include "sdxl/error.h"
#include "sdxl/telemetry.h"

#include <algorithm>
#include <cstdio>
#include <fstream>

namespace sdxl {

namespace {

constexpr double kGiB = 1073741824.0;
constexpr uint64_t kMiB = 1ull << 20;

// The coefficients of the estimate, at 2 bytes an element; measured on the H200 (docs/memory.md).
constexpr double kUNetBytesPerSamplePixel = 6.7 * 1024;  // UNet activations per sample and latent pixel
constexpr double kDecodeBytesPerImagePixel = 61 * 1024;  // the VAE decoder's peak, one image
constexpr double kGraphPoolShare = 1.8;                  // compile: the graph's pool, of one step's activations
constexpr double kDecodeBatchShare = 0.4;                // each further image of a batched decode
constexpr uint64_t kDefaultAttentionCap = 512 * kMiB;    // scores of the default attention, chunked
constexpr uint64_t kWorkspace = 256 * kMiB;              // cuBLAS and cuDNN workspaces
constexpr double kTextActivationShare = 0.05;            // of the text encoders' weights
constexpr double kFragmentation = 1.15;                  // reserved over allocated at the peak

struct Shape {
  double latentPixels; // of the largest pass (the hires fix's second)
  int images, samples; // samples: images, twice with guidance
};

Shape shapeOf(const GenerationRequest& r) {
  const int w = r.hires ? r.hires->width(r.width) : r.width, h = r.hires ? r.hires->height(r.height) : r.height;
  const int images = r.images;
  return {double(w / 8) * double(h / 8), images, images * (r.guidance > 1.0 ? 2 : 1)};
}

} // namespace

std::string gibText(uint64_t bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f GiB", double(bytes) / kGiB);
  return text;
}

ModelMemory modelMemory(const ModelSource& source, Precision precision) {
  const auto dtype = pipeline::dtypeOf(precision);
  ModelMemory m;
  auto add = [&](const nn::ConfigReader& config, const std::string& component) {
    const auto bytes = io::componentBytes(config, component, dtype);
    (component == "unet" ? m.unet : component == "vae" ? m.vae : m.textEncoders) += bytes.total;
    if (component == "unet") m.unetFp8 = bytes.fp8Copies;
    m.largestLayer = std::max(m.largestLayer, bytes.largestLayer);
    if (component == "unet") m.unetWidth = double(config.integers("block_out_channels", 1, 1 << 16).front()) / 320.0;
    if (component == "vae") m.vaeWidth = double(config.integers("block_out_channels", 1, 1 << 16).back()) / 512.0;
  };
  if (source.isRandom()) {
    const std::string name = source.tiny ? "sdxl-tiny" : "sdxl-base";
    for (const char* c : {"text_encoder", "text_encoder_2", "unet", "vae"}) add(io::builtinConfig(name, c), c);
    return m;
  }
  const auto files = io::openModelFiles(source, precision == Precision::FP32 ? "" : "fp16");
  const bool first = files->pipelineConfig().firstTextEncoder;
  for (const char* c : {"text_encoder", "text_encoder_2", "unet", "vae"})
    if (first || std::string(c) != "text_encoder") add(files->config(c), c);
  return m;
}

uint64_t estimateMemory(const GenerationRequest& r, const ModelMemory& model, bool cuda) {
  const auto& o = r.optimizations;
  const auto s = shapeOf(r);
  const double elem = o.precision == Precision::FP32 ? 2.0 : 1.0; // relative to 2 bytes
  // fp16 runs decode SDXL's VAE in bf16 on CUDA (fp32 on the CPU or when asked): sdxl_model.h.
  const double vaeElem = (o.precision == Precision::FP32 || o.fp32Vae || (o.precision == Precision::FP16 && !cuda)) ? 2.0 : 1.0;
  const double vae = double(model.vae) * (o.precision == Precision::FP16 ? vaeElem : 1.0);
  const double te = double(model.textEncoders), unet = double(model.unet);
  // FP8's copies stay on the device from the first step on (validate() keeps FP8 from offload).
  const double fp8 = o.fp8 && o.offload == Offload::None ? double(model.unetFp8) : 0.0;
  const uint64_t limit = r.memoryBudget.mode == MemoryBudget::Mode::Bytes ? r.memoryBudget.bytes : 0;
  const double window = double(pipeline::prefetchBytes(limit) + model.largestLayer);

  auto held = [&](double component, bool afterEncoding) { // weights on the device while `component` runs
    switch (o.offload) {
    case Offload::None: return (afterEncoding && o.freeTextEncoders ? 0.0 : te) + unet + vae + fp8;
    case Offload::Model: return component;
    case Offload::Sequential: return std::min(component, window);
    }
    return component;
  };

  double unetActivations = kUNetBytesPerSamplePixel * model.unetWidth * elem * s.samples * s.latentPixels;
  if (o.attention == Attention::Default) {
    const double tokens = s.latentPixels / 4; // the first attention level
    unetActivations += std::min(double(kDefaultAttentionCap) * elem, 10.0 * s.samples * tokens * tokens * 2 * elem);
  }
  // The graph's private pool keeps a step's activations, and stays reserved through the decode.
  // With the guidance cut-off the positive half's graphs (half the batch) are held beside them.
  const double graphPool =
      o.compile ? kGraphPoolShare * unetActivations * (o.guidanceCutoff < 1.0 && s.samples > s.images ? 1.5 : 1.0) : 0.0;

  double decode;
  if (o.tinyAutoencoder) {
    decode = 2048.0 * elem * s.latentPixels; // TAESD, image by image
  } else {
    const double tilePixels = o.vaeTiling ? std::min(s.latentPixels, double(pipeline::kTileLatents * pipeline::kTileLatents)) : s.latentPixels;
    const double perImage = kDecodeBytesPerImagePixel * model.vaeWidth * vaeElem * tilePixels;
    const int batch = o.vaeSlicing ? 1 : s.images;
    decode = perImage * (1.0 + kDecodeBatchShare * (batch - 1));
    if (o.vaeTiling) decode += 2.0 * 4.0 * 3.0 * 64.0 * s.latentPixels * batch; // fp32 sums and weights
  }
  const double peak = std::max({held(te, false) + kTextActivationShare * te, held(unet, true) + unetActivations + graphPool,
                                held(vae, true) + decode + graphPool});
  return static_cast<uint64_t>((peak + (cuda ? double(kWorkspace) : 0.0)) * kFragmentation);
}

namespace {
// What the plan does, and which of the switches asked for it leaves off.
std::string summaryOf(const OptimizationOptions& o, const OptimizationOptions& asked) {
  std::string s = o.offload == Offload::Model        ? "model offload"
                  : o.offload == Offload::Sequential ? "sequential offload"
                                                     : "everything resident";
  if (o.freeTextEncoders) s += ", text encoders freed after encoding";
  if (o.vaeSlicing) s += ", VAE slicing";
  if (o.vaeTiling) s += ", VAE tiling";
  if (asked.compile && !o.compile) s += ", compile off";
  if (asked.fp8 && !o.fp8) s += ", FP8 off";
  if (asked.stepCache >= 2 && o.stepCache < 2) s += ", step cache off";
  return s;
}

// Every combination the planner weighs, fastest first.
std::vector<MemoryPlan> candidatePlans(const GenerationRequest& request, uint64_t budget, const ModelMemory& model,
                                       bool cuda) {
  struct Candidate {
    Offload offload;
    bool slicing, tiling, freeEncoders;
  };
  static const Candidate candidates[] = {
      {Offload::None, false, false, false},
      {Offload::None, true, false, false},
      {Offload::None, true, false, true},
      {Offload::Model, true, false, false},
      {Offload::Model, true, true, false},
      {Offload::Sequential, true, false, false},
      {Offload::Sequential, true, true, false},
      {Offload::Sequential, true, true, true},
  };
  std::vector<MemoryPlan> plans;
  for (const auto& c : candidates) {
    if (c.offload != Offload::None && !cuda) continue; // offload moves weights between host and GPU
    if (request.images == 1 && c.slicing && !c.tiling && !c.freeEncoders && c.offload == Offload::None) continue;
    for (const bool compile : {true, false}) {
      if (compile && (!request.optimizations.compile || c.offload == Offload::Sequential)) continue;
      auto r = request;
      auto& o = r.optimizations;
      o.compile = compile;
      o.offload = c.offload;
      o.vaeSlicing = o.vaeSlicing || (c.slicing && request.images > 1);
      o.vaeTiling = o.vaeTiling || c.tiling;
      if (c.freeEncoders) o.cachePromptEmbeddings = o.freeTextEncoders = true;
      if (c.offload == Offload::Sequential) o.stepCache = 0;
      if (c.offload != Offload::None) o.fp8 = false; // its copy stays on the device (validate())
      r.memoryBudget = {MemoryBudget::Mode::Bytes, budget}; // sequential offload's window follows the budget
      MemoryPlan plan;
      plan.budget = budget;
      plan.options = o;
      plan.estimate = estimateMemory(r, model, cuda);
      plan.summary = summaryOf(o, request.optimizations);
      plans.push_back(plan);
    }
  }
  return plans;
}

std::string about(const MemoryPlan& plan) { return plan.summary + ", about " + gibText(plan.estimate); }

} // namespace

MemoryPlan planMemory(const GenerationRequest& request, uint64_t budget, const ModelMemory& model, bool cuda) {
  const auto plans = candidatePlans(request, budget, model, cuda);
  std::string tried;
  for (auto plan : plans) {
    if (plan.estimate <= budget) {
      plan.reason = tried.empty() ? "the fastest combination fits" : "too big: " + tried;
      plan.summary = about(plan);
      return plan;
    }
    tried += (tried.empty() ? "" : "; ") + about(plan);
  }
  const auto least = leanestPlan(request, model, cuda);
  throw Error(ErrorKind::OutOfMemory,
              QT_TRANSLATE_NOOP("sdxl", "nothing fits in a memory budget of %1: this request needs about %2 at the "
                                        "least (%3). Raise the budget to that, or ask for fewer images or a smaller "
                                        "size."),
              {gibText(budget), gibText(least.estimate), least.summary});
}

MemoryPlan leanestPlan(const GenerationRequest& request, const ModelMemory& model, bool cuda) {
  const auto plans = candidatePlans(request, 1, model, cuda); // the smallest prefetch window
  return *std::min_element(plans.begin(), plans.end(),
                           [](const MemoryPlan& a, const MemoryPlan& b) { return a.estimate < b.estimate; });
}

uint64_t availableMemory(bool cuda) {
  const auto m = sampleMemory();
  if (cuda && m.cuda && m.deviceTotal > m.deviceUsed) return m.deviceTotal - m.deviceUsed + m.reserved;
  std::ifstream meminfo("/proc/meminfo");
  std::string key;
  uint64_t kib = 0;
  while (meminfo >> key >> kib) {
    if (key == "MemAvailable:") return kib * 1024 + m.reserved;
    meminfo.ignore(256, '\n');
  }
  return 0;
}

std::optional<Fallback> cheaperDenoising(const OptimizationOptions& options, bool cuda) {
  auto o = options;
  if (o.compile) {
    o.compile = false;
    return Fallback{o, "compile off (the CUDA graph's memory freed)"};
  }
  if (o.attention == Attention::Default) {
    o.attention = Attention::Sdpa;
    return Fallback{o, "SDPA attention instead of the default"};
  }
  if (!o.freeTextEncoders && o.offload == Offload::None) {
    o.cachePromptEmbeddings = o.freeTextEncoders = true;
    return Fallback{o, "text encoders freed"};
  }
  if (!cuda) return std::nullopt;
  if (o.offload == Offload::None) {
    o.offload = Offload::Model;
    const bool fp8 = o.fp8;
    o.fp8 = false; // its copy stays on the device (validate())
    return Fallback{o, fp8 ? "model offload (FP8 off)" : "model offload"};
  }
  if (o.offload == Offload::Model) {
    o.offload = Offload::Sequential;
    const bool cached = o.stepCache >= 2;
    o.stepCache = 0; // sequential offload streams the whole UNet every step
    return Fallback{o, cached ? "sequential offload (step cache off)" : "sequential offload"};
  }
  return std::nullopt;
}

std::optional<Fallback> cheaperEncoding(const OptimizationOptions& options, bool cuda) {
  auto o = options;
  if (o.attention == Attention::Default) {
    o.attention = Attention::Sdpa;
    return Fallback{o, "SDPA attention instead of the default"};
  }
  if (!cuda || o.offload == Offload::Sequential) return std::nullopt;
  o.offload = o.offload == Offload::None ? Offload::Model : Offload::Sequential;
  if (o.offload == Offload::Sequential) o.compile = false, o.stepCache = 0;
  const bool fp8 = o.fp8;
  o.fp8 = false; // its copy stays on the device (validate())
  return Fallback{o, std::string(o.offload == Offload::Model ? "model offload" : "sequential offload") +
                         (fp8 ? " (FP8 off)" : "")};
}

std::optional<Fallback> cheaperDecoding(const OptimizationOptions& options, int images) {
  auto o = options;
  if (o.tinyAutoencoder) return std::nullopt; // already image by image, and small
  if (!o.vaeSlicing && images > 1) {
    o.vaeSlicing = true;
    return Fallback{o, "VAE slicing (one image at a time)"};
  }
  if (o.attention == Attention::Default) { // the VAE's attention materialises its scores too
    o.attention = Attention::Sdpa;
    return Fallback{o, "SDPA attention instead of the default"};
  }
  if (!o.vaeTiling) {
    o.vaeTiling = true;
    return Fallback{o, "VAE tiling"};
  }
  return std::nullopt;
}

} // namespace sdxl
