// See fused_kernels.h. Memory-bound kernels: each reads its input once per pass with 16-byte
// vector loads where the shape allows it, and computes in fp32.
#include "cuda/fused_kernels.h"

#include <cuda_bf16.h>
#include <cuda_fp16.h>
#include <cuda_runtime.h>

#include <algorithm>
#include <initializer_list>

namespace sdxl::cuda {
namespace {

template <typename T> struct Cvt;
template <> struct Cvt<float> {
  static __device__ __forceinline__ float to(float v) { return v; }
  static __device__ __forceinline__ float from(float v) { return v; }
};
template <> struct Cvt<__half> {
  static __device__ __forceinline__ float to(__half v) { return __half2float(v); }
  static __device__ __forceinline__ __half from(float v) { return __float2half_rn(v); }
};
template <> struct Cvt<__nv_bfloat16> {
  static __device__ __forceinline__ float to(__nv_bfloat16 v) { return __bfloat162float(v); }
  static __device__ __forceinline__ __nv_bfloat16 from(float v) { return __float2bfloat16_rn(v); }
};

// The rounding a separate ATen operation would apply to its output.
template <typename T> __device__ __forceinline__ float roundTo(float v) { return Cvt<T>::to(Cvt<T>::from(v)); }

template <typename T, int VEC> struct alignas(sizeof(T) * VEC) Vec {
  T v[VEC];
};

constexpr int kThreads = 256;

int smCount() {
  static const int count = [] {
    int device = 0, sms = 0;
    cudaGetDevice(&device);
    cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, device);
    return sms > 0 ? sms : 108;
  }();
  return count;
}

int64_t gridFor(int64_t work) {
  return std::max<int64_t>(1, std::min<int64_t>((work + kThreads - 1) / kThreads, int64_t(smCount()) * 16));
}

// ---------------------------------------------------------------- GEGLU

template <typename T> __device__ __forceinline__ float gegluOf(T value, T gate) {
  constexpr float kAlpha = 0.70710678118654752440f; // ATen's GeluCUDAKernelImpl, erf variant
  const float x = Cvt<T>::to(gate);
  const float gelu = roundTo<T>(x * 0.5f * (1.0f + erff(x * kAlpha)));
  return Cvt<T>::to(value) * gelu;
}

template <typename T, int VEC>
__global__ void gegluKernel(const T* __restrict__ in, T* __restrict__ out, int64_t rows, int64_t f) {
  const int64_t vecsPerRow = f / VEC, total = rows * vecsPerRow;
  for (int64_t i = blockIdx.x * int64_t(blockDim.x) + threadIdx.x; i < total; i += int64_t(gridDim.x) * blockDim.x) {
    const int64_t r = i / vecsPerRow, j = (i - r * vecsPerRow) * VEC;
    const T* row = in + r * 2 * f;
    const auto a = *reinterpret_cast<const Vec<T, VEC>*>(row + j);
    const auto g = *reinterpret_cast<const Vec<T, VEC>*>(row + f + j);
    Vec<T, VEC> o;
#pragma unroll
    for (int k = 0; k < VEC; ++k) o.v[k] = Cvt<T>::from(gegluOf(a.v[k], g.v[k]));
    *reinterpret_cast<Vec<T, VEC>*>(out + r * f + j) = o;
  }
}

// The interleaved layout: each vector of 2 * VEC inputs holds VEC (value, gate) pairs.
template <typename T, int VEC>
__global__ void gegluInterleavedKernel(const T* __restrict__ in, T* __restrict__ out, int64_t vectors) {
  for (int64_t i = blockIdx.x * int64_t(blockDim.x) + threadIdx.x; i < vectors; i += int64_t(gridDim.x) * blockDim.x) {
    const auto pairs = *reinterpret_cast<const Vec<T, 2 * VEC>*>(in + 2 * VEC * i);
    Vec<T, VEC> o;
#pragma unroll
    for (int k = 0; k < VEC; ++k) o.v[k] = Cvt<T>::from(gegluOf(pairs.v[2 * k], pairs.v[2 * k + 1]));
    *reinterpret_cast<Vec<T, VEC>*>(out + VEC * i) = o;
  }
}

template <typename T>
void launchGeglu(const void* in, void* out, int64_t rows, int64_t f, bool interleaved, cudaStream_t stream) {
  constexpr int V = 16 / sizeof(T);
  const auto* x = static_cast<const T*>(in);
  auto* y = static_cast<T*>(out);
  const bool vec = f % V == 0 && aligned16(in) && aligned16(out);
  if (interleaved && vec)
    gegluInterleavedKernel<T, V / 2><<<gridFor(rows * f / (V / 2)), kThreads, 0, stream>>>(x, y, rows * f / (V / 2));
  else if (interleaved)
    gegluInterleavedKernel<T, 1><<<gridFor(rows * f), kThreads, 0, stream>>>(x, y, rows * f);
  else if (vec)
    gegluKernel<T, V><<<gridFor(rows * f / V), kThreads, 0, stream>>>(x, y, rows, f);
  else
    gegluKernel<T, 1><<<gridFor(rows * f), kThreads, 0, stream>>>(x, y, rows, f);
}

// ---------------------------------------------------------------- channel bias
// One pass over the activations; the VEC elements of a vector share a channel (NCHW, hw a
// multiple of VEC) or are VEC consecutive channels (channels-last, c a multiple of VEC).

template <typename T> __device__ __forceinline__ float loadOr0(const T* p, int64_t i) {
  return p ? Cvt<T>::to(p[i]) : 0.0f;
}

// y may be x, hence no __restrict__ on either.
template <typename T, int VEC, bool CL>
__global__ void channelBiasKernel(const T* x, T* y, const T* __restrict__ bias, const T* __restrict__ other,
                                  const T* __restrict__ otherBias, int64_t vectors, int64_t c, int64_t hw) {
  for (int64_t i = blockIdx.x * int64_t(blockDim.x) + threadIdx.x; i < vectors; i += int64_t(gridDim.x) * blockDim.x) {
    const int64_t e = i * VEC;
    const auto a = *reinterpret_cast<const Vec<T, VEC>*>(x + e);
    Vec<T, VEC> b;
    if (other) b = *reinterpret_cast<const Vec<T, VEC>*>(other + e);
    // One 64-bit division a vector, not one an element (each costs tens of instructions): its
    // elements are consecutive channels of one pixel (channels-last) or lie in one channel plane
    // (NCHW). In a batch-8 UNet step on the H200: 0.87 ms against 1.30 ms.
    const int64_t ch0 = CL ? e % c : (e / hw) % c;
    Vec<T, VEC> o;
#pragma unroll
    for (int k = 0; k < VEC; ++k) {
      const int64_t ch = CL ? ch0 + k : ch0;
      float v = Cvt<T>::to(a.v[k]);
      if (bias) v = roundTo<T>(v + Cvt<T>::to(bias[ch]));
      if (other) v += roundTo<T>(Cvt<T>::to(b.v[k]) + loadOr0(otherBias, ch));
      o.v[k] = Cvt<T>::from(v);
    }
    *reinterpret_cast<Vec<T, VEC>*>(y + e) = o;
  }
}

template <typename T> void launchChannelBias(const ChannelBiasArgs& a, cudaStream_t stream) {
  constexpr int V = 16 / sizeof(T);
  const auto* x = static_cast<const T*>(a.x);
  auto* y = static_cast<T*>(a.y);
  const auto* bias = static_cast<const T*>(a.bias);
  const auto* other = static_cast<const T*>(a.other);
  const auto* otherBias = static_cast<const T*>(a.otherBias);
  const int64_t total = a.n * a.c * a.hw;
  const bool vec = (a.channelsLast ? a.c % V == 0 : a.hw % V == 0) && aligned16(x) && aligned16(y) && aligned16(other);
  if (vec && a.channelsLast)
    channelBiasKernel<T, V, true><<<gridFor(total / V), kThreads, 0, stream>>>(x, y, bias, other, otherBias, total / V, a.c, a.hw);
  else if (vec)
    channelBiasKernel<T, V, false><<<gridFor(total / V), kThreads, 0, stream>>>(x, y, bias, other, otherBias, total / V, a.c, a.hw);
  else if (a.channelsLast)
    channelBiasKernel<T, 1, true><<<gridFor(total), kThreads, 0, stream>>>(x, y, bias, other, otherBias, total, a.c, a.hw);
  else
    channelBiasKernel<T, 1, false><<<gridFor(total), kThreads, 0, stream>>>(x, y, bias, other, otherBias, total, a.c, a.hw);
}

// ---------------------------------------------------------------- channels-last copies
// Pure data movement, so typed by size only: U is one unit copied (16 bytes when the channel
// counts and pointers allow, else one element), channel counts are in units.

// out (pixels, ca + cb) = [a (pixels, ca), b (pixels, cb)].
template <typename U>
__global__ void concatChannelsKernel(const U* __restrict__ a, const U* __restrict__ b, U* __restrict__ out, int64_t pixels,
                                     int64_t ca, int64_t cb) {
  const int64_t per = ca + cb, total = pixels * per;
  for (int64_t i = blockIdx.x * int64_t(blockDim.x) + threadIdx.x; i < total; i += int64_t(gridDim.x) * blockDim.x) {
    const int64_t p = i / per, j = i - p * per;
    out[i] = j < ca ? a[p * ca + j] : b[p * cb + (j - ca)];
  }
}

// out (n, 2h, 2w, c) = x (n, h, w, c) repeated 2x2: each unit read once, written four times.
template <typename U>
__global__ void upsampleNearest2xKernel(const U* __restrict__ x, U* __restrict__ out, int64_t n, int64_t h, int64_t w,
                                        int64_t c) {
  const int64_t total = n * h * w * c;
  for (int64_t i = blockIdx.x * int64_t(blockDim.x) + threadIdx.x; i < total; i += int64_t(gridDim.x) * blockDim.x) {
    const int64_t ch = i % c, pixel = i / c, col = pixel % w, rest = pixel / w, row = rest % h, image = rest / h;
    const U v = x[i];
    const int64_t rowStride = 2 * w * c;
    U* o = out + (image * 2 * h + 2 * row) * rowStride + 2 * col * c + ch;
    o[0] = v;
    o[c] = v;
    o[rowStride] = v;
    o[rowStride + c] = v;
  }
}

// The widest unit (16 or 4 bytes, else one element of 2) that divides every channel count (in
// bytes) and every pointer.
int unitBytes(std::initializer_list<int64_t> channelBytes, std::initializer_list<const void*> pointers, int elementBytes) {
  for (int unit : {16, 4}) {
    bool ok = unit >= elementBytes;
    for (auto bytes : channelBytes) ok = ok && bytes % unit == 0;
    for (auto* p : pointers) ok = ok && reinterpret_cast<uintptr_t>(p) % unit == 0;
    if (ok) return unit;
  }
  return elementBytes;
}

// launch(U{}) with U the unit type of `unit` bytes (16, 4, else 2).
template <typename Launch> void byUnit(int unit, Launch&& launch) {
  switch (unit) {
  case 16: launch(uint4{}); break;
  case 4: launch(uint32_t{}); break;
  default: launch(uint16_t{});
  }
}

// ---------------------------------------------------------------- GroupNorm
// Three launches: partial sums (many blocks per group, so that 256 groups of a batch-8 UNet
// still fill the GPU), per-group mean and rstd (combined in fp64), then the normalisation.

int64_t splitsFor(const GroupNormArgs& a) {
  const int64_t target = int64_t(smCount()) * 8;
  if (a.channelsLast) {
    const int64_t byWork = (target + a.n - 1) / a.n;
    return std::max<int64_t>(1, std::min<int64_t>(byWork, a.hw / 16));
  }
  const int64_t span = a.c / a.groups * a.hw;
  const int64_t byWork = (target + a.n * a.groups - 1) / (a.n * a.groups);
  return std::max<int64_t>(1, std::min<int64_t>(byWork, span / 4096));
}

// x + addend, rounded as ATen's separate add would round it; x itself when there is no addend.
template <typename T> __device__ __forceinline__ float plusAddend(T x, bool hasAddend, float add) {
  const float v = Cvt<T>::to(x);
  return hasAddend ? roundTo<T>(v + add) : v;
}

// The normalised value, then (rounded as ATen's separate SiLU would see it) the SiLU.
template <typename T> __device__ __forceinline__ float activate(float out, bool silu) {
  if (!silu) return out;
  out = roundTo<T>(out);
  return out / (1.0f + expf(-out));
}

// How the channels-last kernels share a block of kThreads among a range of rows: a thread owns
// one VEC-wide column of channels (tCol, then every cols-th) and every rowsPerIter-th row from tRow.
// The host sizes the statistics kernel's shared memory from the same numbers.
struct NhwcTile {
  int vecsPerRow, cols, rowsPerIter;
  __host__ __device__ NhwcTile(int64_t c, int vec, int threads)
      : vecsPerRow(int(c / vec)), cols(vecsPerRow < threads ? vecsPerRow : threads), rowsPerIter(threads / cols) {}
};

// Rows [begin, end) of block `split` of `splits`.
__device__ __forceinline__ void rowRange(int64_t hw, int64_t split, int64_t splits, int64_t& begin, int64_t& end) {
  const int64_t rowsPer = (hw + splits - 1) / splits;
  begin = split * rowsPer;
  end = min(hw, begin + rowsPer);
}

__device__ __forceinline__ float2 blockSum(float2 v) {
  __shared__ float2 warpSums[kThreads / 32];
  for (int offset = 16; offset > 0; offset /= 2) {
    v.x += __shfl_down_sync(0xffffffffu, v.x, offset);
    v.y += __shfl_down_sync(0xffffffffu, v.y, offset);
  }
  if (threadIdx.x % 32 == 0) warpSums[threadIdx.x / 32] = v;
  __syncthreads();
  float2 total{0.f, 0.f};
  if (threadIdx.x == 0)
    for (int w = 0; w < kThreads / 32; ++w) total.x += warpSums[w].x, total.y += warpSums[w].y;
  return total;
}

// Grid (n * groups, splits): each block sums a contiguous piece of one group's span.
template <typename T, int VEC>
__global__ void groupStatsNchw(const T* __restrict__ x, const T* __restrict__ addend, float2* __restrict__ partial,
                               int64_t c, int64_t hw, int64_t groups) {
  const int64_t ng = blockIdx.x, n = ng / groups, g = ng % groups, cg = c / groups;
  const int64_t span = cg * hw, splits = gridDim.y;
  const int64_t chunk = ((span + splits - 1) / splits + VEC - 1) / VEC * VEC;
  const int64_t begin = blockIdx.y * chunk, end = min(span, begin + chunk);
  const T* base = x + (n * c + g * cg) * hw;
  float2 acc{0.f, 0.f};
  for (int64_t e = begin + threadIdx.x * VEC; e < end; e += int64_t(blockDim.x) * VEC) {
    const auto v = *reinterpret_cast<const Vec<T, VEC>*>(base + e);
    const int64_t channel = n * c + g * cg + e / hw; // one channel per vector: hw % VEC == 0
#pragma unroll
    for (int k = 0; k < VEC; ++k) {
      const float f = plusAddend(v.v[k], addend != nullptr, addend ? Cvt<T>::to(addend[channel]) : 0.f);
      acc.x += f;
      acc.y += f * f;
    }
  }
  const float2 total = blockSum(acc);
  if (threadIdx.x == 0) partial[ng * splits + blockIdx.y] = total;
}

// Grid (n, splits): each block sums a range of rows (positions). A thread owns one 16-byte
// column of channels and accumulates it down the rows in registers; the per-channel sums then
// meet in shared memory and are folded into groups in a fixed order, so the result is the same
// on every run (atomics would make the same seed give slightly different images).
template <typename T, int VEC>
__global__ void groupStatsNhwc(const T* __restrict__ x, const T* __restrict__ addend, float2* __restrict__ partial,
                               int64_t c, int64_t hw, int64_t groups) {
  extern __shared__ float2 channelSums[]; // [rowsPerIter][c]
  const int64_t n = blockIdx.x, splits = gridDim.y;
  const int cg = int(c / groups);
  const NhwcTile tile(c, VEC, int(blockDim.x));
  const int tRow = int(threadIdx.x) / tile.cols, tCol = int(threadIdx.x) % tile.cols;
  int64_t rowBegin, rowEnd;
  rowRange(hw, blockIdx.y, splits, rowBegin, rowEnd);
  if (tRow < tile.rowsPerIter) {
    for (int v = tCol; v < tile.vecsPerRow; v += tile.cols) {
      float s[VEC], ss[VEC], add[VEC];
#pragma unroll
      for (int k = 0; k < VEC; ++k) {
        s[k] = ss[k] = 0.f;
        add[k] = addend ? Cvt<T>::to(addend[n * c + v * VEC + k]) : 0.f;
      }
      for (int64_t r = rowBegin + tRow; r < rowEnd; r += tile.rowsPerIter) {
        const auto xv = *reinterpret_cast<const Vec<T, VEC>*>(x + (n * hw + r) * c + int64_t(v) * VEC);
#pragma unroll
        for (int k = 0; k < VEC; ++k) {
          const float f = plusAddend(xv.v[k], addend != nullptr, add[k]);
          s[k] += f;
          ss[k] += f * f;
        }
      }
#pragma unroll
      for (int k = 0; k < VEC; ++k) channelSums[int64_t(tRow) * c + v * VEC + k] = float2{s[k], ss[k]};
    }
  }
  __syncthreads();
  for (int64_t g = threadIdx.x; g < groups; g += blockDim.x) {
    float2 total{0.f, 0.f};
    for (int row = 0; row < tile.rowsPerIter; ++row)
      for (int ch = int(g) * cg; ch < int(g + 1) * cg; ++ch) {
        const float2 v = channelSums[int64_t(row) * c + ch];
        total.x += v.x;
        total.y += v.y;
      }
    partial[(n * groups + g) * splits + blockIdx.y] = total;
  }
}

// One warp per (sample, group): lanes take every 32nd partial, then a fixed shuffle tree joins
// them (fp64 throughout), so the order, and the result, is the same on every run.
__global__ void groupStatsFinish(const float2* __restrict__ partial, float2* __restrict__ stats, int64_t count,
                                 int64_t splits, int64_t elementsPerGroup, float eps) {
  const int64_t i = blockIdx.x * int64_t(blockDim.x / 32) + threadIdx.x / 32;
  if (i >= count) return; // whole warps leave together
  const int lane = int(threadIdx.x) % 32;
  double s = 0, ss = 0;
  for (int64_t k = lane; k < splits; k += 32) s += partial[i * splits + k].x, ss += partial[i * splits + k].y;
  for (int offset = 16; offset > 0; offset /= 2) {
    s += __shfl_xor_sync(0xffffffffu, s, offset);
    ss += __shfl_xor_sync(0xffffffffu, ss, offset);
  }
  if (lane != 0) return;
  const double mean = s / double(elementsPerGroup);
  const double var = fmax(ss / double(elementsPerGroup) - mean * mean, 0.0);
  stats[i] = float2{float(mean), float(rsqrt(var + double(eps)))};
}

// NCHW: a vector lies in one channel plane, so one scale and shift serve all its elements.
template <typename T, int VEC>
__global__ void groupNormApplyNchw(const T* __restrict__ x, T* __restrict__ y, const T* __restrict__ gamma,
                                   const T* __restrict__ beta, const T* __restrict__ addend,
                                   const float2* __restrict__ stats, int64_t n, int64_t c, int64_t hw, int64_t groups,
                                   bool silu) {
  const int64_t total = n * c * hw / VEC, cg = c / groups;
  for (int64_t i = blockIdx.x * int64_t(blockDim.x) + threadIdx.x; i < total; i += int64_t(gridDim.x) * blockDim.x) {
    const int64_t nc = i * VEC / hw, sample = nc / c, channel = nc - sample * c;
    const float2 st = stats[sample * groups + channel / cg];
    const float a = st.y * Cvt<T>::to(gamma[channel]);
    const float b = -a * st.x + Cvt<T>::to(beta[channel]);
    const float add = addend ? Cvt<T>::to(addend[nc]) : 0.f;
    const auto v = *reinterpret_cast<const Vec<T, VEC>*>(x + i * VEC);
    Vec<T, VEC> o;
#pragma unroll
    for (int k = 0; k < VEC; ++k) {
      o.v[k] = Cvt<T>::from(activate<T>(plusAddend(v.v[k], addend != nullptr, add) * a + b, silu));
    }
    *reinterpret_cast<Vec<T, VEC>*>(y + i * VEC) = o;
  }
}

// NHWC, grid (n, splits) as the statistics: a thread owns a column of channels, computes their
// scale and shift once, then streams down the rows.
template <typename T, int VEC>
__global__ void groupNormApplyNhwc(const T* __restrict__ x, T* __restrict__ y, const T* __restrict__ gamma,
                                   const T* __restrict__ beta, const T* __restrict__ addend,
                                   const float2* __restrict__ stats, int64_t c, int64_t hw, int64_t groups, bool silu) {
  const int64_t n = blockIdx.x, splits = gridDim.y;
  const int cg = int(c / groups);
  const NhwcTile tile(c, VEC, int(blockDim.x));
  const int tRow = int(threadIdx.x) / tile.cols, tCol = int(threadIdx.x) % tile.cols;
  if (tRow >= tile.rowsPerIter) return;
  int64_t rowBegin, rowEnd;
  rowRange(hw, blockIdx.y, splits, rowBegin, rowEnd);
  for (int v = tCol; v < tile.vecsPerRow; v += tile.cols) {
    float a[VEC], b[VEC], add[VEC];
#pragma unroll
    for (int k = 0; k < VEC; ++k) {
      const int channel = v * VEC + k;
      const float2 st = stats[n * groups + channel / cg];
      a[k] = st.y * Cvt<T>::to(gamma[channel]);
      b[k] = -a[k] * st.x + Cvt<T>::to(beta[channel]);
      add[k] = addend ? Cvt<T>::to(addend[n * c + channel]) : 0.f;
    }
    for (int64_t r = rowBegin + tRow; r < rowEnd; r += tile.rowsPerIter) {
      const int64_t offset = (n * hw + r) * c + int64_t(v) * VEC;
      const auto xv = *reinterpret_cast<const Vec<T, VEC>*>(x + offset);
      Vec<T, VEC> o;
#pragma unroll
      for (int k = 0; k < VEC; ++k)
        o.v[k] = Cvt<T>::from(activate<T>(plusAddend(xv.v[k], addend != nullptr, add[k]) * a[k] + b[k], silu));
      *reinterpret_cast<Vec<T, VEC>*>(y + offset) = o;
    }
  }
}

// Shared memory of groupStatsNhwc: one (sum, sum of squares) per channel per row of threads.
std::size_t nhwcStatsSharedBytes(int64_t c, int vec) {
  return sizeof(float2) * std::size_t(NhwcTile(c, vec, kThreads).rowsPerIter * c);
}

template <typename T, int VEC>
void launchGroupNorm(const GroupNormArgs& a, float* workspace, cudaStream_t stream) {
  const int64_t splits = splitsFor(a), ng = a.n * a.groups;
  auto* partial = reinterpret_cast<float2*>(workspace);
  auto* stats = partial + ng * splits;
  const auto* x = static_cast<const T*>(a.x);
  const auto* addend = static_cast<const T*>(a.addend);
  if (a.channelsLast)
    groupStatsNhwc<T, VEC><<<dim3(unsigned(a.n), unsigned(splits)), kThreads, nhwcStatsSharedBytes(a.c, VEC), stream>>>(
        x, addend, partial, a.c, a.hw, a.groups);
  else
    groupStatsNchw<T, VEC><<<dim3(unsigned(ng), unsigned(splits)), kThreads, 0, stream>>>(x, addend, partial, a.c, a.hw,
                                                                                           a.groups);
  constexpr int warpsPerBlock = kThreads / 32;
  groupStatsFinish<<<unsigned((ng + warpsPerBlock - 1) / warpsPerBlock), kThreads, 0, stream>>>(
      partial, stats, ng, splits, a.c / a.groups * a.hw, a.eps);
  auto* y = static_cast<T*>(a.y);
  const auto* gamma = static_cast<const T*>(a.gamma);
  const auto* beta = static_cast<const T*>(a.beta);
  if (a.channelsLast)
    groupNormApplyNhwc<T, VEC><<<dim3(unsigned(a.n), unsigned(splits)), kThreads, 0, stream>>>(
        x, y, gamma, beta, addend, stats, a.c, a.hw, a.groups, a.silu);
  else
    groupNormApplyNchw<T, VEC><<<gridFor(a.n * a.c * a.hw / VEC), kThreads, 0, stream>>>(
        x, y, gamma, beta, addend, stats, a.n, a.c, a.hw, a.groups, a.silu);
}

template <typename T> void dispatchGroupNorm(const GroupNormArgs& a, float* workspace, cudaStream_t stream) {
  constexpr int V = 16 / sizeof(T);
  const bool divisible = a.channelsLast ? a.c % V == 0 : a.hw % V == 0;
  if (divisible && aligned16(a.x) && aligned16(a.y)) launchGroupNorm<T, V>(a, workspace, stream);
  else launchGroupNorm<T, 1>(a, workspace, stream);
}

// ---------------------------------------------------------------- LayerNorm

constexpr int kMaxVectorsPerLane = 8;

// Sum over each aligned group of LANES lanes (a power of two), every lane getting its group's.
template <int LANES> __device__ __forceinline__ float groupSum(float v) {
  for (int offset = LANES / 2; offset > 0; offset /= 2) v += __shfl_xor_sync(0xffffffffu, v, offset);
  return v;
}
__device__ __forceinline__ float warpSum(float v) { return groupSum<32>(v); }

// LANES lanes per row (32, or 16 for rows of at most 16 * kMaxVectorsPerLane vectors: two rows
// a warp, so that a row's two reductions cost half as much per row), VPL vectors per lane, the
// row's own count rounded up (d = 1280 in fp16, 32 lanes: 5; d = 640, 16 lanes: 5): registers
// for exactly the row, so more warps fit on an SM to keep loads in flight.
template <typename T, int VEC, int VPL, int LANES>
__global__ void layerNormKernel(const T* __restrict__ x, T* __restrict__ y, const T* __restrict__ gamma,
                                const T* __restrict__ beta, int64_t rows, int d, float eps) {
  const int lane = int(threadIdx.x) % LANES;
  const int64_t row = blockIdx.x * int64_t(blockDim.x / LANES) + threadIdx.x / LANES;
  // No early return: a warp's two rows reduce with full-warp shuffles, so every lane takes part.
  const bool valid = row < rows;
  const int vecs = d / VEC;
  const T* in = x + row * d;
  float v[VPL][VEC];
  float sum = 0.f;
#pragma unroll
  for (int j = 0; j < VPL; ++j) {
    const int idx = lane + j * LANES;
    if (valid && idx < vecs) {
      const auto xv = *reinterpret_cast<const Vec<T, VEC>*>(in + idx * VEC);
#pragma unroll
      for (int k = 0; k < VEC; ++k) {
        v[j][k] = Cvt<T>::to(xv.v[k]);
        sum += v[j][k];
      }
    }
  }
  const float mean = groupSum<LANES>(sum) / float(d);
  float squares = 0.f;
#pragma unroll
  for (int j = 0; j < VPL; ++j)
    if (valid && lane + j * LANES < vecs)
#pragma unroll
      for (int k = 0; k < VEC; ++k) squares += (v[j][k] - mean) * (v[j][k] - mean);
  const float rstd = rsqrtf(groupSum<LANES>(squares) / float(d) + eps);
  T* out = y + row * d;
#pragma unroll
  for (int j = 0; j < VPL; ++j) {
    const int idx = lane + j * LANES;
    if (valid && idx < vecs) {
      const auto g = *reinterpret_cast<const Vec<T, VEC>*>(gamma + idx * VEC);
      const auto b = *reinterpret_cast<const Vec<T, VEC>*>(beta + idx * VEC);
      Vec<T, VEC> o;
#pragma unroll
      for (int k = 0; k < VEC; ++k)
        o.v[k] = Cvt<T>::from((v[j][k] - mean) * rstd * Cvt<T>::to(g.v[k]) + Cvt<T>::to(b.v[k]));
      *reinterpret_cast<Vec<T, VEC>*>(out + idx * VEC) = o;
    }
  }
}

template <typename T, int VPL, int LANES>
void launchLayerNormVpl(const void* x, void* y, const void* gamma, const void* beta, int64_t rows, int64_t d, float eps,
                        cudaStream_t stream) {
  constexpr int V = 16 / sizeof(T), rowsPerBlock = kThreads / LANES;
  layerNormKernel<T, V, VPL, LANES><<<unsigned((rows + rowsPerBlock - 1) / rowsPerBlock), kThreads, 0, stream>>>(
      static_cast<const T*>(x), static_cast<T*>(y), static_cast<const T*>(gamma), static_cast<const T*>(beta), rows,
      int(d), eps);
}

template <typename T, int LANES>
void launchLayerNormLanes(const void* x, void* y, const void* gamma, const void* beta, int64_t rows, int64_t d, float eps,
                          cudaStream_t stream) {
  constexpr int V = 16 / sizeof(T);
  switch ((d / V + LANES - 1) / LANES) { // layerNormFits: 1 to kMaxVectorsPerLane
  case 1: launchLayerNormVpl<T, 1, LANES>(x, y, gamma, beta, rows, d, eps, stream); break;
  case 2: launchLayerNormVpl<T, 2, LANES>(x, y, gamma, beta, rows, d, eps, stream); break;
  case 3: launchLayerNormVpl<T, 3, LANES>(x, y, gamma, beta, rows, d, eps, stream); break;
  case 4: launchLayerNormVpl<T, 4, LANES>(x, y, gamma, beta, rows, d, eps, stream); break;
  case 5: launchLayerNormVpl<T, 5, LANES>(x, y, gamma, beta, rows, d, eps, stream); break;
  case 6: launchLayerNormVpl<T, 6, LANES>(x, y, gamma, beta, rows, d, eps, stream); break;
  default: launchLayerNormVpl<T, kMaxVectorsPerLane, LANES>(x, y, gamma, beta, rows, d, eps, stream); break;
  }
}

template <typename T>
void launchLayerNorm(const void* x, void* y, const void* gamma, const void* beta, int64_t rows, int64_t d, float eps,
                     cudaStream_t stream) {
  constexpr int V = 16 / sizeof(T);
  // Half a warp a row where the row fits in as many vectors a lane as a whole warp's would take
  // rounded up (640 in fp16: 5 of 16 lanes, against 3 of 32 with half the lanes idle on the third).
  const int64_t vecs = d / V;
  if (vecs % 32 != 0 && vecs % 16 == 0 && vecs / 16 <= 6)
    launchLayerNormLanes<T, 16>(x, y, gamma, beta, rows, d, eps, stream);
  else
    launchLayerNormLanes<T, 32>(x, y, gamma, beta, rows, d, eps, stream);
}

// ---------------------------------------------------------------- softmax

// The materialised attention's probabilities: each row is held in registers (read once), its
// max and sum reduced in fp32, then written once, over the scores when y == x. ATen's kernel for
// rows of 1,024 to 4,096 scores reads them in several passes, at about half the bandwidth.
constexpr int kSoftmaxItems = 4;         // vectors per thread
constexpr int kSoftmaxMaxThreads = 512; // per row, when a warp is not enough

__device__ __forceinline__ float warpMax(float v) {
  for (int offset = 16; offset > 0; offset /= 2) v = fmaxf(v, __shfl_xor_sync(0xffffffffu, v, offset));
  return v;
}

// Reduces over the whole block (blockDim.x a multiple of 32); `scratch` holds 32 floats.
template <bool MAX> __device__ __forceinline__ float blockReduce(float v, float* scratch) {
  const int lane = int(threadIdx.x) % 32, warp = int(threadIdx.x) / 32, warps = int(blockDim.x) / 32;
  v = MAX ? warpMax(v) : warpSum(v);
  __syncthreads(); // scratch may still be read from the previous reduction
  if (lane == 0) scratch[warp] = v;
  __syncthreads();
  v = lane < warps ? scratch[lane] : (MAX ? -INFINITY : 0.f);
  return MAX ? warpMax(v) : warpSum(v);
}

// One row per warp (BLOCK_ROW false: blockDim.x / 32 rows per block) or per block (true).
template <typename T, int VEC, bool BLOCK_ROW>
__global__ void __launch_bounds__(kSoftmaxMaxThreads) softmaxKernel(const T* __restrict__ x, T* y, int64_t rows, int m) {
  __shared__ float scratch[32];
  const int group = BLOCK_ROW ? int(blockDim.x) : 32;
  const int t = BLOCK_ROW ? int(threadIdx.x) : int(threadIdx.x) % 32;
  const int64_t row = BLOCK_ROW ? int64_t(blockIdx.x) : blockIdx.x * int64_t(blockDim.x / 32) + threadIdx.x / 32;
  if (!BLOCK_ROW && row >= rows) return; // whole warps leave together: the shuffles stay full
  const int vecs = m / VEC;
  const T* in = x + row * m;
  float v[kSoftmaxItems][VEC];
  float mx = -INFINITY;
#pragma unroll
  for (int j = 0; j < kSoftmaxItems; ++j) {
    const int idx = t + j * group;
    if (idx < vecs) {
      const auto xv = *reinterpret_cast<const Vec<T, VEC>*>(in + int64_t(idx) * VEC);
#pragma unroll
      for (int k = 0; k < VEC; ++k) {
        v[j][k] = Cvt<T>::to(xv.v[k]);
        mx = fmaxf(mx, v[j][k]);
      }
    }
  }
  mx = BLOCK_ROW ? blockReduce<true>(mx, scratch) : warpMax(mx);
  float sum = 0.f;
#pragma unroll
  for (int j = 0; j < kSoftmaxItems; ++j)
    if (t + j * group < vecs)
#pragma unroll
      for (int k = 0; k < VEC; ++k) {
        v[j][k] = expf(v[j][k] - mx);
        sum += v[j][k];
      }
  sum = BLOCK_ROW ? blockReduce<false>(sum, scratch) : warpSum(sum);
  T* out = y + row * m;
#pragma unroll
  for (int j = 0; j < kSoftmaxItems; ++j) {
    const int idx = t + j * group;
    if (idx < vecs) {
      Vec<T, VEC> o;
#pragma unroll
      for (int k = 0; k < VEC; ++k) o.v[k] = Cvt<T>::from(v[j][k] / sum); // as ATen's epilogue: exp(x - max) / sum
      *reinterpret_cast<Vec<T, VEC>*>(out + int64_t(idx) * VEC) = o;
    }
  }
}

template <typename T>
int softmaxVec(const void* x, const void* y, int64_t m) {
  constexpr int V = 16 / sizeof(T);
  return m % V == 0 && aligned16(x) && aligned16(y) ? V : 1;
}

template <typename T, int VEC>
void launchSoftmax(const void* x, void* y, int64_t rows, int64_t m, cudaStream_t stream) {
  const auto* in = static_cast<const T*>(x);
  auto* out = static_cast<T*>(y);
  const int64_t vecs = m / VEC;
  if (vecs <= 32 * kSoftmaxItems) {
    constexpr int rowsPerBlock = kThreads / 32;
    softmaxKernel<T, VEC, false>
        <<<unsigned((rows + rowsPerBlock - 1) / rowsPerBlock), kThreads, 0, stream>>>(in, out, rows, int(m));
  } else {
    const int threads = int((vecs + kSoftmaxItems - 1) / kSoftmaxItems + 31) / 32 * 32;
    softmaxKernel<T, VEC, true><<<unsigned(rows), threads, 0, stream>>>(in, out, rows, int(m));
  }
}

template <typename T> void dispatchSoftmax(const void* x, void* y, int64_t rows, int64_t m, cudaStream_t stream) {
  constexpr int V = 16 / sizeof(T);
  if (softmaxVec<T>(x, y, m) == V) launchSoftmax<T, V>(x, y, rows, m, stream);
  else launchSoftmax<T, 1>(x, y, rows, m, stream);
}

int softmaxVecFor(const void* x, const void* y, int64_t m, DType dtype) {
  switch (dtype) {
  case DType::F16: return softmaxVec<__half>(x, y, m);
  case DType::BF16: return softmaxVec<__nv_bfloat16>(x, y, m);
  default: return softmaxVec<float>(x, y, m);
  }
}

const char* lastError() {
  const cudaError_t e = cudaGetLastError();
  return e == cudaSuccess ? nullptr : cudaGetErrorString(e);
}

} // namespace

bool groupNormFits(const GroupNormArgs& a) {
  // The channels-last statistics keep every channel's sums in 48 KB of shared memory (the scalar
  // path, which any shape may take, needs the most).
  return !a.channelsLast || nhwcStatsSharedBytes(a.c, 1) <= 48 * 1024;
}

std::size_t groupNormWorkspaceFloats(const GroupNormArgs& a) {
  return std::size_t(2 * a.n * a.groups * (splitsFor(a) + 1));
}

const char* groupNorm(const GroupNormArgs& a, float* workspace, void* stream) {
  auto s = static_cast<cudaStream_t>(stream);
  switch (a.dtype) {
  case DType::F32: dispatchGroupNorm<float>(a, workspace, s); break;
  case DType::F16: dispatchGroupNorm<__half>(a, workspace, s); break;
  case DType::BF16: dispatchGroupNorm<__nv_bfloat16>(a, workspace, s); break;
  }
  return lastError();
}

bool layerNormFits(int64_t d, DType dtype) {
  const int64_t vec = dtype == DType::F32 ? 4 : 8;
  return d > 0 && d % vec == 0 && d / vec <= 32 * kMaxVectorsPerLane;
}

const char* layerNorm(const void* x, void* y, const void* gamma, const void* beta, int64_t rows, int64_t d, float eps,
                      DType dtype, void* stream) {
  if (!layerNormFits(d, dtype) || !aligned16(x) || !aligned16(y) || !aligned16(gamma) || !aligned16(beta))
    return "LayerNorm kernel called with a shape it does not fit";
  auto s = static_cast<cudaStream_t>(stream);
  switch (dtype) {
  case DType::F32: launchLayerNorm<float>(x, y, gamma, beta, rows, d, eps, s); break;
  case DType::F16: launchLayerNorm<__half>(x, y, gamma, beta, rows, d, eps, s); break;
  case DType::BF16: launchLayerNorm<__nv_bfloat16>(x, y, gamma, beta, rows, d, eps, s); break;
  }
  return lastError();
}

bool softmaxFits(const void* x, const void* y, int64_t m, DType dtype) {
  return m > 0 && m / softmaxVecFor(x, y, m, dtype) <= int64_t(kSoftmaxMaxThreads) * kSoftmaxItems;
}

const char* softmax(const void* x, void* y, int64_t rows, int64_t m, DType dtype, void* stream) {
  if (!softmaxFits(x, y, m, dtype)) return "softmax kernel called with rows it does not fit";
  if (rows == 0) return nullptr;
  auto s = static_cast<cudaStream_t>(stream);
  switch (dtype) {
  case DType::F32: dispatchSoftmax<float>(x, y, rows, m, s); break;
  case DType::F16: dispatchSoftmax<__half>(x, y, rows, m, s); break;
  case DType::BF16: dispatchSoftmax<__nv_bfloat16>(x, y, rows, m, s); break;
  }
  return lastError();
}

const char* addChannelBias(const ChannelBiasArgs& a, void* stream) {
  if (a.n * a.c * a.hw == 0) return nullptr;
  auto s = static_cast<cudaStream_t>(stream);
  switch (a.dtype) {
  case DType::F32: launchChannelBias<float>(a, s); break;
  case DType::F16: launchChannelBias<__half>(a, s); break;
  case DType::BF16: launchChannelBias<__nv_bfloat16>(a, s); break;
  }
  return lastError();
}

const char* geglu(const void* in, void* out, int64_t rows, int64_t f, bool interleaved, DType dtype, void* stream) {
  auto s = static_cast<cudaStream_t>(stream);
  switch (dtype) {
  case DType::F32: launchGeglu<float>(in, out, rows, f, interleaved, s); break;
  case DType::F16: launchGeglu<__half>(in, out, rows, f, interleaved, s); break;
  case DType::BF16: launchGeglu<__nv_bfloat16>(in, out, rows, f, interleaved, s); break;
  }
  return lastError();
}

const char* concatChannels(const void* a, const void* b, void* out, int64_t pixels, int64_t ca, int64_t cb,
                           int elementBytes, void* stream) {
  if (pixels * (ca + cb) == 0) return nullptr;
  auto s = static_cast<cudaStream_t>(stream);
  const int64_t bytesA = ca * elementBytes, bytesB = cb * elementBytes;
  const int unit = unitBytes({bytesA, bytesB}, {a, b, out}, elementBytes);
  const int64_t ua = bytesA / unit, ub = bytesB / unit;
  byUnit(unit, [&](auto u) {
    using U = decltype(u);
    concatChannelsKernel<<<gridFor(pixels * (ua + ub)), kThreads, 0, s>>>(
        static_cast<const U*>(a), static_cast<const U*>(b), static_cast<U*>(out), pixels, ua, ub);
  });
  return lastError();
}

const char* upsampleNearest2x(const void* x, void* out, int64_t n, int64_t h, int64_t w, int64_t c, int elementBytes,
                              void* stream) {
  if (n * h * w * c == 0) return nullptr;
  auto s = static_cast<cudaStream_t>(stream);
  const int unit = unitBytes({c * elementBytes}, {x, out}, elementBytes);
  const int64_t uc = c * elementBytes / unit;
  byUnit(unit, [&](auto u) {
    using U = decltype(u);
    upsampleNearest2xKernel<<<gridFor(n * h * w * uc), kThreads, 0, s>>>(static_cast<const U*>(x), static_cast<U*>(out), n,
                                                                       h, w, uc);
  });
  return lastError();
}

} // namespace sdxl::cuda
