// GPU check of the placement fallbacks while denoising. The hard limit is lowered after the model
// loaded resident (as when another program takes memory between two requests), so the next run's
// first UNet step runs out: it must move the weights, model offload and then sequential offload,
// continue from that step and end with the unlimited run's latents (a placement moves weights, not
// arithmetic). Exits 1 otherwise.
//   sdxl_gpu_fallback_check
#include "sdxl/pipeline.h"
#include "sdxl/telemetry.h"

#include <torch/torch.h>

#include <cstdio>

using namespace sdxl;

int main() {
  GenerationRequest r;
  r.prompt = "a lighthouse in a storm";
  r.images = 4;
  r.steps = 4;
  r.seedMode = SeedMode::Batch;
  r.optimizations.vaeSlicing = true;
  r.optimizations.cachePromptEmbeddings = r.optimizations.freeTextEncoders = true; // the text is not encoded again
  Pipeline pipeline(ModelSource::parse("builtin"), "cuda");
  const auto reference = pipeline.generate(r);
  const auto resident = sampleMemory().allocated; // the UNet and the VAE
  setMemoryLimit(resident + (uint64_t(3) << 28), true); // 0.75 GiB more: less than a step at batch 8 needs
  GenerationResult result;
  bool completed = true;
  try {
    result = pipeline.generate(r);
  } catch (const std::exception& e) {
    std::printf("FAIL the run under the lowered limit failed: %s\n", e.what());
    completed = false;
  }
  setMemoryLimit(std::nullopt, true);
  if (!completed) return 1;
  bool model = false, sequential = false;
  for (const auto& note : result.memoryNotes) {
    std::printf("     %s\n", note.c_str());
    model = model || note.find("model offload") != std::string::npos;
    sequential = sequential || note.find("sequential offload") != std::string::npos;
  }
  const double diff =
      ((*result.finalLatents - *reference.finalLatents).norm() / reference.finalLatents->norm()).item<double>();
  const bool ok = model && sequential && result.optimizations.offload == Offload::Sequential && diff <= 1e-3;
  std::printf("%s denoising fell back to model offload %s, then sequential %s; latents differ by %.3e relative (<= 1e-3)\n",
              ok ? "ok  " : "FAIL", model ? "yes" : "NO", sequential ? "yes" : "NO", diff);
  return ok ? 0 : 1;
}
