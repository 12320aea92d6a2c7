#include "sdxl/pipeline.h"

#include "pipeline/conditioning.h"
#include "pipeline/decoding.h"
#include "pipeline/denoise_mode.h"
#include "pipeline/embedding_cache.h"
#include "pipeline/hires_fix.h"
#include "pipeline/sdxl_model.h"
#include "runtime/cancellation.h"
#include "runtime/step_timer.h"
#include "runtime/unet_graph.h"
#include "sched/noise.h"
#include "sdxl/cuda_status.h"
#include "sdxl/error.h"
#include "sdxl/memory_plan.h"
#include "sdxl/telemetry.h"

#include <c10/core/CPUAllocator.h>

#include <chrono>
#include <map>
#include <optional>
#include <cstdlib>
#include <unistd.h>

#ifndef SDXL_BUILD_TOKENIZER_DIR
#define SDXL_BUILD_TOKENIZER_DIR ""
#endif

namespace sdxl {
namespace fs = std::filesystem;

namespace {
bool isCheckpointName(const fs::path& path) {
  auto ext = path.extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* known : {".safetensors", ".ckpt", ".pt", ".pth", ".bin", ".pkl"})
    if (ext == known) return true;
  return false;
}
} // namespace

ModelSource ModelSource::parse(const std::string& spec) {
  ModelSource s;
  if (spec == "builtin" || spec == "builtin:full" || spec == "builtin:tiny") {
    s.kind = Kind::Builtin;
    s.tiny = spec == "builtin:tiny";
  } else if (fs::is_regular_file(spec) || (!fs::exists(spec) && isCheckpointName(spec))) {
    s.kind = Kind::SingleFile; // a file: a checkpoint (pickles are refused when it is opened)
    s.file = spec;
  } else {
    s.folder = spec;
  }
  return s;
}

std::string ModelSource::describe() const {
  if (kind == Kind::Builtin)
    return tiny ? "built-in tiny benchmark model (random weights: images are noise)"
                : "built-in SDXL-base benchmark model (random weights: images are noise)";
  return kind == Kind::SingleFile ? file.string() : folder.string();
}

std::string ModelSource::key() const {
  if (kind == Kind::Builtin) return tiny ? "builtin:tiny" : "builtin";
  auto k = kind == Kind::SingleFile ? file.string() + (configs.empty() ? "" : "\x1f" + configs.string()) : folder.string();
  return vae.empty() ? k : k + "\x1fvae=" + vae.string();
}

fs::path builtinTokenizerDir() {
  if (const char* env = std::getenv("SDXL_CLIP_TOKENIZER_DIR"); env && *env) return env;
  std::error_code ec;
  const auto exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const auto installed = exe.parent_path().parent_path() / "share" / "sdxl-studio" / "clip-tokenizer";
    if (fs::exists(installed / "tokenizer" / "vocab.json")) return installed;
  }
  const fs::path built = SDXL_BUILD_TOKENIZER_DIR;
  if (!built.empty() && fs::exists(built / "tokenizer" / "vocab.json")) return built;
  throw Error(ErrorKind::ModelFormat,
              "the CLIP tokenizer files of the built-in model are missing. Run scripts/test or scripts/studio once "
              "(they make them), or set SDXL_CLIP_TOKENIZER_DIR to a folder holding tokenizer/ and tokenizer_2/.");
}

std::pair<std::shared_ptr<const ClipTokenizer>, std::shared_ptr<const ClipTokenizer>>
loadModelTokenizers(const ModelSource& source) {
  return pipeline::loadTokenizers(source);
}

namespace {

nn::ForwardOptions forwardOptionsOf(const OptimizationOptions& o) {
  nn::ForwardOptions f;
  f.attention = o.attention == Attention::Sdpa ? nn::AttentionBackend::Sdpa : nn::AttentionBackend::Math;
  f.fp8 = o.fp8; // the UNet's alone: the encoders and decoders compute exactly
  return f;
}

double seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

} // namespace

struct Pipeline::Impl {
  ModelSource source;
  torch::Device device = torch::kCPU;
  std::unique_ptr<pipeline::SdxlModel> model;
  pipeline::EmbeddingCache embeddings;
  runtime::UNetGraph unetGraph;
  std::function<void(const std::string&, double)> loadProgress;

  // Weights depend on the precision and the offload mode; everything else is per request.
  pipeline::SdxlModel& ensureModel(torch::ScalarType dtype, Offload offload, GenerationObserver* observer) {
    if (model && model->dtype == dtype && model->offload == offload) return *model;
    if (observer) observer->onStage(Stage::Loading);
    unetGraph.reset();
    model.reset(); // free the old weights before loading the new ones
    embeddings.clear();
    releaseCachedMemory();
    model = pipeline::loadSdxlModel(source, device, dtype, offload, loadProgress);
    return *model;
  }

  // The refiner stage's model, kept between requests as the main one is; its own graph.
  std::unique_ptr<pipeline::SdxlModel> refiner;
  runtime::UNetGraph refinerGraph;

  pipeline::SdxlModel& ensureRefiner(const ModelSource& refinerSource, torch::ScalarType dtype, Offload offload,
                                     GenerationObserver* observer) {
    if (refiner && refiner->source.key() == refinerSource.key() && refiner->dtype == dtype && refiner->offload == offload)
      return *refiner;
    // Checked before anything is loaded: the built-in models have both text encoders.
    if (refinerSource.isRandom() ||
        !io::openModelFiles(refinerSource, dtype == torch::kFloat ? "" : "fp16")->pipelineConfig().refiner())
      throw Error(ErrorKind::InvalidRequest,
                  QT_TRANSLATE_NOOP("sdxl", "%1 is not a refiner (it has both text encoders). Choose an SDXL refiner "
                                            "(stable-diffusion-xl-refiner-1.0), or no refiner."),
                  {refinerSource.describe()});
    if (observer) observer->onStage(Stage::Loading);
    refinerGraph.reset();
    refiner.reset();
    releaseCachedMemory();
    refiner = pipeline::loadSdxlModel(refinerSource, device, dtype, offload, loadProgress);
    return *refiner;
  }

  // The run in progress: its switches as fallbacks change them, and what they did.
  OptimizationOptions active;
  bool fallbacksAllowed = true;
  std::vector<std::string> memoryNotes;
  GenerationObserver* runObserver = nullptr;
  bool budgetLimitSet = false;                  // the hard limit is a budget's, lifted without one
  std::map<std::string, ModelMemory> modelSizes; // by model and precision: the planner's weights
  ModelMemory plannedSizes;                      // the current plan's

  void note(MemoryEvent event) {
    memoryNotes.push_back(event.text);
    if (runObserver) runObserver->onMemory(event);
  }
  std::optional<MemoryPlan> planFor(const GenerationRequest& r);
  // A denoising step of `m` ran out: the next rung of the ladder, applied; false when none is left.
  bool fallBackWhileDenoising(pipeline::SdxlModel& m, runtime::UNetGraph& graph, int step);
  // Encoding ran out: the next rung for every model of the run, applied; false when none is left.
  bool fallBackWhileEncoding(std::initializer_list<pipeline::SdxlModel*> models);
  // The model in the active switches; loading that runs out of memory tries the next offload mode.
  pipeline::SdxlModel& loadWithin(GenerationObserver* observer);
  // Latents to images with the active switches; a decode that runs out tries sliced, then tiled.
  std::vector<Image> decodeWithin(pipeline::SdxlModel& decoder, const at::Tensor& latents, int images);

  GenerationResult run(const GenerationRequest& r, GenerationObserver* observer);
  GenerationResult runOnlyMasked(const GenerationRequest& r, GenerationObserver* observer);
  // One pass of the denoising loop in `mode`, up to `stopAt` of the schedule (diffusers'
  // denoising_end); the hires fix and the refiner run a second.
  at::Tensor denoise(pipeline::SdxlModel& m, runtime::UNetGraph& graph, const GenerationRequest& r,
                     const pipeline::Conditioning& cond, std::unique_ptr<pipeline::DenoiseMode> mode,
                     const nn::ForwardOptions& fwd, GenerationObserver* observer, runtime::StepTimer& steps,
                     double stopAt = 1.0);
};

Pipeline::Pipeline(ModelSource source, const std::string& device) : m_impl(std::make_unique<Impl>()) {
  m_impl->source = std::move(source);
  // Left to us: the GPU only where cudaStatus() says it is usable (a GPU older than this build's
  // kernels would fail at their first launch), as the programs' start-up notes say.
  if (device.empty())
    m_impl->device = cudaStatus().kind == CudaStatus::Kind::Usable && torch::cuda::is_available() ? torch::Device(torch::kCUDA)
                                                                                                 : torch::Device(torch::kCPU);
  else m_impl->device = torch::Device(device);
  if (m_impl->device.is_cuda() && !torch::cuda::is_available())
    throw Error(ErrorKind::InvalidRequest, QT_TRANSLATE_NOOP("sdxl", "CUDA was asked for, but no CUDA device is available"), {});
}

Pipeline::~Pipeline() {
  // Switching models must give the device its memory back, not keep it cached for a model gone.
  m_impl->unetGraph.reset();
  m_impl->refinerGraph.reset();
  m_impl->refiner.reset();
  m_impl->model.reset();
  m_impl->embeddings.clear();
  releaseCachedMemory();
}

Image Pipeline::preview(const at::Tensor& latents) {
  auto& m = m_impl->model;
  // On a CPU a TAESD preview costs a good part of a step: the projection there, TAESD on a GPU.
  if (!m || m->vaeTiny.is_empty() || !m->vaeTinyPlacement || !m->device.is_cuda()) return latentPreview(latents, 0);
  c10::InferenceMode inference;
  pipeline::StageScope stage(*m->vaeTinyPlacement);
  pipeline::PassScope pass(*m->vaeTinyPlacement);
  const auto z = latents.slice(0, 0, 1).to(m->vaeTinyDtype()) / m->vaeTiny->config().scalingFactor;
  return pipeline::toImages(m->vaeTiny->decode(z)).at(0);
}

const ModelSource& Pipeline::source() const { return m_impl->source; }
std::string Pipeline::deviceName() const { return m_impl->device.str(); }
void Pipeline::setLoadProgress(std::function<void(const std::string&, double)> progress) {
  m_impl->loadProgress = std::move(progress);
}


namespace {

// Says which memory ran out: the GPU's, or the computer's own (the CPU device, pinned host copies
// for offload, or any host allocation), with what to switch for each.
Error outOfMemory(const std::string& detail, bool cudaDevice) {
  const bool gpu = cudaDevice && detail.find("CUDA out of memory") != std::string::npos;
  if (gpu)
    return Error(ErrorKind::OutOfMemory,
                 QT_TRANSLATE_NOOP("sdxl", "the GPU ran out of memory. Try fewer images, a smaller size, fp16 or bf16, "
                                           "VAE slicing or tiling, the Tiny AutoEncoder, or CPU offload. (%1)"),
                 {detail});
  return Error(ErrorKind::OutOfMemory,
               QT_TRANSLATE_NOOP("sdxl", "the computer ran out of memory (RAM). Try fewer images, a smaller size, bf16 "
                                         "instead of fp32, VAE slicing or tiling, or close other programs.%1"),
               {detail.empty() ? "" : " (" + detail + ")"});
}

} // namespace

GenerationResult Pipeline::generate(const GenerationRequest& request, GenerationObserver* observer) {
  validate(request);
  // Cancel reaches every layer and every tensor loaded, not only the step boundaries.
  runtime::CancellationScope cancellation(observer ? std::function<bool()>([observer] { return observer->cancelRequested(); })
                                                   : std::function<bool()>());
  auto& impl = *m_impl;
  impl.memoryNotes.clear();
  impl.runObserver = observer;
  impl.fallbacksAllowed = request.memoryFallbacks;
  auto r = request;
  const auto plan = impl.planFor(request);
  if (plan) r.optimizations = plan->options;
  validate(r);
  impl.active = r.optimizations;
  try {
    auto result = r.onlyMaskedPadding ? impl.runOnlyMasked(r, observer) : impl.run(r, observer);
    result.optimizations = impl.active;
    result.memoryNotes = impl.memoryNotes;
    return result;
  } catch (const c10::OutOfMemoryError& e) {
    impl.unetGraph.reset();
    impl.refinerGraph.reset();
    impl.model.reset(); // release everything; the next request loads again
    impl.refiner.reset();
    releaseCachedMemory();
    std::string detail = e.what_without_backtrace();
    if (plan) {
      const auto least = leanestPlan(r, impl.plannedSizes, impl.device.is_cuda());
      detail = "under the memory budget of " + gibText(plan->budget) + " even after every fallback; the least this "
               "request is estimated to need is " + gibText(least.estimate) + " (" + least.summary + "); " + detail;
    }
    throw outOfMemory(detail, impl.device.is_cuda());
  } catch (const std::bad_alloc&) {
    impl.model.reset();
    impl.refiner.reset();
    throw outOfMemory("", false);
  }
}

GenerationRequest ranAs(const GenerationRequest& request, const GenerationResult& result) {
  auto r = request;
  r.optimizations = result.optimizations;
  r.memoryNotes = result.memoryNotes;
  return r;
}

std::optional<MemoryPlan> Pipeline::Impl::planFor(const GenerationRequest& r) {
  const bool cuda = device.is_cuda();
  const bool fixed = r.memoryBudget.mode == MemoryBudget::Mode::Bytes;
  if (budgetLimitSet && !fixed) { // a budget's limit goes with it
    setMemoryLimit(std::nullopt, cuda);
    budgetLimitSet = false;
  }
  if (r.memoryBudget.mode == MemoryBudget::Mode::Off) return std::nullopt;
  const auto key = source.key() + "\x1f" + precisionName(r.optimizations.precision);
  auto sizes = modelSizes.find(key);
  if (sizes == modelSizes.end()) sizes = modelSizes.emplace(key, modelMemory(source, r.optimizations.precision)).first;
  plannedSizes = sizes->second;
  // The weights of a model loaded already are part of what is free for it.
  const uint64_t budget = fixed ? r.memoryBudget.bytes : availableMemory(cuda);
  auto plan = planMemory(r, budget, sizes->second, cuda);
  if (fixed) { // held to it as a card of that size would hold it
    setMemoryLimit(budget, cuda);
    budgetLimitSet = true;
  }
  note({MemoryEvent::Kind::Plan,
        "memory budget " + (fixed ? gibText(budget) : "auto (" + gibText(budget) + " free)") + ": " + plan.summary +
            (plan.reason.empty() ? "" : " (" + plan.reason + ")"),
        budget});
  return plan;
}

bool Pipeline::Impl::fallBackWhileDenoising(pipeline::SdxlModel& m, runtime::UNetGraph& graph, int step) {
  const auto next = fallbacksAllowed ? cheaperDenoising(active, device.is_cuda()) : std::nullopt;
  if (!next) return false;
  graph.reset();
  if (next->options.freeTextEncoders && !active.freeTextEncoders && m.textEncodersLoaded()) m.releaseTextEncoders();
  if (next->options.offload != active.offload) m.changeOffload(next->options.offload);
  active = next->options;
  releaseCachedMemory();
  note({MemoryEvent::Kind::Fallback,
        "out of memory at denoising step " + std::to_string(step + 1) + ": continuing from that step with " + next->what});
  return true;
}

at::Tensor Pipeline::Impl::denoise(pipeline::SdxlModel& m, runtime::UNetGraph& graph, const GenerationRequest& r,
                                   const pipeline::Conditioning& cond, std::unique_ptr<pipeline::DenoiseMode> mode,
                                   const nn::ForwardOptions& fwd, GenerationObserver* observer,
                                   runtime::StepTimer& steps, double stopAt) {
  bool guided = r.guidance > 1.0;
  auto scheduler = sched::makeScheduler(r.scheduler, m.schedulerConfig);
  scheduler->setTimesteps(r.steps);
  sched::Noise noise(r.seed, r.images, r.seedMode == SeedMode::PerImage); // each pass draws afresh, as A1111's
  auto [latents, firstStep] = mode->start(*scheduler, noise);
  const pipeline::Conditioning* c = &cond;
  pipeline::Conditioning positive; // after a guidance cut-off
  std::optional<pipeline::StageScope> unetStage;
  // Cross-attention K and V depend on the text alone: once per pass instead of every step.
  // Not with sequential offload, whose layer-by-layer streaming follows the UNet's own order.
  nn::CrossAttentionKV crossKV;
  // Kept with the CUDA graphs that write and read them, one for the guided batch and one for the
  // positive half after a guidance cut-off, so that neither request nor cut-off moves them.
  // A fallback's graph.reset() drops them: each step asks for its batch's again.
  graph.startPass();
  auto unetFwd = fwd;
  auto enterStage = [&] { // again after a fallback moved the weights
    unetFwd.attention = forwardOptionsOf(active).attention;
    unetFwd.fp8 = active.fp8;
    unetStage.emplace(*m.unetPlacement);
    crossKV = {};
    unetFwd.crossKV = nullptr;
    if (!m.unetPlacement->residency()) {
      crossKV = m.unet->crossAttentionKV(c->context, c->zeroContextRows);
      unetFwd.crossKV = &crossKV;
    }
  };
  // Moving the weights in can run out too (model offload copies the UNet whole): that falls back
  // as a step does.
  auto enterStageWithin = [&](int step) {
    for (;;) {
      try {
        enterStage();
        return;
      } catch (const c10::OutOfMemoryError&) {
        unetStage.reset();
        crossKV = {};
        if (!fallBackWhileDenoising(m, graph, step)) throw;
      }
    }
  };
  enterStageWithin(firstStep);
  steps.mark();
  const auto loopStart = std::chrono::steady_clock::now();
  const auto& timesteps = scheduler->timesteps();
  const int end = stopAt < 1.0 ? pipeline::stepsAbove(timesteps, stopAt, m.schedulerConfig.numTrainTimesteps)
                               : static_cast<int>(timesteps.size());
  if (firstStep >= end) // only an ensemble's stages can be left without a step (validate() sees to the rest)
    throw Error(ErrorKind::InvalidRequest,
                stopAt < 1.0 ? QT_TRANSLATE_NOOP("sdxl", "the refiner's switch point comes before the first step the "
                                                         "strength leaves: raise the switch point or the strength")
                             : QT_TRANSLATE_NOOP("sdxl", "with %1 steps the refiner's switch point leaves the refiner "
                                                         "no step: lower the switch point or raise the steps"),
                {std::to_string(r.steps)});
  // Guidance cut-off as diffusers' SDXLCFGCutoffCallback: guided up to and including step
  // int(n * fraction) of the n this pass runs, the positive half alone after it.
  const int lastGuided = static_cast<int>((end - firstStep) * active.guidanceCutoff);
  for (int i = firstStep; i < end; ++i) {
    runtime::cancellationPoint(); // a compiled step replays a graph, which reaches no layer
    if (guided && active.guidanceCutoff < 1.0 && i - firstStep > lastGuided) {
      guided = false;
      positive = pipeline::positiveHalf(cond);
      c = &positive;
      unetStage.reset();
      enterStageWithin(i); // the cross-attention K and V of the positive rows
    }
    // The step cache's full steps: the first of the pass, then every stepCache-th.
    const int interval = active.offload == Offload::Sequential ? 0 : active.stepCache;
    auto input = guided ? at::cat({latents, latents}) : latents;
    nn::StepCache* stepCache = &graph.stepCache(input.size(0));
    unetFwd.stepCache = interval >= 2 ? stepCache : nullptr;
    stepCache->reuse = interval >= 2 && (i - firstStep) % interval != 0 && stepCache->fresh &&
                       stepCache->features.defined() && stepCache->features.size(0) == input.size(0);
    input = mode->unetInput(scheduler->scaleModelInput(input, i), guided ? 2 : 1);
    const auto t = at::full({}, timesteps[static_cast<std::size_t>(i)], torch::TensorOptions().device(device));
    at::Tensor prediction;
    try {
      if (active.compile) {
        prediction = graph.run(m.unet, input, t, c->context, c->pooled, c->timeIds, unetFwd,
                               m.unetPlacement->generation());
      } else {
        pipeline::PassScope pass(*m.unetPlacement);
        prediction = m.unet(input, t, c->context, c->pooled, c->timeIds, unetFwd);
      }
    } catch (const c10::OutOfMemoryError&) {
      // The latents and the scheduler are as they were before this step: it runs again, cheaper.
      input = at::Tensor();
      unetStage.reset();
      crossKV = {};
      stepCache->features = at::Tensor(); // the step runs whole again
      stepCache->fresh = false;
      if (!fallBackWhileDenoising(m, graph, i)) throw;
      enterStageWithin(i);
      --i;
      continue;
    }
    if (unetFwd.stepCache && !stepCache->reuse) stepCache->fresh = true;
    if (guided) prediction = pipeline::applyGuidance(prediction, r.guidance, r.guidanceRescale);
    latents = scheduler->step(prediction, i, latents, noise);
    mode->afterStep(latents, i, *scheduler);
    steps.mark();
    if (observer)
      observer->onStep({i + 1 - firstStep, end - firstStep, seconds(loopStart), &latents});
  }
  return latents;
}

bool Pipeline::Impl::fallBackWhileEncoding(std::initializer_list<pipeline::SdxlModel*> models) {
  releaseCachedMemory();
  const auto next = fallbacksAllowed ? cheaperEncoding(active, device.is_cuda()) : std::nullopt;
  if (!next) return false;
  for (auto* m : models)
    if (m && next->options.offload != m->offload) m->changeOffload(next->options.offload);
  active = next->options;
  releaseCachedMemory();
  note({MemoryEvent::Kind::Fallback, "out of memory while encoding the prompt: encoding it again with " + next->what});
  return true;
}

pipeline::SdxlModel& Pipeline::Impl::loadWithin(GenerationObserver* observer) {
  for (;;) {
    try {
      return ensureModel(pipeline::dtypeOf(active.precision), active.offload, observer);
    } catch (const c10::OutOfMemoryError&) {
      unetGraph.reset();
      model.reset();
      releaseCachedMemory();
      if (!fallbacksAllowed || !device.is_cuda() || active.offload == Offload::Sequential) throw;
      active.offload = active.offload == Offload::None ? Offload::Model : Offload::Sequential;
      if (active.offload == Offload::Sequential) active.compile = false, active.stepCache = 0;
      note({MemoryEvent::Kind::Fallback, std::string("out of memory while loading the model: loading it with ") +
                                             (active.offload == Offload::Model ? "model offload" : "sequential offload")});
    }
  }
}

std::vector<Image> Pipeline::Impl::decodeWithin(pipeline::SdxlModel& decoder, const at::Tensor& latents, int images) {
  const auto fwd = forwardOptionsOf(active);
  for (;;) {
    try {
      return pipeline::toImages(pipeline::decodeLatents(decoder, latents, active, fwd));
    } catch (const c10::OutOfMemoryError&) {
      releaseCachedMemory();
      const auto next = fallbacksAllowed ? cheaperDecoding(active, images) : std::nullopt;
      if (!next) throw;
      active = next->options;
      note({MemoryEvent::Kind::Fallback, "out of memory while decoding: decoding the same latents again with " + next->what});
    }
  }
}

// A1111's "Only masked" (diffusers' padding_mask_crop): the area around the mask, resized to fill
// the request's size, is inpainted there and pasted back over the image.
GenerationResult Pipeline::Impl::runOnlyMasked(const GenerationRequest& r, GenerationObserver* observer) {
  const auto mask = r.maskBlur > 0 ? blurMask(*r.mask, r.maskBlur) : *r.mask;
  const auto box = maskedArea(mask, r.width, r.height, *r.onlyMaskedPadding);
  auto area = r;
  area.initImage = resizeImage(cropImage(*r.initImage, box), r.width, r.height, ImageFit::Fill);
  area.mask = resizeImage(cropImage(mask, box), r.width, r.height, ImageFit::Fill);
  area.maskBlur = 0;
  area.onlyMaskedPadding.reset();
  auto result = run(area, observer);
  for (auto& image : result.images) image = pasteMaskedArea(*r.initImage, mask, image, box);
  return result;
}

GenerationResult Pipeline::Impl::run(const GenerationRequest& r, GenerationObserver* observer) {
  c10::InferenceMode inference;
  const auto& o = active; // the request's switches, as fallbacks change them
  if (o.compile && !device.is_cuda())
    throw Error(ErrorKind::InvalidRequest, QT_TRANSLATE_NOOP("sdxl", "compile captures CUDA graphs; it needs a CUDA device"), {});
  // On the CPU the FP8 products are emulated (the tests' reference); on a GPU they need its tensor cores.
  if (o.fp8 && device.is_cuda() && cudaStatus().computeCapability < 89)
    throw Error(ErrorKind::InvalidRequest,
                QT_TRANSLATE_NOOP("sdxl", "FP8 products need an Ada or Hopper GPU (compute capability 8.9 or newer); "
                                          "this one is %1. Switch FP8 off."),
                {std::to_string(cudaStatus().computeCapability / 10) + "." +
                 std::to_string(cudaStatus().computeCapability % 10)});
  const auto start = std::chrono::steady_clock::now();
  const double capturedSecondsBefore = unetGraph.captureSeconds() + refinerGraph.captureSeconds();
  const int capturesBefore = unetGraph.captures() + refinerGraph.captures();
  auto& m = loadWithin(observer);
#ifdef SDXL_WITH_CUDA
  // Autotuned convolutions and GEMMs at the fixed shapes of a compiled run. (Measured on the H200
  // without cuDNN's benchmark mode too: no consistent difference, 5.59 s against 5.54 s for the
  // seed protocol, each call's diffusers row 7.85 s and 7.94 s.)
  at::globalContext().setBenchmarkCuDNN(o.compile);
  nn::setGemmAutotuning(o.compile);
#endif
  auto fwd = forwardOptionsOf(o);
  GenerationResult result;
  runtime::StepTimer stages(device);
  stages.mark();

  // The refiner stage's model, loaded beside the first (with model offload, each UNet is on the
  // GPU only while it runs); the image is decoded by the model that denoised last, as diffusers.
  pipeline::SdxlModel* refinerModel = nullptr;
  if (!r.refiner && refiner) { // a refiner no longer asked for gives its memory back
    refinerGraph.reset();
    refiner.reset();
    releaseCachedMemory();
  }
  if (r.refiner) {
    if (m.config.refiner())
      throw Error(ErrorKind::InvalidRequest,
                  QT_TRANSLATE_NOOP("sdxl", "the model is itself a refiner: choose a base model to refine after, or "
                                            "no refiner"), {});
    refinerModel = &ensureRefiner(ModelSource::parse(r.refiner->model), m.dtype, o.offload, observer);
  }
  auto& decoder = refinerModel ? *refinerModel : m;
  if (o.tinyAutoencoder) decoder.ensureTinyAutoencoder();
  else decoder.ensureVae(decoder.vaeDtypeFor(o.fp32Vae));

  if (observer) observer->onStage(Stage::Encoding);
  const bool guided = r.guidance > 1.0;
  m.loras.apply(m, pipeline::lorasOf(r)); // merged, or restored, before anything reads the weights
  const auto text = pipeline::TextOptions::of(r);
  // Each model's prompts once a request (the hires fix's second pass asks again), and across
  // requests with the cache.
  std::map<std::string, pipeline::PromptEmbeddings> seenByModel, seenByRefiner;
  auto encoderFor = [&](pipeline::SdxlModel& model, std::map<std::string, pipeline::PromptEmbeddings>& seen) {
    const std::string keyPrefix = model.source.key() + "\x1f" + precisionName(o.precision) + "\x1f" + text.key() +
                                  "\x1f" + model.loras.key() + "\x1f";
    return pipeline::PromptEncoder([&, keyPrefix](const std::string& prompt) {
      if (const auto hit = seen.find(prompt); hit != seen.end()) return hit->second;
      if (o.cachePromptEmbeddings)
        if (const auto* hit = embeddings.find(keyPrefix + prompt)) return *hit;
      auto e = pipeline::encodePrompt(model, prompt, text, fwd);
      if (o.cachePromptEmbeddings) embeddings.insert(keyPrefix + prompt, e);
      seen.emplace(prompt, e);
      return e;
    });
  };
  const auto encode = encoderFor(m, seenByModel);
  const auto hiresPass = r.hires ? std::optional(pipeline::hiresPassOf(r)) : std::nullopt;
  std::optional<pipeline::Conditioning> condition, hiresCond, refinerCond;
  for (;;) {
    try {
      condition = pipeline::buildConditioning(m, r, guided, encode);
      if (hiresPass) hiresCond = pipeline::buildConditioning(m, *hiresPass, guided, encode);
      if (refinerModel)
        refinerCond = pipeline::buildConditioning(*refinerModel, r, guided, encoderFor(*refinerModel, seenByRefiner));
      break;
    } catch (const c10::OutOfMemoryError&) {
      if (!fallBackWhileEncoding({&m, refinerModel})) throw;
      fwd = forwardOptionsOf(o); // the encoders read it: SDPA after that fallback
    }
  }
  const auto& cond = *condition;
  for (auto* model : {&m, refinerModel})
    if (model && o.freeTextEncoders && model->textEncodersLoaded()) model->releaseTextEncoders();
  stages.mark();

  if (r.initImage || (r.hires && r.hires->upscaler == HiresUpscaler::Lanczos))
    m.ensureVae(m.vaeDtypeFor(o.fp32Vae)); // encodes images even when TAESD decodes
  if (observer) observer->onStage(Stage::Denoising);
  runtime::StepTimer steps(device), secondSteps(device); // read after the decode: no wait in between
  auto latents = denoise(m, unetGraph, r, cond, pipeline::makeDenoiseMode(m, r, fwd), fwd, observer, steps,
                         r.refiner ? r.refiner->start : 1.0);
  if (hiresPass)
    latents = denoise(m, unetGraph, *hiresPass, *hiresCond,
                      pipeline::makeDenoiseMode(m, *hiresPass, fwd,
                                                pipeline::hiresSource(m, *hiresPass, r.hires->upscaler, latents, fwd)),
                      fwd, observer, secondSteps);
  if (refinerModel)
    latents = denoise(*refinerModel, refinerGraph, r, *refinerCond,
                      pipeline::makeContinuation(latents, r.refiner->start, refinerModel->schedulerConfig.numTrainTimesteps),
                      fwd, observer, secondSteps);
  stages.mark();

  if (observer) observer->onStage(Stage::Decoding);
  result.images = decodeWithin(decoder, latents, r.images); // copies to the host: the one synchronisation of a run
  stages.mark();
  result.finalLatents = std::make_shared<at::Tensor>(latents.to(torch::kCPU).to(torch::kFloat));

  const auto stageTimes = stages.intervals();
  result.encodeSeconds = stageTimes[0];
  result.denoiseSeconds = stageTimes[1];
  result.decodeSeconds = stageTimes[2];
  result.stepSeconds = steps.intervals();
  for (double s : secondSteps.intervals()) result.stepSeconds.push_back(s);
  result.graphCaptureSeconds = unetGraph.captureSeconds() + refinerGraph.captureSeconds() - capturedSecondsBefore;
  result.graphCaptures = unetGraph.captures() + refinerGraph.captures() - capturesBefore;
  result.totalSeconds = seconds(start);
  if (observer) observer->onStage(Stage::Done);
  return result;
}

} // namespace sdxl
