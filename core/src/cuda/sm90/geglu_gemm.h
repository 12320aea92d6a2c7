// The feed-forward's GEGLU projection as one Hopper GEMM (CUTLASS, wgmma + TMA): the gate is
// applied to the accumulators before anything reaches memory, so the (rows, 2f) projection is
// never written and read back (diffusers: a GEMM, then a GEGLU pass over twice the output).
// Torch-free like ../fused_kernels.h; nn/fused_ops.h is the tensor-level entry point.
#pragma once

#include "cuda/fused_kernels.h"

#include <cstddef>
#include <cstdint>

namespace sdxl::cuda {

// Whether this build holds the kernel (compiled for sm_90a: H100, H200) and the current device
// runs it.
bool gegluGemmAvailable();

// out (rows, f) = a * gelu(g), where (a, g) are columns (2j, 2j+1) of x (rows, k) W^T + bias
// and W (2f, k) holds diffusers' projection rows interleaved: row 2j is value row j, row 2j+1
// gate row j (interleaveGegluRows in fused_ops.h). Every tensor contiguous, fp16 or bf16, k and
// f multiples of 8, pointers 16-byte aligned. Roundings as diffusers' separate operations make
// them: the projection once to the dtype, gelu to the dtype, the product to the dtype.
std::size_t gegluGemmWorkspaceBytes(int64_t rows, int64_t k, int64_t f, DType dtype);
const char* gegluGemm(const void* x, const void* w, const void* bias, void* out, int64_t rows, int64_t k, int64_t f,
                      DType dtype, void* workspace, void* stream);

} // namespace sdxl::cuda
