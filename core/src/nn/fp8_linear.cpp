#include "nn/fp8_linear.h"

#include <cmath>

#ifdef SDXL_WITH_CUDA
#include "cuda/fp8_quantize.h"
#include "nn/fused_ops.h"

#include <c10/cuda/CUDAStream.h>
#endif

namespace sdxl::nn {

namespace {
thread_local bool t_fp8 = false;
constexpr double kE4m3Max = 448.0;

// Scaled into E4M3's range by its largest magnitude; the scale that undoes it, in fp32. On CUDA
// one kernel for the maximum and one for the conversion (cuda/fp8_quantize.h).
std::pair<at::Tensor, at::Tensor> quantize(const at::Tensor& t) {
#ifdef SDXL_WITH_CUDA
  if (t.is_cuda() && t.is_contiguous()) {
    auto q = at::empty(t.sizes(), t.options().dtype(at::kFloat8_e4m3fn));
    auto scales = at::empty({2}, t.options().dtype(at::kFloat)); // the scale, and the kernel's workspace
    checkKernel(cuda::quantizeFp8(t.data_ptr(), t.numel(), kernelType(t), q.data_ptr(), scales.data_ptr<float>(),
                                  scales.data_ptr<float>() + 1,
                                  c10::cuda::getCurrentCUDAStream(t.device().index()).stream()),
                "FP8 quantization");
    return {q, scales[0]};
  }
#endif
  auto amax = at::linalg_vector_norm(t, INFINITY).to(at::kFloat).clamp_min(1e-12);
  auto scale = amax / kE4m3Max;
  auto q = (t * (kE4m3Max / amax).to(t.scalar_type())).to(at::kFloat8_e4m3fn);
  return {q, scale};
}
} // namespace

bool fp8Active() { return t_fp8; }
Fp8Scope::Fp8Scope(bool on) : m_previous(t_fp8) { t_fp8 = on; }
Fp8Scope::~Fp8Scope() { t_fp8 = m_previous; }

std::optional<at::Tensor> fp8Linear(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias,
                                     Fp8Weight& cache) {
  const int64_t k = x.size(-1), n = weight.size(0);
  const auto type = x.scalar_type();
  // cuBLASLt's FP8 products want both inner sizes in multiples of 16.
  if (k % 16 != 0 || n % 16 != 0 || x.numel() == 0 || weight.size(1) != k || weight.scalar_type() != type ||
      !(type == at::kHalf || type == at::kBFloat16 || type == at::kFloat))
    return std::nullopt;
  // Inference tensors (a model offload's device copy) keep no version counter: their address
  // alone tells a new copy.
  const auto version = static_cast<uint32_t>(weight.is_inference() ? 0 : weight._version());
  if (!cache.weight.defined() || cache.source != weight.data_ptr() || cache.version != version ||
      cache.weight.device() != weight.device()) {
    auto [q, scale] = quantize(weight);
    cache = {q.contiguous(), scale, weight.data_ptr(), version};
  }
  const auto rows = x.numel() / k;
  auto [xq, xScale] = quantize(x.reshape({rows, k}).contiguous());
  // Hopper's fast accumulation (no periodic promotion to fp32) on CUDA: the switch is
  // approximate anyway, and its error is measured with it (docs/benchmarks.md).
  auto out = at::_scaled_mm(xq, cache.weight.t(), xScale, cache.scale,
                            bias.defined() ? std::optional<at::Tensor>(bias.to(type)) : std::nullopt, std::nullopt, type,
                            /*use_fast_accum=*/x.is_cuda());
  auto sizes = x.sizes().vec();
  sizes.back() = n;
  return out.view(sizes);
}

} // namespace sdxl::nn
