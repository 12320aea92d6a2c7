// See fused_kernels.h (fewKeysAttention). Attention of many queries over at most 128 keys of
// head size 64: SDXL's cross-attention to the 77 text tokens. SDPA's fused kernels tile the keys
// for long sequences; over 77 keys they are latency-bound (about 40 us for 1,024 queries x 20
// heads x 8 images on an H200, where reading the queries and writing the output takes about 12).
// These are 70 of the UNet step's 140 attentions.
//
// One CTA holds one (image, head)'s keys and values in shared memory; each of its warps works
// through kTilesPerWarp tiles of 16 queries, the next tile's queries copied in (cp.async) while
// the current one computes, so that the loads of every resident warp overlap. A tile's scores
// S = Q K^T come from tensor-core MMAs (m16n8k16, fp32 accumulate) into registers, where the
// softmax of each row is taken whole (every key is there, so no running maximum), and P V
// follows with P rounded to the inputs' type, as flash attention does: the MMA's accumulator
// layout for S is its operand layout for P, so the probabilities never leave the registers.
// The output tile goes back through shared memory, to be written as whole 128-byte rows.
#include "cuda/fused_kernels.h"

#include <cuda_bf16.h>
#include <cuda_fp16.h>
#include <cuda_runtime.h>

#include <cmath>

namespace sdxl::cuda {
namespace {

constexpr int kHeadDim = 64;
constexpr int kWarps = 4;
constexpr int kRows = 16; // the MMA's m: queries per tile
constexpr int kTilesPerWarp = 4;
constexpr int kQueriesPerBlock = kWarps * kTilesPerWarp * kRows;
// With up to 80 keys, five CTAs an SM (at most 102 registers a thread): SDXL's 1,024-query calls
// at batch 8 are 640 CTAs, one wave on an H100/H200's 132 SMs. (Four past 80 keys: shared memory.)
// Elements per row of every shared-memory tile: 8 more than the head size, so that the eight
// 16-byte rows an ldmatrix reads (or eight lanes' fragment loads) fall in distinct banks.
constexpr int kStride = kHeadDim + 8;
constexpr int kChunks = kHeadDim / 8; // 16-byte chunks per row

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

__device__ __forceinline__ uint32_t sharedAddress(const void* p) {
  return static_cast<uint32_t>(__cvta_generic_to_shared(p));
}
// 16 bytes global -> shared without passing through registers; zeros where !valid.
__device__ __forceinline__ void copy16(void* dst, const void* src, bool valid) {
  asm volatile("cp.async.cg.shared.global [%0], [%1], 16, %2;\n" ::"r"(sharedAddress(dst)), "l"(src),
               "r"(valid ? 16 : 0));
}
__device__ __forceinline__ void commitCopies() { asm volatile("cp.async.commit_group;\n" ::); }
template <int PENDING> __device__ __forceinline__ void waitCopies() {
  asm volatile("cp.async.wait_group %0;\n" ::"n"(PENDING));
}
// Four 8x8 matrices of 16-bit values; lane L names row L % 8 of matrix L / 8.
__device__ __forceinline__ void ldmatrix4(uint32_t (&r)[4], const void* row) {
  asm volatile("ldmatrix.sync.aligned.m8n8.x4.shared.b16 {%0,%1,%2,%3}, [%4];\n"
               : "=r"(r[0]), "=r"(r[1]), "=r"(r[2]), "=r"(r[3])
               : "r"(sharedAddress(row)));
}
__device__ __forceinline__ void ldmatrix4Transposed(uint32_t (&r)[4], const void* row) {
  asm volatile("ldmatrix.sync.aligned.m8n8.x4.trans.shared.b16 {%0,%1,%2,%3}, [%4];\n"
               : "=r"(r[0]), "=r"(r[1]), "=r"(r[2]), "=r"(r[3])
               : "r"(sharedAddress(row)));
}

template <int KSTEPS> constexpr int sharedBytes() {
  return (2 * 16 * KSTEPS + kWarps * 2 * kRows) * kStride * 2; // K, V, two query tiles per warp
}

// Fragment layouts (PTX ISA, mma.m16n8k16): lane = 4 g + t. A (16x16): rows g and g+8, columns
// 2t, 2t+1 and 2t+8, 2t+9. B (16x8): k rows 2t, 2t+1 and 2t+8, 2t+9 of column g. C (16x8):
// rows g and g+8, columns 2t, 2t+1.
template <typename T, int KSTEPS>
__global__ void __launch_bounds__(kWarps * 32, KSTEPS <= 5 ? 5 : 4) fewKeysAttentionKernel(FewKeysAttentionArgs a) {
  constexpr int kKeys = 16 * KSTEPS; // keys, padded to the MMA's k
  extern __shared__ __align__(16) unsigned char shared[];
  T* ks = reinterpret_cast<T*>(shared);   // (kKeys, kStride): K as rows
  T* vs = ks + kKeys * kStride;           // (kKeys, kStride): V as rows, read transposed
  const int warp = threadIdx.x / 32, lane = threadIdx.x % 32, g = lane / 4, t = lane % 4;
  T* qs = vs + kKeys * kStride + warp * 2 * kRows * kStride; // this warp's two query tiles

  const int64_t image = blockIdx.z, head = blockIdx.y;
  const T* q = static_cast<const T*>(a.q) + image * a.qStride[0] + head * a.qStride[1];
  const T* k = static_cast<const T*>(a.k) + image * a.kStride[0] + head * a.kStride[1];
  const T* v = static_cast<const T*>(a.v) + image * a.vStride[0] + head * a.vStride[1];
  const int64_t firstRow = int64_t(blockIdx.x) * kQueriesPerBlock + warp * kTilesPerWarp * kRows;

  // Keys and values, zero past the last key: the padded keys' scores are masked below, and
  // their zero values keep P V finite.
  for (int i = threadIdx.x; i < kKeys * kChunks; i += blockDim.x) {
    const int key = i / kChunks, col = i % kChunks * 8;
    const bool valid = key < a.keys;
    copy16(ks + key * kStride + col, k + (valid ? key * a.kStride[2] + col : 0), valid);
    copy16(vs + key * kStride + col, v + (valid ? key * a.vStride[2] + col : 0), valid);
  }
  auto loadTile = [&](int tile) { // rows past the end: zeros
    T* dst = qs + (tile & 1) * kRows * kStride;
#pragma unroll
    for (int i = 0; i < kRows * kChunks / 32; ++i) {
      const int c = lane + 32 * i, row = c / kChunks, col = c % kChunks * 8;
      const int64_t r = firstRow + tile * kRows + row;
      copy16(dst + row * kStride + col, q + (r < a.queries ? r * a.qStride[2] + col : 0), r < a.queries);
    }
  };
  loadTile(0);
  commitCopies();
  waitCopies<0>();
  __syncthreads();

  const float scaleLog2 = a.scale * 1.4426950408889634f;
  for (int tile = 0; tile < kTilesPerWarp; ++tile) {
    const int64_t tileRow = firstRow + tile * kRows;
    if (tileRow >= a.queries) break;
    if (tile + 1 < kTilesPerWarp) loadTile(tile + 1);
    commitCopies();
    waitCopies<1>(); // this tile's copies (the one just issued may still be in flight)
    __syncwarp();
    T* qt = qs + (tile & 1) * kRows * kStride;

    // The tile's queries as A fragments: matrices (rows 0-7 | 8-15) x (columns c | c + 8).
    uint32_t qa[kHeadDim / 16][4];
#pragma unroll
    for (int s = 0; s < kHeadDim / 16; ++s)
      ldmatrix4(qa[s], qt + (lane % 8 + 8 * ((lane / 8) & 1)) * kStride + 16 * s + 8 * (lane / 16));

    // S = Q K^T, 8 keys per tile: B[d][key] = K[key][d], two consecutive d per register.
    float sc[2 * KSTEPS][4];
#pragma unroll
    for (int nt = 0; nt < 2 * KSTEPS; ++nt) {
      sc[nt][0] = sc[nt][1] = sc[nt][2] = sc[nt][3] = 0.f;
      const T* row = ks + (8 * nt + g) * kStride + 2 * t;
#pragma unroll
      for (int s = 0; s < kHeadDim / 16; ++s) Mma<T>::run(sc[nt], qa[s], load2(row + 16 * s), load2(row + 16 * s + 8));
    }

    // Softmax of rows g (c0, c1) and g + 8 (c2, c3); a row's keys are spread over the 4 lanes
    // of its quad. exp2 of the scaled difference, as flash attention computes it.
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

    // O = P V: score tiles 2j and 2j + 1 are, as they lie in the registers, the A fragment of
    // keys 16j to 16j + 15. V's B fragments come transposed from its rows: matrices (keys 16j to
    // 16j + 7 | 16j + 8 to 16j + 15) x (d of tile nd | nd + 1).
    float acc[kHeadDim / 8][4] = {};
#pragma unroll
    for (int j = 0; j < KSTEPS; ++j) {
      const uint32_t pa[4] = {Mma<T>::pack(sc[2 * j][0], sc[2 * j][1]), Mma<T>::pack(sc[2 * j][2], sc[2 * j][3]),
                              Mma<T>::pack(sc[2 * j + 1][0], sc[2 * j + 1][1]),
                              Mma<T>::pack(sc[2 * j + 1][2], sc[2 * j + 1][3])};
#pragma unroll
      for (int nd = 0; nd < kHeadDim / 8; nd += 2) {
        uint32_t vb[4];
        ldmatrix4Transposed(vb, vs + (16 * j + lane % 8 + 8 * ((lane / 8) & 1)) * kStride + 8 * (nd + lane / 16));
        Mma<T>::run(acc[nd], pa, vb[0], vb[1]);
        Mma<T>::run(acc[nd + 1], pa, vb[2], vb[3]);
      }
    }

    // The tile's output into its (consumed) query tile, then out as whole rows: out is
    // (batch, queries, heads, 64), the layout the output projection reads as (tokens, channels).
    const float inv0 = 1.f / sum0, inv1 = 1.f / sum1;
#pragma unroll
    for (int nd = 0; nd < kHeadDim / 8; ++nd) {
      *reinterpret_cast<uint32_t*>(qt + g * kStride + 8 * nd + 2 * t) = Mma<T>::pack(acc[nd][0] * inv0, acc[nd][1] * inv0);
      *reinterpret_cast<uint32_t*>(qt + (g + 8) * kStride + 8 * nd + 2 * t) =
          Mma<T>::pack(acc[nd][2] * inv1, acc[nd][3] * inv1);
    }
    __syncwarp();
    T* out = static_cast<T*>(a.out) + head * kHeadDim;
#pragma unroll
    for (int i = 0; i < kRows * kChunks / 32; ++i) {
      const int c = lane + 32 * i, row = c / kChunks, col = c % kChunks * 8;
      const int64_t r = tileRow + row;
      if (r < a.queries)
        *reinterpret_cast<uint4*>(out + (image * a.queries + r) * a.heads * kHeadDim + col) =
            *reinterpret_cast<const uint4*>(qt + row * kStride + col);
    }
    __syncwarp(); // the tile is read before the copy two tiles on overwrites it
  }
  waitCopies<0>(); // a warp that stopped early may have a copy of rows past the end in flight
}

template <typename T, int KSTEPS> void launchWith(const FewKeysAttentionArgs& a, dim3 grid, cudaStream_t stream) {
  constexpr int bytes = sharedBytes<KSTEPS>();
  static const bool configured = [] { // past 48 KB a kernel must ask for its shared memory
    return cudaFuncSetAttribute(fewKeysAttentionKernel<T, KSTEPS>, cudaFuncAttributeMaxDynamicSharedMemorySize, bytes) ==
           cudaSuccess;
  }();
  (void)configured; // a failure shows as the launch's error
  fewKeysAttentionKernel<T, KSTEPS><<<grid, kWarps * 32, bytes, stream>>>(a);
}

template <typename T> void launch(const FewKeysAttentionArgs& a, cudaStream_t stream) {
  const dim3 grid(static_cast<unsigned>((a.queries + kQueriesPerBlock - 1) / kQueriesPerBlock),
                  static_cast<unsigned>(a.heads), static_cast<unsigned>(a.batch));
  if (a.keys <= 80) launchWith<T, 5>(a, grid, stream); // SDXL's 77 text tokens
  else launchWith<T, 8>(a, grid, stream);
}

} // namespace

bool fewKeysAttentionFits(const FewKeysAttentionArgs& a) {
  bool stridesAligned = true;
  for (int i = 0; i < 3; ++i) stridesAligned &= a.qStride[i] % 8 == 0 && a.kStride[i] % 8 == 0 && a.vStride[i] % 8 == 0;
  return a.headDim == kHeadDim && a.keys >= 1 && a.keys <= 128 && a.queries >= 1 && a.heads >= 1 &&
         a.heads <= 65535 && a.batch >= 1 && a.batch <= 65535 && a.dtype != DType::F32 && stridesAligned &&
         aligned16(a.q) && aligned16(a.k) && aligned16(a.v) && aligned16(a.out);
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
