// Where the UNet step's time goes, on the GPU: the full-size SDXL-base UNet (random weights,
// fp16, the pipeline's layout) under the Kineto profiler, its kernels summed by name and by kind;
// then the step's building blocks beside their alternatives (SDPA backends, the materialised
// attention's chunk size, GEMM shapes). Prints text; nothing is asserted.
//   sdxl_gpu_unet_profile [BATCH] [fp16|bf16] [step] [tuned] [cudnn] [vae]
// step: the UNet step alone; tuned: with the GEMMs' autotuning on, as the compile switch runs it
// (cudnn: with cuDNN's benchmark mode on too); vae: the VAE's decode of BATCH/2 1024x1024 images
// in bf16 (the fp16 pipeline's decode), NCHW against channels-last, and its kernels.
// The step runs as the pipeline runs it for an empty negative prompt: cross-attention K and V
// computed once, the zero half skipped (nn::CrossAttentionKV::zeroRows); it also prints the step
// that cross-attends every row.
#include "io/component_loader.h"
#include "nn/attention.h"
#include "nn/fused_ops.h"
#include "nn/layers.h"
#include "pipeline/decoding.h"

#include <torch/csrc/autograd/profiler_kineto.h>
#include <torch/torch.h>

#include "median_time.h"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>

using namespace sdxl;
using gpu_checks::medianMs;

namespace {

std::string kindOf(const std::string& n) {
  auto has = [&](const char* s) { return n.find(s) != std::string::npos; };
  if (has("flash") || has("fmha") || has("attention") || has("cudnn_generated_fort_native_sdpa")) return "attention";
  if (has("conv") || has("fprop") || has("dgrad") || has("implicit_convolve") || has("xmma_cudnn")) return "convolution";
  if (has("gemm") || has("nvjet") || has("cutlass") || has("xmma") || has("s16816") || has("sm90")) return "gemm";
  if (has("sdxl")) return "ours (fused kernels)";
  if (has("softmax")) return "softmax";
  if (has("copy") || has("Memcpy") || has("Memset")) return "copy";
  if (has("elementwise") || has("vectorized") || has("reduce")) return "elementwise";
  if (has("norm") || has("Norm")) return "norm (ATen)";
  return "other";
}

void profileStep(const std::function<void()>& step, int steps, size_t top = 45) {
  using namespace torch::autograd::profiler;
  using torch::profiler::impl::ActivityType;
  ProfilerConfig config(torch::profiler::impl::ProfilerState::KINETO);
  const std::set<ActivityType> activities{ActivityType::CPU, ActivityType::CUDA};
  prepareProfiler(config, activities);
  enableProfiler(config, activities);
  for (int i = 0; i < steps; ++i) step();
  torch::cuda::synchronize();
  auto result = disableProfiler();
  std::map<std::string, std::pair<double, int>> byName;
  std::map<std::string, double> byKind;
  double total = 0;
  for (const auto& e : result->events()) {
    if (e.deviceType() != c10::DeviceType::CUDA) continue;
    const double ms = e.durationNs() / 1e6 / steps;
    auto& slot = byName[e.name()];
    slot.first += ms;
    slot.second += 1;
    byKind[kindOf(e.name())] += ms;
    total += ms;
  }
  std::printf("GPU kernel time per step: %.2f ms\n", total);
  std::vector<std::pair<double, std::string>> kinds;
  for (auto& [k, v] : byKind) kinds.push_back({v, k});
  std::sort(kinds.rbegin(), kinds.rend());
  for (auto& [v, k] : kinds) std::printf("  %-22s %7.2f ms  %4.1f%%\n", k.c_str(), v, 100 * v / total);
  std::vector<std::tuple<double, int, std::string>> names;
  for (auto& [n, v] : byName) names.push_back({v.first, v.second / steps, n});
  std::sort(names.rbegin(), names.rend());
  std::printf("top kernels (ms per step, launches per step, kind, name):\n");
  for (size_t i = 0; i < std::min<size_t>(names.size(), top); ++i) {
    const auto& [v, c, n] = names[i];
    std::printf("  %6.2f %4d %-12.12s %.110s\n", v, c, kindOf(n).c_str(), n.c_str());
  }
}

} // namespace

int main(int argc, char** argv) {
  if (!torch::cuda::is_available()) {
    std::fprintf(stderr, "needs a CUDA device\n");
    return 2;
  }
  const int64_t batch = argc > 1 ? std::atoll(argv[1]) : 8;
  const auto dtype = argc > 2 && std::string(argv[2]) == "bf16" ? torch::kBFloat16 : torch::kHalf;
  bool stepOnly = false, vaeOnly = false;
  for (int i = 3; i < argc; ++i) {
    if (std::string(argv[i]) == "step") stepOnly = true;
    if (std::string(argv[i]) == "vae") vaeOnly = true;
    if (std::string(argv[i]) == "tuned") nn::setGemmAutotuning(true);
    if (std::string(argv[i]) == "cudnn") at::globalContext().setBenchmarkCuDNN(true);
  }
  c10::InferenceMode inference;
  const auto opts = torch::TensorOptions().device(torch::kCUDA).dtype(dtype);
  const nn::ForwardOptions fwd{nn::AttentionBackend::Sdpa};

  if (vaeOnly) {
    io::ComponentSpec spec;
    spec.device = torch::kCUDA;
    spec.dtype = torch::kBFloat16;
    auto vae = io::randomAutoencoderKL("sdxl-base", spec, 3);
    const auto z = torch::randn({std::max<int64_t>(batch / 2, 1), 4, 128, 128}, opts.dtype(torch::kBFloat16));
    // decode() itself turns the latents channels-last on CUDA; the NCHW run goes around it.
    const double nchw = medianMs([&] { (void)vae->decoder(vae->postQuantConv(z), fwd); }, 5);
    nn::convertToChannelsLast(*vae);
    const double nhwc = medianMs([&] { (void)vae->decode(z, fwd); }, 5);
    std::printf("== VAE decode, %lld images of 1024x1024, bf16: NCHW %.2f ms, channels-last %.2f ms\n",
                static_cast<long long>(z.size(0)), nchw, nhwc);
    // The decoded images to bytes on the host: on the GPU (toImages), against converting on the host.
    const auto decoded = vae->decode(z, fwd);
    const double onGpu = medianMs([&] { (void)pipeline::toImages(decoded); }, 5);
    const double onHost = medianMs([&] {
      auto p = (decoded.to(torch::kFloat) / 2 + 0.5).clamp(0, 1).to(torch::kCPU).mul(255).round().to(torch::kUInt8);
      (void)p.permute({0, 2, 3, 1}).contiguous();
    }, 5);
    std::printf("== decoded images to host bytes: on the GPU %.2f ms, on the host %.2f ms\n", onGpu, onHost);
    profileStep([&] { (void)vae->decode(z, fwd); }, 2);
    return 0;
  }

  // The step, as the pipeline runs it.
  {
    io::ComponentSpec spec;
    spec.device = torch::kCUDA;
    spec.dtype = dtype;
    auto unet = io::randomUNet("sdxl-base", spec, 7);
    if (nn::channelsLastOn(torch::kCUDA)) nn::convertToChannelsLast(*unet);
    auto sample = torch::randn({batch, 4, 128, 128}, opts);
    auto t = torch::full({batch}, 500.0f, opts.dtype(torch::kFloat));
    // As the pipeline feeds it for an empty negative prompt: the unconditional half's context is
    // zeros, cross-attention K and V computed once per request.
    auto context = torch::randn({batch, 77, 2048}, opts);
    const int64_t zero = batch / 2;
    context.narrow(0, 0, zero).zero_();
    auto pooled = torch::randn({batch, 1280}, opts);
    auto ids = torch::tensor({1024.f, 1024.f, 0.f, 0.f, 1024.f, 1024.f}, opts).repeat({batch, 1});
    auto everyRow = unet->crossAttentionKV(context), skipping = unet->crossAttentionKV(context, zero);
    auto fwdEvery = fwd, fwdSkip = fwd;
    fwdEvery.crossKV = &everyRow;
    fwdSkip.crossKV = &skipping;
    auto stepEvery = [&] { (void)unet(sample, t, context, pooled, ids, fwdEvery); };
    auto step = [&] { (void)unet(sample, t, context, pooled, ids, fwdSkip); };
    const auto a = unet(sample, t, context, pooled, ids, fwdEvery), b = unet(sample, t, context, pooled, ids, fwdSkip);
    std::printf("== UNet step, batch %lld, %s: %.2f ms (median of 15), %.2f ms cross-attending the %lld zero rows too "
                "(max|diff| %.1e)\n",
                static_cast<long long>(batch), dtype == torch::kHalf ? "fp16" : "bf16", medianMs(step), medianMs(stepEvery),
                static_cast<long long>(zero), (a - b).abs().max().item<double>());
    profileStep(step, 3);
  }
  if (stepOnly) return 0;

  // Attention backends at the step's shapes (B, heads, tokens, 64).
  std::printf("== attention (ms): flash / efficient / cudnn / chosen\n");
  struct Shape {
    int64_t heads, n, m;
  };
  for (auto s : {Shape{10, 4096, 4096}, Shape{20, 1024, 1024}, Shape{10, 4096, 77}, Shape{20, 1024, 77}}) {
    auto q = torch::randn({batch, s.n, s.heads, 64}, opts).transpose(1, 2);
    auto k = torch::randn({batch, s.m, s.heads, 64}, opts).transpose(1, 2);
    auto v = torch::randn({batch, s.m, s.heads, 64}, opts).transpose(1, 2);
    auto ref = at::scaled_dot_product_attention(q, k, v);
    auto time = [&](const char* what, const std::function<at::Tensor()>& fn) {
      try {
        auto out = fn();
        const double err = (out.to(torch::kFloat) - ref.to(torch::kFloat)).abs().max().item<double>();
        std::printf("  h%lld n%lld m%lld %-9s %7.3f ms  max|diff| %.1e\n", (long long)s.heads, (long long)s.n,
                    (long long)s.m, what, medianMs([&] { (void)fn(); }), err);
      } catch (const std::exception& e) {
        std::printf("  h%lld n%lld m%lld %-9s unavailable: %.120s\n", (long long)s.heads, (long long)s.n, (long long)s.m,
                    what, e.what());
      }
    };
    time("flash", [&] { return std::get<0>(at::_scaled_dot_product_flash_attention(q, k, v)); });
    time("efficient", [&] { return std::get<0>(at::_scaled_dot_product_efficient_attention(q, k, v, {}, false)); });
    time("cudnn", [&] { return std::get<0>(at::_scaled_dot_product_cudnn_attention(q, k, v, {}, false)); });
    time("chosen", [&] { return at::scaled_dot_product_attention(q, k, v); });
  }

  // TAESD's decoder on one 1024x1024 image: NCHW against channels-last.
  {
    io::ComponentSpec spec;
    spec.device = torch::kCUDA;
    spec.dtype = dtype;
    auto taesd = io::randomAutoencoderTiny("sdxl-base", spec, 5);
    auto z = torch::randn({1, 4, 128, 128}, opts);
    const double nchw = medianMs([&] { (void)taesd->decoder(z); });
    nn::convertToChannelsLast(*taesd);
    auto zl = z.contiguous(at::MemoryFormat::ChannelsLast);
    const double nhwc = medianMs([&] { (void)taesd->decoder(zl); });
    std::printf("== TAESD decoder, one 1024x1024 image: NCHW %.2f ms, channels-last %.2f ms\n", nchw, nhwc);
  }

  // The materialised (default) attention: its kernels, then chunk size against time.
  {
    auto q = torch::randn({batch, 4096, 10, 64}, opts).transpose(1, 2);
    auto k = torch::randn({batch, 4096, 10, 64}, opts).transpose(1, 2);
    auto v = torch::randn({batch, 4096, 10, 64}, opts).transpose(1, 2);
    std::printf("== materialised attention h10 n4096, kernels\n");
    profileStep([&] { (void)nn::attend(q, k, v, nn::AttentionBackend::Math, false); }, 3, 8);
  }
  std::printf("== materialised attention by chunk (ms)\n");
  for (auto s : {Shape{10, 4096, 4096}, Shape{20, 1024, 1024}}) {
    auto q = torch::randn({batch, s.n, s.heads, 64}, opts).transpose(1, 2);
    auto k = torch::randn({batch, s.m, s.heads, 64}, opts).transpose(1, 2);
    auto v = torch::randn({batch, s.m, s.heads, 64}, opts).transpose(1, 2);
    for (int64_t mb : {64, 256, 1024, 4096}) {
      const double ms =
          medianMs([&] { (void)nn::attend(q, k, v, nn::AttentionBackend::Math, false, mb << 20); }, 5);
      std::printf("  h%lld n%lld chunk %4lld MiB %8.3f ms\n", (long long)s.heads, (long long)s.n, (long long)mb, ms);
    }
  }

  // GEMMs of the transformer blocks: separate against fused projections, bias and residual.
  std::printf("== GEMMs (ms, TFLOP/s)\n");
  for (int64_t dim : {640, 1280}) {
    const int64_t tokens = batch * (dim == 640 ? 4096 : 1024);
    auto x = torch::randn({tokens, dim}, opts);
    auto w = torch::randn({dim, dim}, opts) * 0.02, w3 = torch::randn({3 * dim, dim}, opts) * 0.02;
    auto b = torch::randn({dim}, opts), res = torch::randn({tokens, dim}, opts);
    auto wff = torch::randn({8 * dim, dim}, opts) * 0.02, bff = torch::randn({8 * dim}, opts);
    auto wout = torch::randn({dim, 4 * dim}, opts) * 0.02;
    auto hidden = torch::randn({tokens, 4 * dim}, opts);
    auto report = [&](const char* what, double flop, const std::function<void()>& fn) {
      const double ms = medianMs(fn);
      std::printf("  d%lld %-34s %7.3f ms %6.0f TFLOP/s\n", (long long)dim, what, ms, flop / ms / 1e9);
    };
    const double f1 = 2.0 * tokens * dim * dim;
    report("q,k,v separate (3 GEMMs)", 3 * f1, [&] {
      (void)at::linear(x, w);
      (void)at::linear(x, w);
      (void)at::linear(x, w);
    });
    report("qkv fused (1 GEMM)", 3 * f1, [&] { (void)at::linear(x, w3); });
    report("out proj + bias, then + residual", f1, [&] { (void)(at::linear(x, w, b) + res); });
    report("out proj: addmm(res + ..) no bias", f1, [&] { (void)at::addmm(res, x, w.t()); });
    report("ff in (8d) + bias", 8 * f1, [&] { (void)at::linear(x, wff, bff); });
    report("ff out (4d -> d) + bias + residual", 4 * f1, [&] { (void)(at::linear(hidden, wout, b) + res); });
    report("ff out addmm(res) no bias", 4 * f1, [&] { (void)at::addmm(res, hidden, wout.t()); });
    report("residual add alone", 0, [&] { (void)(res + x); });
  }
  return 0;
}
