// Prompts on their way to the UNet, beyond what diffusers and compel can check: A1111's emphasis
// (weights, then the chunk's mean restored) and the "no mean restore" setting, computed from the
// unweighted states that compel checks (pipeline_parity_test.cpp); BREAK and long prompts through
// the whole pipeline; per-image seeds that make any image of a batch again alone.
#include "pipeline/conditioning.h"
#include "sdxl/error.h"
#include "sdxl/pipeline.h"
#include "sdxl/prompt.h"
#include "test_support.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

using namespace sdxl;

namespace {

std::unique_ptr<pipeline::SdxlModel> tinyModel() {
  return pipeline::loadSdxlModel(ModelSource::parse((test::fixturesDir() / "tiny" / "pipeline").string()), torch::kCPU,
                                 torch::kFloat, Offload::None, {});
}

at::Tensor contextOf(pipeline::SdxlModel& m, const std::string& prompt, Emphasis emphasis) {
  return pipeline::encodePrompt(m, prompt, {1, emphasis}, nn::ForwardOptions{nn::AttentionBackend::Sdpa}).context;
}

} // namespace

TEST(PromptConditioning, A1111EmphasisScalesTokensThenRestoresEachChunksMean) {
  auto m = tinyModel();
  std::string text;
  for (int i = 0; i < 30; ++i) text += "lighthouse storm ";
  const std::string weighted = text + "(red sky:1.4) [fog] " + text; // two chunks, weights in the first
  const std::string plain = text + "red sky fog " + text;
  const auto base = contextOf(*m, plain, Emphasis::A1111);
  ASSERT_EQ(base.size(1), 154);
  // The per-token weights of each chunk of each encoder, from the chunking itself.
  const auto parsed = parsePrompt(weighted);
  const int64_t width1 = m->textEncoder1->config().hiddenSize;
  std::vector<at::Tensor> expectA1111, expectNoNorm;
  for (int encoder = 0; encoder < 2; ++encoder) {
    const auto& tokenizer = encoder == 0 ? *m->tokenizer1 : *m->tokenizer2;
    const auto chunks = chunkPrompt(parsed, tokenizer).chunks;
    ASSERT_EQ(chunks.size(), 2u);
    const auto states = encoder == 0 ? base.slice(2, 0, width1) : base.slice(2, width1);
    std::vector<at::Tensor> a, b;
    for (int c = 0; c < 2; ++c) {
      const auto z = states.slice(1, 77 * c, 77 * (c + 1));
      const auto w = torch::tensor(chunks[static_cast<std::size_t>(c)].weights).view({1, 77, 1});
      b.push_back(z * w);
      a.push_back(z * w * (z.mean() / (z * w).mean()));
    }
    expectA1111.push_back(at::cat(a, 1));
    expectNoNorm.push_back(at::cat(b, 1));
  }
  const auto wantA1111 = at::cat(expectA1111, 2), wantNoNorm = at::cat(expectNoNorm, 2);
  const auto gotA1111 = contextOf(*m, weighted, Emphasis::A1111), gotNoNorm = contextOf(*m, weighted, Emphasis::NoNorm);
  EXPECT_TRUE(torch::allclose(gotA1111, wantA1111, 1e-5, 1e-6)) << (gotA1111 - wantA1111).abs().max().item<double>();
  EXPECT_TRUE(torch::allclose(gotNoNorm, wantNoNorm, 1e-5, 1e-6));
  EXPECT_FALSE(torch::allclose(gotA1111, gotNoNorm, 1e-3, 1e-4)); // the restore did something
  // The chunk's mean is what it was before the weights.
  for (int c = 0; c < 2; ++c) {
    const auto chunk = [&](const at::Tensor& t) { return t.slice(1, 77 * c, 77 * (c + 1)).slice(2, 0, width1); };
    EXPECT_NEAR(chunk(gotA1111).mean().item<double>(), chunk(base).mean().item<double>(), 1e-6);
  }
}

TEST(PromptConditioning, AWeighted300TokenPromptWithBreakGeneratesAndKeepsEveryChunk) {
  std::string prompt = "(masterpiece:1.2), ((best quality)), a lighthouse on a cliff BREAK ";
  for (int i = 0; i < 40; ++i) prompt += "[stormy] sea with (tall waves:1.1) and rain, ";
  auto m = tinyModel();
  const auto chunked = chunkPrompt(parsePrompt(prompt), *m->tokenizer1);
  EXPECT_GE(chunked.tokenCount, 300);
  const auto context = contextOf(*m, prompt, Emphasis::A1111);
  EXPECT_EQ(context.size(1), 77 * static_cast<int64_t>(chunked.chunks.size()));
  EXPECT_TRUE(torch::isfinite(context).all().item<bool>());
  Pipeline pipeline(ModelSource::parse((test::fixturesDir() / "tiny" / "pipeline").string()), "cpu");
  GenerationRequest r;
  r.prompt = prompt;
  r.negativePrompt = "blurry";
  r.width = r.height = 64;
  r.steps = 3;
  r.images = 2;
  r.optimizations.precision = Precision::FP32;
  r.optimizations.cachePromptEmbeddings = true;
  const auto a = pipeline.generate(r), b = pipeline.generate(r); // the second from the embedding cache
  ASSERT_EQ(a.images.size(), 2u);
  EXPECT_EQ(a.images[1].rgb, b.images[1].rgb);
  r.prompt = prompt.substr(0, prompt.find("BREAK")); // the first chunk alone makes another image
  EXPECT_NE(pipeline.generate(r).images[0].rgb, a.images[0].rgb);
}

TEST(PromptConditioning, PerImageSeedsMakeImageThreeOfABatchAgainAlone) {
  static Pipeline pipeline(ModelSource::parse("builtin:tiny"), "cpu");
  GenerationRequest r;
  r.prompt = "a red fox in the snow";
  r.width = r.height = 64;
  r.steps = 4;
  r.images = 4;
  r.seed = 1000;
  r.scheduler = SchedulerKind::EulerAncestral; // its step noise comes from the same generators
  r.optimizations.precision = Precision::FP32;
  ASSERT_EQ(r.seedMode, SeedMode::PerImage); // the product's default
  const auto batch = pipeline.generate(r);
  r.images = 1;
  r.seed = 1002;
  const auto alone = pipeline.generate(r);
  const auto& x = batch.images.at(2).rgb;
  const auto& y = alone.images.at(0).rgb;
  ASSERT_EQ(x.size(), y.size());
  int worst = 0;
  for (std::size_t i = 0; i < x.size(); ++i) worst = std::max(worst, std::abs(int(x[i]) - int(y[i])));
  EXPECT_LE(worst, 1); // a batch of 4 and a batch of 1 round differently in the last bits
  const auto latentsBatch = batch.finalLatents->slice(0, 2, 3), latentsAlone = *alone.finalLatents;
  const auto rel = [](const at::Tensor& a, const at::Tensor& b) { return ((a - b).abs().max() / b.abs().max()).item<double>(); };
  EXPECT_LE(rel(latentsBatch, latentsAlone), 1e-4);
  // The batch mode draws them together instead: image 3 of that batch is another image.
  r.seed = 1000;
  r.images = 4;
  r.seedMode = SeedMode::Batch;
  EXPECT_GT(rel(pipeline.generate(r).finalLatents->slice(0, 2, 3), latentsAlone), 0.1);
}

TEST(PromptConditioning, ClipSkipPastTheEncoderIsRefusedWithTheReason) {
  auto m = tinyModel();
  try {
    pipeline::encodePrompt(*m, "a cat", {12, Emphasis::A1111}, nn::ForwardOptions{});
    FAIL() << "accepted a clip skip past the encoder";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::InvalidRequest);
    EXPECT_NE(std::string(e.what()).find("clip skip"), std::string::npos) << e.what();
  }
}
