// Memory budgets (sdxl/memory_plan.h): the planner's choices, the fallback ladders, and on the CPU
// under the counting allocator's hard limit, the fallbacks themselves: a decode that runs out is
// done again sliced from the same latents, a denoising step that runs out continues cheaper, and
// memory returns to its baseline after many mixed requests.
#include "sdxl/error.h"
#include "sdxl/memory_plan.h"
#include "sdxl/pipeline.h"
#include "sdxl/telemetry.h"
#include "test_support.h"

#include <gtest/gtest.h>

using namespace sdxl;

namespace {

constexpr double kGiB = 1073741824.0;

// SDXL base in fp16, as modelMemory() finds it for the built-in model.
ModelMemory sdxlBase() { return modelMemory(ModelSource::parse("builtin"), Precision::FP16); }

GenerationRequest seedRequest() {
  GenerationRequest r;
  r.prompt = "a lighthouse";
  r.images = 4;
  r.steps = 50;
  return r;
}

// Lifts the hard limit whatever a test does.
struct LimitScope {
  LimitScope() { setMemoryLimit(std::nullopt, false); }
  ~LimitScope() { setMemoryLimit(std::nullopt, false); }
};

uint64_t peakOf(Pipeline& pipeline, const GenerationRequest& r, GenerationResult* result = nullptr) {
  resetPeakMemory();
  auto out = pipeline.generate(r);
  if (result) *result = std::move(out);
  return sampleMemory().peakAllocated;
}

GenerationRequest tinyRequest(int images, int size) {
  GenerationRequest r;
  r.prompt = "a red fox in the snow";
  r.images = images;
  r.width = r.height = size;
  r.steps = 2;
  r.optimizations.precision = Precision::FP32;
  r.memoryFallbacks = false;
  return r;
}

bool mentions(const std::vector<std::string>& notes, const std::string& what) {
  for (const auto& n : notes)
    if (n.find(what) != std::string::npos) return true;
  return false;
}

} // namespace

TEST(MemoryPlan, TheBuiltInModelsWeightsAreSdxlBasesParameterCounts) {
  const auto m = sdxlBase();
  EXPECT_EQ(m.unet, 2567463684ull * 2);
  EXPECT_EQ(m.textEncoders, (123060480ull + 694659840ull) * 2);
  EXPECT_EQ(m.vae, 83653863ull * 2);
  EXPECT_GT(m.largestLayer, 0u);
  EXPECT_DOUBLE_EQ(m.unetWidth, 1.0);
}

TEST(MemoryPlan, CheaperSwitchesAreEstimatedSmaller) {
  const auto m = sdxlBase();
  auto r = seedRequest();
  const auto resident = estimateMemory(r, m, true);
  r.optimizations.vaeSlicing = true;
  const auto sliced = estimateMemory(r, m, true);
  r.optimizations.offload = Offload::Model;
  const auto model = estimateMemory(r, m, true);
  r.optimizations.offload = Offload::Sequential;
  const auto sequential = estimateMemory(r, m, true);
  r.optimizations.vaeTiling = true;
  const auto tiled = estimateMemory(r, m, true);
  EXPECT_GT(resident, sliced);
  EXPECT_GT(sliced, model);
  EXPECT_GT(model, sequential);
  EXPECT_GE(sequential, tiled);
  EXPECT_GT(resident, uint64_t(7.0 * kGiB)); // the weights alone are 7 GiB
  auto compiled = seedRequest();
  compiled.optimizations.vaeSlicing = true; // the UNet's step is the peak, and the graph keeps its activations
  compiled.optimizations.compile = true;
  EXPECT_GT(estimateMemory(compiled, m, true), sliced);
}

TEST(MemoryPlan, PicksTheFastestThatFitsAndSaysWhy) {
  const auto m = sdxlBase();
  const auto r = seedRequest();
  const auto roomy = planMemory(r, uint64_t(80 * kGiB), m, true);
  EXPECT_EQ(roomy.options.offload, Offload::None);
  EXPECT_FALSE(roomy.options.vaeSlicing);
  EXPECT_NE(roomy.reason.find("fastest"), std::string::npos);

  const auto resident = estimateMemory(r, m, true);
  const auto eight = planMemory(r, resident - 1, m, true);
  EXPECT_TRUE(eight.options.vaeSlicing || eight.options.offload != Offload::None);
  EXPECT_LE(eight.estimate, resident - 1);
  EXPECT_NE(eight.reason.find("too big"), std::string::npos);

  const auto small = planMemory(r, uint64_t(3 * kGiB), m, true);
  EXPECT_EQ(small.options.offload, Offload::Sequential);
  EXPECT_LE(small.estimate, uint64_t(3 * kGiB));
  EXPECT_EQ(small.options.precision, r.optimizations.precision); // never the precision: that changes the image

  // Without CUDA nothing can be offloaded.
  const auto cpu = planMemory(r, resident - 1, m, false);
  EXPECT_EQ(cpu.options.offload, Offload::None);
}

TEST(MemoryPlan, CompileIsDroppedBeforeTheWeightsMove) {
  const auto m = sdxlBase();
  auto r = seedRequest();
  r.optimizations.compile = true;
  r.optimizations.vaeSlicing = true;
  auto plain = r;
  plain.optimizations.compile = false;
  const auto compiled = estimateMemory(r, m, true), eager = estimateMemory(plain, m, true);
  const auto plan = planMemory(r, (compiled + eager) / 2, m, true);
  EXPECT_FALSE(plan.options.compile);
  EXPECT_EQ(plan.options.offload, Offload::None);
  EXPECT_NE(plan.summary.find("compile off"), std::string::npos);
}

// FP8 keeps an E4M3 copy of the UNet's linear weights beside them: counted while resident, never
// combined with offload (the planner and the fallbacks switch it off, and say so).
TEST(MemoryPlan, Fp8CopiesAreCountedAndLeftOffWithOffload) {
  const auto m = sdxlBase();
  const double share = double(m.unetFp8) / double(m.unet); // of the fp16 weights' bytes
  EXPECT_GT(share, 0.25) << m.unetFp8;
  EXPECT_LT(share, 0.5) << m.unetFp8;
  auto r = seedRequest();
  r.optimizations.fp8 = true;
  auto exact = r;
  exact.optimizations.fp8 = false;
  const auto withFp8 = estimateMemory(r, m, true), without = estimateMemory(exact, m, true);
  EXPECT_GE(withFp8 - without, m.unetFp8);
  EXPECT_TRUE(planMemory(r, withFp8, m, true).options.fp8);
  // Below the leanest resident plan the weights must move, and FP8 goes off.
  auto leanResident = r;
  leanResident.optimizations.vaeSlicing = true;
  leanResident.optimizations.cachePromptEmbeddings = leanResident.optimizations.freeTextEncoders = true;
  const auto plan = planMemory(r, estimateMemory(leanResident, m, true) - 1, m, true);
  EXPECT_NE(plan.options.offload, Offload::None);
  EXPECT_FALSE(plan.options.fp8);
  EXPECT_NE(plan.summary.find("FP8 off"), std::string::npos) << plan.summary;

  auto offloaded = r;
  offloaded.optimizations.offload = Offload::Model;
  EXPECT_THROW(validate(offloaded), Error);
  auto o = r.optimizations;
  o.compile = false;
  o.freeTextEncoders = o.cachePromptEmbeddings = true;
  const auto next = cheaperDenoising(o, true);
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->options.offload, Offload::Model);
  EXPECT_FALSE(next->options.fp8);
  EXPECT_EQ(next->what, "model offload (FP8 off)");
  const auto encoding = cheaperEncoding(r.optimizations, true);
  ASSERT_TRUE(encoding.has_value());
  EXPECT_FALSE(encoding->options.fp8);
}

TEST(MemoryPlan, NothingFitsNamesTheSmallestBudget) {
  const auto m = sdxlBase();
  const auto r = seedRequest();
  const auto least = leanestPlan(r, m, true);
  EXPECT_EQ(least.options.offload, Offload::Sequential);
  try {
    planMemory(r, least.estimate - 1, m, true);
    FAIL() << "a budget below the leanest plan was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::OutOfMemory);
    EXPECT_NE(std::string(e.what()).find(gibText(least.estimate)), std::string::npos) << e.what();
  }
}

TEST(MemoryPlan, TheFallbackLaddersGoDownOneRungAtATime) {
  OptimizationOptions o;
  o.compile = true;
  o.attention = Attention::Default;
  std::vector<std::string> rungs;
  for (auto next = cheaperDenoising(o, true); next; next = cheaperDenoising(next->options, true)) rungs.push_back(next->what);
  ASSERT_EQ(rungs.size(), 5u);
  EXPECT_NE(rungs[0].find("compile off"), std::string::npos);
  EXPECT_NE(rungs[1].find("SDPA"), std::string::npos);
  EXPECT_NE(rungs[2].find("text encoders"), std::string::npos);
  EXPECT_EQ(rungs[3], "model offload");
  EXPECT_EQ(rungs[4], "sequential offload");
  OptimizationOptions cpu;
  ASSERT_TRUE(cheaperDenoising(cpu, false));
  EXPECT_FALSE(cheaperDenoising(cheaperDenoising(cpu, false)->options, false)); // no offload without CUDA

  std::vector<std::string> encoding;
  for (auto next = cheaperEncoding(o, true); next; next = cheaperEncoding(next->options, true)) encoding.push_back(next->what);
  ASSERT_EQ(encoding.size(), 3u); // freeing the text encoders cannot help their own stage
  EXPECT_NE(encoding[0].find("SDPA"), std::string::npos);
  EXPECT_EQ(encoding[1], "model offload");
  EXPECT_EQ(encoding[2], "sequential offload");
  EXPECT_FALSE(cheaperEncoding(cpu, false));

  const auto sliced = cheaperDecoding({}, 4);
  ASSERT_TRUE(sliced);
  EXPECT_TRUE(sliced->options.vaeSlicing);
  const auto tiled = cheaperDecoding(sliced->options, 4);
  ASSERT_TRUE(tiled);
  EXPECT_TRUE(tiled->options.vaeTiling);
  EXPECT_FALSE(cheaperDecoding(tiled->options, 4));
  EXPECT_TRUE(cheaperDecoding({}, 1)->options.vaeTiling); // one image: nothing to slice
  OptimizationOptions defaultAttention;
  defaultAttention.attention = Attention::Default;
  EXPECT_EQ(cheaperDecoding(defaultAttention, 1)->options.attention, Attention::Sdpa);
}

TEST(MemoryBudgetText, ReadsOffAutoAndGiB) {
  EXPECT_EQ(memoryBudgetFromText("off")->mode, MemoryBudget::Mode::Off);
  EXPECT_EQ(memoryBudgetFromText("auto")->mode, MemoryBudget::Mode::Auto);
  EXPECT_EQ(memoryBudgetFromText("1.5")->bytes, uint64_t(1.5 * kGiB));
  EXPECT_EQ(memoryBudgetText(*memoryBudgetFromText("1.5")), "1.5");
  for (const char* bad : {"-1", "0", "8GB", "1e3", "nan", "99999"}) EXPECT_FALSE(memoryBudgetFromText(bad)) << bad;
}

TEST(MemoryLimit, TheCpuLimitIsHardAndLiftable) {
  LimitScope scope;
  const auto before = sampleMemory().allocated;
  setMemoryLimit(before + (64ull << 20), false);
  EXPECT_THROW(torch::empty({int64_t(128) << 20}, torch::kUInt8), c10::OutOfMemoryError);
  auto small = torch::empty({int64_t(16) << 20}, torch::kUInt8);
  EXPECT_GE(sampleMemory().allocated, before + (16ull << 20));
  setMemoryLimit(std::nullopt, false);
  EXPECT_NO_THROW(torch::empty({int64_t(128) << 20}, torch::kUInt8));
}

TEST(MemoryFallback, ADecodeThatRunsOutIsDoneAgainSlicedFromTheSameLatents) {
  LimitScope scope;
  Pipeline pipeline(ModelSource::parse("builtin:tiny"), "cpu");
  auto full = tinyRequest(4, 256);
  auto sliced = full;
  sliced.optimizations.vaeSlicing = true;
  GenerationResult slicedResult;
  const auto fullPeak = peakOf(pipeline, full), slicedPeak = peakOf(pipeline, sliced, &slicedResult);
  ASSERT_GT(fullPeak, slicedPeak + (8ull << 20)) << "the test needs a decode that slicing makes smaller";

  setMemoryLimit((fullPeak + slicedPeak) / 2, false);
  try {
    pipeline.generate(full);
    FAIL() << "the full decode fitted under the limit";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::OutOfMemory);
  }
  auto withFallbacks = full;
  withFallbacks.memoryFallbacks = true;
  const auto result = pipeline.generate(withFallbacks);
  EXPECT_TRUE(result.optimizations.vaeSlicing);
  EXPECT_TRUE(mentions(result.memoryNotes, "while decoding")) << ::testing::PrintToString(result.memoryNotes);
  ASSERT_EQ(result.images.size(), 4u);
  for (std::size_t i = 0; i < 4; ++i) EXPECT_EQ(result.images[i].rgb, slicedResult.images[i].rgb) << i;
  // The metadata records the switches that made the image, so reusing it makes it again.
  EXPECT_TRUE(ranAs(withFallbacks, result).optimizations.vaeSlicing);
  EXPECT_FALSE(ranAs(withFallbacks, result).memoryNotes.empty());
}

TEST(MemoryFallback, ADenoisingStepThatRunsOutContinuesCheaperFromThatStep) {
  LimitScope scope;
  Pipeline pipeline(ModelSource::parse("builtin:tiny"), "cpu");
  auto heavy = tinyRequest(1, 768);
  heavy.optimizations.attention = Attention::Default; // materialises the attention scores
  heavy.optimizations.tinyAutoencoder = true;         // no attention in the decode: the UNet's is the peak
  auto light = heavy;
  light.optimizations.attention = Attention::Sdpa;
  GenerationResult lightResult;
  const auto heavyPeak = peakOf(pipeline, heavy), lightPeak = peakOf(pipeline, light, &lightResult);
  ASSERT_GT(heavyPeak, lightPeak + (8ull << 20)) << "the test needs attention that SDPA makes smaller";

  setMemoryLimit((heavyPeak + lightPeak) / 2, false);
  heavy.memoryFallbacks = true;
  const auto result = pipeline.generate(heavy);
  EXPECT_EQ(result.optimizations.attention, Attention::Sdpa);
  EXPECT_TRUE(mentions(result.memoryNotes, "denoising step 1")) << ::testing::PrintToString(result.memoryNotes);
  // The step that ran out left nothing behind: the image is the SDPA run's, but for the prompt's
  // embeddings, which the default attention encoded before the step ran out (rounding apart).
  const auto& a = result.images.at(0).rgb;
  const auto& b = lightResult.images.at(0).rgb;
  ASSERT_EQ(a.size(), b.size());
  int worst = 0;
  for (std::size_t i = 0; i < a.size(); ++i) worst = std::max(worst, std::abs(int(a[i]) - int(b[i])));
  EXPECT_LE(worst, 2);
}

TEST(MemoryBudget, ABudgetIsPlannedHeldAndRecorded) {
  LimitScope scope;
  Pipeline pipeline(ModelSource::parse("builtin:tiny"), "cpu");
  auto r = tinyRequest(2, 128);
  r.memoryFallbacks = true;
  r.memoryBudget = MemoryBudget::gib(1);
  struct Notes : GenerationObserver {
    std::vector<MemoryEvent> events;
    void onMemory(const MemoryEvent& e) override { events.push_back(e); }
  } notes;
  resetPeakMemory();
  const auto result = pipeline.generate(r, &notes);
  ASSERT_FALSE(notes.events.empty());
  EXPECT_EQ(notes.events.front().kind, MemoryEvent::Kind::Plan);
  EXPECT_EQ(notes.events.front().budget, r.memoryBudget.bytes);
  EXPECT_EQ(memoryLimit(), r.memoryBudget.bytes); // held to it
  EXPECT_LE(sampleMemory().peakAllocated, r.memoryBudget.bytes);
  EXPECT_EQ(result.memoryNotes.front(), notes.events.front().text);

  r.memoryBudget = MemoryBudget::gib(0.01);
  try {
    pipeline.generate(r);
    FAIL() << "a budget nothing fits in was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::OutOfMemory);
    EXPECT_NE(std::string(e.what()).find("at the least"), std::string::npos) << e.what();
  }
  r.memoryBudget = {};
  pipeline.generate(r);
  EXPECT_FALSE(memoryLimit()); // a request without a budget lifts the budget's limit
}

TEST(MemoryBaseline, TwentyMixedRequestsGiveTheirMemoryBack) {
  LimitScope scope;
  const auto model = (test::fixturesDir() / "tiny" / "pipeline").string();
  const auto lora = (test::fixturesDir() / "lora" / "kohya.safetensors").string();
  Pipeline pipeline(ModelSource::parse(model), "cpu");
  auto base = tinyRequest(1, 64);
  pipeline.generate(base);
  const auto baseline = sampleMemory().allocated;
  for (int i = 0; i < 20; ++i) {
    auto r = base;
    r.prompt = "request " + std::to_string(i);
    r.width = r.height = i % 3 == 0 ? 64 : i % 3 == 1 ? 96 : 128;
    r.images = 1 + i % 2;
    if (i % 4 == 1) r.loras.push_back({lora, 0.5 + 0.1 * i, 0.5 + 0.1 * i});
    if (i % 5 == 2) r.optimizations.vaeSlicing = true;
    if (i % 7 == 3) r.hires = HiresFix{1.5, 0.5, 2, HiresUpscaler::Latent};
    pipeline.generate(r);
  }
  pipeline.generate(base); // back to the first request's model state: no LoRA
  const auto after = sampleMemory().allocated;
  EXPECT_LE(double(after), double(baseline) * 1.05) << "baseline " << baseline << ", after " << after;
  EXPECT_GE(double(after), double(baseline) * 0.95) << "baseline " << baseline << ", after " << after;
}

TEST(MemoryPlan, TheIssuesTargetBudgetsEachGetAPlan) {
  const auto m = sdxlBase();
  const auto seed = seedRequest();
  const auto at = [&](const GenerationRequest& r, double gib) { return planMemory(r, uint64_t(gib * kGiB), m, true); };
  EXPECT_EQ(at(seed, 12).options.offload, Offload::None);
  auto compiled = seed;
  compiled.optimizations.compile = true;
  EXPECT_TRUE(at(compiled, 12).options.compile); // measured: compile needs 11.75 GiB under a hard limit
  EXPECT_FALSE(at(compiled, 11).options.compile);
  EXPECT_NE(at(seed, 8).options.offload, Offload::Sequential); // the faster placements still fit 8 GiB
  EXPECT_NE(at(seed, 4).options.offload, Offload::None);
  EXPECT_EQ(at(seed, 2).options.offload, Offload::Sequential);
  auto single = seed;
  single.images = 1;
  single.steps = 30;
  EXPECT_EQ(at(single, 1.5).options.offload, Offload::Sequential);
  for (double gib : {12.0, 8.0, 4.0, 2.0}) std::printf("seed %.1f GiB: %s\n", gib, at(seed, gib).summary.c_str());
  std::printf("single 1.5 GiB: %s\n", at(single, 1.5).summary.c_str());
}
