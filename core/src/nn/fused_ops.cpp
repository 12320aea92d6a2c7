#include "nn/fused_ops.h"

#include "sdxl/error.h"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <optional>

#ifdef SDXL_WITH_CUDA
#include "cuda/fused_kernels.h"
#ifdef SDXL_WITH_SM90_KERNELS
#include "cuda/sm90/geglu_gemm.h"
#endif

#include <c10/cuda/CUDAStream.h>
#endif

namespace sdxl::nn {

namespace {
bool envFlag(const char* name, bool fallback) {
  const char* v = std::getenv(name);
  if (!v || !*v) return fallback;
  return std::strcmp(v, "0") != 0 && std::strcmp(v, "off") != 0 && std::strcmp(v, "false") != 0;
}

#ifdef SDXL_WITH_CUDA
bool kernelApplies(const at::Tensor& x) {
  const auto t = x.scalar_type();
  return KernelSettings::get().fusedKernels && x.is_cuda() &&
         (t == at::kFloat || t == at::kHalf || t == at::kBFloat16);
}
#endif
} // namespace

#ifdef SDXL_WITH_CUDA
cuda::DType kernelType(const at::Tensor& x) {
  switch (x.scalar_type()) {
  case at::kHalf: return cuda::DType::F16;
  case at::kBFloat16: return cuda::DType::BF16;
  default: return cuda::DType::F32;
  }
}

void checkKernel(const char* error, const char* what) {
  if (error) throw Error(ErrorKind::Internal, std::string(what) + " kernel failed: " + error);
}
#endif

const KernelSettings& KernelSettings::get() {
  static const KernelSettings settings{envFlag("SDXL_FUSED_KERNELS", true), envFlag("SDXL_CHANNELS_LAST", true)};
  return settings;
}

bool fusedKernelsBuilt() {
#ifdef SDXL_WITH_CUDA
  return true;
#else
  return false;
#endif
}

at::Tensor groupNormAten(const at::Tensor& x, int64_t groups, const at::Tensor& weight, const at::Tensor& bias, double eps,
                         bool silu, const at::Tensor& addend) {
  auto y = at::group_norm(addend.defined() ? x + addend.unsqueeze(-1).unsqueeze(-1) : x, groups, weight, bias, eps);
  return silu ? at::silu_(y) : y;
}

at::Tensor groupNorm(const at::Tensor& x, int64_t groups, const at::Tensor& weight, const at::Tensor& bias, double eps,
                     bool silu, const at::Tensor& addend, bool mayOverwrite) {
#ifdef SDXL_WITH_CUDA
  const bool nchw = x.is_contiguous(), nhwc = !nchw && x.is_contiguous(at::MemoryFormat::ChannelsLast);
  const auto type = x.scalar_type();
  const bool paramsOk = weight.defined() && bias.defined() && weight.scalar_type() == type && bias.scalar_type() == type &&
                        weight.is_contiguous() && bias.is_contiguous() && weight.device() == x.device();
  const bool addendOk = !addend.defined() || (addend.scalar_type() == type && addend.is_contiguous() &&
                                              addend.dim() == 2 && addend.size(0) == x.size(0) && addend.size(1) == x.size(1));
  if (kernelApplies(x) && x.dim() == 4 && (nchw || nhwc) && paramsOk && addendOk && x.numel() > 0) {
    cuda::GroupNormArgs a;
    a.n = x.size(0);
    a.c = x.size(1);
    a.hw = x.size(2) * x.size(3);
    a.groups = groups;
    a.eps = static_cast<float>(eps);
    a.silu = silu;
    a.channelsLast = nhwc;
    a.dtype = kernelType(x);
    if (!cuda::groupNormFits(a)) return groupNormAten(x, groups, weight, bias, eps, silu, addend);
    // In place is safe: the statistics pass finishes before the normalisation starts, and each
    // element is read and written by the same thread.
    auto y = mayOverwrite ? x : at::empty_like(x, nhwc ? at::MemoryFormat::ChannelsLast : at::MemoryFormat::Contiguous);
    a.x = x.data_ptr();
    a.y = y.data_ptr();
    a.gamma = weight.data_ptr();
    a.beta = bias.data_ptr();
    a.addend = addend.defined() ? addend.data_ptr() : nullptr;
    auto workspace = at::empty({static_cast<int64_t>(cuda::groupNormWorkspaceFloats(a))}, x.options().dtype(at::kFloat));
    checkKernel(cuda::groupNorm(a, workspace.data_ptr<float>(), c10::cuda::getCurrentCUDAStream(x.device().index()).stream()),
          "GroupNorm");
    return y;
  }
#endif
  return groupNormAten(x, groups, weight, bias, eps, silu, addend);
}

at::Tensor layerNormAten(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias, double eps) {
  return at::layer_norm(x, {weight.size(0)}, weight, bias, eps);
}

at::Tensor layerNorm(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias, double eps) {
#ifdef SDXL_WITH_CUDA
  const int64_t d = weight.size(0);
  if (kernelApplies(x) && x.is_contiguous() && x.numel() > 0 && x.size(-1) == d && bias.defined() &&
      weight.scalar_type() == x.scalar_type() && bias.scalar_type() == x.scalar_type() && weight.is_contiguous() &&
      bias.is_contiguous() && cuda::layerNormFits(d, kernelType(x))) {
    auto y = at::empty_like(x);
    checkKernel(cuda::layerNorm(x.data_ptr(), y.data_ptr(), weight.data_ptr(), bias.data_ptr(), x.numel() / d, d,
                          static_cast<float>(eps), kernelType(x),
                          c10::cuda::getCurrentCUDAStream(x.device().index()).stream()),
          "LayerNorm");
    return y;
  }
#endif
  return layerNormAten(x, weight, bias, eps);
}

at::Tensor softmaxAten(const at::Tensor& x) {
  return x.scalar_type() == at::kFloat ? at::softmax(x, -1) : at::softmax(x, -1, at::kFloat).to(x.scalar_type());
}

bool softmaxWritesInPlace(const at::Tensor& like, int64_t m) {
#ifdef SDXL_WITH_CUDA
  // A fresh allocation is 16-byte aligned, which the null pointers stand for.
  return kernelApplies(like) && cuda::softmaxFits(nullptr, nullptr, m, kernelType(like));
#else
  (void)like, (void)m;
  return false;
#endif
}

at::Tensor softmax(const at::Tensor& x, bool mayOverwrite) {
#ifdef SDXL_WITH_CUDA
  // An output of our own is freshly allocated, so aligned: only x's alignment can differ.
  const void* out = mayOverwrite ? x.data_ptr() : nullptr;
  if (kernelApplies(x) && x.is_contiguous() && x.dim() >= 1 && x.numel() > 0 &&
      cuda::softmaxFits(x.data_ptr(), out, x.size(-1), kernelType(x))) {
    const int64_t m = x.size(-1);
    auto y = mayOverwrite ? x : at::empty_like(x);
    checkKernel(cuda::softmax(x.data_ptr(), y.data_ptr(), x.numel() / m, m, kernelType(x),
                        c10::cuda::getCurrentCUDAStream(x.device().index()).stream()),
          "softmax");
    return y;
  }
#endif
  return softmaxAten(x);
}

#ifdef SDXL_WITH_CUDA
namespace {
// The kernel's arguments for q, k, v, or nothing where it does not take them.
std::optional<cuda::FewKeysAttentionArgs> fewKeysArgs(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v) {
  const auto t = q.scalar_type();
  if (!kernelApplies(q) || (t != at::kHalf && t != at::kBFloat16) || q.dim() != 4 || k.dim() != 4 || v.dim() != 4 ||
      k.scalar_type() != t || v.scalar_type() != t || !k.is_cuda() || !v.is_cuda() || k.sizes() != v.sizes() ||
      k.size(0) != q.size(0) || k.size(1) != q.size(1) || k.size(3) != q.size(3) || q.stride(3) != 1 ||
      k.stride(3) != 1 || v.stride(3) != 1)
    return std::nullopt;
  cuda::FewKeysAttentionArgs a;
  a.q = q.data_ptr();
  a.k = k.data_ptr();
  a.v = v.data_ptr();
  a.batch = q.size(0), a.heads = q.size(1), a.queries = q.size(2), a.keys = k.size(2), a.headDim = q.size(3);
  for (int i = 0; i < 3; ++i) a.qStride[i] = q.stride(i), a.kStride[i] = k.stride(i), a.vStride[i] = v.stride(i);
  a.scale = static_cast<float>(1.0 / std::sqrt(static_cast<double>(q.size(3))));
  a.dtype = kernelType(q);
  // The output is ours (freshly allocated, so aligned): check the inputs alone.
  if (!cuda::fewKeysAttentionFits(a)) return std::nullopt;
  return a;
}
} // namespace
#endif

bool fewKeysAttentionApplies(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v) {
#ifdef SDXL_WITH_CUDA
  return fewKeysArgs(q, k, v).has_value();
#else
  (void)q, (void)k, (void)v;
  return false;
#endif
}

at::Tensor fewKeysAttention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v) {
#ifdef SDXL_WITH_CUDA
  if (auto a = fewKeysArgs(q, k, v)) {
    auto out = at::empty({q.size(0), q.size(2), q.size(1), q.size(3)}, q.options());
    a->out = out.data_ptr();
    checkKernel(cuda::fewKeysAttention(*a, c10::cuda::getCurrentCUDAStream(q.device().index()).stream()), "few-keys attention");
    return out.transpose(1, 2);
  }
#endif
  return at::scaled_dot_product_attention(q, k, v);
}

at::Tensor addChannelBiasAten(const at::Tensor& y, const at::Tensor& bias, const at::Tensor& other,
                              const at::Tensor& otherBias) {
  const auto perChannel = [](const at::Tensor& b) { return b.view({1, -1, 1, 1}); };
  auto out = bias.defined() ? y + perChannel(bias) : y;
  if (other.defined()) out = out + (otherBias.defined() ? other + perChannel(otherBias) : other);
  return out;
}

#ifdef SDXL_WITH_CUDA
namespace {
// out = (x + bias[c]) + (other + otherBias[c]) by the channel-bias kernel, each term optional; x,
// out and other (n, c, hw), or (n, hw, c) with channelsLast. out may be x.
void runChannelBias(const at::Tensor& x, const at::Tensor& out, const at::Tensor& bias, const at::Tensor& other,
                    const at::Tensor& otherBias, int64_t n, int64_t c, int64_t hw, bool channelsLast) {
  cuda::ChannelBiasArgs a;
  a.x = x.data_ptr();
  a.y = out.data_ptr();
  a.bias = bias.defined() ? bias.data_ptr() : nullptr;
  a.other = other.defined() ? other.data_ptr() : nullptr;
  a.otherBias = other.defined() && otherBias.defined() ? otherBias.data_ptr() : nullptr;
  a.n = n;
  a.c = c;
  a.hw = hw;
  a.channelsLast = channelsLast;
  a.dtype = kernelType(x);
  checkKernel(cuda::addChannelBias(a, c10::cuda::getCurrentCUDAStream(x.device().index()).stream()), "channel bias");
}
} // namespace
#endif

at::Tensor addChannelBias(at::Tensor y, const at::Tensor& bias, const at::Tensor& other, const at::Tensor& otherBias) {
#ifdef SDXL_WITH_CUDA
  const bool nchw = y.is_contiguous(), nhwc = !nchw && y.is_contiguous(at::MemoryFormat::ChannelsLast);
  const auto fits = [&](const at::Tensor& b) {
    return !b.defined() || (b.scalar_type() == y.scalar_type() && b.is_contiguous() && b.dim() == 1 &&
                            b.size(0) == y.size(1) && b.device() == y.device());
  };
  const bool otherFits = !other.defined() || (other.sizes() == y.sizes() && other.scalar_type() == y.scalar_type() &&
                                              other.device() == y.device() &&
                                              (nchw ? other.is_contiguous()
                                                    : other.is_contiguous(at::MemoryFormat::ChannelsLast)));
  if (kernelApplies(y) && y.dim() == 4 && (nchw || nhwc) && fits(bias) && fits(otherBias) && otherFits) {
    auto out = ownsStorage(y) ? y : at::empty_like(y, nhwc ? at::MemoryFormat::ChannelsLast : at::MemoryFormat::Contiguous);
    runChannelBias(y, out, bias, other, otherBias, y.size(0), y.size(1), y.size(2) * y.size(3), nhwc);
    return out;
  }
#endif
  return addChannelBiasAten(y, bias, other, otherBias);
}

void addBiasInPlace(const at::Tensor& x, const at::Tensor& bias) {
#ifdef SDXL_WITH_CUDA
  if (kernelApplies(x) && x.dim() >= 1 && x.is_contiguous() && bias.dim() == 1 && bias.is_contiguous() &&
      bias.size(0) == x.size(-1) && bias.scalar_type() == x.scalar_type() && bias.device() == x.device()) {
    // One channels-last image of numel / c pixels: consecutive elements are consecutive channels.
    const int64_t c = x.size(-1);
    runChannelBias(x, x, bias, {}, {}, 1, c, c ? x.numel() / c : 0, /*channelsLast=*/true);
    return;
  }
#endif
  x.add_(bias);
}

at::Tensor concatChannels(const at::Tensor& a, const at::Tensor& b) {
#ifdef SDXL_WITH_CUDA
  const auto cl = at::MemoryFormat::ChannelsLast;
  if (kernelApplies(a) && a.dim() == 4 && b.dim() == 4 && b.scalar_type() == a.scalar_type() &&
      b.device() == a.device() && a.size(0) == b.size(0) && a.size(2) == b.size(2) && a.size(3) == b.size(3) &&
      a.is_contiguous(cl) && b.is_contiguous(cl)) {
    auto out = at::empty({a.size(0), a.size(1) + b.size(1), a.size(2), a.size(3)}, a.options().memory_format(cl));
    checkKernel(cuda::concatChannels(a.data_ptr(), b.data_ptr(), out.data_ptr(), a.size(0) * a.size(2) * a.size(3), a.size(1),
                               b.size(1), int(a.element_size()), c10::cuda::getCurrentCUDAStream(a.device().index()).stream()),
          "channel concatenation");
    return out;
  }
#endif
  return at::cat({a, b}, 1);
}

at::Tensor upsampleNearest(const at::Tensor& x, at::IntArrayRef size) {
#ifdef SDXL_WITH_CUDA
  const auto cl = at::MemoryFormat::ChannelsLast;
  if (kernelApplies(x) && x.dim() == 4 && size.size() == 2 && size[0] == 2 * x.size(2) && size[1] == 2 * x.size(3) &&
      x.is_contiguous(cl)) {
    auto out = at::empty({x.size(0), x.size(1), size[0], size[1]}, x.options().memory_format(cl));
    checkKernel(cuda::upsampleNearest2x(x.data_ptr(), out.data_ptr(), x.size(0), x.size(2), x.size(3), x.size(1),
                                  int(x.element_size()), c10::cuda::getCurrentCUDAStream(x.device().index()).stream()),
          "nearest upsampling");
    return out;
  }
#endif
  return at::upsample_nearest2d(x, size);
}

at::Tensor gegluAten(const at::Tensor& projected, bool interleaved) {
  const int64_t cols = projected.size(-1);
  if (interleaved) return projected.slice(-1, 0, cols, 2) * at::gelu(projected.slice(-1, 1, cols, 2));
  auto halves = projected.chunk(2, -1);
  return halves[0] * at::gelu(halves[1]);
}

at::Tensor geglu(const at::Tensor& projected, bool interleaved) {
#ifdef SDXL_WITH_CUDA
  if (kernelApplies(projected) && projected.is_contiguous() && projected.size(-1) % 2 == 0 && projected.numel() > 0) {
    const int64_t f = projected.size(-1) / 2, rows = projected.numel() / (2 * f);
    auto sizes = projected.sizes().vec();
    sizes.back() = f;
    auto out = at::empty(sizes, projected.options());
    checkKernel(cuda::geglu(projected.data_ptr(), out.data_ptr(), rows, f, interleaved, kernelType(projected),
                      c10::cuda::getCurrentCUDAStream(projected.device().index()).stream()),
          "GEGLU");
    return out;
  }
#endif
  return gegluAten(projected, interleaved);
}

at::Tensor gegluCheckpointView(const at::Tensor& interleaved) {
  // Stored row 2j + s is checkpoint row s * f + j: (f, 2, ...) transposed to (2, f, ...).
  auto pairs = interleaved.sizes().vec();
  pairs[0] /= 2;
  pairs.insert(pairs.begin() + 1, 2);
  return interleaved.view(pairs).transpose(0, 1);
}

at::Tensor interleaveGegluRows(const at::Tensor& w) {
  auto out = at::empty_like(w, at::MemoryFormat::Contiguous);
  auto view = gegluCheckpointView(out);
  view.copy_(w.reshape(view.sizes()));
  return out;
}

at::Tensor gegluLinearAten(const at::Tensor& x, const at::Tensor& wInterleaved, const at::Tensor& bInterleaved) {
  return gegluAten(at::linear(x, wInterleaved, bInterleaved), /*interleaved=*/true);
}

bool gegluLinearFuses(const at::Tensor& x, int64_t k) {
#ifdef SDXL_WITH_SM90_KERNELS
  // The H200, per projection: 0.345 ms fused against 0.387 ms at k = 1280 (rows 8192, f 5120),
  // but 0.531 against 0.474 ms at k = 640 (rows 32768, f 2560), where the gate in the epilogue
  // is no longer hidden behind the shorter main loop.
  const auto t = x.scalar_type();
  return KernelSettings::get().fusedKernels && x.is_cuda() && (t == at::kHalf || t == at::kBFloat16) && k >= 1024 &&
         cuda::gegluGemmAvailable();
#else
  (void)x;
  (void)k;
  return false;
#endif
}

at::Tensor gegluLinear(const at::Tensor& x, const at::Tensor& wInterleaved, const at::Tensor& bInterleaved) {
#ifdef SDXL_WITH_SM90_KERNELS
  const int64_t k = x.size(-1), f = wInterleaved.size(0) / 2, rows = k ? x.numel() / k : 0;
  if (gegluLinearFuses(x, k) && x.is_contiguous() && wInterleaved.is_contiguous() && bInterleaved.defined() &&
      bInterleaved.is_contiguous() && wInterleaved.scalar_type() == x.scalar_type() &&
      bInterleaved.scalar_type() == x.scalar_type() && wInterleaved.size(1) == k && k % 8 == 0 && f % 8 == 0 &&
      rows > 0 && rows < (int64_t(1) << 31) && cuda::aligned16(x.data_ptr()) &&
      cuda::aligned16(wInterleaved.data_ptr()) && cuda::aligned16(bInterleaved.data_ptr())) {
    auto sizes = x.sizes().vec();
    sizes.back() = f;
    auto out = at::empty(sizes, x.options());
    const auto type = kernelType(x);
    // From the caching allocator, so that a CUDA graph capture owns it (+1: never zero-sized).
    auto workspace = at::empty({static_cast<int64_t>(cuda::gegluGemmWorkspaceBytes(rows, k, f, type)) + 1},
                               x.options().dtype(at::kByte));
    checkKernel(cuda::gegluGemm(x.data_ptr(), wInterleaved.data_ptr(), bInterleaved.data_ptr(), out.data_ptr(), rows, k, f, type,
                          workspace.data_ptr(), c10::cuda::getCurrentCUDAStream(x.device().index()).stream()),
          "GEGLU GEMM");
    return out;
  }
#endif
  return geglu(at::linear(x, wInterleaved, bInterleaved), /*interleaved=*/true);
}

} // namespace sdxl::nn
