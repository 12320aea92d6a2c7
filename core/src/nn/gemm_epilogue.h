// The linear layers' matrix products, through cuBLASLt with the bias and a residual in the epilogue:
//   out = residual + x @ weight^T + bias
// The UNet's transformers add each projection's output to their residual stream; done apart,
// every add reads two activations and writes a third (about 8% of a step at batch 8 on an H100).
// Here the GEMM reads the residual as its C operand (beta = 1) and may write over it.
#pragma once

#include <ATen/ATen.h>

namespace sdxl::nn {

// residual + linear(x, weight, bias); bias may be undefined. x (..., in), weight (out, in),
// residual (..., out) with the same leading sizes as x. The residual is taken by value: when the
// caller moved the only reference in (nothing else can see its storage), the result is written
// over it. On the CPU, in fp32 and for layouts cuBLASLt cannot take, ATen computes the same sum.
at::Tensor linearAdd(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias, at::Tensor residual);
at::Tensor linearAddAten(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias, const at::Tensor& residual);
// residual += linear(x, weight, bias), written where the residual lies, which may be a slice of a
// larger tensor (the rows of a batch that a transformer block updates alone; see
// CrossAttentionKV::zeroRows). linearAdd writes over its residual this way when it owns it.
void linearAddInPlace(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias, const at::Tensor& residual);

// x @ weight^T + bias through the same cuBLASLt call (beta = 0) where it applies, else at::linear.
at::Tensor linear(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias);

// Whether each new GEMM shape times cuBLASLt's candidate algorithms and keeps the fastest (the
// compile switch turns it on), rather than taking the heuristic's first: 0.5 ms of a batch-8
// step's 59 ms of GEMMs on an H200. Process-wide, like cuDNN's benchmark mode.
void setGemmAutotuning(bool on);

} // namespace sdxl::nn
