// Fitting a request into a memory budget. The planner estimates what each combination of the
// memory switches needs (weights from the model's configs, activations from the size and image
// count, with coefficients measured on the GPU: docs/memory.md) and picks the fastest that fits.
// Estimates can be wrong, so a run that still runs out of memory falls back along the ladders
// below instead of failing.
#pragma once

#include "sdxl/pipeline.h"
#include "sdxl/request.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sdxl {

// Bytes of a model's weights at one precision, from its configs (nothing is read).
struct ModelMemory {
  uint64_t textEncoders = 0, unet = 0, vae = 0;
  uint64_t largestLayer = 0; // of any component: what sequential offload holds at least
  uint64_t unetFp8 = 0;      // the FP8 products' copies of the UNet's linear weights, kept beside them
  // The widths the activations scale with, against SDXL's (the coefficients' model): the UNet's
  // first block (320) and the VAE's widest (512).
  double unetWidth = 1, vaeWidth = 1;
};
ModelMemory modelMemory(const ModelSource& source, Precision precision);

// What the caching allocator is expected to reserve at the peak of `request` with its switches.
uint64_t estimateMemory(const GenerationRequest& request, const ModelMemory& model, bool cuda);

struct MemoryPlan {
  uint64_t budget = 0;
  OptimizationOptions options; // the request's, with the memory switches the plan chose
  uint64_t estimate = 0;
  std::string summary; // "model offload, VAE slicing: about 6.1 of 8 GiB"
  std::string reason;  // why not the faster ones
};
// The fastest of the candidates that fits `budget`, keeping the request's precision, attention and
// decoder (compile is dropped where it alone does not fit). Throws Error(OutOfMemory) naming the
// smallest budget that would do when nothing fits.
MemoryPlan planMemory(const GenerationRequest& request, uint64_t budget, const ModelMemory& model, bool cuda);

// The candidate that needs least, for an error that names the smallest budget that would do.
MemoryPlan leanestPlan(const GenerationRequest& request, const ModelMemory& model, bool cuda);

// The budget `auto` means: what the device has free, counting what this process holds already.
uint64_t availableMemory(bool cuda);

// One step down a fallback ladder: the switches to continue with, and what changed, for people.
struct Fallback {
  OptimizationOptions options;
  std::string what;
};
// For a denoising step that ran out: compile off, SDPA attention, the text encoders freed, model
// offload, sequential offload (the last two on CUDA only). nullopt: nothing cheaper is left.
std::optional<Fallback> cheaperDenoising(const OptimizationOptions& options, bool cuda);
// For text encoding that ran out: SDPA attention, model offload, sequential offload (CUDA only;
// freeing the text encoders cannot help the stage that needs them).
std::optional<Fallback> cheaperEncoding(const OptimizationOptions& options, bool cuda);
// For a decode that ran out: one image at a time, SDPA attention, then in tiles.
std::optional<Fallback> cheaperDecoding(const OptimizationOptions& options, int images);

std::string gibText(uint64_t bytes); // "6.1 GiB"

} // namespace sdxl
