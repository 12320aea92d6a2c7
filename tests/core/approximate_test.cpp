// The approximate switches (sdxl/switches.h) on the CPU: the step cache recombines the shallow
// branch with the deep features exactly and skips the deep blocks; FP8 products are the product
// of the quantized operands; the switches' names, saved parameters and labels. The guidance
// cut-off is checked against diffusers' own callback in modes_parity_test.cpp; speed and error at
// full size are the GPU's (tests/gpu/approximate_check.cpp).
#include "io/component_loader.h"
#include "nn/fp8_linear.h"
#include "nn/unet_2d_condition.h"
#include "nn/weight_residency.h"
#include "sdxl/benchmark.h"
#include "sdxl/error.h"
#include "sdxl/memory_plan.h"
#include "sdxl/metadata.h"
#include "sdxl/pipeline.h"
#include "sdxl/switches.h"
#include "test_support.h"

#include <gtest/gtest.h>

using namespace sdxl;

namespace {
std::filesystem::path tinyDir() { return test::fixturesDir() / "tiny"; }

// Counts the leaf layers a forward pass computes, through the seam sequential offload uses.
struct CountingResidency : nn::WeightResidency {
  int layers = 0;
  void use(const torch::nn::Module*) override { ++layers; }
};

double rel(const at::Tensor& a, const at::Tensor& b) { return ((a - b).norm() / b.norm()).item<double>(); }

struct UNetInputs {
  at::Tensor sample, t, context, pooled, timeIds;
};
UNetInputs inputs(int64_t batch) {
  torch::manual_seed(3);
  return {torch::randn({batch, 4, 16, 16}), torch::tensor(500.0f), torch::randn({batch, 77, 64}), torch::randn({batch, 32}),
          torch::tensor({64.0f, 64.0f, 0.0f, 0.0f, 64.0f, 64.0f}).repeat({batch, 1})};
}
} // namespace

TEST(Approximate, AReusingStepWithItsOwnFeaturesIsTheFullStepAndSkipsTheDeepBlocks) {
  c10::InferenceMode inference;
  auto unet = io::loadUNet(tinyDir() / "pipeline" / "unet", {});
  const auto in = inputs(2);
  nn::ForwardOptions exact;
  CountingResidency fullCount, reuseCount;
  at::Tensor full;
  {
    nn::ResidencyScope scope(&fullCount);
    full = unet(in.sample, in.t, in.context, in.pooled, in.timeIds, exact);
  }
  nn::StepCache cache;
  auto cached = exact;
  cached.stepCache = &cache;
  const auto filling = unet(in.sample, in.t, in.context, in.pooled, in.timeIds, cached);
  EXPECT_TRUE(torch::equal(filling, full)) << "a full step with the cache is the exact step";
  ASSERT_TRUE(cache.features.defined());
  cache.reuse = true;
  at::Tensor reused;
  {
    nn::ResidencyScope scope(&reuseCount);
    reused = unet(in.sample, in.t, in.context, in.pooled, in.timeIds, cached);
  }
  EXPECT_TRUE(torch::equal(reused, full)) << "the shallow branch and the deep features recombine exactly";
  EXPECT_LT(reuseCount.layers * 2, fullCount.layers) << reuseCount.layers << " of " << fullCount.layers << " layers";
  // Features of another step make another output: the reuse is what makes it approximate.
  auto later = in;
  later.t = torch::tensor(300.0f);
  const auto laterExact = unet(later.sample, later.t, later.context, later.pooled, later.timeIds, exact);
  const auto laterReused = unet(later.sample, later.t, later.context, later.pooled, later.timeIds, cached);
  const double error = rel(laterReused, laterExact);
  EXPECT_GT(error, 1e-4);
  EXPECT_LT(error, 1.0);
  // A batch the features were not made for is refused, not mixed up.
  const auto one = inputs(1);
  EXPECT_THROW(unet(one.sample, one.t, one.context, one.pooled, one.timeIds, cached), c10::Error);
}

TEST(Approximate, Fp8ProductsAreTheProductOfTheQuantizedOperands) {
  c10::InferenceMode inference;
  torch::manual_seed(1);
  const auto x = torch::randn({3, 40, 64}), w = torch::randn({48, 64}), b = torch::randn({48});
  nn::Fp8Weight cache;
  const auto y = nn::fp8Linear(x, w, b, cache);
  ASSERT_TRUE(y.has_value());
  auto dequantized = [](const at::Tensor& t) {
    const auto scale = t.abs().max() / 448.0;
    return (t / scale).to(at::kFloat8_e4m3fn).to(at::kFloat) * scale;
  };
  const auto want = at::linear(dequantized(x), dequantized(w), b);
  EXPECT_LT(rel(*y, want), 1e-5);
  const double error = rel(*y, at::linear(x, w, b));
  EXPECT_GT(error, 1e-3); // E4M3 keeps 3 bits of mantissa: a few percent
  EXPECT_LT(error, 0.08);
  // A weight changed in place (a LoRA merged) is quantized again, not served stale.
  {
    c10::InferenceMode off(false);
    auto weight = w.clone();
    nn::Fp8Weight held;
    const auto before = *nn::fp8Linear(x, weight, b, held);
    weight.mul_(2);
    const auto after = *nn::fp8Linear(x, weight, b, held);
    EXPECT_LT(rel(after - b, (before - b) * 2), 1e-5);
  }
  // Sizes cuBLASLt cannot take in FP8 stay exact.
  EXPECT_FALSE(nn::fp8Linear(torch::randn({4, 10}), torch::randn({16, 10}), {}, cache).has_value());
}

TEST(Approximate, TheUNetsLinearLayersUseFp8OnlyWhenAsked) {
  c10::InferenceMode inference;
  auto unet = io::loadUNet(tinyDir() / "pipeline" / "unet", {});
  const auto in = inputs(2);
  nn::ForwardOptions exact, fp8;
  fp8.fp8 = true;
  const auto a = unet(in.sample, in.t, in.context, in.pooled, in.timeIds, exact);
  const auto b = unet(in.sample, in.t, in.context, in.pooled, in.timeIds, fp8);
  const auto c = unet(in.sample, in.t, in.context, in.pooled, in.timeIds, exact);
  EXPECT_TRUE(torch::equal(a, c)) << "the switch does not stay on after the pass";
  EXPECT_GT(rel(b, a), 1e-4);
  EXPECT_LT(rel(b, a), 0.2);
  EXPECT_FALSE(nn::fp8Active());
}

TEST(Approximate, AGenerationWithEachSwitchRunsAndStaysNearTheExactOne) {
  Pipeline pipeline(ModelSource::parse((tinyDir() / "pipeline").string()), "cpu");
  GenerationRequest r;
  r.prompt = "a red fox in the snow";
  r.width = r.height = 64;
  r.steps = 8;
  r.seed = 4;
  r.optimizations.precision = Precision::FP32;
  const auto exact = *pipeline.generate(r).finalLatents;
  for (const char* config : {"fp32_fp8", "fp32_step_cache_2", "fp32_guidance_cutoff_0.5",
                             "fp32_fp8_step_cache_3_guidance_cutoff_0.6"}) {
    SCOPED_TRACE(config);
    auto request = r;
    request.optimizations = configFromName(config).options;
    const auto result = pipeline.generate(request);
    const double error = rel(*result.finalLatents, exact);
    std::printf("approximate %-42s final latents rel=%.3e\n", config, error);
    EXPECT_GT(error, 1e-6);
    EXPECT_LT(error, 1.0);
    EXPECT_TRUE(result.optimizations.approximate());
    auto again = pipeline.generate(request); // the same seed, the same image
    EXPECT_TRUE(torch::equal(*again.finalLatents, *result.finalLatents));
  }
}

TEST(Approximate, SwitchNamesRoundTripAndOldNamesStay) {
  for (const auto& name : seedConfigNames()) EXPECT_EQ(configName(configFromName(name).options), name);
  for (const char* name : {"fp16_fp8", "fp16_step_cache_2", "fp16_guidance_cutoff_0.6", "bf16_compile_fp8_step_cache_3_guidance_cutoff_0.75",
                           "fp16_compile_model_offload_vae_slicing", "fp16_vae_tiling_seq_offload_tiny_vae"})
    EXPECT_EQ(configName(configFromName(name).options), name);
  const auto defaults = configFromName("fp16_step_cache_guidance_cutoff").options;
  EXPECT_EQ(defaults.stepCache, 3);
  EXPECT_DOUBLE_EQ(defaults.guidanceCutoff, 0.6);
  EXPECT_EQ(configName(defaults), "fp16_step_cache_3_guidance_cutoff_0.6");
  EXPECT_THROW(configFromName("fp16_step_cache_40"), Error);
  EXPECT_THROW(configFromName("fp16_guidance_cutoff_1.5"), Error);
  EXPECT_THROW(configFromName("fp16_fp9"), Error);
  const auto o = configFromName("fp16_fp8_step_cache_2").options;
  EXPECT_EQ(o.describe(), "fp16, SDPA, FP8 products, step cache every 2 steps");
  EXPECT_EQ(approximateSwitchesText(o), "FP8 products, step cache every 2 steps");
  EXPECT_EQ(approximateSwitchesText(configFromName("fp16_compile_vae_slicing").options), "");
  for (std::size_t i = 0; i < kOptimizationSwitchCount; ++i) {
    const auto& s = kOptimizationSwitches[i];
    EXPECT_EQ(findSwitch(s.word), &s);
    EXPECT_EQ(findSwitch(s.jsonKey), &s);
  }
}

TEST(Approximate, SavedParametersKeepTheSwitchesAndSaySoInA1111sWords) {
  GenerationRequest r;
  r.prompt = "a fox";
  r.optimizations = configFromName("fp16_compile_fp8_step_cache_2_guidance_cutoff_0.7").options;
  const auto json = requestToJson(r, ModelIdentity("m"), 0);
  EXPECT_NE(json.find("\"approximate\":\"FP8 products, step cache every 2 steps, guidance cut-off after 0.7 of the steps\""),
            std::string::npos)
      << json;
  EXPECT_EQ(requestFromJson(json).optimizations, r.optimizations);
  const auto parameters = a1111Parameters(r, ModelIdentity("m"), 0);
  EXPECT_NE(parameters.find(", Approximate: \"FP8 products, step cache every 2 steps, guidance cut-off after 0.7 of the "
                            "steps\""),
            std::string::npos)
      << parameters;
  // Parameters saved before these switches existed read back exact.
  auto plain = requestToJson(GenerationRequest{}, ModelIdentity("m"), 0);
  for (const char* key : {"\"fp8\":false,", "\"step_cache\":0,"}) {
    const auto at = plain.find(key);
    if (at != std::string::npos) plain.erase(at, std::string(key).size());
  }
  EXPECT_FALSE(requestFromJson(plain).optimizations.approximate());
  auto bad = json;
  bad.replace(bad.find("\"step_cache\":2"), 14, "\"step_cache\":99");
  EXPECT_THROW(requestFromJson(bad), Error);
}

TEST(Approximate, TheStepCacheIsRefusedWithSequentialOffloadAndDroppedWhenAFallbackGoesThere) {
  GenerationRequest r;
  r.optimizations.stepCache = 2;
  r.optimizations.offload = Offload::Sequential;
  EXPECT_THROW(validate(r), Error);
  r.optimizations.offload = Offload::Model;
  EXPECT_NO_THROW(validate(r));
  const auto next = cheaperDenoising(r.optimizations, true);
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->options.offload, Offload::Sequential);
  EXPECT_EQ(next->options.stepCache, 0);
  EXPECT_EQ(next->what, "sequential offload (step cache off)");
  r.optimizations.guidanceCutoff = 0;
  EXPECT_THROW(validate(r), Error);
  // Compiled, at any interval (the GPU check runs each twice in one pipeline against eager).
  GenerationRequest compiled;
  compiled.optimizations.compile = true;
  for (int interval : {2, 3, 10}) {
    compiled.optimizations.stepCache = interval;
    EXPECT_NO_THROW(validate(compiled));
  }
}
