// The whole pipeline against diffusers' StableDiffusionXLPipeline on the tiny random-weight
// model, fp32 on the CPU: every scheduler, a negative prompt, an empty prompt, several images,
// no guidance, guidance rescale and an odd size, an empty negative prompt encoded as text, clip skip
// (diffusers' clip_skip), per-image seeds (a list of generators), and a weighted prompt of three
// chunks against compel's embeddings (tests/fixtures/tiny_models.py). Final latents
// within 1e-3 of the reference's scale; 8-bit images within 1 on at least 99.9% of values.
#include "pipeline/conditioning.h"
#include "sched/scheduler.h"
#include "sdxl/pipeline.h"
#include "sdxl/safetensors.h"
#include "parity_support.h"
#include "test_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <fstream>

using namespace sdxl;

namespace {

std::filesystem::path tiny() { return test::fixturesDir() / "tiny"; }

std::vector<nlohmann::json> cases() {
  std::ifstream in(tiny() / "pipeline_cases.json");
  return nlohmann::json::parse(in).get<std::vector<nlohmann::json>>();
}

GenerationRequest requestOf(const nlohmann::json& c) {
  GenerationRequest r;
  r.prompt = c["prompt"];
  r.negativePrompt = c["negative"];
  r.encodeEmptyNegative = c.value("encode_empty_negative", false);
  r.width = c["width"];
  r.height = c["height"];
  r.images = c["images"];
  r.guidance = c["guidance"];
  r.guidanceRescale = c["guidance_rescale"];
  r.seed = c["seed"];
  r.seedMode = *seedModeFromName(c.value("seed_mode", "batch"));
  r.clipSkip = c.value("clip_skip", 1);
  r.emphasis = *emphasisFromName(c.value("emphasis", "a1111"));
  r.steps = c["steps"];
  r.scheduler = *schedulerFromName(c["scheduler"]);
  r.optimizations.precision = Precision::FP32;
  return r;
}

} // namespace

TEST(PipelineParity, SchedulersProduceDiffusersTimesteps) {
  const auto config = sched::SchedulerConfig::fromJson(nn::ConfigReader::fromFile(tiny() / "pipeline/scheduler/scheduler_config.json"));
  for (const auto& c : cases()) {
    auto scheduler = sched::makeScheduler(*schedulerFromName(c["scheduler"]), config);
    scheduler->setTimesteps(c["steps"]);
    EXPECT_EQ(scheduler->timesteps(), c["timesteps"].get<std::vector<double>>()) << c["name"];
  }
}

TEST(PipelineParity, EveryCaseMatchesDiffusers) {
  auto reference = SafetensorsFile::open(tiny() / "pipeline_reference.safetensors");
  Pipeline pipeline(ModelSource::parse((tiny() / "pipeline").string()), "cpu");
  for (const auto& c : cases()) {
    const std::string name = c["name"];
    SCOPED_TRACE(name);
    const auto result = pipeline.generate(requestOf(c));
    const auto want = reference->tensor(name + ".latents");
    const auto& got = *result.finalLatents;
    ASSERT_EQ(got.sizes(), want.sizes());
    const double rel = test::relativeError(got, want);
    const auto images = reference->tensor(name + ".images"); // (n, h, w, 3) uint8
    ASSERT_EQ(result.images.size(), static_cast<std::size_t>(images.size(0)));
    const auto [fraction, worst] = test::compareImages(result.images, images);
    std::printf("pipeline parity %-18s latents rel=%.3e  pixels within 1: %.5f%%  worst %lld\n", name.c_str(), rel,
                100 * fraction, static_cast<long long>(worst));
    EXPECT_LE(rel, 1e-3);
    EXPECT_GE(fraction, 0.999);
  }
}

// The long weighted prompt's embeddings against compel's (truncate_long_prompts=False, split at
// 75 tokens, weights >= 1 as ComfyUI applies them: our "comfy" emphasis), the negative prompt
// padded with the empty prompt's chunk as compel pads it.
TEST(PipelineParity, LongWeightedPromptEmbeddingsMatchCompel) {
  auto reference = SafetensorsFile::open(tiny() / "pipeline_reference.safetensors");
  nlohmann::json c;
  for (const auto& each : cases())
    if (each["name"] == "long_weighted_prompt") c = each;
  ASSERT_FALSE(c.is_null());
  auto model = pipeline::loadSdxlModel(ModelSource::parse((tiny() / "pipeline").string()), torch::kCPU, torch::kFloat,
                                       Offload::None, {});
  const auto request = requestOf(c);
  const nn::ForwardOptions fwd{nn::AttentionBackend::Sdpa};
  const auto cond = pipeline::buildConditioning(*model, request, true, [&](const std::string& p) {
    return pipeline::encodePrompt(*model, p, pipeline::TextOptions::of(request), fwd);
  });
  auto expectClose = [](const char* what, const at::Tensor& got, const at::Tensor& want) {
    ASSERT_EQ(got.sizes(), want.sizes()) << what;
    const double rel = ((got - want).abs().max() / want.abs().max()).item<double>();
    std::printf("compel %-16s %s rel=%.3e\n", what, c10::str(got.sizes()).c_str(), rel);
    EXPECT_LE(rel, 1e-5) << what;
  };
  const int64_t n = request.images;
  expectClose("context", cond.context[n].unsqueeze(0), reference->tensor("long_weighted_prompt.prompt_embeds"));
  expectClose("pooled", cond.pooled[n].unsqueeze(0), reference->tensor("long_weighted_prompt.pooled_prompt_embeds"));
  expectClose("negative", cond.context[0].unsqueeze(0), reference->tensor("long_weighted_prompt.negative_prompt_embeds"));
  expectClose("negative pooled", cond.pooled[0].unsqueeze(0),
              reference->tensor("long_weighted_prompt.negative_pooled_prompt_embeds"));
}
