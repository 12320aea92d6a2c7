#include "nn/gemm_epilogue.h"

#include "nn/fused_ops.h"
#include "sdxl/error.h"

#ifdef SDXL_WITH_CUDA
#include <ATen/cuda/CUDAContext.h>
#include <c10/cuda/CUDAStream.h>
#include <cublasLt.h>

#include <atomic>
#include <map>
#include <mutex>
#include <tuple>
#endif

namespace sdxl::nn {

at::Tensor linearAddAten(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias, const at::Tensor& residual) {
  return residual + at::linear(x, weight, bias);
}

#ifdef SDXL_WITH_CUDA
namespace {

void check(cublasStatus_t status, const char* what) {
  if (status != CUBLAS_STATUS_SUCCESS)
    throw Error(ErrorKind::Internal, std::string("cuBLASLt ") + what + " failed with status " + std::to_string(status));
}

// Owns the cuBLASLt descriptors of one call.
struct Descriptors {
  cublasLtMatmulDesc_t op = nullptr;
  cublasLtMatrixLayout_t a = nullptr, b = nullptr, c = nullptr;
  cublasLtMatmulPreference_t preference = nullptr;
  ~Descriptors() {
    if (preference) cublasLtMatmulPreferenceDestroy(preference);
    if (c) cublasLtMatrixLayoutDestroy(c);
    if (b) cublasLtMatrixLayoutDestroy(b);
    if (a) cublasLtMatrixLayoutDestroy(a);
    if (op) cublasLtMatmulDescDestroy(op);
  }
};

uint32_t alignment(const void* p) {
  const auto address = reinterpret_cast<uintptr_t>(p);
  uint32_t a = 1;
  while (a < 16 && address % (a * 2) == 0) a *= 2;
  return a;
}

// The chosen algorithm per shape, type, alignment and whether it was timed: asking the
// heuristic costs tens of microseconds of CPU per call, and the UNet makes the same few hundred
// calls every step.
using AlgoKey = std::tuple<int64_t, int64_t, int64_t, int, bool, uint32_t, uint32_t, uint32_t, uint32_t, bool>;
std::mutex algoMutex;
std::map<AlgoKey, cublasLtMatmulAlgo_t> algoCache;

// Autotuning (setGemmAutotuning): the heuristic's first candidates are each timed on the call's
// own operands, writing to a scratch output, and the fastest is kept for the shape. Not while a
// CUDA graph is captured (nothing may be timed or synchronised then): the compile switch runs
// eager steps first, and capture reuses their choice.
constexpr int kCandidates = 8;
std::atomic<bool> autotuning{false};

bool tuning(cudaStream_t stream) {
  cudaStreamCaptureStatus status = cudaStreamCaptureStatusNone;
  return autotuning && cudaStreamIsCapturing(stream, &status) == cudaSuccess && status == cudaStreamCaptureStatusNone;
}

// Column-major view of the row-major product: D^T (out x rows) = W (out x in) . x^T, so A = the
// weight transposed, B = x as stored, C = the residual as stored (beta = 1; without a residual,
// beta = 0 and C is D); the bias runs along D's rows. False: no algorithm, ATen computes it.
bool cublasLtLinear(const at::Tensor& x2, const at::Tensor& weight, const at::Tensor& bias, const at::Tensor& residual2,
                    const at::Tensor& out2) {
  const int64_t m = weight.size(0), n = x2.size(0), k = x2.size(1);
  const cudaDataType_t type = x2.scalar_type() == at::kHalf ? CUDA_R_16F : CUDA_R_16BF;
  Descriptors d;
  check(cublasLtMatmulDescCreate(&d.op, CUBLAS_COMPUTE_32F, CUDA_R_32F), "descriptor");
  const cublasOperation_t transA = CUBLAS_OP_T, transB = CUBLAS_OP_N;
  check(cublasLtMatmulDescSetAttribute(d.op, CUBLASLT_MATMUL_DESC_TRANSA, &transA, sizeof(transA)), "transa");
  check(cublasLtMatmulDescSetAttribute(d.op, CUBLASLT_MATMUL_DESC_TRANSB, &transB, sizeof(transB)), "transb");
  if (bias.defined()) {
    const cublasLtEpilogue_t epilogue = CUBLASLT_EPILOGUE_BIAS;
    const void* biasPtr = bias.data_ptr();
    check(cublasLtMatmulDescSetAttribute(d.op, CUBLASLT_MATMUL_DESC_EPILOGUE, &epilogue, sizeof(epilogue)), "epilogue");
    check(cublasLtMatmulDescSetAttribute(d.op, CUBLASLT_MATMUL_DESC_BIAS_POINTER, &biasPtr, sizeof(biasPtr)), "bias");
  }
  check(cublasLtMatrixLayoutCreate(&d.a, type, k, m, k), "layout A");
  check(cublasLtMatrixLayoutCreate(&d.b, type, k, n, k), "layout B");
  check(cublasLtMatrixLayoutCreate(&d.c, type, m, n, m), "layout C");

  // No workspace: offered ATen's, cuBLASLt picks kernels that zero part of it with a memset
  // before every launch (453 memsets a batch-8 step, each a node of the CUDA graph); offered
  // none, it picks the same tiles' stream-scheduled variants, which need none. On the H200 the
  // step's GEMMs take 58.7 ms that way against 59.0 ms, its kernels 107.0 against 107.8 ms.
  const size_t workspaceSize = 0;
  const bool withResidual = residual2.defined();
  const void* c = withResidual ? residual2.data_ptr() : out2.data_ptr();
  const uint32_t alignA = alignment(weight.data_ptr()), alignB = alignment(x2.data_ptr()), alignC = alignment(c),
                 alignD = alignment(out2.data_ptr());
  const float alpha = 1.0f, beta = withResidual ? 1.0f : 0.0f;
  const auto stream = c10::cuda::getCurrentCUDAStream(x2.device().index()).stream();
  const auto handle = at::cuda::getCurrentCUDABlasLtHandle();
  const auto matmul = [&](const cublasLtMatmulAlgo_t& a, const void* cPtr, void* dPtr) {
    return cublasLtMatmul(handle, d.op, &alpha, weight.data_ptr(), d.a, x2.data_ptr(), d.b, &beta, cPtr, d.c, dPtr, d.c, &a,
                          nullptr, workspaceSize, stream);
  };
  const bool tune = tuning(stream);
  const AlgoKey key{m, n, k, static_cast<int>(type) * 2 + int(withResidual), bias.defined(), alignA, alignB, alignC, alignD,
                    tune};
  AlgoKey tuned = key;
  std::get<9>(tuned) = true;
  cublasLtMatmulAlgo_t algo;
  {
    std::lock_guard<std::mutex> lock(algoMutex);
    auto it = algoCache.find(key);
    if (it == algoCache.end() && autotuning) it = algoCache.find(tuned); // while capturing
    if (it != algoCache.end()) {
      algo = it->second;
    } else {
      check(cublasLtMatmulPreferenceCreate(&d.preference), "preference");
      check(cublasLtMatmulPreferenceSetAttribute(d.preference, CUBLASLT_MATMUL_PREF_MAX_WORKSPACE_BYTES, &workspaceSize,
                                                 sizeof(workspaceSize)),
            "workspace preference");
      const std::pair<cublasLtMatmulPreferenceAttributes_t, uint32_t> aligns[] = {
          {CUBLASLT_MATMUL_PREF_MIN_ALIGNMENT_A_BYTES, alignA},
          {CUBLASLT_MATMUL_PREF_MIN_ALIGNMENT_B_BYTES, alignB},
          {CUBLASLT_MATMUL_PREF_MIN_ALIGNMENT_C_BYTES, alignC},
          {CUBLASLT_MATMUL_PREF_MIN_ALIGNMENT_D_BYTES, alignD}};
      for (const auto& [attribute, value] : aligns)
        check(cublasLtMatmulPreferenceSetAttribute(d.preference, attribute, &value, sizeof(value)), "alignment preference");
      cublasLtMatmulHeuristicResult_t results[kCandidates] = {};
      int found = 0;
      const auto status = cublasLtMatmulAlgoGetHeuristic(handle, d.op, d.a, d.b, d.c, d.c, d.preference,
                                                         tune ? kCandidates : 1, results, &found);
      if (status != CUBLAS_STATUS_SUCCESS || found == 0) return false; // ATen computes it instead
      int best = 0;
      if (tune && found > 1) {
        // Scratch output (and C, without a residual): the real output may be the residual itself.
        auto scratch = at::empty_like(out2);
        const void* scratchC = withResidual ? c : scratch.data_ptr();
        cudaEvent_t begin, end;
        cudaEventCreate(&begin);
        cudaEventCreate(&end);
        float bestMs = 0; // 0 until one candidate ran (the first stays the choice if none did)
        for (int i = 0; i < found; ++i) {
          if (results[i].state != CUBLAS_STATUS_SUCCESS ||
              matmul(results[i].algo, scratchC, scratch.data_ptr()) != CUBLAS_STATUS_SUCCESS)
            continue;
          cudaEventRecord(begin, stream);
          for (int rep = 0; rep < 5; ++rep) (void)matmul(results[i].algo, scratchC, scratch.data_ptr());
          cudaEventRecord(end, stream);
          cudaEventSynchronize(end);
          float ms = 0;
          cudaEventElapsedTime(&ms, begin, end);
          if (bestMs == 0 || ms < bestMs) best = i, bestMs = ms;
        }
        cudaEventDestroy(begin);
        cudaEventDestroy(end);
      }
      algo = algoCache.emplace(key, results[best].algo).first->second;
    }
  }
  check(matmul(algo, c, out2.data_ptr()), "matmul");
  return true;
}

} // namespace
#endif

void setGemmAutotuning(bool on) {
#ifdef SDXL_WITH_CUDA
  autotuning = on;
#else
  (void)on;
#endif
}

#ifdef SDXL_WITH_CUDA
namespace {
// Whether cublasLtLinear can take x (..., in), weight (out, in) and bias (out, or undefined):
// fp16/bf16 CUDA tensors of one dtype, contiguous, with matching sizes. The residual, where
// there is one, is checked by the caller.
bool cublasLtTakes(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias) {
  const auto type = x.scalar_type();
  const bool typesOk = (type == at::kHalf || type == at::kBFloat16) && weight.scalar_type() == type &&
                       (!bias.defined() || bias.scalar_type() == type);
  const bool shapesOk = x.dim() >= 2 && weight.dim() == 2 && x.size(-1) == weight.size(1) && x.numel() > 0 &&
                        (!bias.defined() || (bias.dim() == 1 && bias.size(0) == weight.size(0)));
  return KernelSettings::get().fusedKernels && x.is_cuda() && typesOk && shapesOk && x.is_contiguous() &&
         weight.is_contiguous() && (!bias.defined() || bias.is_contiguous());
}

// Whether the cuBLASLt call takes this residual for x @ weight^T: same dtype, one row per x row,
// contiguous.
bool residualFits(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& residual) {
  return residual.scalar_type() == x.scalar_type() && residual.size(-1) == weight.size(0) &&
         residual.numel() / weight.size(0) == x.numel() / x.size(-1) && residual.is_contiguous();
}

// residual + x @ weight^T + bias into out (the residual itself, or a tensor like it), for
// operands cublasLtTakes and residualFits accept: the 2-D views cublasLtLinear takes.
bool cublasLtLinearAdd(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias, const at::Tensor& residual,
                       const at::Tensor& out) {
  const int64_t rows = x.numel() / x.size(-1);
  return cublasLtLinear(x.view({rows, x.size(-1)}), weight, bias, residual.view({rows, weight.size(0)}),
                        out.view({rows, weight.size(0)}));
}
} // namespace
#endif

at::Tensor linear(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias) {
#ifdef SDXL_WITH_CUDA
  if (cublasLtTakes(x, weight, bias)) {
    auto sizes = x.sizes().vec();
    sizes.back() = weight.size(0);
    auto out = at::empty(sizes, x.options());
    const int64_t rows = x.numel() / x.size(-1);
    if (cublasLtLinear(x.view({rows, x.size(-1)}), weight, bias, at::Tensor(), out.view({rows, weight.size(0)})))
      return out;
  }
#endif
  return at::linear(x, weight, bias);
}

at::Tensor linearAdd(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias, at::Tensor residual) {
#ifdef SDXL_WITH_CUDA
  if (cublasLtTakes(x, weight, bias) && residualFits(x, weight, residual)) {
    auto out = ownsStorage(residual) ? residual : at::empty_like(residual);
    if (cublasLtLinearAdd(x, weight, bias, residual, out)) return out;
  }
#endif
  return linearAddAten(x, weight, bias, residual);
}

void linearAddInPlace(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias, const at::Tensor& residual) {
#ifdef SDXL_WITH_CUDA
  if (cublasLtTakes(x, weight, bias) && residualFits(x, weight, residual) &&
      cublasLtLinearAdd(x, weight, bias, residual, residual))
    return;
#endif
  residual.add_(at::linear(x, weight, bias).view(residual.sizes()));
}

} // namespace sdxl::nn
