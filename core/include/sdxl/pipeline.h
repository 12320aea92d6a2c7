// The text-to-image pipeline of SDXL, as diffusers' StableDiffusionXLPipeline computes it:
//   parse and chunk the prompt as A1111 does (sdxl/prompt.h) -> encode every chunk with both CLIP
//   encoders (the clip-skip layer's states concatenated, chunks in sequence; the second encoder's
//   pooled embedding of the first chunk) -> negative conditioning (zeros for an empty negative
//   prompt unless it is to be encoded) -> time ids -> initial noise from the seed -> scheduler
//   loop with classifier-free guidance -> VAE decode (in fp32 when the VAE asks for force_upcast
//   and the run is fp16) -> 8-bit RGB.
//
// Seeds (GenerationRequest::seedMode): per image, image k's noise comes from a CPU generator
// seeded seed + k, as diffusers draws it from a list of generators, so any image of a batch can be
// made again alone; in batch mode it is one draw of shape (images, 4, h/8, w/8) from one generator
// seeded with the seed, as diffusers draws it with torch.Generator("cpu").manual_seed(seed).
// Euler ancestral's per-step noise continues the same generators.
#pragma once

#include "sdxl/image.h"
#include "sdxl/request.h"

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace at {
class Tensor;
}

namespace sdxl {

class ClipTokenizer;

// A diffusers folder, a single .safetensors checkpoint in the original layout (what model sites
// share; its configs are SDXL base's unless `configs` names a diffusers folder whose config.json
// files describe it), or the built-in benchmark model ("builtin" = full SDXL-base size,
// "builtin:tiny" = the same family at toy size): random weights, so its images are noise.
struct ModelSource {
  enum class Kind { Folder, SingleFile, Builtin } kind = Kind::Folder;
  std::filesystem::path folder; // Folder
  std::filesystem::path file;   // SingleFile
  std::filesystem::path configs;
  // Another VAE for this model: a file (the original layout, with or without first_stage_model.,
  // or diffusers' names) or a diffusers VAE folder. The fp16-fix VAE (a folder whose config says
  // force_upcast false, or a file named *fp16-fix* / *fp16_fix*) decodes fp16 runs in fp16.
  std::filesystem::path vae;
  bool tiny = false;
  static ModelSource parse(const std::string& spec);
  bool isRandom() const { return kind == Kind::Builtin; }
  std::string describe() const; // for people: says "random weights" for the built-in model
  std::string key() const;      // stable identity (caches, settings)
};

enum class Stage { Loading, Encoding, Denoising, Decoding, Done };

struct StepEvent {
  int step = 0; // 1-based
  int steps = 0;
  double elapsedSeconds = 0; // since the denoising loop started
  const at::Tensor* latents = nullptr; // current latents, on the device; valid during the call only
};

// What a request's memory budget and the fallbacks made of it (sdxl/memory_plan.h).
struct MemoryEvent {
  enum class Kind { Plan, Fallback } kind = Kind::Plan;
  std::string text;    // for people: the plan and why, or what ran out and what the run continues with
  uint64_t budget = 0; // Plan: the budget in bytes
};

// Per-request callbacks, called on the thread that runs generate().
class GenerationObserver {
public:
  virtual ~GenerationObserver() = default;
  virtual void onStage(Stage) {}
  virtual void onStep(const StepEvent&) {}
  virtual void onMemory(const MemoryEvent&) {}
  // Polled before every step: true stops the run with Error(Cancelled) within one step.
  virtual bool cancelRequested() { return false; }
};

struct GenerationResult {
  std::vector<Image> images;
  std::vector<double> stepSeconds; // per denoising step
  double encodeSeconds = 0, denoiseSeconds = 0, decodeSeconds = 0, totalSeconds = 0;
  double graphCaptureSeconds = 0; // compile: time spent capturing the UNet's CUDA graphs in this run
  int graphCaptures = 0;          // compile: graphs captured in this run (0: every step replayed one held)
  std::shared_ptr<at::Tensor> finalLatents; // (images, 4, h/8, w/8), float32 on the CPU
  OptimizationOptions optimizations;  // what the run used: the request's, or its budget's plan, after any fallback
  std::vector<std::string> memoryNotes; // the plan and each fallback, as MemoryEvent's texts
};

// The request as it ran: its switches those the run used, with the memory notes, for the metadata
// (reusing it makes the same image).
GenerationRequest ranAs(const GenerationRequest& request, const GenerationResult& result);

class Pipeline {
public:
  // `device`: "cuda", "cpu", or "" for CUDA when available. Weights load on first use.
  Pipeline(ModelSource source, const std::string& device = "");
  ~Pipeline();
  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;

  GenerationResult generate(const GenerationRequest& request, GenerationObserver* observer = nullptr);

  // A preview of latents (image 0) during a run, from the observer's thread: TAESD when it is
  // loaded, else the cheap linear latent-to-RGB projection.
  Image preview(const at::Tensor& latents);

  const ModelSource& source() const;
  std::string deviceName() const;
  void setLoadProgress(std::function<void(const std::string& component, double fraction)> progress);

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

// SDXL's two tokenizers of a model, without loading any weights (for token counts in the UI).
std::pair<std::shared_ptr<const ClipTokenizer>, std::shared_ptr<const ClipTokenizer>>
loadModelTokenizers(const ModelSource& source);

// The tokenizer folders of the built-in model: $SDXL_CLIP_TOKENIZER_DIR, else
// <prefix>/share/sdxl-studio/clip-tokenizer beside the program, else the build's copy.
std::filesystem::path builtinTokenizerDir();

} // namespace sdxl
