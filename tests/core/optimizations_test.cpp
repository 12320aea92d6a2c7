// The switches on the CPU: every combination that works here gives the image it should, the
// ones that cannot work are refused with a reason, and telemetry answers without a GPU.
#include "io/component_loader.h"
#include "nn/attention.h"
#include "nn/gemm_epilogue.h"
#include "nn/layers.h"
#include "pipeline/decoding.h"
#include "pipeline/embedding_cache.h"
#include "pipeline/sdxl_model.h"
#include "sdxl/benchmark.h"
#include "sdxl/error.h"
#include "sdxl/pipeline.h"
#include "sdxl/switches.h"
#include "sdxl/telemetry.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

using namespace sdxl;

namespace {
GenerationRequest request(const OptimizationOptions& o = {}) {
  GenerationRequest r;
  r.prompt = "a lighthouse";
  r.negativePrompt = "fog";
  r.width = r.height = 64;
  r.steps = 4;
  r.images = 2;
  r.optimizations = o;
  r.optimizations.precision = Precision::FP32;
  return r;
}
} // namespace

TEST(Optimizations, ImpossibleCombinationsAreRefusedWithAReason) {
  OptimizationOptions o;
  o.compile = true;
  o.offload = Offload::Sequential;
  try {
    validate(request(o));
    FAIL() << "accepted compile with sequential offload";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("cannot be combined"), std::string::npos);
  }
  OptimizationOptions f;
  f.freeTextEncoders = true;
  EXPECT_THROW(validate(request(f)), Error);
}

TEST(Optimizations, GpuOnlySwitchesSayTheyNeedCuda) {
  Pipeline pipeline(ModelSource::parse("builtin:tiny"), "cpu");
  OptimizationOptions compile;
  compile.compile = true;
  OptimizationOptions offload;
  offload.offload = Offload::Model;
  for (const auto& o : {compile, offload}) {
    try {
      pipeline.generate(request(o));
      FAIL() << "ran a CUDA-only switch on the CPU";
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::InvalidRequest);
      EXPECT_NE(std::string(e.what()).find("CUDA"), std::string::npos) << e.what();
    }
  }
  EXPECT_EQ(pipeline.generate(request()).images.size(), 2u); // and the pipeline still works
}

TEST(Optimizations, CachedEmbeddingsWithFreedEncodersGiveTheSameImages) {
  Pipeline pipeline(ModelSource::parse("builtin:tiny"), "cpu");
  const auto plain = pipeline.generate(request());
  OptimizationOptions o;
  o.cachePromptEmbeddings = true;
  o.freeTextEncoders = true;
  const auto first = pipeline.generate(request(o));  // encodes, then frees the encoders
  const auto second = pipeline.generate(request(o)); // cache hit: no encoder needed
  for (std::size_t i = 0; i < plain.images.size(); ++i) {
    EXPECT_EQ(first.images[i].rgb, plain.images[i].rgb);
    EXPECT_EQ(second.images[i].rgb, plain.images[i].rgb);
  }
  auto other = request(o);
  other.prompt = "a different prompt"; // cache miss: the encoders come back
  EXPECT_EQ(pipeline.generate(other).images.size(), 2u);
}

TEST(Optimizations, VaeSlicingMatchesTheBatchedDecodeToRounding) {
  // Per-image and batched convolutions may pick different CPU algorithms: the same image up
  // to float rounding, so at most one 8-bit level apart.
  Pipeline pipeline(ModelSource::parse("builtin:tiny"), "cpu");
  const auto plain = pipeline.generate(request());
  OptimizationOptions o;
  o.vaeSlicing = true;
  const auto sliced = pipeline.generate(request(o));
  for (std::size_t i = 0; i < plain.images.size(); ++i) {
    EXPECT_GT(psnr(sliced.images[i], plain.images[i]), 60.0);
    for (std::size_t k = 0; k < plain.images[i].rgb.size(); ++k)
      ASSERT_LE(std::abs(int(sliced.images[i].rgb[k]) - int(plain.images[i].rgb[k])), 1);
  }
}

TEST(Optimizations, TinyAutoencoderAndTilingProduceImagesOfTheRightSize) {
  Pipeline pipeline(ModelSource::parse("builtin:tiny"), "cpu");
  OptimizationOptions o;
  o.tinyAutoencoder = true;
  auto r = request(o);
  r.width = 1040; // 130 latents: several overlapping tiles
  r.height = 64;
  r.images = 1;
  r.steps = 1;
  EXPECT_EQ(pipeline.generate(r).images.at(0).width, 1040);
  r.optimizations.tinyAutoencoder = false;
  r.optimizations.vaeTiling = true;
  EXPECT_EQ(pipeline.generate(r).images.at(0).width, 1040);
}

// The studio's Tiny AutoEncoder once made a CPU run 4 times slower: under fp16 it decoded in fp16,
// which CPUs compute slowly, while the VAE is upcast there; and every preview decoded with it.
TEST(Optimizations, TheTinyAutoencoderOnACpuDecodesInFp32AndPreviewsDoNotUseIt) {
  auto m = pipeline::loadSdxlModel(ModelSource::parse("builtin:tiny"), torch::kCPU, torch::kHalf, Offload::None, {});
  m->ensureTinyAutoencoder();
  for (const auto& p : m->vaeTiny->parameters()) ASSERT_EQ(p.scalar_type(), torch::kFloat);
  EXPECT_EQ(m->vaeTinyDtype(), torch::kFloat);
  Pipeline pipeline(ModelSource::parse("builtin:tiny"), "cpu");
  GenerationRequest r;
  r.width = r.height = 64;
  r.steps = 2;
  r.optimizations.tinyAutoencoder = true;
  const auto result = pipeline.generate(r);
  ASSERT_EQ(result.images.size(), 1u);
  const auto latents = result.finalLatents->to(torch::kFloat);
  const auto preview = pipeline.preview(latents);
  const auto projection = latentPreview(latents, 0);
  EXPECT_EQ(preview.rgb, projection.rgb); // the cheap projection, not a TAESD decode
}

TEST(Optimizations, TiledDecodingIsExactForALocalDecoderSoSeamsBlendAway) {
  // A decoder that only looks at each latent pixel: tiling must reproduce it exactly.
  auto decode = [](const at::Tensor& z) { return at::upsample_nearest2d(z.tanh(), {z.size(2) * 8, z.size(3) * 8}); };
  auto z = torch::randn({2, 4, 150, 97});
  auto tiled = pipeline::decodeTiled(decode, z, 64, 16, 8);
  EXPECT_TRUE(torch::allclose(tiled, decode(z), 1e-5, 1e-6));
}

TEST(Optimizations, DecodedImagesBecomeBytesAsDiffusersImageProcessorMakesThem) {
  // diffusers: (x / 2 + 0.5).clamp(0, 1) * 255, rounded half to even; (n, 3, h, w) -> rows of RGB.
  auto decoded = torch::tensor({-1.5f, -1.0f, 0.0f, 1.0f, 1.2f, -0.6f, 0.3f, 0.99f}).reshape({1, 2, 2, 2});
  decoded = torch::cat({decoded, decoded.flip(1)}, 1).slice(1, 0, 3).contiguous(); // (1, 3, 2, 2)
  const auto want = ((decoded / 2 + 0.5).clamp(0, 1) * 255).round().to(torch::kUInt8).permute({0, 2, 3, 1});
  for (const auto format : {torch::MemoryFormat::Contiguous, torch::MemoryFormat::ChannelsLast}) {
    const auto images = pipeline::toImages(decoded.contiguous(format));
    ASSERT_EQ(images.size(), 1u);
    EXPECT_EQ(images[0].width, 2);
    EXPECT_EQ(images[0].height, 2);
    ASSERT_EQ(images[0].rgb.size(), 12u);
    for (int i = 0; i < 12; ++i) EXPECT_EQ(images[0].rgb[i], want.flatten()[i].item<uint8_t>()) << i;
  }
  // A bf16 decode keeps fp32 arithmetic: 0.99 in bf16 is 0.98828125, whose pixel is 254 (bf16
  // arithmetic would round (x / 2 + 0.5) to 0.9921875, 253).
  EXPECT_EQ(pipeline::toImages(torch::full({1, 3, 1, 1}, 0.99f).to(torch::kBFloat16))[0].rgb[0], 254);
  EXPECT_EQ(pipeline::toImages(torch::zeros({1, 3, 1, 1}))[0].rgb[0], 128); // 127.5 rounds to even
}

TEST(Optimizations, EmbeddingCacheEvictsTheLeastRecentlyUsed) {
  pipeline::EmbeddingCache cache(2);
  cache.insert("a", {torch::zeros({1}), torch::zeros({1})});
  cache.insert("b", {torch::ones({1}), torch::ones({1})});
  EXPECT_NE(cache.find("a"), nullptr); // a is now the most recent
  cache.insert("c", {torch::ones({1}), torch::ones({1})});
  EXPECT_EQ(cache.find("b"), nullptr);
  EXPECT_NE(cache.find("a"), nullptr);
  EXPECT_NE(cache.find("c"), nullptr);
  EXPECT_EQ(cache.size(), 2u);
}

TEST(Telemetry, ReportsHostMemoryWithoutAGpuAndIsSafeFromThreads) {
  const auto before = sampleMemory();
  EXPECT_GT(before.hostResident, 0u);
  if (!before.cuda) {
    EXPECT_EQ(deviceDescription(), "CPU");
  }
  std::vector<std::thread> threads;
  std::atomic<int> bad{0};
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i)
        if (sampleMemory().hostResident == 0) ++bad;
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(bad.load(), 0);
  resetPeakMemory();
  releaseCachedMemory();
}

TEST(Benchmark, ConfigurationNamesRoundTripAndMatchTheReferenceScript) {
  for (const auto& name : seedConfigNames()) EXPECT_EQ(configName(configFromName(name).options), name == "fp16" ? "fp16" : name);
  const auto c = configFromName("fp16_vae_slicing_seq_offload");
  EXPECT_TRUE(c.options.vaeSlicing);
  EXPECT_EQ(c.options.offload, Offload::Sequential);
  EXPECT_EQ(c.runs, 2);
  EXPECT_TRUE(configFromName("fp16_cached_embeds").options.freeTextEncoders);
  const auto exact = configFromName("fp16_vae_fp32");
  EXPECT_TRUE(exact.options.fp32Vae);
  EXPECT_EQ(configName(exact.options), "fp16_vae_fp32");
  EXPECT_THROW(configFromName("fp16_turbo"), Error);
}

// A VAE decode that goes on image by image after an upsampler (what a large batch does to bound
// its memory) gives the batched decode's images.
TEST(Optimizations, VaeDecoderGoingImageByImageMidwayMatchesTheBatch) {
  c10::InferenceMode inference;
  auto vae = io::randomAutoencoderKL("sdxl-tiny", io::ComponentSpec{}, 7);
  auto z = torch::randn({3, vae->config().latentChannels, 8, 8});
  const auto batched = vae->decode(z, {});
  vae->decoder->imageByImageAboveBytes = 0; // split at the first upsampler
  const auto split = vae->decode(z, {});
  EXPECT_TRUE(torch::allclose(batched, split, 1e-5, 1e-5));
  EXPECT_EQ(split.sizes(), batched.sizes());
}

// The fused entry points' contracts where no kernel applies (the CPU, the fp32 GEMM): the same
// function as ATen's operations, and a residual someone else still holds is never written over.
TEST(FusedOps, LinearAddAndSoftmaxComputeWhatATenComputes) {
  c10::InferenceMode inference;
  torch::manual_seed(8);
  auto x = torch::randn({2, 5, 6}), w = torch::randn({4, 6}), b = torch::randn({4}), res = torch::randn({2, 5, 4});
  const auto before = res.clone();
  EXPECT_TRUE(torch::allclose(nn::linearAdd(x, w, b, res), res + torch::nn::functional::linear(x, w, b), 1e-6, 1e-6));
  EXPECT_TRUE(torch::equal(res, before));
  EXPECT_TRUE(torch::allclose(nn::linearAdd(x, w, {}, res), res + torch::matmul(x, w.t()), 1e-6, 1e-6));
  EXPECT_TRUE(nn::ownsStorage(torch::zeros({3})));
  auto held = torch::zeros({3});
  auto view = held.view({3, 1});
  EXPECT_FALSE(nn::ownsStorage(held)); // the view sees it

  auto scores = torch::randn({3, 7, 11}) * 5;
  EXPECT_TRUE(torch::allclose(nn::softmax(scores), torch::softmax(scores, -1), 1e-6, 1e-6));
  auto half = scores.to(torch::kBFloat16); // computed in fp32, rounded once, as upcast_softmax
  EXPECT_TRUE(torch::equal(nn::softmax(half), torch::softmax(half.to(torch::kFloat), -1).to(torch::kBFloat16)));
}

// The GEGLU projection stores its rows interleaved; filled through loadView (as the loader fills
// it) from checkpoint-order weights, it computes diffusers' GEGLU exactly.
TEST(FusedOps, GegluProjectionLoadsCheckpointOrderAndGatesLikeDiffusers) {
  c10::InferenceMode inference;
  torch::manual_seed(10);
  auto w = torch::randn({8, 6}), b = torch::randn({8}), x = torch::randn({3, 5, 6});
  nn::GegluProjection proj(6, 4, torch::TensorOptions());
  proj->loadView("weight", proj->weight).copy_(w.view({2, 4, 6}));
  proj->loadView("bias", proj->bias).copy_(b.view({2, 4}));
  EXPECT_TRUE(torch::equal(proj->weight, nn::interleaveGegluRows(w)));
  EXPECT_TRUE(torch::equal(proj->weight[1], w[4])); // row 1 is gate row 0
  const auto want = nn::gegluAten(torch::nn::functional::linear(x, w, b));
  EXPECT_TRUE(torch::allclose(proj(x), want, 1e-6, 1e-6));
  EXPECT_TRUE(torch::allclose(nn::gegluLinearAten(x, proj->weight, proj->bias), want, 1e-6, 1e-6));
}

// A convolution's bias folded into the residual sum (what the ResNet block does on every device)
// is the sum diffusers computes, and leaves a tensor still held elsewhere untouched.
TEST(FusedOps, ChannelBiasIsTheSumOfTheSeparateAdditions) {
  c10::InferenceMode inference;
  torch::manual_seed(9);
  auto y = torch::randn({2, 3, 4, 5}), other = torch::randn({2, 3, 4, 5}), b = torch::randn({3}), ob = torch::randn({3});
  const auto before = y.clone();
  const auto perChannel = [](const torch::Tensor& t) { return t.view({1, 3, 1, 1}); };
  EXPECT_TRUE(torch::equal(nn::addChannelBias(y, b), y + perChannel(b)));
  EXPECT_TRUE(torch::equal(nn::addChannelBias(y, b, other, ob), (y + perChannel(b)) + (other + perChannel(ob))));
  EXPECT_TRUE(torch::equal(nn::addChannelBias(y, {}, other), y + other));
  EXPECT_TRUE(torch::equal(y, before));
  auto cl = y.contiguous(torch::MemoryFormat::ChannelsLast);
  EXPECT_TRUE(nn::addChannelBias(cl, b).is_contiguous(torch::MemoryFormat::ChannelsLast));
}

// The up path's skip concatenation and nearest upsampling: what at::cat and
// at::upsample_nearest2d give, kept channels-last (the CUDA kernels are checked bit-exact
// against ATen by tests/gpu/fused_ops_check.cpp); a size that is not twice the input (odd latent
// sizes) upsamples as ATen does.
TEST(FusedOps, ChannelsLastConcatAndUpsampleAreAtensOwn) {
  c10::InferenceMode inference;
  torch::manual_seed(10);
  const auto cl = torch::MemoryFormat::ChannelsLast;
  auto a = torch::randn({2, 3, 5, 7}).contiguous(cl), b = torch::randn({2, 4, 5, 7}).contiguous(cl);
  const auto joined = nn::concatChannels(a, b);
  EXPECT_TRUE(torch::equal(joined, torch::cat({a, b}, 1)));
  EXPECT_TRUE(joined.is_contiguous(cl));
  const std::vector<int64_t> twice{10, 14}, uneven{9, 13};
  EXPECT_TRUE(torch::equal(nn::upsampleNearest(a, twice), at::upsample_nearest2d(a.contiguous(), twice)));
  EXPECT_TRUE(torch::equal(nn::upsampleNearest(a, uneven), at::upsample_nearest2d(a.contiguous(), uneven)));
}

// Cross-attention K and V computed once per request must give the step exactly what the
// per-step projections give; a layer missing from the set falls back to projecting itself.
TEST(Attention, CrossAttentionKVComputedOnceGivesTheSameStep) {
  c10::InferenceMode inference;
  torch::manual_seed(5);
  auto unet = io::randomUNet("sdxl-tiny", io::ComponentSpec{}, 9);
  const auto& c = unet->config();
  auto sample = torch::randn({2, c.inChannels, 8, 8}), context = torch::randn({2, 7, c.crossAttentionDim});
  auto pooled = torch::randn({2, c.projectionClassEmbeddingsInputDim - 6 * c.additionTimeEmbedDim});
  auto ids = torch::tensor({64.f, 64.f, 0.f, 0.f, 64.f, 64.f}).repeat({2, 1});
  const auto plain = unet(sample, torch::tensor(500.f), context, pooled, ids, nn::ForwardOptions{});
  auto kv = unet->crossAttentionKV(context);
  ASSERT_FALSE(kv.layers.empty());
  nn::ForwardOptions fwd;
  fwd.crossKV = &kv;
  EXPECT_TRUE(torch::equal(plain, unet(sample, torch::tensor(500.f), context, pooled, ids, fwd)));
  kv.layers.erase(kv.layers.begin());
  EXPECT_TRUE(torch::equal(plain, unet(sample, torch::tensor(500.f), context, pooled, ids, fwd)));
  // Another context's K and V change the result: the step really reads them.
  auto other = unet->crossAttentionKV(context * 2);
  fwd.crossKV = &other;
  EXPECT_FALSE(torch::allclose(plain, unet(sample, torch::tensor(500.f), context, pooled, ids, fwd)));
}

// An empty negative prompt's context is zeros: its rows' cross-attention output is to_out's bias,
// and the blocks skip computing it. The step must equal the one that computes every row; a layer
// whose to_k has a bias (zero keys no longer) turns the shortcut off.
TEST(Attention, ZeroContextRowsSkipCrossAttentionAndGiveTheSameStep) {
  c10::InferenceMode inference;
  torch::manual_seed(6);
  auto unet = io::randomUNet("sdxl-tiny", io::ComponentSpec{}, 9);
  const auto& c = unet->config();
  auto sample = torch::randn({4, c.inChannels, 8, 8});
  auto context = torch::cat({torch::zeros({2, 7, c.crossAttentionDim}), torch::randn({2, 7, c.crossAttentionDim})});
  auto pooled = torch::randn({4, c.projectionClassEmbeddingsInputDim - 6 * c.additionTimeEmbedDim});
  auto ids = torch::tensor({64.f, 64.f, 0.f, 0.f, 64.f, 64.f}).repeat({4, 1});
  const auto plain = unet(sample, torch::tensor(500.f), context, pooled, ids, nn::ForwardOptions{});
  auto kv = unet->crossAttentionKV(context, 2);
  ASSERT_EQ(kv.zeroRows, 2);
  EXPECT_EQ(kv.layers.begin()->second.first.size(0), 2); // the conditioned rows' K only
  nn::ForwardOptions fwd;
  fwd.crossKV = &kv;
  const auto skipped = unet(sample, torch::tensor(500.f), context, pooled, ids, fwd);
  EXPECT_TRUE(torch::allclose(plain, skipped, 1e-5, 1e-6)) << (plain - skipped).abs().max().item<float>();
  // The rows said to be zero are taken at their word: a nonzero context there shows.
  auto wrong = context.clone();
  wrong.narrow(0, 0, 2).normal_();
  EXPECT_FALSE(torch::allclose(unet(sample, torch::tensor(500.f), wrong, pooled, ids, nn::ForwardOptions{}), skipped));
  // Out-of-range counts and biased keys compute every row.
  EXPECT_EQ(unet->crossAttentionKV(context, 4).zeroRows, 0);
  auto& attn2 = *unet->downBlocks[1]->attentions[0]->blocks[0]->attn2;
  attn2.toK->bias = torch::zeros({attn2.toK->weight.size(0)});
  EXPECT_EQ(unet->crossAttentionKV(context, 2).zeroRows, 0);
}

// The materialised attention works through the queries in chunks to bound its memory; a chunk
// size of a few rows must give what one whole-matrix pass gives (causal masks included).
TEST(Attention, ChunkedMaterialisedAttentionEqualsTheWholeMatrix) {
  c10::InferenceMode inference;
  torch::manual_seed(3);
  auto q = torch::randn({2, 3, 37, 16}), k = torch::randn({2, 3, 37, 16}), v = torch::randn({2, 3, 37, 8});
  for (bool causal : {false, true}) {
    const auto whole = nn::attend(q, k, v, nn::AttentionBackend::Math, causal);
    const int64_t perQuery = 2 * 3 * 37 * (4 + 4); // fp32 scores and ATen's fp32 probabilities
    const auto chunked = nn::attend(q, k, v, nn::AttentionBackend::Math, causal, 5 * perQuery);
    EXPECT_TRUE(torch::allclose(whole, chunked, 1e-6, 1e-6)) << "causal " << causal;
    const auto sdpa = nn::attend(q, k, v, nn::AttentionBackend::Sdpa, causal);
    EXPECT_TRUE(torch::allclose(whole, sdpa, 1e-5, 1e-5)) << "causal " << causal;
  }
}

namespace {
// The single protocol at 64x64 for the tiny model on the CPU.
BenchmarkProtocol tinyProtocol(int steps, int runs) {
  auto protocol = singleProtocol();
  protocol.request.width = protocol.request.height = 64;
  protocol.request.steps = steps;
  protocol.runs = runs;
  return protocol;
}
} // namespace

// An approximate row's cost: its final latents against the exact row with the same switches
// otherwise; none where the comparison has no such row.
TEST(Benchmark, ApproximateRowsReportTheirErrorAgainstTheExactRow) {
  BenchmarkRunner runner(ModelSource::parse("builtin:tiny"), "cpu");
  const auto report = runner.run(tinyProtocol(6, 1), {configFromName("fp32"), configFromName("fp32_step_cache_2"),
                                            configFromName("fp32_guidance_cutoff_0.5"), configFromName("bf16_step_cache_3")});
  ASSERT_EQ(report.rows.size(), 4u);
  EXPECT_FALSE(report.rows[0].errorVsExact); // exact itself
  for (std::size_t i : {1u, 2u}) {
    ASSERT_TRUE(report.rows[i].errorVsExact) << report.rows[i].config;
    EXPECT_GT(*report.rows[i].errorVsExact, 1e-4) << report.rows[i].config;
    EXPECT_LT(*report.rows[i].errorVsExact, 2.0) << report.rows[i].config;
  }
  EXPECT_FALSE(report.rows[3].errorVsExact); // no bf16 exact row to measure it against
  EXPECT_EQ(exactRowFor(report.rows, 3), std::nullopt);
  const auto json = report.toJson("abc");
  const auto back = BenchmarkReport::fromJson(json);
  ASSERT_TRUE(back.rows[1].errorVsExact);
  EXPECT_DOUBLE_EQ(*back.rows[1].errorVsExact, *report.rows[1].errorVsExact);
  EXPECT_NE(report.toMarkdown().find("latents' error vs exact"), std::string::npos);
}

TEST(Benchmark, TheExactRowOfAnApproximateOneIgnoresOnlyCompile) {
  EXPECT_EQ(exactOptionsOf(configFromName("fp16_compile_fp8_step_cache_2_guidance_cutoff_0.6").options),
            configFromName("fp16_compile").options);
  std::vector<BenchmarkRow> rows(4);
  rows[0].options = configFromName("fp16_vae_slicing").options;
  rows[1].options = configFromName("fp16").options;
  rows[2].options = configFromName("fp16_compile").options;
  rows[3].options = configFromName("fp16_compile_fp8_step_cache_2").options;
  EXPECT_EQ(exactRowFor(rows, 3), std::optional<std::size_t>(2)); // the same compile switch first
  rows[2].error = "out of memory";
  EXPECT_EQ(exactRowFor(rows, 3), std::optional<std::size_t>(1)); // compile gives the same latents
  rows[1].measuredBy = "diffusers";
  EXPECT_EQ(exactRowFor(rows, 3), std::nullopt);                // another tool's row never is
}

TEST(Benchmark, RunsConfigurationsOnTheCpuAndReportsEveryColumn) {
  BenchmarkRunner runner(ModelSource::parse("builtin:tiny"), "cpu");
  const auto report = runner.run(tinyProtocol(2, 2), {configFromName("fp32_default_attn"), configFromName("fp32_vae_slicing")});
  ASSERT_EQ(report.rows.size(), 2u);
  EXPECT_TRUE(report.rows[0].error.empty());
  EXPECT_EQ(report.rows[0].allLatencies.size(), 2u);
  EXPECT_GT(report.rows[1].latencySeconds, 0);
  ASSERT_TRUE(report.rows[1].psnrVsFp32.has_value());
  EXPECT_GT(*report.rows[1].psnrVsFp32, 60.0); // slicing changes nothing but rounding
  EXPECT_NE(report.toMarkdown().find("| fp32_vae_slicing |"), std::string::npos);
  EXPECT_NE(report.toJson("abc").find("\"peak_allocated_gb\""), std::string::npos);
}
