// The whole pipeline against diffusers' StableDiffusionXLPipeline on the tiny random-weight
// model, fp32 on the CPU: every scheduler, a negative prompt, an empty prompt, several images,
// no guidance, guidance rescale and an odd size, an empty negative prompt encoded as text
// (tests/fixtures/tiny_models.py). Final latents
// within 1e-3 of the reference's scale; 8-bit images within 1 on at least 99.9% of values.
#include "sched/scheduler.h"
#include "sdxl/pipeline.h"
#include "sdxl/safetensors.h"
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
    const double scale = want.abs().max().item<double>();
    const double rel = (got - want).abs().max().item<double>() / scale;
    const auto images = reference->tensor(name + ".images"); // (n, h, w, 3) uint8
    ASSERT_EQ(result.images.size(), static_cast<std::size_t>(images.size(0)));
    int64_t total = 0, within = 0, worst = 0;
    for (std::size_t i = 0; i < result.images.size(); ++i) {
      auto ours = torch::from_blob(const_cast<uint8_t*>(result.images[i].rgb.data()),
                                   {result.images[i].height, result.images[i].width, 3}, torch::kUInt8)
                      .to(torch::kInt);
      auto diff = (ours - images[static_cast<int64_t>(i)].to(torch::kInt)).abs();
      total += diff.numel();
      within += (diff <= 1).sum().item<int64_t>();
      worst = std::max<int64_t>(worst, diff.max().item<int64_t>());
    }
    const double fraction = double(within) / double(total);
    std::printf("pipeline parity %-18s latents rel=%.3e  pixels within 1: %.5f%%  worst %lld\n", name.c_str(), rel,
                100 * fraction, static_cast<long long>(worst));
    EXPECT_LE(rel, 1e-3);
    EXPECT_GE(fraction, 0.999);
  }
}
