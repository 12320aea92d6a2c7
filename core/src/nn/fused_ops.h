// Tensor-level entry points of the fused kernels (core/src/cuda/). Each checks whether its
// kernel applies (a CUDA tensor, fp32/fp16/bf16, contiguous or channels-last, kernels built)
// and otherwise computes the same function with ATen, which is also the reference the GPU
// checks compare the kernels with (tests/gpu/fused_ops_check.cpp).
#pragma once

#include <ATen/ATen.h>

#ifdef SDXL_WITH_CUDA
#include "cuda/fused_kernels.h"
#endif

namespace sdxl::nn {

#ifdef SDXL_WITH_CUDA
// For every caller of our kernels: the kernel dtype of x (fp16, bf16, else fp32), and the error a
// kernel's failure text becomes ("<what> kernel failed: ...").
cuda::DType kernelType(const at::Tensor& x);
void checkKernel(const char* error, const char* what);
#endif

// Kernel settings, read once from the environment so that a measurement can switch them off:
// SDXL_FUSED_KERNELS=0 (ATen everywhere), SDXL_CHANNELS_LAST=0 (the UNet in NCHW on CUDA).
struct KernelSettings {
  bool fusedKernels = true;
  bool channelsLast = true;
  static const KernelSettings& get();
};

// Whether 4-D activations and convolution weights on `device` are kept channels-last: on CUDA,
// unless SDXL_CHANNELS_LAST=0. The rule the model loaders and the networks' inputs follow.
inline bool channelsLastOn(const c10::Device& device) { return device.is_cuda() && KernelSettings::get().channelsLast; }

// Whether nothing but `t` itself refers to its storage (no other tensor, no view): writing over
// it cannot change a value anyone else will read. How callers decide they may overwrite.
inline bool ownsStorage(const at::Tensor& t) { return t.use_count() == 1 && t.storage().use_count() == 1; }

// silu(group_norm(x + addend[:, :, None, None])) with the addend and SiLU optional; x is 4-D.
// With mayOverwrite the kernel writes its output over x (the caller no longer needs x): one
// activation-sized tensor less at the peak.
at::Tensor groupNorm(const at::Tensor& x, int64_t groups, const at::Tensor& weight, const at::Tensor& bias, double eps,
                     bool silu, const at::Tensor& addend = {}, bool mayOverwrite = false);
at::Tensor groupNormAten(const at::Tensor& x, int64_t groups, const at::Tensor& weight, const at::Tensor& bias, double eps,
                         bool silu, const at::Tensor& addend = {});

// (y + bias[c]) + (other + otherBias[c]) for 4-D y and other of one layout, the biases (c) each
// optional: what diffusers computes as separate additions (each rounded as ATen rounds it), in
// one pass. Written over y when nothing else holds it (move it in). How convolution biases are
// added on CUDA (see Conv2dImpl).
at::Tensor addChannelBias(at::Tensor y, const at::Tensor& bias, const at::Tensor& other = {},
                          const at::Tensor& otherBias = {});
at::Tensor addChannelBiasAten(const at::Tensor& y, const at::Tensor& bias, const at::Tensor& other = {},
                              const at::Tensor& otherBias = {});

// x (..., c) += bias (c), in place, rounded as ATen's add_ rounds it; x contiguous, which a slice
// of a larger tensor along its first dimension is (the batch rows whose cross-attention output is
// to_out's bias: CrossAttentionKV::zeroRows). ATen's broadcasting add takes 4x longer there.
void addBiasInPlace(const at::Tensor& x, const at::Tensor& bias);

// diffusers' GEGLU after its projection: (..., 2f) -> first half * gelu(second half), or with
// interleaved, even columns * gelu(odd columns) (the projection of interleaveGegluRows' weight).
at::Tensor geglu(const at::Tensor& projected, bool interleaved = false);
at::Tensor gegluAten(const at::Tensor& projected, bool interleaved = false);

// Rows of diffusers' GEGLU projection weight (2f, k), or its bias (2f), reordered so that row
// 2j is value row j and row 2j+1 gate row j: the order gegluLinear takes.
at::Tensor interleaveGegluRows(const at::Tensor& w);
// A view (2, f, ...) of interleaved rows in checkpoint order: [0] the value rows, [1] the gate
// rows. The one definition of the interleaved order; what the loader copies a checkpoint into.
at::Tensor gegluCheckpointView(const at::Tensor& interleaved);
// geglu(linear(x, w, b)) for w and b in interleaveGegluRows' order: one Hopper GEMM with the
// gate in its epilogue where gegluLinearFuses (fp16/bf16 on an H100/H200 with the CUTLASS kernel
// built, and k of at least 1024: below that the epilogue costs more than the pass it saves),
// else the projection and the GEGLU kernel. Roundings as diffusers' separate operations.
at::Tensor gegluLinear(const at::Tensor& x, const at::Tensor& wInterleaved, const at::Tensor& bInterleaved);
at::Tensor gegluLinearAten(const at::Tensor& x, const at::Tensor& wInterleaved, const at::Tensor& bInterleaved);
bool gegluLinearFuses(const at::Tensor& x, int64_t k);

// layer_norm over the last dimension with weight and bias.
at::Tensor layerNorm(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias, double eps);
at::Tensor layerNormAten(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias, double eps);

// softmax over the last dimension, computed in fp32 and returned in x's dtype (what diffusers'
// upcast_softmax does, and what ATen's half-precision softmax computes too). With mayOverwrite
// the probabilities are written over x.
at::Tensor softmax(const at::Tensor& x, bool mayOverwrite = false);
at::Tensor softmaxAten(const at::Tensor& x);
// Whether softmax(scores, true) writes over freshly allocated scores like `like` (its device and
// dtype) with rows of m, rather than making ATen's fp32 copy: what a caller budgets memory by.
bool softmaxWritesInPlace(const at::Tensor& like, int64_t m);

// at::cat({a, b}, 1) of two 4-D tensors: one vectorised copy where both are channels-last CUDA
// tensors of one dtype (the UNet's skip connections), ATen's cat elsewhere. Channels-last out.
at::Tensor concatChannels(const at::Tensor& a, const at::Tensor& b);
// at::upsample_nearest2d(x, size): a vectorised copy where x is a channels-last CUDA tensor and
// size is twice its own (the UNet's upsamplers), ATen elsewhere. Bit-identical either way.
at::Tensor upsampleNearest(const at::Tensor& x, at::IntArrayRef size);

// softmax(q k^T / sqrt(64)) v for q (b, h, n, 64) over k, v (b, h, m, 64) with at most 128 keys:
// SDXL's cross-attention to its text tokens, where SDPA's kernels (tiled for long sequences) are
// latency-bound. Our kernel where fewKeysAttentionApplies (fp16/bf16 CUDA tensors, last dimension
// contiguous), else at::scaled_dot_product_attention. The result is a (b, h, n, 64) view of a
// (b, n, h, 64) tensor, the layout the output projection reads.
bool fewKeysAttentionApplies(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v);
at::Tensor fewKeysAttention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v);

// Whether the fused CUDA kernels were compiled into this build.
bool fusedKernelsBuilt();

} // namespace sdxl::nn
