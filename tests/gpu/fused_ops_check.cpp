// GPU check of the fused kernels (core/src/cuda/) against ATen: correctness on fresh random
// inputs for every dtype, layout and path (vectorised and scalar), then each kernel's time
// beside ATen's at the UNet's and the VAE's shapes. Exits 1 when a check fails.
//   sdxl_gpu_fused_ops_check [OUT.json]
#include "nn/fused_ops.h"
#include "cuda/fused_kernels.h"
#include "nn/gemm_epilogue.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include "median_time.h"
#include <c10/cuda/CUDAStream.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>

using namespace sdxl;
using gpu_checks::medianMs;

namespace {

double relError(const at::Tensor& got, const at::Tensor& want) {
  auto g = got.to(at::kDouble), w = want.to(at::kDouble);
  return ((g - w).norm() / w.norm().clamp_min(1e-30)).item<double>();
}

const char* name(at::ScalarType t) { return t == at::kHalf ? "fp16" : t == at::kBFloat16 ? "bf16" : "fp32"; }

// Tolerances against an fp64 computation on the same (rounded) inputs: ATen itself must pass them.
double tolerance(at::ScalarType t) { return t == at::kFloat ? 1e-5 : t == at::kHalf ? 2e-3 : 1.5e-2; }

} // namespace

int main(int argc, char** argv) {
  if (!torch::cuda::is_available() || !nn::fusedKernelsBuilt()) {
    std::fprintf(stderr, "needs a CUDA device and a build with the CUDA kernels\n");
    return 2;
  }
  c10::InferenceMode inference;
  torch::manual_seed(1234);
  nlohmann::json rows = nlohmann::json::array();
  bool ok = true;

  struct Shape {
    int64_t n, c, h, w, groups;
  };
  const std::vector<Shape> shapes = {{8, 320, 128, 128, 32}, {8, 640, 64, 64, 32}, {8, 1280, 32, 32, 32},
                                     {8, 2560, 32, 32, 32},  {2, 960, 64, 64, 32},  {1, 128, 512, 512, 32},
                                     {3, 12, 7, 5, 4},       {2, 40, 9, 9, 8}};
  for (auto dtype : {at::kFloat, at::kHalf, at::kBFloat16}) {
    for (const auto& s : shapes) {
      for (bool channelsLast : {false, true}) {
        for (int variant = 0; variant < 2; ++variant) { // 0: plain; 1: addend + SiLU
          const bool silu = variant == 1;
          auto opts = at::TensorOptions().device(at::kCUDA).dtype(dtype);
          auto x = (at::randn({s.n, s.c, s.h, s.w}, opts.dtype(at::kFloat)) * 1.5 + 0.3).to(dtype);
          if (channelsLast) x = x.contiguous(at::MemoryFormat::ChannelsLast);
          auto gamma = (at::randn({s.c}, opts.dtype(at::kFloat)) * 0.5 + 1).to(dtype);
          auto beta = (at::randn({s.c}, opts.dtype(at::kFloat)) * 0.2).to(dtype);
          at::Tensor addend = silu ? at::randn({s.n, s.c}, opts) : at::Tensor();
          auto fused = nn::groupNorm(x, s.groups, gamma, beta, 1e-5, silu, addend);
          auto aten = nn::groupNormAten(x, s.groups, gamma, beta, 1e-5, silu, addend);
          auto exact = nn::groupNormAten(x.to(at::kDouble), s.groups, gamma.to(at::kDouble), beta.to(at::kDouble), 1e-5, silu,
                                         addend.defined() ? addend.to(at::kDouble) : addend);
          const double errFused = relError(fused, exact), errAten = relError(aten, exact);
          const bool finite = at::isfinite(fused).all().item<bool>();
          const bool layoutKept = channelsLast ? fused.is_contiguous(at::MemoryFormat::ChannelsLast) : fused.is_contiguous();
          // Written over its input (what a ResNet block does with an input it owns): the same values.
          auto overwritten = nn::groupNorm(x.clone(), s.groups, gamma, beta, 1e-5, silu, addend, /*mayOverwrite=*/true);
          const bool inPlaceSame = at::equal(overwritten, fused);
          const bool pass = finite && layoutKept && inPlaceSame && errFused <= std::max(tolerance(dtype), 2 * errAten);
          ok = ok && pass;
          double msFused = 0, msAten = 0;
          if (s.n * s.c * s.h * s.w >= (1 << 20)) {
            msFused = medianMs([&] { nn::groupNorm(x, s.groups, gamma, beta, 1e-5, silu, addend); });
            msAten = medianMs([&] { nn::groupNormAten(x, s.groups, gamma, beta, 1e-5, silu, addend); });
          }
          std::printf("%s groupnorm %s %-5s n%lld c%lld %lldx%lld%s: err %.2e (aten %.2e) %.3f ms (aten %.3f ms)\n",
                      pass ? "ok  " : "FAIL", name(dtype), channelsLast ? "nhwc" : "nchw", (long long)s.n, (long long)s.c,
                      (long long)s.h, (long long)s.w, silu ? " +addend+silu" : "", errFused, errAten, msFused, msAten);
          rows.push_back({{"op", "group_norm"}, {"dtype", name(dtype)}, {"channels_last", channelsLast}, {"silu_addend", silu},
                          {"shape", {s.n, s.c, s.h, s.w}}, {"err", errFused}, {"err_aten", errAten}, {"pass", pass},
                          {"ms", msFused}, {"ms_aten", msAten}});
        }
      }
    }
    for (auto [rows_, f] : std::vector<std::pair<int64_t, int64_t>>{{8 * 1024, 5120}, {8 * 4096, 2560}, {77, 12}, {5, 7}}) {
      auto opts = at::TensorOptions().device(at::kCUDA).dtype(dtype);
      auto in = at::randn({rows_, 2 * f}, opts) * 2;
      auto fused = nn::geglu(in), aten = nn::gegluAten(in);
      const bool bitExact = at::equal(fused, aten) && at::equal(nn::geglu(in, true), nn::gegluAten(in, true));
      const double err = relError(fused, aten);
      const bool pass = at::isfinite(fused).all().item<bool>() && (dtype == at::kFloat ? err < 1e-6 : bitExact);
      ok = ok && pass;
      double msFused = 0, msAten = 0;
      if (rows_ * f >= (1 << 20)) {
        msFused = medianMs([&] { nn::geglu(in); });
        msAten = medianMs([&] { nn::gegluAten(in); });
      }
      std::printf("%s geglu %s %lldx%lld: %s (err %.2e) %.3f ms (aten %.3f ms)\n", pass ? "ok  " : "FAIL", name(dtype),
                  (long long)rows_, (long long)f, bitExact ? "bit-exact" : "differs", err, msFused, msAten);
      rows.push_back({{"op", "geglu"}, {"dtype", name(dtype)}, {"rows", rows_}, {"f", f}, {"bit_exact", bitExact},
                      {"err", err}, {"pass", pass}, {"ms", msFused}, {"ms_aten", msAten}});
    }
  }
  for (auto dtype : {at::kFloat, at::kHalf, at::kBFloat16}) {
    for (auto [rows_, d] : std::vector<std::pair<int64_t, int64_t>>{
             {8 * 4096, 640}, {8 * 1024, 1280}, {2 * 77, 768}, {7, 2048}, {33, 256}, {17, 512}, {9, 1024}, {5, 1536}, {17, 640}, {7, 384}}) {
      auto opts = at::TensorOptions().device(at::kCUDA).dtype(dtype);
      auto x = (at::randn({rows_, d}, opts.dtype(at::kFloat)) * 3 + 1).to(dtype);
      auto w = (at::randn({d}, opts.dtype(at::kFloat)) * 0.5 + 1).to(dtype), b = at::randn({d}, opts) * 0.1;
      auto fused = nn::layerNorm(x, w, b, 1e-5), aten = nn::layerNormAten(x, w, b, 1e-5);
      auto exact = nn::layerNormAten(x.to(at::kDouble), w.to(at::kDouble), b.to(at::kDouble), 1e-5);
      const double err = relError(fused, exact), errAten = relError(aten, exact);
      const bool pass = at::isfinite(fused).all().item<bool>() && err <= std::max(tolerance(dtype), 2 * errAten);
      ok = ok && pass;
      double msFused = 0, msAten = 0;
      if (rows_ * d >= (1 << 20)) {
        msFused = medianMs([&] { nn::layerNorm(x, w, b, 1e-5); });
        msAten = medianMs([&] { nn::layerNormAten(x, w, b, 1e-5); });
      }
      std::printf("%s layernorm %s %lldx%lld: err %.2e (aten %.2e) %.3f ms (aten %.3f ms)\n", pass ? "ok  " : "FAIL",
                  name(dtype), (long long)rows_, (long long)d, err, errAten, msFused, msAten);
      rows.push_back({{"op", "layer_norm"}, {"dtype", name(dtype)}, {"rows", rows_}, {"d", d}, {"err", err},
                      {"err_aten", errAten}, {"pass", pass}, {"ms", msFused}, {"ms_aten", msAten}});
    }
  }
  // A convolution's bias folded into the residual sum after it (addChannelBias): bit-exact
  // against ATen's separate additions, in place (moved in) or beside.
  for (auto dtype : {at::kFloat, at::kHalf, at::kBFloat16}) {
    for (const auto& s : std::vector<Shape>{{8, 320, 128, 128, 0}, {8, 1280, 32, 32, 0}, {1, 128, 512, 512, 0}, {3, 12, 7, 5, 0}}) {
      for (bool channelsLast : {false, true}) {
        for (int variant = 0; variant < 3; ++variant) { // 0: bias; 1: bias + other + its bias; 2: other only
          auto opts = at::TensorOptions().device(at::kCUDA).dtype(dtype);
          const auto format = channelsLast ? at::MemoryFormat::ChannelsLast : at::MemoryFormat::Contiguous;
          auto y = at::randn({s.n, s.c, s.h, s.w}, opts).contiguous(format);
          auto other = variant ? at::randn({s.n, s.c, s.h, s.w}, opts).contiguous(format) : at::Tensor();
          auto bias = variant < 2 ? at::randn({s.c}, opts) : at::Tensor();
          auto otherBias = variant == 1 ? at::randn({s.c}, opts) : at::Tensor();
          auto aten = nn::addChannelBiasAten(y, bias, other, otherBias);
          auto fused = nn::addChannelBias(y, bias, other, otherBias); // y still referenced: a new tensor
          auto owned = y.clone(at::MemoryFormat::Preserve);
          const void* ownedPtr = owned.data_ptr();
          auto over = nn::addChannelBias(std::move(owned), bias, other, otherBias);
          const bool pass = at::equal(fused, aten) && at::equal(over, aten) && over.data_ptr() == ownedPtr &&
                            fused.data_ptr() != y.data_ptr() && fused.is_contiguous(format);
          ok = ok && pass;
          double msFused = 0, msAten = 0;
          if (s.n * s.c * s.h * s.w >= (1 << 20)) {
            msFused = medianMs([&] { nn::addChannelBias(y, bias, other, otherBias); });
            msAten = medianMs([&] { nn::addChannelBiasAten(y, bias, other, otherBias); });
          }
          static const char* variants[] = {"bias", "bias+other+bias", "other"};
          std::printf("%s channel_bias %s %-5s n%lld c%lld %lldx%lld %s: %s %.3f ms (aten %.3f ms)\n", pass ? "ok  " : "FAIL",
                      name(dtype), channelsLast ? "nhwc" : "nchw", (long long)s.n, (long long)s.c, (long long)s.h,
                      (long long)s.w, variants[variant], pass ? "bit-exact" : "differs", msFused, msAten);
          rows.push_back({{"op", "channel_bias"}, {"dtype", name(dtype)}, {"channels_last", channelsLast},
                          {"variant", variants[variant]}, {"shape", {s.n, s.c, s.h, s.w}}, {"pass", pass},
                          {"ms", msFused}, {"ms_aten", msAten}});
        }
      }
    }
  }
  // A bias added in place to a slice of rows (addBiasInPlace: the zero-context rows'
  // cross-attention output), bit-exact against ATen's add, the other rows untouched.
  for (auto dtype : {at::kFloat, at::kHalf, at::kBFloat16}) {
    for (const auto& s : std::vector<std::array<int64_t, 3>>{{8, 1024, 1280}, {8, 4096, 640}, {3, 7, 12}, {3, 7, 5}}) {
      auto opts = at::TensorOptions().device(at::kCUDA).dtype(dtype);
      auto x = at::randn({s[0], s[1], s[2]}, opts), bias = at::randn({s[2]}, opts);
      const int64_t half = s[0] / 2;
      auto want = x.clone();
      want.narrow(0, 0, half).add_(bias);
      auto got = x.clone();
      nn::addBiasInPlace(got.narrow(0, 0, half), bias);
      const bool pass = at::equal(got, want);
      ok = ok && pass;
      double msFused = 0, msAten = 0;
      if (x.numel() >= (1 << 20)) {
        msFused = medianMs([&] { nn::addBiasInPlace(got.narrow(0, 0, half), bias); });
        msAten = medianMs([&] { got.narrow(0, 0, half).add_(bias); });
      }
      std::printf("%s add_bias_in_place %s %lldx%lldx%lld (first %lld rows): %s %.3f ms (aten %.3f ms)\n",
                  pass ? "ok  " : "FAIL", name(dtype), (long long)s[0], (long long)s[1], (long long)s[2], (long long)half,
                  pass ? "bit-exact" : "differs", msFused, msAten);
      rows.push_back({{"op", "add_bias_in_place"}, {"dtype", name(dtype)}, {"shape", {s[0], s[1], s[2]}}, {"pass", pass},
                      {"ms", msFused}, {"ms_aten", msAten}});
    }
  }
  // The GEGLU projection (interleaved rows): one GEMM with the gate in its epilogue where it
  // fuses (cuda/sm90/geglu_gemm.h), else the projection and the interleaved GEGLU kernel;
  // against fp64 and beside what it replaced: cuBLAS's projection, then the GEGLU kernel.
  for (auto dtype : {at::kHalf, at::kBFloat16}) {
    struct Proj {
      int64_t rows, k, f;
    };
    for (const auto& p : std::vector<Proj>{{8 * 1024, 1280, 5120}, {8 * 4096, 640, 2560}, {2 * 1024, 1280, 5120},
                                           {1000, 1280, 5120}, {77, 1024, 24}, {77, 64, 24}}) {
      auto opts = at::TensorOptions().device(at::kCUDA).dtype(dtype);
      auto x = at::randn({p.rows, p.k}, opts), w = at::randn({2 * p.f, p.k}, opts) / std::sqrt(double(p.k));
      auto b = at::randn({2 * p.f}, opts) * 0.1;
      auto wI = nn::interleaveGegluRows(w), bI = nn::interleaveGegluRows(b);
      const bool fuses = nn::gegluLinearFuses(x, p.k);
      auto fused = nn::gegluLinear(x, wI, bI), aten = nn::gegluAten(at::linear(x, w, b));
      auto exact = nn::gegluAten(at::linear(x.to(at::kDouble), w.to(at::kDouble), b.to(at::kDouble)));
      const double err = relError(fused, exact), errAten = relError(aten, exact);
      const bool pass = at::isfinite(fused).all().item<bool>() && err <= std::max(tolerance(dtype), 2 * errAten);
      ok = ok && pass;
      const double msFused = medianMs([&] { nn::gegluLinear(x, wI, bI); });
      const double msBefore = medianMs([&] { nn::geglu(at::linear(x, w, b)); });
      std::printf("%s geglu_linear %s %lldx%lld->%lld (%s): err %.2e (aten %.2e) %.3f ms (linear + geglu kernel %.3f ms)\n",
                  pass ? "ok  " : "FAIL", name(dtype), (long long)p.rows, (long long)p.k, (long long)p.f,
                  fuses ? "one GEMM" : "GEMM + kernel", err, errAten, msFused, msBefore);
      rows.push_back({{"op", "geglu_linear"}, {"dtype", name(dtype)}, {"rows", p.rows}, {"k", p.k}, {"f", p.f},
                      {"one_gemm", fuses}, {"err", err}, {"err_aten", errAten}, {"pass", pass}, {"ms", msFused},
                      {"ms_linear_then_geglu", msBefore}});
    }
  }
  // residual + x W^T + b in one cuBLASLt GEMM, and x W^T + b alone (gemm_epilogue.h): against fp64, with
  // and without bias, written over the residual (moved in) or beside it (still referenced).
  for (auto dtype : {at::kHalf, at::kBFloat16}) {
    struct Gemm {
      int64_t rows, in, out;
    };
    for (auto g : {Gemm{8 * 4096, 640, 640}, Gemm{8 * 1024, 5120, 1280}, Gemm{2 * 4096, 2560, 640}, Gemm{77, 24, 40},
                   Gemm{3, 7, 5}}) {
      for (bool withBias : {true, false}) {
        auto opts = at::TensorOptions().device(at::kCUDA).dtype(dtype);
        auto x = at::randn({g.rows, g.in}, opts), res = at::randn({g.rows, g.out}, opts) * 2;
        auto w = at::randn({g.out, g.in}, opts) / std::sqrt(static_cast<double>(g.in));
        auto b = withBias ? at::randn({g.out}, opts) : at::Tensor();
        auto exact = nn::linearAddAten(x.to(at::kDouble), w.to(at::kDouble), withBias ? b.to(at::kDouble) : b,
                                       res.to(at::kDouble));
        auto aten = nn::linearAddAten(x, w, b, res);
        auto kept = nn::linearAdd(x, w, b, res); // res still referenced here: a new tensor
        const bool untouched = kept.data_ptr() != res.data_ptr() && at::equal(kept, nn::linearAdd(x, w, b, res));
        auto owned = res.clone();
        const void* ownedPtr = owned.data_ptr();
        auto over = nn::linearAdd(x, w, b, std::move(owned));
        const bool overwrote = over.data_ptr() == ownedPtr;
        const double err = relError(kept, exact), errAten = relError(aten, exact), errOver = relError(over, exact);
        const double tol = std::max(tolerance(dtype), 2 * errAten);
        // The same call without a residual (beta = 0): what nn::linear computes.
        auto plainExact = at::linear(x.to(at::kDouble), w.to(at::kDouble), withBias ? b.to(at::kDouble) : b);
        const double errPlain = relError(nn::linear(x, w, b), plainExact);
        const bool plainOk = errPlain <= std::max(tolerance(dtype), 2 * relError(at::linear(x, w, b), plainExact));
        // In place on a slice of rows (linearAddInPlace): the slice against fp64, the rows before
        // it untouched.
        auto sliced = res.clone();
        const int64_t skip = g.rows / 2;
        nn::linearAddInPlace(x.narrow(0, skip, g.rows - skip), w, b, sliced.narrow(0, skip, g.rows - skip));
        const bool sliceOk = at::equal(sliced.narrow(0, 0, skip), res.narrow(0, 0, skip)) &&
                             relError(sliced.narrow(0, skip, g.rows - skip), exact.narrow(0, skip, g.rows - skip)) <= tol;
        const bool pass = at::isfinite(kept).all().item<bool>() && untouched && overwrote && err <= tol && errOver <= tol &&
                          plainOk && sliceOk;
        if (!pass)
          std::printf("  (new tensor and deterministic %d, overwrote %d, err over %.2e, max|over-kept| %.2e, linear err %.2e, "
                      "in place on a slice %d)\n",
                      untouched, overwrote, errOver, (over - kept).abs().max().item<double>(), errPlain, sliceOk);
        ok = ok && pass;
        double msFused = 0, msAten = 0;
        if (g.rows * g.out >= (1 << 20)) {
          msFused = medianMs([&] { nn::linearAdd(x, w, b, res); });
          msAten = medianMs([&] { nn::linearAddAten(x, w, b, res); });
        }
        std::printf("%s linear_add %s %lldx%lld->%lld%s: err %.2e (aten %.2e) %.3f ms (aten %.3f ms)\n",
                    pass ? "ok  " : "FAIL", name(dtype), (long long)g.rows, (long long)g.in, (long long)g.out,
                    withBias ? " +bias" : "", err, errAten, msFused, msAten);
        rows.push_back({{"op", "linear_add"}, {"dtype", name(dtype)}, {"rows", g.rows}, {"in", g.in}, {"out", g.out},
                        {"bias", withBias}, {"err", err}, {"err_aten", errAten}, {"pass", pass}, {"ms", msFused},
                        {"ms_aten", msAten}});
      }
    }
  }
  // The up path's channels-last copies: skip concatenation and nearest upsampling by 2, bit-exact
  // against ATen's, beside ATen's time.
  for (auto dtype : {at::kFloat, at::kHalf, at::kBFloat16}) {
    const auto cl = at::MemoryFormat::ChannelsLast;
    auto opts = at::TensorOptions().device(at::kCUDA).dtype(dtype);
    struct Cat {
      int64_t n, ca, cb, h, w;
    };
    for (auto c : {Cat{8, 1280, 1280, 32, 32}, Cat{8, 1280, 640, 64, 64}, Cat{8, 640, 320, 128, 128}, Cat{2, 3, 5, 7, 9},
                   Cat{1, 6, 2, 5, 5}}) {
      auto a = at::randn({c.n, c.ca, c.h, c.w}, opts).contiguous(cl), b = at::randn({c.n, c.cb, c.h, c.w}, opts).contiguous(cl);
      auto ours = nn::concatChannels(a, b), aten = at::cat({a, b}, 1);
      const bool pass = at::equal(ours, aten) && ours.is_contiguous(cl);
      ok = ok && pass;
      double ms = 0, msAten = 0;
      if (c.n * (c.ca + c.cb) * c.h * c.w >= (1 << 20)) {
        ms = medianMs([&] { nn::concatChannels(a, b); });
        msAten = medianMs([&] { at::cat({a, b}, 1); });
      }
      std::printf("%s concat_channels %s n%lld %lld+%lld %lldx%lld: %s %.3f ms (aten %.3f ms)\n", pass ? "ok  " : "FAIL",
                  name(dtype), (long long)c.n, (long long)c.ca, (long long)c.cb, (long long)c.h, (long long)c.w,
                  pass ? "bit-exact" : "differs", ms, msAten);
      rows.push_back({{"op", "concat_channels"}, {"dtype", name(dtype)}, {"shape", {c.n, c.ca, c.cb, c.h, c.w}},
                      {"pass", pass}, {"ms", ms}, {"ms_aten", msAten}});
    }
    struct Up {
      int64_t n, c, h, w;
    };
    for (auto u : {Up{8, 1280, 32, 32}, Up{8, 640, 64, 64}, Up{1, 512, 128, 128}, Up{2, 3, 5, 7}, Up{1, 6, 4, 3}}) {
      auto x = at::randn({u.n, u.c, u.h, u.w}, opts).contiguous(cl);
      const std::vector<int64_t> size{2 * u.h, 2 * u.w};
      auto ours = nn::upsampleNearest(x, size), aten = at::upsample_nearest2d(x, size);
      const bool pass = at::equal(ours, aten) && ours.is_contiguous(cl);
      ok = ok && pass;
      double ms = 0, msAten = 0;
      if (u.n * u.c * u.h * u.w >= (1 << 18)) {
        ms = medianMs([&] { nn::upsampleNearest(x, size); });
        msAten = medianMs([&] { at::upsample_nearest2d(x, size); });
      }
      std::printf("%s upsample_nearest %s n%lld c%lld %lldx%lld: %s %.3f ms (aten %.3f ms)\n", pass ? "ok  " : "FAIL",
                  name(dtype), (long long)u.n, (long long)u.c, (long long)u.h, (long long)u.w,
                  pass ? "bit-exact" : "differs", ms, msAten);
      rows.push_back({{"op", "upsample_nearest"}, {"dtype", name(dtype)}, {"shape", {u.n, u.c, u.h, u.w}}, {"pass", pass},
                      {"ms", ms}, {"ms_aten", msAten}});
    }
  }
  // The materialised attention's softmax (rows of scores), in place and not, against fp64.
  for (auto dtype : {at::kFloat, at::kHalf, at::kBFloat16}) {
    for (auto [rows_, m] : std::vector<std::pair<int64_t, int64_t>>{
             {8 * 10 * 1024, 4096}, {8 * 20 * 1024, 1024}, {8 * 10 * 512, 77}, {4 * 64, 16384}, {1000, 2047}, {3, 5}}) {
      auto opts = at::TensorOptions().device(at::kCUDA).dtype(dtype);
      auto x = (at::randn({rows_, m}, opts.dtype(at::kFloat)) * 4).to(dtype);
      if (!cuda::softmaxFits(x.data_ptr(), x.data_ptr(), m, dtype == at::kFloat ? cuda::DType::F32 : cuda::DType::F16))
        continue; // ATen's (16384 fp32 rows)
      auto fused = nn::softmax(x), aten = nn::softmaxAten(x);
      auto exact = at::softmax(x.to(at::kDouble), -1);
      auto inPlace = nn::softmax(x.clone(), /*mayOverwrite=*/true);
      const double err = relError(fused, exact), errAten = relError(aten, exact);
      const bool pass = at::isfinite(fused).all().item<bool>() && at::equal(inPlace, fused) &&
                        err <= std::max(tolerance(dtype), 2 * errAten);
      ok = ok && pass;
      double msFused = 0, msAten = 0;
      if (rows_ * m >= (1 << 24)) {
        msFused = medianMs([&] { nn::softmax(x); });
        msAten = medianMs([&] { at::softmax(x, -1); });
      }
      std::printf("%s softmax %s %lldx%lld: err %.2e (aten %.2e) %.3f ms (aten %.3f ms)\n", pass ? "ok  " : "FAIL",
                  name(dtype), (long long)rows_, (long long)m, err, errAten, msFused, msAten);
      rows.push_back({{"op", "softmax"}, {"dtype", name(dtype)}, {"rows", rows_}, {"m", m}, {"err", err},
                      {"err_aten", errAten}, {"pass", pass}, {"ms", msFused}, {"ms_aten", msAten}});
    }
  }
  // Cross-attention over few keys, with q, k, v the views the model makes of its projections
  // (b, tokens, heads * 64) -> (b, heads, tokens, 64), against fp64 and beside SDPA's kernels.
  for (auto dtype : {at::kHalf, at::kBFloat16}) {
    struct Attn {
      int64_t b, heads, n, m;
    };
    for (auto a : {Attn{8, 20, 1024, 77}, Attn{8, 10, 4096, 77}, Attn{2, 20, 1024, 77}, Attn{3, 5, 1000, 77},
                   Attn{2, 4, 129, 128}, Attn{1, 2, 17, 1}, Attn{2, 3, 300, 100}, Attn{1, 1, 5, 80}}) {
      auto opts = at::TensorOptions().device(at::kCUDA).dtype(dtype);
      auto heads = [&](int64_t tokens) {
        return at::randn({a.b, tokens, a.heads * 64}, opts).view({a.b, tokens, a.heads, 64}).transpose(1, 2);
      };
      auto q = heads(a.n), k = heads(a.m), v = heads(a.m);
      const bool applies = nn::fewKeysAttentionApplies(q, k, v);
      auto ours = nn::fewKeysAttention(q, k, v), sdpa = at::scaled_dot_product_attention(q, k, v);
      auto exact = at::scaled_dot_product_attention(q.to(at::kDouble), k.to(at::kDouble), v.to(at::kDouble));
      const double err = relError(ours, exact), errSdpa = relError(sdpa, exact);
      const bool pass = applies && at::isfinite(ours).all().item<bool>() && ours.sizes() == sdpa.sizes() &&
                        ours.transpose(1, 2).is_contiguous() && err <= std::max(tolerance(dtype), 2 * errSdpa);
      ok = ok && pass;
      double ms = 0, msSdpa = 0;
      if (a.b * a.heads * a.n >= (1 << 16)) {
        ms = medianMs([&] { nn::fewKeysAttention(q, k, v); });
        msSdpa = medianMs([&] { at::scaled_dot_product_attention(q, k, v); });
      }
      std::printf("%s few_keys_attention %s b%lld h%lld n%lld m%lld: err %.2e (sdpa %.2e) %.3f ms (sdpa %.3f ms)\n",
                  pass ? "ok  " : "FAIL", name(dtype), (long long)a.b, (long long)a.heads, (long long)a.n,
                  (long long)a.m, err, errSdpa, ms, msSdpa);
      rows.push_back({{"op", "few_keys_attention"}, {"dtype", name(dtype)}, {"shape", {a.b, a.heads, a.n, a.m}},
                      {"err", err}, {"err_sdpa", errSdpa}, {"pass", pass}, {"ms", ms}, {"ms_sdpa", msSdpa}});
    }
  }
  if (argc > 1) std::ofstream(argv[1]) << rows.dump(1);
  std::printf(ok ? "fused kernels: all checks passed\n" : "fused kernels: FAILURES\n");
  return ok ? 0 : 1;
}
