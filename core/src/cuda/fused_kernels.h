// Fused CUDA kernels for the memory-bound operations around the UNet's matrix products, where
// the profile shows the time goes (docs/optimizations.md, "Fused kernels"). This header is
// torch-free so that nvcc compiles the kernels without LibTorch's headers; nn/fused_ops.h is the
// tensor-level entry point that checks shapes and falls back to ATen where these do not apply.
#pragma once

#include <cstddef>
#include <cstdint>

namespace sdxl::cuda {

enum class DType { F32, F16, BF16 };

// Whether p allows 16-byte vector access; a null pointer (an output not allocated yet, whose
// fresh allocation will be aligned) counts as aligned.
inline bool aligned16(const void* p) { return p == nullptr || reinterpret_cast<uintptr_t>(p) % 16 == 0; }

struct GroupNormArgs {
  const void* x = nullptr;     // (n, c, hw) when channelsLast is false, else (n, hw, c); contiguous
  void* y = nullptr;           // same shape and layout as x
  const void* gamma = nullptr; // (c) in x's dtype
  const void* beta = nullptr;  // (c) in x's dtype
  const void* addend = nullptr; // optional (n, c) in x's dtype, added to x before normalising
  int64_t n = 0, c = 0, hw = 0, groups = 0;
  float eps = 1e-5f;
  bool silu = false;        // apply SiLU to the normalised output
  bool channelsLast = false;
  DType dtype = DType::F32;
};

// Whether groupNorm takes these arguments (channels-last: at most about 6,000 channels).
bool groupNormFits(const GroupNormArgs& a);

// Floats of scratch memory groupNorm needs for these arguments.
std::size_t groupNormWorkspaceFloats(const GroupNormArgs& a);

// y = [silu](group_norm(x [+ addend]) * gamma + beta). Statistics in fp32 (partial sums combined
// in fp64), intermediate roundings to x's dtype as ATen's separate operations would do them.
// Returns nullptr, or the CUDA error text.
const char* groupNorm(const GroupNormArgs& a, float* workspace, void* stream);

// out[r, j] = in[r, j] * gelu(in[r, f + j]) for in (rows, 2f) and out (rows, f), both contiguous:
// diffusers' GEGLU (erf GELU) in one pass over memory instead of three. With interleaved, the
// gate of value j is in[r, 2j + 1] and the value in[r, 2j] (see nn::interleaveGegluRows).
const char* geglu(const void* in, void* out, int64_t rows, int64_t f, bool interleaved, DType dtype, void* stream);

// y = (x + bias[ch]) + (other + otherBias[ch]) over a 4-D tensor's channels, each sum rounded
// to the dtype as separate ATen additions would round it: a convolution's bias (ATen adds it in
// a broadcast pass of its own on CUDA) folded into the residual sum that follows it. other,
// bias and otherBias are each optional (null); y may be x. Layout (n, c, hw), or (n, hw, c) when
// channelsLast, the same for x, other and y, each contiguous.
struct ChannelBiasArgs {
  const void* x = nullptr;
  void* y = nullptr;
  const void* bias = nullptr;      // (c)
  const void* other = nullptr;     // like x
  const void* otherBias = nullptr; // (c)
  int64_t n = 0, c = 0, hw = 0;
  bool channelsLast = false;
  DType dtype = DType::F32;
};
const char* addChannelBias(const ChannelBiasArgs& a, void* stream);

// y = layer_norm(x over its last dimension d) * gamma + beta for contiguous rows: one warp per
// row holding the row in registers, so mean and variance are exact two-pass sums.
bool layerNormFits(int64_t d, DType dtype); // d a multiple of the vector width, at most 2048
const char* layerNorm(const void* x, void* y, const void* gamma, const void* beta, int64_t rows, int64_t d, float eps,
                      DType dtype, void* stream);

// Softmax over the last dimension of contiguous rows (rows, m), computed in fp32 and written in
// the input's dtype; y may be x (each row is read whole before any of it is written).
// Fits: m up to 16,384 for 16-bit rows of a multiple of 8 (8,192 for fp32), else 2,048; the
// vector path also needs x and y 16-byte aligned (a null pointer counts as aligned).
bool softmaxFits(const void* x, const void* y, int64_t m, DType dtype);
const char* softmax(const void* x, void* y, int64_t rows, int64_t m, DType dtype, void* stream);

// Channels-last copies (any dtype; elementBytes 2 or 4), 16 bytes at a time where the channel
// counts and pointers allow. ATen's kernels for these run at about a third of the bandwidth on
// a batch-8 UNet (its up path's skip concatenations and nearest upsamplings: 2.4 ms a step).
// out (pixels, ca + cb) = [a (pixels, ca), b (pixels, cb)]: torch.cat along channels.
const char* concatChannels(const void* a, const void* b, void* out, int64_t pixels, int64_t ca, int64_t cb,
                           int elementBytes, void* stream);
// out (n, 2h, 2w, c) = x (n, h, w, c) with each pixel repeated 2x2: nearest upsampling by 2.
const char* upsampleNearest2x(const void* x, void* out, int64_t n, int64_t h, int64_t w, int64_t c, int elementBytes,
                              void* stream);

// softmax(q k^T * scale) v for many queries over few keys (SDXL's cross-attention to its 77 text
// tokens), in few_keys_attention.cu: q (batch, heads, queries, 64), k and v (batch, heads, keys,
// 64), each with its last dimension contiguous and the strides of the other three given (in
// elements); out (batch, queries, heads, 64) contiguous. fp16 or bf16, fp32 accumulation.
struct FewKeysAttentionArgs {
  const void* q = nullptr;
  const void* k = nullptr;
  const void* v = nullptr;
  void* out = nullptr;
  int64_t batch = 0, heads = 0, queries = 0, keys = 0, headDim = 0;
  int64_t qStride[3] = {}, kStride[3] = {}, vStride[3] = {}; // batch, head, token
  float scale = 0.125f;
  DType dtype = DType::F16;
};
// Whether the kernel takes these: head size 64, 1 to 128 keys, fp16/bf16, 16-byte aligned
// pointers and strides of multiples of 8 elements.
bool fewKeysAttentionFits(const FewKeysAttentionArgs& a);
const char* fewKeysAttention(const FewKeysAttentionArgs& a, void* stream);

} // namespace sdxl::cuda
