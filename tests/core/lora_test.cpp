// LoRAs (tests/fixtures/lora.py): kohya / A1111 and diffusers / PEFT files, alone and together,
// against diffusers' load_lora_weights + set_adapters + fuse_lora; taken out again bit for bit;
// changing them never reloads the model; the prompt's <lora:NAME:W> tag; what cannot be applied.
#include "pipeline/sdxl_model.h"
#include "sdxl/error.h"
#include "sdxl/pipeline.h"
#include "sdxl/safetensors.h"
#include "test_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <fstream>

using namespace sdxl;

namespace {

std::filesystem::path dir() { return test::fixturesDir() / "lora"; }
std::string model() { return (test::fixturesDir() / "tiny" / "pipeline").string(); }

std::vector<nlohmann::json> cases() {
  std::ifstream in(dir() / "lora_cases.json");
  return nlohmann::json::parse(in).get<std::vector<nlohmann::json>>();
}

GenerationRequest requestOf(const nlohmann::json& c) {
  GenerationRequest r;
  r.prompt = c["prompt"];
  r.negativePrompt = c["negative"];
  r.steps = c["steps"];
  r.seed = c["seed"];
  r.images = c["images"];
  r.width = c["width"];
  r.height = c["height"];
  r.guidance = c["guidance"];
  r.seedMode = SeedMode::Batch;
  r.optimizations.precision = Precision::FP32;
  for (const auto& l : c["loras"]) {
    const double w = l["weight"];
    r.loras.push_back({(dir() / l["file"].get<std::string>()).string(), w, w});
  }
  return r;
}

double compare(const GenerationResult& result, const SafetensorsFile& reference, const std::string& name, int& worst) {
  const auto want = reference.tensor(name + ".latents");
  const auto images = reference.tensor(name + ".images");
  worst = 0;
  for (std::size_t i = 0; i < result.images.size(); ++i) {
    auto ours = torch::from_blob(const_cast<uint8_t*>(result.images[i].rgb.data()), {64, 64, 3}, torch::kUInt8).to(torch::kInt);
    worst = std::max(worst, (ours - images[static_cast<int64_t>(i)].to(torch::kInt)).abs().max().item<int>());
  }
  return ((*result.finalLatents - want).abs().max() / want.abs().max()).item<double>();
}

class CountLoads : public GenerationObserver {
public:
  int loads = 0;
  void onStage(Stage s) override { loads += s == Stage::Loading ? 1 : 0; }
};

} // namespace

TEST(Lora, KohyaAndPeftFilesAloneAndTogetherGiveDiffusersImages) {
  auto reference = SafetensorsFile::open(dir() / "lora_reference.safetensors");
  Pipeline pipeline(ModelSource::parse(model()), "cpu");
  CountLoads observer;
  for (const auto& c : cases()) {
    const std::string name = c["name"];
    SCOPED_TRACE(name);
    const auto result = pipeline.generate(requestOf(c), &observer);
    int worst = 0;
    const double rel = compare(result, *reference, name, worst);
    std::printf("lora %-6s latents rel=%.3e worst pixel %d\n", name.c_str(), rel, worst);
    EXPECT_LE(rel, 1e-3);
    EXPECT_LE(worst, 1);
  }
  EXPECT_EQ(observer.loads, 1); // changing LoRAs never loads the model again
}

TEST(Lora, ATagInThePromptIsTheSameLoraAndLeavesTheText) {
  auto reference = SafetensorsFile::open(dir() / "lora_reference.safetensors");
  const auto c = cases().at(0); // kohya at 0.8
  auto r = requestOf(c);
  r.loras.clear();
  r.prompt += " <lora:kohya:0.8>";
  r.loraFolder = dir().string();
  int worst = 0;
  EXPECT_LE(compare(Pipeline(ModelSource::parse(model()), "cpu").generate(r), *reference, "kohya", worst), 1e-3);
  EXPECT_LE(worst, 1);
  r.prompt = "a fox <lora:nowhere:1>";
  EXPECT_THROW(Pipeline(ModelSource::parse(model()), "cpu").generate(r), Error);
}

TEST(Lora, TakingThemOutRestoresEveryWeightBitForBit) {
  auto m = pipeline::loadSdxlModel(ModelSource::parse(model()), torch::kCPU, torch::kFloat, Offload::None, {});
  auto snapshot = [&] {
    std::map<std::string, at::Tensor> out;
    for (auto* part : {static_cast<torch::nn::Module*>(m->unet.get()), static_cast<torch::nn::Module*>(m->textEncoder1.get()),
                       static_cast<torch::nn::Module*>(m->textEncoder2.get())})
      for (const auto& p : part->named_parameters(true)) out[p.key() + "@" + std::to_string(reinterpret_cast<uintptr_t>(part))] = p.value().clone();
    return out;
  };
  const auto before = snapshot();
  m->loras.apply(*m, {{(dir() / "kohya.safetensors").string(), 0.8, 0.8}, {(dir() / "peft.safetensors").string(), -0.5, 1.3}});
  const auto merged = snapshot();
  int changed = 0;
  for (const auto& [name, t] : before) changed += torch::equal(t, merged.at(name)) ? 0 : 1;
  EXPECT_GT(changed, 150);
  m->loras.apply(*m, {{(dir() / "peft.safetensors").string(), 1.0, 1.0}}); // another set: the first goes out first
  m->loras.apply(*m, {});
  const auto after = snapshot();
  for (const auto& [name, t] : before) EXPECT_TRUE(torch::equal(t, after.at(name))) << name;
}

TEST(Lora, WhatCannotBeAppliedIsRefusedWithTheReasonAndChangesNothing) {
  Pipeline pipeline(ModelSource::parse(model()), "cpu");
  auto r = requestOf(cases().at(0));
  const auto clean = [&] {
    auto plain = r;
    plain.loras.clear();
    return pipeline.generate(plain).images.at(0).rgb;
  }();
  auto expectRefused = [&](const std::string& file, const std::string& word) {
    auto bad = r;
    bad.loras = {{(dir() / file).string(), 1, 1}};
    try {
      pipeline.generate(bad);
      FAIL() << file << " was applied";
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::ModelFormat);
      EXPECT_NE(std::string(e.what()).find(word), std::string::npos) << e.what();
    }
  };
  expectRefused("sd1.safetensors", "Stable Diffusion 1.x");
  expectRefused("missing.safetensors", "lora_unet_input_blocks_40_1_proj_in");
  expectRefused("missing.safetensors", "lora_te2_text_model_encoder_layers_99_mlp_fc1");
  expectRefused("../single_file/vae_other.safetensors", "not a LoRA");
  auto plain = r;
  plain.loras.clear();
  EXPECT_EQ(pipeline.generate(plain).images.at(0).rgb, clean); // the refusals left the weights alone
}

// With the text encoders freed after encoding, a new LoRA set still reaches them: they come back
// with the model's own weights, and the LoRAs' text layers go back in.
TEST(Lora, TextEncodersFreedAndLoadedAgainGetTheLorasBack) {
  auto reference = SafetensorsFile::open(dir() / "lora_reference.safetensors");
  Pipeline pipeline(ModelSource::parse(model()), "cpu");
  for (const char* name : {"kohya", "both", "peft"}) {
    nlohmann::json c;
    for (const auto& each : cases())
      if (each["name"] == name) c = each;
    auto r = requestOf(c);
    r.optimizations.cachePromptEmbeddings = r.optimizations.freeTextEncoders = true;
    int worst = 0;
    EXPECT_LE(compare(pipeline.generate(r), *reference, name, worst), 1e-3) << name;
    EXPECT_LE(worst, 1) << name;
  }
}
