// See fp8_quantize.h.
#include "cuda/fp8_quantize.h"

#include <cuda_bf16.h>
#include <cuda_fp16.h>
#include <cuda_fp8.h>
#include <cuda_runtime.h>

#include <algorithm>

namespace sdxl::cuda {
namespace {

constexpr int kThreads = 256;
constexpr int kVec = 8; // elements per thread and iteration where x allows 16-byte loads of 16-bit values
constexpr float kE4m3Max = 448.0f;

template <typename T> __device__ __forceinline__ float toFloat(T v) { return static_cast<float>(v); }
template <> __device__ __forceinline__ float toFloat(__half v) { return __half2float(v); }
template <> __device__ __forceinline__ float toFloat(__nv_bfloat16 v) { return __bfloat162float(v); }

template <typename T> struct alignas(sizeof(T) * kVec) Pack {
  T v[kVec];
};

// max |x| over the grid into *amaxBits (a non-negative float's bits order as unsigned integers).
template <typename T, bool kVectors>
__global__ void amaxKernel(const T* __restrict__ x, int64_t n, unsigned int* amaxBits) {
  float m = 0.0f;
  const int64_t stride = int64_t(gridDim.x) * blockDim.x;
  if (kVectors) {
    const auto* packs = reinterpret_cast<const Pack<T>*>(x);
    for (int64_t i = int64_t(blockIdx.x) * blockDim.x + threadIdx.x; i < n / kVec; i += stride) {
      const Pack<T> p = packs[i];
#pragma unroll
      for (int j = 0; j < kVec; ++j) m = fmaxf(m, fabsf(toFloat(p.v[j])));
    }
  } else {
    for (int64_t i = int64_t(blockIdx.x) * blockDim.x + threadIdx.x; i < n; i += stride) m = fmaxf(m, fabsf(toFloat(x[i])));
  }
#pragma unroll
  for (int offset = 16; offset > 0; offset /= 2) m = fmaxf(m, __shfl_xor_sync(0xffffffffu, m, offset));
  __shared__ float warps[kThreads / 32];
  if (threadIdx.x % 32 == 0) warps[threadIdx.x / 32] = m;
  __syncthreads();
  if (threadIdx.x == 0) {
    for (int w = 1; w < kThreads / 32; ++w) m = fmaxf(m, warps[w]);
    atomicMax(amaxBits, __float_as_uint(m));
  }
}

template <typename T, bool kVectors>
__global__ void convertKernel(const T* __restrict__ x, int64_t n, const unsigned int* amaxBits, __nv_fp8_e4m3* out,
                              float* scale) {
  const float amax = fmaxf(__uint_as_float(*amaxBits), 1e-12f);
  const float multiplier = kE4m3Max / amax;
  if (blockIdx.x == 0 && threadIdx.x == 0) *scale = amax / kE4m3Max;
  const int64_t stride = int64_t(gridDim.x) * blockDim.x;
  if (kVectors) {
    const auto* packs = reinterpret_cast<const Pack<T>*>(x);
    auto* outPacks = reinterpret_cast<Pack<__nv_fp8_e4m3>*>(out);
    for (int64_t i = int64_t(blockIdx.x) * blockDim.x + threadIdx.x; i < n / kVec; i += stride) {
      const Pack<T> p = packs[i];
      Pack<__nv_fp8_e4m3> q;
#pragma unroll
      for (int j = 0; j < kVec; ++j) q.v[j] = __nv_fp8_e4m3(toFloat(p.v[j]) * multiplier);
      outPacks[i] = q;
    }
  } else {
    for (int64_t i = int64_t(blockIdx.x) * blockDim.x + threadIdx.x; i < n; i += stride)
      out[i] = __nv_fp8_e4m3(toFloat(x[i]) * multiplier);
  }
}

int blocksFor(int64_t work) {
  static const int sms = [] {
    int device = 0, count = 0;
    cudaGetDevice(&device);
    cudaDeviceGetAttribute(&count, cudaDevAttrMultiProcessorCount, device);
    return std::max(count, 1);
  }();
  return int(std::max<int64_t>(1, std::min<int64_t>((work + kThreads - 1) / kThreads, int64_t(sms) * 8)));
}

template <typename T>
void launch(const T* x, int64_t n, __nv_fp8_e4m3* out, float* scale, unsigned int* amaxBits, cudaStream_t stream) {
  cudaMemsetAsync(amaxBits, 0, sizeof(unsigned int), stream);
  const bool vectors = sizeof(T) == 2 && n % kVec == 0 && aligned16(x) && reinterpret_cast<uintptr_t>(out) % 8 == 0;
  const int blocks = blocksFor(vectors ? n / kVec : n);
  if (vectors) {
    amaxKernel<T, true><<<blocks, kThreads, 0, stream>>>(x, n, amaxBits);
    convertKernel<T, true><<<blocks, kThreads, 0, stream>>>(x, n, amaxBits, out, scale);
  } else {
    amaxKernel<T, false><<<blocks, kThreads, 0, stream>>>(x, n, amaxBits);
    convertKernel<T, false><<<blocks, kThreads, 0, stream>>>(x, n, amaxBits, out, scale);
  }
}

} // namespace

const char* quantizeFp8(const void* x, int64_t n, DType dtype, void* out, float* scale, float* workspace,
                        void* stream) {
  auto s = static_cast<cudaStream_t>(stream);
  auto* q = static_cast<__nv_fp8_e4m3*>(out);
  auto* bits = reinterpret_cast<unsigned int*>(workspace);
  switch (dtype) {
  case DType::F16: launch(static_cast<const __half*>(x), n, q, scale, bits, s); break;
  case DType::BF16: launch(static_cast<const __nv_bfloat16*>(x), n, q, scale, bits, s); break;
  case DType::F32: launch(static_cast<const float*>(x), n, q, scale, bits, s); break;
  }
  const cudaError_t error = cudaGetLastError();
  return error == cudaSuccess ? nullptr : cudaGetErrorString(error);
}

} // namespace sdxl::cuda
