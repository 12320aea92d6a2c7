#include "nn/fp8_linear.h"

#include <cmath>

namespace sdxl::nn {

namespace {
thread_local bool t_fp8 = false;
constexpr double kE4m3Max = 448.0;

// Scaled into E4M3's range by its largest magnitude; the scale that undoes it, in fp32.
std::pair<at::Tensor, at::Tensor> quantize(const at::Tensor& t) {
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
  auto [xq, xScale] = quantize(x.reshape({rows, k}));
  auto out = at::_scaled_mm(xq.contiguous(), cache.weight.t(), xScale, cache.scale,
                            bias.defined() ? std::optional<at::Tensor>(bias.to(type)) : std::nullopt, std::nullopt, type,
                            /*use_fast_accum=*/false);
  auto sizes = x.sizes().vec();
  sizes.back() = n;
  return out.view(sizes);
}

} // namespace sdxl::nn
