// See geglu_gemm.h. CUTLASS's Hopper mainloop (TMA loads, wgmma, warp-specialised persistent
// kernel) with an epilogue of our own. The epilogue relies on one property of every MMA
// accumulator layout: a thread holds output columns in adjacent pairs (2j, 2j+1). With the
// projection's rows interleaved (value j, gate j), each pair is one value and its gate, and the
// thread computes value * gelu(gate) from its own registers; the four lanes that share a row
// then swap outputs so that each stores 8 consecutive ones (16 bytes) at once.
#include "cuda/sm90/geglu_gemm.h"

#include <cute/tensor.hpp>
#include <cutlass/cutlass.h>
#include <cutlass/epilogue/collective/detail.hpp>
#include <cutlass/epilogue/dispatch_policy.hpp>
#include <cutlass/epilogue/thread/linear_combination.h>
#include <cutlass/gemm/collective/collective_builder.hpp>
#include <cutlass/gemm/device/gemm_universal_adapter.h>
#include <cutlass/gemm/dispatch_policy.hpp>
#include <cutlass/gemm/kernel/gemm_universal.hpp>
#include <cutlass/kernel_hardware_info.h>
#include <cutlass/numeric_types.h>

#include <cuda_runtime.h>

namespace sdxl::cuda {
namespace {

template <class Element> class GegluEpilogue {
public:
  using EpilogueSchedule = cutlass::epilogue::NoSmemWarpSpecialized;
  using DispatchPolicy = EpilogueSchedule;
  using ElementOutput = Element;
  using ElementAccumulator = float;
  using ElementCompute = float;
  using ElementScalar = float;
  using ElementC = void;
  using ElementD = Element;
  using StrideC = cute::Stride<int64_t, cute::_1, int64_t>;
  using StrideD = StrideC;
  using GmemTiledCopyC = void;
  using GmemTiledCopyD = void;
  // Named by GemmUniversalAdapter's interface only; this epilogue computes its own function.
  using ThreadEpilogueOp = cutlass::epilogue::thread::LinearCombination<Element, 1, float, float>;
  struct SharedStorage {};
  using TensorStorage = SharedStorage;

  struct Arguments {
    const Element* bias = nullptr; // (2f), interleaved like the weight's rows
    Element* out = nullptr;        // (rows, f)
    int64_t f = 0;
  };
  using Params = Arguments;

  template <class ProblemShape>
  static constexpr Params to_underlying_arguments(ProblemShape const&, Arguments const& args, void*) {
    return args;
  }
  template <class ProblemShape> static size_t get_workspace_size(ProblemShape const&, Arguments const&) { return 0; }
  template <class ProblemShape>
  static cutlass::Status initialize_workspace(ProblemShape const&, Arguments const&, void*, cudaStream_t,
                                              cutlass::CudaHostAdapter* = nullptr) {
    return cutlass::Status::kSuccess;
  }
  template <class ProblemShape> static bool can_implement(ProblemShape const& shape, Arguments const& args) {
    return args.bias && args.out && cute::get<1>(shape) == 2 * args.f;
  }

  CUTLASS_HOST_DEVICE explicit GegluEpilogue(Params const& params, SharedStorage const& = SharedStorage())
      : m_params(params) {}
  CUTLASS_DEVICE bool is_source_needed() { return false; }

  template <class ProblemShapeMNKL, class BlockShapeMNK, class BlockCoordMNKL, class FrgEngine, class FrgLayout,
            class TiledMma, class ResidueMNK>
  CUTLASS_DEVICE void operator()(ProblemShapeMNKL problem, BlockShapeMNK blockShape, BlockCoordMNKL blockCoord,
                                 cute::Tensor<FrgEngine, FrgLayout> const& acc, TiledMma tiledMma, ResidueMNK,
                                 int threadIdx, char*) {
    using namespace cute;
    const int rows = get<0>(problem), cols = get<1>(problem);
    // The (row, column) of each accumulator this thread holds.
    Tensor tile = local_tile(make_identity_tensor(make_shape(rows, cols)), take<0, 2>(blockShape),
                             make_coord(get<0>(blockCoord), get<1>(blockCoord)));
    Tensor where = tiledMma.get_thread_slice(threadIdx).partition_C(tile);
    // wgmma's accumulators, per thread: ((2 adjacent columns, 2 rows 8 apart, chunks of 8
    // columns), atoms along M, atoms along N); the four lanes of a quad hold one row's chunk as
    // column pairs 0-1, 2-3, 4-5, 6-7. A pair is a value and its gate: one output each.
    static_assert(rank(FrgLayout{}) == 3 && rank<0>(FrgLayout{}) == 3, "wgmma accumulator layout expected");
    static_assert(size<0, 0>(FrgLayout{}) == 2 && size<0, 1>(FrgLayout{}) == 2, "wgmma accumulator layout expected");
    constexpr int kChunks = size<0, 2>(FrgLayout{});
    static_assert(kChunks % 8 == 0, "tile N must be a multiple of 64");
    static_assert(size<2>(FrgLayout{}) == 1, "one MMA atom spans the tile's N");
    const int quadLane = threadIdx & 3, quadBase = (threadIdx & 31) & ~3;
    // The bias of every column this thread holds, loaded before any is needed: the same
    // columns serve each of its rows, and loads issued one by one inside the loop below would
    // each wait out the memory's latency.
    const int chunk0 = get<1>(where(0)) - 2 * quadLane; // the tile's first column
    uint32_t biasPair[kChunks];
    CUTLASS_PRAGMA_UNROLL
    for (int k = 0; k < kChunks; ++k) {
      const int c = chunk0 + 8 * k + 2 * quadLane;
      biasPair[k] = c < cols ? *reinterpret_cast<const uint32_t*>(m_params.bias + c) : 0u;
    }
    CUTLASS_PRAGMA_UNROLL
    for (int mm = 0; mm < size<1>(acc); ++mm) {
      CUTLASS_PRAGMA_UNROLL
      for (int half = 0; half < 2; ++half) {
        const int row = get<0>(where(make_coord(make_coord(0, half, 0), mm, 0)));
        CUTLASS_PRAGMA_UNROLL
        for (int block = 0; block < kChunks / 8; ++block) {
          // Four chunk pairs: each gives this lane outputs s and s + 4 of 8 consecutive ones.
          uint32_t word[4];
          CUTLASS_PRAGMA_UNROLL
          for (int p = 0; p < 4; ++p) {
            const int k = 8 * block + 2 * p;
            const Element lo = gate(acc(make_coord(make_coord(0, half, k), mm, 0)),
                                    acc(make_coord(make_coord(1, half, k), mm, 0)), biasPair[k]);
            const Element hi = gate(acc(make_coord(make_coord(0, half, k + 1), mm, 0)),
                                    acc(make_coord(make_coord(1, half, k + 1), mm, 0)), biasPair[k + 1]);
            word[p] = uint32_t(lo.raw()) | (uint32_t(hi.raw()) << 16);
          }
          // A transpose across the quad: lane s gathers pair s's words from all four lanes,
          // which are the 8 consecutive outputs it then stores as one 16-byte vector.
          uint32_t got[4];
          CUTLASS_PRAGMA_UNROLL
          for (int i = 0; i < 4; ++i) {
            const int to = (quadLane + i) & 3, from = (quadLane - i) & 3;
            const uint32_t send = to == 0 ? word[0] : to == 1 ? word[1] : to == 2 ? word[2] : word[3];
            const uint32_t recv = __shfl_sync(0xffffffffu, send, quadBase | from);
            if (from == 0) got[0] = recv;
            if (from == 1) got[1] = recv;
            if (from == 2) got[2] = recv;
            if (from == 3) got[3] = recv;
          }
          uint4 v;
          v.x = (got[0] & 0xffffu) | (got[1] << 16);
          v.y = (got[2] & 0xffffu) | (got[3] << 16);
          v.z = (got[0] >> 16) | (got[1] & 0xffff0000u);
          v.w = (got[2] >> 16) | (got[3] & 0xffff0000u);
          const int outCol = (chunk0 + 8 * (8 * block + 2 * quadLane)) / 2;
          if (row < rows && outCol + 8 <= int(m_params.f))
            *reinterpret_cast<uint4*>(m_params.out + int64_t(row) * m_params.f + outCol) = v;
        }
      }
    }
  }

private:
  // The rounding a separate ATen operation applies to its output.
  CUTLASS_DEVICE static float round(float v) { return float(Element(v)); }
  // value * gelu(gate) for the accumulators of a value column and its gate column, with their
  // biases packed as two 16-bit values.
  CUTLASS_DEVICE static Element gate(float value, float gate, uint32_t biasPair) {
    constexpr float kAlpha = 0.70710678118654752440f; // ATen's erf GELU
    const float a = round(value + float(Element::bitcast(uint16_t(biasPair & 0xffffu))));
    const float g = round(gate + float(Element::bitcast(uint16_t(biasPair >> 16))));
    return Element(a * round(g * 0.5f * (1.0f + erff(g * kAlpha))));
  }
  Params m_params;
};

template <class Element, class Tile, class Cluster, class Schedule> struct GegluGemm {
  using Epilogue = cutlass::epilogue::collective::detail::Sm90TmaWarpSpecializedAdapter<GegluEpilogue<Element>>;
  using Mainloop = typename cutlass::gemm::collective::CollectiveBuilder<
      cutlass::arch::Sm90, cutlass::arch::OpClassTensorOp, Element, cutlass::layout::RowMajor, 8, Element,
      cutlass::layout::ColumnMajor, 8, float, Tile, Cluster,
      cutlass::gemm::collective::StageCountAutoCarveout<static_cast<int>(sizeof(typename Epilogue::SharedStorage))>,
      Schedule>::CollectiveOp;
  using Kernel = cutlass::gemm::kernel::GemmUniversal<cute::Shape<int, int, int, int>, Mainloop, Epilogue>;
  using Device = cutlass::gemm::device::GemmUniversalAdapter<Kernel>;

  static typename Device::Arguments arguments(const void* x, const void* w, const void* bias, void* out, int64_t rows,
                                              int64_t k, int64_t f) {
    const int m = int(rows), n = int(2 * f), kk = int(k);
    cutlass::KernelHardwareInfo hw;
    cudaGetDevice(&hw.device_id);
    static const int sms = cutlass::KernelHardwareInfo::query_device_multiprocessor_count(hw.device_id);
    hw.sm_count = sms; // the persistent kernel's grid: one CTA cluster slot per SM
    using StrideA = typename Kernel::StrideA;
    using StrideB = typename Kernel::StrideB;
    return {cutlass::gemm::GemmUniversalMode::kGemm,
            {m, n, kk, 1},
            {static_cast<const Element*>(x), StrideA{int64_t(kk), cute::_1{}, int64_t(m) * kk},
             static_cast<const Element*>(w), StrideB{int64_t(kk), cute::_1{}, int64_t(n) * kk}},
            {static_cast<const Element*>(bias), static_cast<Element*>(out), f},
            hw};
  }

  static std::size_t workspace(int64_t rows, int64_t k, int64_t f) {
    return Device::get_workspace_size(arguments(nullptr, nullptr, nullptr, nullptr, rows, k, f));
  }

  static const char* run(const void* x, const void* w, const void* bias, void* out, int64_t rows, int64_t k, int64_t f,
                         void* ws, cudaStream_t stream) {
    auto args = arguments(x, w, bias, out, rows, k, f);
    Device gemm;
    if (gemm.can_implement(args) != cutlass::Status::kSuccess) return "GEGLU GEMM: shape not supported";
    if (gemm.initialize(args, ws, stream) != cutlass::Status::kSuccess) return "GEGLU GEMM: initialisation failed";
    if (gemm.run(stream) != cutlass::Status::kSuccess) return "GEGLU GEMM: launch failed";
    const auto error = cudaGetLastError();
    return error == cudaSuccess ? nullptr : cudaGetErrorString(error);
  }
};

// Ping-pong: while one consumer warp group runs the gate and stores its tile, the other runs
// its main loop, which hides the epilogue. Measured on the H200 at rows 8192, k 1280, f 5120:
// 0.345 ms, against 0.397 ms for the cooperative 128x256 schedule and 0.387 ms for cuBLAS's
// projection then the GEGLU kernel.
template <class Element>
using Kernel = GegluGemm<Element, cute::Shape<cute::_128, cute::_128, cute::_64>, cute::Shape<cute::_2, cute::_1, cute::_1>,
                         cutlass::gemm::KernelTmaWarpSpecializedPingpong>;

} // namespace

bool gegluGemmAvailable() {
  static const bool available = [] {
    int device = 0, major = 0, minor = 0;
    if (cudaGetDevice(&device) != cudaSuccess) return false;
    cudaDeviceGetAttribute(&major, cudaDevAttrComputeCapabilityMajor, device);
    cudaDeviceGetAttribute(&minor, cudaDevAttrComputeCapabilityMinor, device);
    return major == 9 && minor == 0;
  }();
  return available;
}

std::size_t gegluGemmWorkspaceBytes(int64_t rows, int64_t k, int64_t f, DType dtype) {
  switch (dtype) {
  case DType::F16: return Kernel<cutlass::half_t>::workspace(rows, k, f);
  case DType::BF16: return Kernel<cutlass::bfloat16_t>::workspace(rows, k, f);
  default: return 0;
  }
}

const char* gegluGemm(const void* x, const void* w, const void* bias, void* out, int64_t rows, int64_t k, int64_t f,
                      DType dtype, void* workspace, void* stream) {
  auto s = static_cast<cudaStream_t>(stream);
  switch (dtype) {
  case DType::F16: return Kernel<cutlass::half_t>::run(x, w, bias, out, rows, k, f, workspace, s);
  case DType::BF16: return Kernel<cutlass::bfloat16_t>::run(x, w, bias, out, rows, k, f, workspace, s);
  default: return "GEGLU GEMM: fp16 or bf16 only";
  }
}

} // namespace sdxl::cuda
