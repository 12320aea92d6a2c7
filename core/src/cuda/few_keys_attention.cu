// See fused_kernels.h (fewKeysAttention). Attention of many queries over at most 128 keys of
// head size 64: SDXL's cross-attention to the 77 text tokens. The fused kernels of SDPA tile the
// keys for long sequences; with 77 keys they are latency-bound (59 us for 1,024 queries x 20
// heads x 8 images on an H200, where reading the queries and writing the output takes about 12),
// and these calls are 70 of the UNet step's 140 attentions.
//
// One CTA holds one (image, head)'s keys and values in shared memory and 128 queries, 16 per
// warp. A warp computes its scores S = Q K^T with tensor-core MMAs (m16n8k16, fp32 accumulate)
// into registers, takes the softmax of each row there (exact: every key is in the registers, so
// no running maximum is needed), and multiplies P V with P rounded to the inputs' type, as flash
// attention does. The MMA's accumulator layout for S is its operand layout for P, so the
// probabilities never leave the registers.
#include "cuda/fused_kernels.h"

#include <cuda_bf16.h>
#include <cuda_fp16.h>
#include <cuda_runtime.h>

#include <cmath>

namespace sdxl::cuda {
namespace {

constexpr int kHeadDim = 64;
constexpr int kWarps = 8;
constexpr int kRowsPerWarp = 16; // the MMA's m
constexpr int kQueriesPerBlock = kWarps * kRowsPerWarp;
// Elements per key row in shared memory: 8 more than the head size, so that the eight rows one
// fragment load touches fall in distinct banks.
constexpr int kKeyStride = kHeadDim + 8;

template <typename T> struct Mma;
template <> struct Mma<__half> {
  static __device__ __forceinline__ void run(float (&c)[4], const uint32_t (&a)[4], uint32_t b0, uint32_t b1) {
    asm volatile("mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32 {%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, "
                 "{%0,%1,%2,%3};\n"
                 : "+f"(c[0]), "+f"(c[1]), "+f"(c[2]), "+f"(c[3])
                 : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b0), "r"(b1));
  }
  static __device__ __forceinline__ uint32_t pack(float lo, float hi) {
    __half2 v = __floats2half2_rn(lo, hi);
    return *reinterpret_cast<uint32_t*>(&v);
  }
};
template <> struct Mma<__nv_bfloat16> {
  static __device__ __forceinline__ void run(float (&c)[4], const uint32_t (&a)[4], uint32_t b0, uint32_t b1) {
    asm volatile("mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32 {%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, "
                 "{%0,%1,%2,%3};\n"
                 : "+f"(c[0]), "+f"(c[1]), "+f"(c[2]), "+f"(c[3])
                 : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b0), "r"(b1));
  }
  static __device__ __forceinline__ uint32_t pack(float lo, float hi) {
    __nv_bfloat162 v = __floats2bfloat162_rn(lo, hi);
    return *reinterpret_cast<uint32_t*>(&v);
  }
};

__device__ __forceinline__ uint32_t load2(const void* p) { return *static_cast<const uint32_t*>(p); }

// Fragment layouts (PTX ISA, mma.m16n8k16): lane = 4 g + t. A (16x16): rows g and g+8, columns
// 2t, 2t+1 and 2t+8, 2t+9. B (16x8): k rows 2t, 2t+1 and 2t+8, 2t+9 of column g. C (16x8):
// rows g and g+8, columns 2t, 2t+1.
template <typename T, int KSTEPS>
__global__ void __launch_bounds__(kWarps * 32) fewKeysAttentionKernel(FewKeysAttentionArgs a) {
  constexpr int kKeys = 16 * KSTEPS;    // keys, padded to the MMA's k
  constexpr int kVtStride = kKeys + 8;  // elements per row of V^T in shared memory (distinct banks)
  __shared__ __align__(16) T ks[kKeys * kKeyStride];
  __shared__ __align__(16) T vt[kHeadDim * kVtStride];

  const int64_t image = blockIdx.z, head = blockIdx.y;
  const T* q = static_cast<const T*>(a.q) + image * a.qStride[0] + head * a.qStride[1];
  const T* k = static_cast<const T*>(a.k) + image * a.kStride[0] + head * a.kStride[1];
  const T* v = static_cast<const T*>(a.v) + image * a.vStride[0] + head * a.vStride[1];

  // K as rows, V transposed (its rows are the MMA's k for P V), zero past the last key: the
  // padded keys' scores are masked below, and their zero values keep P V finite.
  for (int i = threadIdx.x; i < kKeys * (kHeadDim / 8); i += blockDim.x) {
    const int key = i / (kHeadDim / 8), col = i % (kHeadDim / 8) * 8;
    uint4 kv = make_uint4(0, 0, 0, 0), vv = kv;
    if (key < a.keys) {
      kv = *reinterpret_cast<const uint4*>(k + key * a.kStride[2] + col);
      vv = *reinterpret_cast<const uint4*>(v + key * a.vStride[2] + col);
    }
    *reinterpret_cast<uint4*>(&ks[key * kKeyStride + col]) = kv;
    const T* values = reinterpret_cast<const T*>(&vv);
#pragma unroll
    for (int e = 0; e < 8; ++e) vt[(col + e) * kVtStride + key] = values[e];
  }

  const int warp = threadIdx.x / 32, lane = threadIdx.x % 32, g = lane / 4, t = lane % 4;
  const int64_t r0 = int64_t(blockIdx.x) * kQueriesPerBlock + warp * kRowsPerWarp + g, r1 = r0 + 8;
  // The warp's 16 queries as A fragments, straight from global memory (rows past the end: zeros).
  uint32_t qa[kHeadDim / 16][4];
#pragma unroll
  for (int s = 0; s < kHeadDim / 16; ++s) {
    const int c = 16 * s + 2 * t;
    qa[s][0] = r0 < a.queries ? load2(q + r0 * a.qStride[2] + c) : 0u;
    qa[s][1] = r1 < a.queries ? load2(q + r1 * a.qStride[2] + c) : 0u;
    qa[s][2] = r0 < a.queries ? load2(q + r0 * a.qStride[2] + c + 8) : 0u;
    qa[s][3] = r1 < a.queries ? load2(q + r1 * a.qStride[2] + c + 8) : 0u;
  }
  __syncthreads();

  // S = Q K^T, 8 keys per tile.
  float sc[2 * KSTEPS][4];
#pragma unroll
  for (int nt = 0; nt < 2 * KSTEPS; ++nt) {
    sc[nt][0] = sc[nt][1] = sc[nt][2] = sc[nt][3] = 0.f;
    const T* row = &ks[(8 * nt + g) * kKeyStride + 2 * t];
#pragma unroll
    for (int s = 0; s < kHeadDim / 16; ++s) Mma<T>::run(sc[nt], qa[s], load2(row + 16 * s), load2(row + 16 * s + 8));
  }

  // Softmax of rows g (c0, c1) and g + 8 (c2, c3); a row's keys are spread over the 4 lanes of
  // its quad. exp2 of the scaled difference, as flash attention computes it.
  const float scaleLog2 = a.scale * 1.4426950408889634f;
  float max0 = -INFINITY, max1 = -INFINITY;
#pragma unroll
  for (int nt = 0; nt < 2 * KSTEPS; ++nt)
#pragma unroll
    for (int e = 0; e < 2; ++e) {
      if (8 * nt + 2 * t + e >= a.keys) sc[nt][e] = sc[nt][2 + e] = -INFINITY;
      max0 = fmaxf(max0, sc[nt][e]);
      max1 = fmaxf(max1, sc[nt][2 + e]);
    }
#pragma unroll
  for (int o = 1; o < 4; o <<= 1) {
    max0 = fmaxf(max0, __shfl_xor_sync(0xffffffffu, max0, o));
    max1 = fmaxf(max1, __shfl_xor_sync(0xffffffffu, max1, o));
  }
  float sum0 = 0.f, sum1 = 0.f;
#pragma unroll
  for (int nt = 0; nt < 2 * KSTEPS; ++nt)
#pragma unroll
    for (int e = 0; e < 2; ++e) {
      sc[nt][e] = exp2f((sc[nt][e] - max0) * scaleLog2);
      sc[nt][2 + e] = exp2f((sc[nt][2 + e] - max1) * scaleLog2);
      sum0 += sc[nt][e];
      sum1 += sc[nt][2 + e];
    }
#pragma unroll
  for (int o = 1; o < 4; o <<= 1) {
    sum0 += __shfl_xor_sync(0xffffffffu, sum0, o);
    sum1 += __shfl_xor_sync(0xffffffffu, sum1, o);
  }

  // O = P V: score tiles 2j and 2j + 1 are, as they lie in the registers, the A fragment of keys
  // 16j to 16j + 15.
  float acc[kHeadDim / 8][4] = {};
#pragma unroll
  for (int j = 0; j < KSTEPS; ++j) {
    const uint32_t pa[4] = {Mma<T>::pack(sc[2 * j][0], sc[2 * j][1]), Mma<T>::pack(sc[2 * j][2], sc[2 * j][3]),
                            Mma<T>::pack(sc[2 * j + 1][0], sc[2 * j + 1][1]),
                            Mma<T>::pack(sc[2 * j + 1][2], sc[2 * j + 1][3])};
#pragma unroll
    for (int nd = 0; nd < kHeadDim / 8; ++nd) {
      const T* row = &vt[(8 * nd + g) * kVtStride + 16 * j + 2 * t];
      Mma<T>::run(acc[nd], pa, load2(row), load2(row + 8));
    }
  }

  // Out (batch, queries, heads, 64): the layout the output projection reads as (tokens, channels).
  const float inv0 = 1.f / sum0, inv1 = 1.f / sum1;
  T* out = static_cast<T*>(a.out) + head * kHeadDim + 2 * t;
  const int64_t rowStride = a.heads * kHeadDim;
#pragma unroll
  for (int nd = 0; nd < kHeadDim / 8; ++nd) {
    if (r0 < a.queries)
      *reinterpret_cast<uint32_t*>(out + (image * a.queries + r0) * rowStride + 8 * nd) =
          Mma<T>::pack(acc[nd][0] * inv0, acc[nd][1] * inv0);
    if (r1 < a.queries)
      *reinterpret_cast<uint32_t*>(out + (image * a.queries + r1) * rowStride + 8 * nd) =
          Mma<T>::pack(acc[nd][2] * inv1, acc[nd][3] * inv1);
  }
}

template <typename T> void launch(const FewKeysAttentionArgs& a, cudaStream_t stream) {
  const dim3 grid(static_cast<unsigned>((a.queries + kQueriesPerBlock - 1) / kQueriesPerBlock),
                  static_cast<unsigned>(a.heads), static_cast<unsigned>(a.batch));
  if (a.keys <= 80)
    fewKeysAttentionKernel<T, 5><<<grid, kWarps * 32, 0, stream>>>(a); // SDXL's 77 text tokens
  else
    fewKeysAttentionKernel<T, 8><<<grid, kWarps * 32, 0, stream>>>(a);
}

} // namespace

bool fewKeysAttentionFits(const FewKeysAttentionArgs& a) {
  auto aligned = [](const void* p) { return reinterpret_cast<uintptr_t>(p) % 16 == 0; };
  bool stridesAligned = true;
  for (int i = 0; i < 3; ++i) stridesAligned &= a.qStride[i] % 8 == 0 && a.kStride[i] % 8 == 0 && a.vStride[i] % 8 == 0;
  return a.headDim == kHeadDim && a.keys >= 1 && a.keys <= 128 && a.queries >= 1 && a.heads >= 1 &&
         a.heads <= 65535 && a.batch >= 1 && a.batch <= 65535 && a.dtype != DType::F32 && stridesAligned &&
         aligned(a.q) && aligned(a.k) && aligned(a.v) && aligned(a.out);
}

const char* fewKeysAttention(const FewKeysAttentionArgs& a, void* stream) {
  if (!fewKeysAttentionFits(a)) return "fewKeysAttention called with arguments it does not take";
  auto s = static_cast<cudaStream_t>(stream);
  if (a.dtype == DType::F16) launch<__half>(a, s);
  else launch<__nv_bfloat16>(a, s);
  const cudaError_t e = cudaGetLastError();
  return e == cudaSuccess ? nullptr : cudaGetErrorString(e);
}

} // namespace sdxl::cuda
