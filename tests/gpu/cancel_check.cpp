// GPU check of cancelling mid-pass: a cancel that lands inside a UNet pass (sequential offload's
// first pass, while it learns the order of its layers) or inside a compiled run (graph capture
// pauses cancellation) leaves the pipeline whole: the next request gives the latents of an
// uninterrupted one (the very same with sequential offload; to fp16 rounding with compile, whose
// autotuning may pick other kernels in another pipeline). Exits 1 otherwise.
//   sdxl_gpu_cancel_check
#include "sdxl/error.h"
#include "sdxl/pipeline.h"

#include <torch/torch.h>

#include <cstdio>

using namespace sdxl;

namespace {

// Cancels after `polls` questions once denoising has begun: the questions come from every layer,
// so this lands in the middle of a UNet pass.
class CancelMidPass final : public GenerationObserver {
public:
  explicit CancelMidPass(int polls) : m_polls(polls) {}
  void onStage(Stage s) override { m_denoising = s == Stage::Denoising; }
  bool cancelRequested() override { return m_denoising && --m_polls < 0; }

private:
  int m_polls;
  bool m_denoising = false;
};

bool check(const char* what, Pipeline& pipeline, const GenerationRequest& r, int polls, double tolerance) {
  const auto before = *pipeline.generate(r).finalLatents;
  Pipeline fresh(ModelSource::parse("builtin:tiny"), "cuda");
  CancelMidPass observer(polls);
  bool cancelled = false;
  try {
    fresh.generate(r, &observer);
  } catch (const Error& e) {
    cancelled = e.kind() == ErrorKind::Cancelled;
  }
  const auto after = *fresh.generate(r).finalLatents;
  const double diff = ((after - before).norm() / before.norm()).item<double>();
  const bool ok = cancelled && diff <= tolerance && torch::isfinite(after).all().item<bool>();
  std::printf("%s %s: cancelled %s, next request's latents differ by %.3e relative (<= %.0e)\n", ok ? "ok  " : "FAIL",
              what, cancelled ? "yes" : "NO", diff, tolerance);
  return ok;
}

} // namespace

int main() {
  if (!torch::cuda::is_available()) {
    std::fprintf(stderr, "needs a CUDA device\n");
    return 2;
  }
  Pipeline pipeline(ModelSource::parse("builtin:tiny"), "cuda");
  GenerationRequest r;
  r.width = r.height = 256;
  r.steps = 4;
  r.images = 2;
  r.seed = 5;
  r.prompt = "a lighthouse in a storm";
  r.optimizations.precision = Precision::FP16;
  bool ok = true;
  r.optimizations.offload = Offload::Sequential;
  ok &= check("sequential offload, cancelled in its first pass", pipeline, r, 40, 0.0);
  r.optimizations.offload = Offload::None;
  r.optimizations.compile = true;
  ok &= check("compile, cancelled in the warm-up before capture", pipeline, r, 40, 1e-2);
  return ok ? 0 : 1;
}
