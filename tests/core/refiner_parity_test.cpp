// The SDXL refiner against diffusers on the tiny random-weight model, fp32 on the CPU
// (tests/fixtures/refiner.py): the ensemble of expert denoisers after txt2img and after img2img
// (the base's denoising_end, the refiner's denoising_start), with one generator and per-image
// generators and an empty negative prompt the refiner encodes; a finished image refined as
// img2img, from the refiner's folder and from its single original-layout file. Same bounds as the
// txt2img parity test.
#include "parity_support.h"
#include "sdxl/error.h"
#include "sdxl/model_source.h"
#include "sdxl/pipeline.h"
#include "sdxl/safetensors.h"
#include "test_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>

using namespace sdxl;

namespace {

std::filesystem::path refinerDir() { return test::fixturesDir() / "refiner"; }
std::string refinerFolder() { return (refinerDir() / "refiner_pipeline").string(); }

nlohmann::json cases() {
  std::ifstream in(refinerDir() / "cases.json");
  return nlohmann::json::parse(in);
}

GenerationRequest requestOf(const nlohmann::json& c, const SafetensorsFile& reference) {
  auto r = test::requestOfCase(c);
  if (c["first"] != "txt2img") r.initImage = test::imageFromTensor(reference.tensor("init"));
  if (c["first"] == "none") r.strength = c["switch"]; // the refiner alone, as img2img
  else r.refiner = RefinerChoice{refinerFolder(), c["switch"]};
  if (c["first"] == "img2img") r.strength = c["img2img_strength"];
  return r;
}

// The latents after the first stage's last step: what the base hands the refiner.
struct SwitchLatents : GenerationObserver {
  at::Tensor latents;
  void onStep(const StepEvent& e) override {
    if (e.step == e.steps && !latents.defined()) latents = e.latents->to(torch::kFloat).clone();
  }
};

void expectMatches(const GenerationResult& result, const SafetensorsFile& reference, const std::string& name) {
  const auto want = reference.tensor(name + ".latents");
  ASSERT_EQ(result.finalLatents->sizes(), want.sizes());
  const double rel = test::relativeError(*result.finalLatents, want);
  const auto [fraction, worst] = test::compareImages(result.images, reference.tensor(name + ".images"));
  std::printf("refiner parity %-44s latents rel=%.3e  pixels within 1: %.5f%%  worst %lld\n", name.c_str(), rel,
              100 * fraction, static_cast<long long>(worst));
  EXPECT_LE(rel, 1e-3);
  EXPECT_GE(fraction, 0.999);
}

} // namespace

TEST(RefinerParity, EveryCaseMatchesDiffusers) {
  auto reference = SafetensorsFile::open(refinerDir() / "reference.safetensors");
  Pipeline base(ModelSource::parse((test::fixturesDir() / "tiny" / "pipeline").string()), "cpu");
  Pipeline refiner(ModelSource::parse(refinerFolder()), "cpu");
  for (const auto& c : cases()) {
    const std::string name = c["name"];
    SCOPED_TRACE(name);
    const auto request = requestOf(c, *reference);
    SwitchLatents handed;
    expectMatches((c["first"] == "none" ? refiner : base).generate(request, &handed), *reference, name);
    if (request.refiner) { // the base stops where diffusers' denoising_end does, with its latents
      ASSERT_TRUE(handed.latents.defined());
      EXPECT_LE(test::relativeError(handed.latents, reference->tensor(name + ".switch")), 1e-3);
    }
  }
}

TEST(RefinerParity, ARefinerCheckpointFileRefinesAsItsFolderDoes) {
  auto reference = SafetensorsFile::open(refinerDir() / "reference.safetensors");
  auto source = ModelSource::parse((refinerDir() / "refiner.safetensors").string());
  source.configs = refinerFolder(); // the tiny architecture (a file alone has the real refiner's)
  Pipeline file(source, "cpu");
  EXPECT_EQ(inspectCheckpointFile(refinerDir() / "refiner.safetensors").kind, CheckpointKind::SdxlRefiner);
  for (const auto& c : cases()) {
    if (c["name"] != "refine_image_euler") continue;
    expectMatches(file.generate(requestOf(c, *reference)), *reference, "refine_image_euler");
    return;
  }
  FAIL() << "no refine_image_euler case";
}

TEST(RefinerParity, TheEnsembleGivesTheSameImageForTheSameSeed) {
  Pipeline base(ModelSource::parse((test::fixturesDir() / "tiny" / "pipeline").string()), "cpu");
  GenerationRequest r;
  r.prompt = "a fox";
  r.width = r.height = 64;
  r.steps = 6;
  r.images = 2;
  r.seed = 3;
  r.scheduler = SchedulerKind::EulerAncestral; // both stages draw noise at every step
  r.refiner = RefinerChoice{refinerFolder(), 0.6};
  r.optimizations.precision = Precision::FP32;
  const auto batch = base.generate(r);
  EXPECT_EQ(base.generate(r).images[1].rgb, batch.images[1].rgb);
  r.images = 1;
  r.seed = 4; // image 1 of the batch, alone
  test::expectSameToOneLevel(base.generate(r).images[0], batch.images[1]);
}

TEST(RefinerParity, WhatARefinerCannotDoIsRefusedInWords) {
  Pipeline base(ModelSource::parse((test::fixturesDir() / "tiny" / "pipeline").string()), "cpu");
  Pipeline refiner(ModelSource::parse(refinerFolder()), "cpu");
  GenerationRequest r;
  r.prompt = "a fox";
  r.width = r.height = 64;
  r.steps = 4;
  r.optimizations.precision = Precision::FP32;
  auto expectRefused = [](Pipeline& p, const GenerationRequest& request, const std::string& words) {
    try {
      p.generate(request);
      ADD_FAILURE() << "made an image; expected a refusal saying: " << words;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::InvalidRequest);
      EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
    }
  };
  expectRefused(refiner, r, "this is a refiner"); // txt2img with the refiner alone
  auto notARefiner = r;
  notARefiner.refiner = RefinerChoice{(test::fixturesDir() / "tiny" / "pipeline").string(), 0.8};
  expectRefused(base, notARefiner, "is not a refiner");
  auto noStepLeft = r;
  noStepLeft.refiner = RefinerChoice{refinerFolder(), 0.999}; // the cut-off at timestep 1: the base runs all 4
  expectRefused(base, noStepLeft, "leaves the refiner no step");
  auto twice = r;
  twice.refiner = RefinerChoice{refinerFolder(), 0.8};
  expectRefused(refiner, twice, "itself a refiner");
}
