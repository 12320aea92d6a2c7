// What a person asks for: a plain value that the UI and the CLI fill in and the pipeline
// carries out. Optimization switches are data here; the strategies that carry them out are
// chosen once per run inside the core.
#pragma once

#include "sdxl/image.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sdxl {

enum class SchedulerKind { Euler, EulerAncestral, DpmSolverMultistep, DpmSolverMultistepKarras, Ddim, UniPC };
struct SchedulerName {
  SchedulerKind kind;
  const char* name;  // the CLI's and the settings' spelling
  const char* label; // what people call it
};
inline constexpr SchedulerName kSchedulerNames[] = {
    {SchedulerKind::Euler, "euler", "Euler"},
    {SchedulerKind::EulerAncestral, "euler_a", "Euler ancestral"},
    {SchedulerKind::DpmSolverMultistep, "dpmpp_2m", "DPM++ 2M"},
    {SchedulerKind::DpmSolverMultistepKarras, "dpmpp_2m_karras", "DPM++ 2M Karras"},
    {SchedulerKind::Ddim, "ddim", "DDIM"},
    {SchedulerKind::UniPC, "unipc", "UniPC"},
};
static_assert(sizeof(kSchedulerNames) / sizeof(kSchedulerNames[0]) == static_cast<std::size_t>(SchedulerKind::UniPC) + 1,
              "every scheduler needs a name");
const char* schedulerName(SchedulerKind kind);
const char* schedulerLabel(SchedulerKind kind);
std::optional<SchedulerKind> schedulerFromName(const std::string& name);

// How prompt weights, (word:1.3), act on the encoders' hidden states (sdxl/prompt.h).
enum class Emphasis {
  A1111,  // scale each token's states, then restore the chunk's mean (A1111's default, "Original")
  NoNorm, // scale only (A1111's "No norm")
  Comfy,  // move each token's states away from the empty prompt's by the weight (ComfyUI, compel)
};
struct EmphasisName {
  Emphasis emphasis;
  const char* name;  // the CLI's, the settings' and the metadata's spelling
  const char* label; // what people call it
};
inline constexpr EmphasisName kEmphasisNames[] = {
    {Emphasis::A1111, "a1111", "A1111 (mean restored)"},
    {Emphasis::NoNorm, "no_norm", "No mean restore"},
    {Emphasis::Comfy, "comfy", "ComfyUI"},
};
static_assert(sizeof(kEmphasisNames) / sizeof(kEmphasisNames[0]) == static_cast<std::size_t>(Emphasis::Comfy) + 1);
const char* emphasisName(Emphasis emphasis);
std::optional<Emphasis> emphasisFromName(const std::string& name);

// Where image k of a request gets its noise (sched/noise.h).
enum class SeedMode {
  PerImage, // image k uses seed + k: any image of a batch can be made again alone (A1111's way)
  Batch,    // one draw for the whole batch from seed (diffusers' way with one generator)
};
const char* seedModeName(SeedMode mode); // "per_image", "batch"
std::optional<SeedMode> seedModeFromName(const std::string& name);

enum class Precision { FP32, FP16, BF16 };
const char* precisionName(Precision precision);
std::optional<Precision> precisionFromName(const std::string& name);

enum class Attention {
  Default, // materialises softmax(QK^T / sqrt(d)) V, as diffusers' default processor
  Sdpa,    // at::scaled_dot_product_attention (flash / memory-efficient kernels)
};

enum class Offload {
  None,       // everything stays on the GPU
  Model,      // each whole component moves to the GPU only while it runs (pinned host copies)
  Sequential, // each layer's weights stream to the GPU just before use, prefetched on a side stream
};

// The switches of the seed article, each independent (docs/optimizations.md says what each
// trades). validate() refuses the combinations that cannot work, with the reason.
struct OptimizationOptions {
  Precision precision = Precision::FP16;
  Attention attention = Attention::Sdpa;
  bool compile = false;            // UNet step as a CUDA graph (captured per shape) + cuDNN autotuning
  Offload offload = Offload::None;
  bool vaeSlicing = false;         // decode one image at a time
  bool vaeTiling = false;          // decode in overlapping tiles with blended seams
  bool cachePromptEmbeddings = false; // reuse embeddings of a prompt seen before (LRU)
  bool freeTextEncoders = false;   // with the cache: drop both text encoders once embeddings exist
  bool tinyAutoencoder = false;    // TAESDXL in place of the VAE
  // fp16 runs of a VAE that overflows in fp16 (SDXL's: force_upcast) decode in bf16 on CUDA,
  // which has fp32's range at half its memory; this decodes in fp32 instead (exact, as diffusers).
  bool fp32Vae = false;
  // Approximate accelerations: each changes the image a little for speed (docs/optimizations.md
  // says how much), off by default and labelled approximate wherever switches are shown.
  bool fp8 = false;            // the UNet's linear layers multiply in FP8 E4M3 (Ada, Hopper)
  int stepCache = 0;           // DeepCache: every N-th step runs whole, the others reuse its deep features; < 2 = off
  double guidanceCutoff = 1.0; // guidance stops after this share of the steps (diffusers' CFG cut-off); 1 = never
  bool approximate() const { return fp8 || stepCache >= 2 || guidanceCutoff < 1.0; }
  bool operator==(const OptimizationOptions& o) const;
  std::string describe() const;    // "fp16, SDPA, compile, VAE slicing", for tables and logs (sdxl/switches.h)
};

// SDXL's training buckets (about one megapixel each), offered as size presets.
struct SizePreset {
  int width, height;
};
inline constexpr SizePreset kSizePresets[] = {{1024, 1024}, {1152, 896}, {896, 1152}, {1216, 832},
                                              {832, 1216},  {1344, 768}, {768, 1344}, {1536, 640}, {640, 1536}};

// A1111's hires fix: how the first pass's result is enlarged for the second.
enum class HiresUpscaler {
  Latent,        // the latents, bilinear (A1111's "Latent")
  LatentNearest, // the latents, nearest (A1111's "Latent (nearest)")
  Lanczos,       // the decoded image, Lanczos, encoded again (A1111's "Lanczos")
};
struct HiresUpscalerName {
  HiresUpscaler upscaler;
  const char* name;  // the CLI's, the settings' and the metadata's spelling
  const char* label; // A1111's word
};
inline constexpr HiresUpscalerName kHiresUpscalerNames[] = {
    {HiresUpscaler::Latent, "latent", "Latent"},
    {HiresUpscaler::LatentNearest, "latent_nearest", "Latent (nearest)"},
    {HiresUpscaler::Lanczos, "lanczos", "Lanczos"},
};
static_assert(sizeof(kHiresUpscalerNames) / sizeof(kHiresUpscalerNames[0]) == static_cast<std::size_t>(HiresUpscaler::Lanczos) + 1);
const char* hiresUpscalerName(HiresUpscaler upscaler);
const char* hiresUpscalerLabel(HiresUpscaler upscaler);
std::optional<HiresUpscaler> hiresUpscalerFromName(const std::string& name);

// Draw at width x height, enlarge by `scale` (to multiples of 8 below), then redo `strength` of
// `steps` at the larger size from the request's seeds drawn afresh, as A1111's hires fix does.
struct HiresFix {
  double scale = 2.0;
  double strength = 0.55; // A1111's "Denoising strength" of the second pass
  int steps = 0;          // the second pass's schedule; 0: the request's steps
  HiresUpscaler upscaler = HiresUpscaler::Latent;
  int width(int base) const { return static_cast<int>(base * scale) / 8 * 8; }
  int height(int base) const { return static_cast<int>(base * scale) / 8 * 8; }
};

// A LoRA merged into the model for a request. A1111's <lora:NAME:W> tag in a prompt is the same
// with both weights W (<lora:NAME:W_TEXT:W_UNET> gives each its own); the tag's NAME is looked up
// in GenerationRequest::loraFolder.
struct LoraChoice {
  std::string file; // a .safetensors LoRA: kohya / A1111 or diffusers / PEFT names
  double textWeight = 1.0, unetWeight = 1.0;
  bool operator==(const LoraChoice& o) const {
    return file == o.file && textWeight == o.textWeight && unetWeight == o.unetWeight;
  }
};

// SDXL's refiner as a second stage: the request's model stops at `start` of the schedule and the
// refiner denoises the rest on its latents (diffusers' ensemble of expert denoisers: the base's
// denoising_end, the refiner's denoising_start; A1111's "Refiner switch at").
struct RefinerChoice {
  std::string model; // a refiner: a diffusers folder or a single .safetensors file
  double start = 0.8;
  bool operator==(const RefinerChoice& o) const { return model == o.model && start == o.start; }
};

// How much device memory a request may use (sdxl/memory_plan.h): the planner picks the fastest
// switches that fit, the run is held to it, and whatever still runs out falls back to cheaper
// switches. Off: the request's own switches, on the whole device.
struct MemoryBudget {
  enum class Mode { Off, Auto, Bytes } mode = Mode::Off; // Auto: what the device has free at the start
  uint64_t bytes = 0;
  bool operator==(const MemoryBudget& o) const { return mode == o.mode && bytes == o.bytes; }
  static MemoryBudget gib(double g) { return {Mode::Bytes, static_cast<uint64_t>(g * 1073741824.0)}; }
};
// "off", "auto" or a number of GiB ("8", "1.5"); nullopt for anything else.
std::optional<MemoryBudget> memoryBudgetFromText(const std::string& text);
std::string memoryBudgetText(const MemoryBudget& budget);

struct GenerationRequest {
  std::string prompt;
  std::string negativePrompt;
  // An empty negative prompt is zero embeddings by default, as diffusers makes it for a model with
  // force_zeros_for_empty_prompt (SDXL base); A1111 and ComfyUI encode the empty text instead.
  bool encodeEmptyNegative = false;
  int width = 1024, height = 1024; // multiples of 8
  int steps = 30;
  double guidance = 5.0;          // classifier-free guidance scale; <= 1 turns guidance off
  double guidanceRescale = 0.0;   // diffusers' guidance_rescale (0 = off)
  uint64_t seed = 0;
  SeedMode seedMode = SeedMode::PerImage;
  int images = 1;
  // A1111's clip skip: 1 is SDXL's own penultimate layer of both encoders, 2 one layer earlier
  // (diffusers' clip_skip = this - 1), and so on.
  int clipSkip = 1;
  Emphasis emphasis = Emphasis::A1111;
  std::vector<LoraChoice> loras; // besides the prompts' <lora:...> tags
  std::string loraFolder;        // where the tags' names are found (NAME.safetensors, in any subfolder)
  SchedulerKind scheduler = SchedulerKind::Euler;
  OptimizationOptions optimizations;
  // img2img: the image to start from, width x height (fitImage makes any image so), and how much of
  // it to redo: the last int(steps * strength) steps run, from the image noised to their level.
  std::optional<Image> initImage;
  double strength = 0.75;
  // Inpainting (with initImage): white is repainted, black kept; width x height.
  std::optional<Image> mask;
  // Pixels of Gaussian blur on the mask before it is read (A1111's "Mask blur", default 4; diffusers'
  // mask_processor.blur): rounds its corners and lets thin strokes merge. 0 reads it as drawn.
  double maskBlur = 4;
  // A1111's "Only masked" with its padding in pixels: only the masked part, widened by the padding
  // and to width x height's aspect, is inpainted, at width x height, and pasted back; the image and
  // the mask keep their own size, and so does the result. Unset: the whole picture.
  std::optional<int> onlyMaskedPadding;
  std::optional<HiresFix> hires; // txt2img only
  std::optional<RefinerChoice> refiner; // txt2img or img2img
  // What a refiner is conditioned on besides the text (diffusers' aesthetic_score and
  // negative_aesthetic_score): for the refiner stage, or a refiner that is the request's model.
  double aestheticScore = 6.0, negativeAestheticScore = 2.5;
  MemoryBudget memoryBudget;
  // Out of memory: continue with cheaper switches (the decode sliced, then tiled, from the latents
  // kept; the denoising from the step it was on) instead of failing. Off for measuring limits.
  bool memoryFallbacks = true;
  // What a run's budget plan and fallbacks did (see ranAs() in sdxl/pipeline.h): recorded in the
  // metadata, ignored by generate().
  std::vector<std::string> memoryNotes;
};

// Throws Error(InvalidRequest) naming the first field that cannot be honoured, or the
// combination of switches that cannot work and why.
void validate(const GenerationRequest& request);

} // namespace sdxl
