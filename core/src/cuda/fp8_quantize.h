// A tensor scaled into FP8 E4M3 by its largest magnitude, for the "FP8 products" switch
// (nn/fp8_linear.h): one pass for the maximum and one for the conversion, where ATen's
// expression of the same took seven kernels and three more passes over memory. Torch-free, so
// nvcc compiles it without LibTorch's headers.
#pragma once

#include "cuda/fused_kernels.h"

#include <cstdint>

namespace sdxl::cuda {

// out[i] = e4m3(x[i] * 448 / amax) (saturating, rounded to nearest) and *scale = amax / 448, with
// amax = max(max |x|, 1e-12) computed in fp32. x: n elements of dtype; out: n bytes; workspace:
// one float of device memory (the maximum's bits). Returns nullptr, or the CUDA error text.
const char* quantizeFp8(const void* x, int64_t n, DType dtype, void* out, float* scale, float* workspace,
                        void* stream);

} // namespace sdxl::cuda
