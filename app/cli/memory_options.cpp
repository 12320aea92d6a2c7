#include "memory_options.h"

namespace sdxl::cli {

std::vector<OptionSpec> memoryOptionSpecs() {
  return {{"--vram-limit", "GiB",
           "run under a hard limit of this much device memory, as on a smaller card (the caching allocator's "
           "per-process fraction; the CUDA context, about 0.5 GiB, comes on top)"},
          {"--vram-budget", "GiB|auto",
           "let the planner choose the fastest memory switches (offload, VAE slicing and tiling, freeing the text "
           "encoders) that fit this much, or what the device has free (auto), and hold the run to it"}};
}

std::string readMemoryOptions(const Args& args, MemoryOptions& options) {
  if (args.has("--vram-limit")) {
    const auto budget = memoryBudgetFromText(args.get("--vram-limit"));
    if (!budget || budget->mode != MemoryBudget::Mode::Bytes) return "--vram-limit takes GiB, from 0.01 (e.g. 7.5)";
    options.limitGiB = double(budget->bytes) / 1073741824.0;
  }
  if (args.has("--vram-budget")) {
    const auto budget = memoryBudgetFromText(args.get("--vram-budget"));
    if (!budget || budget->mode == MemoryBudget::Mode::Off) return "--vram-budget takes GiB, from 0.01 (e.g. 8), or auto";
    options.budget = *budget;
  }
  if (options.limitGiB && options.budget.mode != MemoryBudget::Mode::Off)
    return "--vram-budget holds the run to the budget itself; leave out --vram-limit";
  return "";
}

} // namespace sdxl::cli
