// The "FP8 products" switch (approximate): the UNet's linear layers multiply in FP8 E4M3 on the
// tensor cores that have it (Ada, Hopper), at twice fp16's rate. Weights are quantized once, with
// one scale per tensor, and kept beside the exact ones (re-quantized when the weights change: a
// LoRA merged, a model offload's copy); activations get a scale per call from their largest
// value. The product is scaled back; on CUDA with Hopper's fast accumulation.
#pragma once

#include <ATen/ATen.h>

#include <cstdint>
#include <optional>

namespace sdxl::nn {

struct Fp8Weight {
  at::Tensor weight, scale; // E4M3 (out, in), and its fp32 scale
  const void* source = nullptr;
  uint32_t version = 0; // the exact weight's version counter when quantized
};

// x @ weight^T + bias with both operands in E4M3; nullopt where the shapes or the device do not
// take it (the caller then computes exactly).
std::optional<at::Tensor> fp8Linear(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias,
                                     Fp8Weight& cache);

// Whether linear layers run in FP8 on this thread: the UNet's forward sets it from ForwardOptions.
bool fp8Active();
class Fp8Scope {
public:
  explicit Fp8Scope(bool on);
  ~Fp8Scope();
  Fp8Scope(const Fp8Scope&) = delete;
  Fp8Scope& operator=(const Fp8Scope&) = delete;

private:
  bool m_previous;
};

} // namespace sdxl::nn
