// GPU check of the placement fallbacks. A hard limit lowered after the model loaded resident (as
// when another program takes memory between two requests), so the next run's first UNet step runs
// out and must move the weights, to model offload and then sequential offload, continuing from that
// step; and limits set before loading, under which loading, the first step and encoding must move
// them. Each
// run must end with the unlimited run's latents (a placement moves weights, not arithmetic), and
// prints what is held after each fallback. Exits 1 otherwise.
//   sdxl_gpu_fallback_check
#include "sdxl/pipeline.h"
#include "sdxl/telemetry.h"

#include <torch/torch.h>

#include <algorithm>
#include <cstdio>

using namespace sdxl;

namespace {
double gib(uint64_t bytes) { return double(bytes) / double(1ull << 30); }

// What is held at each stage and fallback: a fallback that moved weights must show them gone.
struct Trace final : GenerationObserver {
  void onStage(Stage stage) override {
    const auto m = sampleMemory();
    std::printf("     stage %d: %.2f GiB allocated, %.2f reserved\n", int(stage), gib(m.allocated), gib(m.reserved));
  }
  void onMemory(const MemoryEvent& e) override {
    const auto m = sampleMemory();
    std::printf("     %s: %.2f GiB allocated, %.2f reserved after it\n", e.text.c_str(), gib(m.allocated), gib(m.reserved));
  }
};
} // namespace

// Runs `r` under `limitBytes` and checks it took each fallback in `wanted` (texts of the notes) and
// ended with the reference's latents (a placement moves weights, not arithmetic).
bool limitedRun(Pipeline& pipeline, const GenerationRequest& r, uint64_t limitBytes, const at::Tensor& reference,
                const std::vector<std::string>& wanted, const char* what) {
  std::printf("---- %s, under %.2f GiB\n", what, gib(limitBytes));
  setMemoryLimit(limitBytes, true);
  GenerationResult result;
  bool completed = true;
  try {
    Trace trace;
    result = pipeline.generate(r, &trace);
  } catch (const std::exception& e) {
    std::printf("FAIL %s: the run failed: %s\n", what, e.what());
    completed = false;
  }
  setMemoryLimit(std::nullopt, true);
  if (!completed) return false;
  bool ok = result.optimizations.offload == Offload::Sequential;
  for (const auto& want : wanted) {
    const bool found = std::any_of(result.memoryNotes.begin(), result.memoryNotes.end(),
                                   [&](const std::string& note) { return note.find(want) != std::string::npos; });
    if (!found) std::printf("     no fallback to %s\n", want.c_str());
    ok = ok && found;
  }
  const double diff = ((*result.finalLatents - reference).norm() / reference.norm()).item<double>();
  ok = ok && diff <= 1e-3;
  std::printf("%s %s: ended with sequential offload %s; latents differ by %.3e relative (<= 1e-3)\n", ok ? "ok  " : "FAIL",
              what, result.optimizations.offload == Offload::Sequential ? "yes" : "NO", diff);
  return ok;
}

int main() {
  GenerationRequest r;
  r.prompt = "a lighthouse in a storm";
  r.images = 4;
  r.steps = 4;
  r.seedMode = SeedMode::Batch;
  bool ok = true;
  at::Tensor reference;
  {
    auto lowered = r;
    lowered.optimizations.vaeSlicing = true;
    lowered.optimizations.cachePromptEmbeddings = lowered.optimizations.freeTextEncoders = true; // not encoded again
    Pipeline pipeline(ModelSource::parse("builtin"), "cuda");
    reference = *pipeline.generate(lowered).finalLatents;
    const auto resident = sampleMemory().allocated; // the UNet and the VAE
    std::printf("     after the unlimited run: %.2f GiB allocated\n", gib(resident));
    // 0.75 GiB more than the weights: less than a step at batch 8 needs, as when another program
    // took memory between two requests.
    ok = limitedRun(pipeline, lowered, resident + (uint64_t(3) << 28), reference,
                    {"step 1: continuing from that step with model offload", "sequential offload"},
                    "limit lowered after a resident run") && ok;
  }
  releaseCachedMemory();
  { // A card too small for the resident weights, then for a step with the UNet whole.
    Pipeline pipeline(ModelSource::parse("builtin"), "cuda");
    ok = limitedRun(pipeline, r, uint64_t(6) << 30, reference, {"loading it with model offload", "sequential offload"},
                    "loaded under a limit") && ok;
  }
  releaseCachedMemory();
  { // Smaller still: the text encoders' stage must stream too.
    Pipeline pipeline(ModelSource::parse("builtin"), "cuda");
    ok = limitedRun(pipeline, r, uint64_t(5) << 29, reference, {"model offload", "sequential offload"},
                    "a 2.5 GiB card") && ok;
  }
  releaseCachedMemory();
  { // Under the second text encoder's size (1.29 GiB in fp16): its stage must stream, one small image.
    // (At 1.5 GiB, 932f8a5, it fitted whole and only the first step fell back.)
    auto small = r;
    small.images = 1;
    small.width = small.height = 512;
    at::Tensor smallReference;
    {
      Pipeline unlimited(ModelSource::parse("builtin"), "cuda");
      smallReference = *unlimited.generate(small).finalLatents;
    }
    releaseCachedMemory();
    Pipeline pipeline(ModelSource::parse("builtin"), "cuda");
    ok = limitedRun(pipeline, small, uint64_t(5) << 28, smallReference,
                    {"loading it with model offload", "while encoding the prompt: encoding it again with sequential"},
                    "a 1.25 GiB card, one 512x512 image") && ok;
  }
  return ok ? 0 : 1;
}
