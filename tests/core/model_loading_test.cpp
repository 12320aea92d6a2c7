// Loading fails loudly and usefully on broken folders, and the built-in benchmark model builds
// with exactly SDXL-base's parameter counts.
#include "io/component_loader.h"
#include "io/module_loading.h"
#include "sdxl/error.h"
#include "sdxl/safetensors.h"
#include "test_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>

using namespace sdxl;
namespace fs = std::filesystem;

namespace {

fs::path tinyVae() { return test::fixturesDir() / "tiny" / "pipeline" / "vae"; }

// A copy of the tiny VAE folder whose weights went through `edit`.
fs::path brokenVae(const std::string& name,
                   const std::function<void(std::vector<std::pair<std::string, at::Tensor>>&)>& edit) {
  const auto dir = test::freshTempDir(name);
  fs::copy_file(tinyVae() / "config.json", dir / "config.json");
  auto file = SafetensorsFile::open(tinyVae() / "diffusion_pytorch_model.safetensors");
  std::vector<std::pair<std::string, at::Tensor>> tensors;
  for (const auto& t : file->tensors()) tensors.emplace_back(t.name, file->tensor(t.name).clone());
  edit(tensors);
  writeSafetensors(dir / "diffusion_pytorch_model.safetensors", tensors);
  return dir;
}

std::string loadError(const fs::path& dir) {
  try {
    io::loadAutoencoderKL(dir, {});
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::ModelFormat);
    // A template and its arguments, so the studio shows it in its language.
    EXPECT_NE(e.text(), nullptr) << e.what();
    if (e.text()) {
      EXPECT_EQ(formatMessage(e.text(), e.args()), e.what());
    }
    return e.what();
  }
  ADD_FAILURE() << "a broken folder loaded";
  return {};
}

void expectMentions(const std::string& message, std::initializer_list<const char*> words) {
  for (const char* w : words) EXPECT_NE(message.find(w), std::string::npos) << "'" << w << "' missing from: " << message;
}

} // namespace

TEST(ModelLoading, MissingTensorIsNamedWithItsShape) {
  auto dir = brokenVae("vae_missing", [](auto& t) {
    t.erase(std::remove_if(t.begin(), t.end(), [](auto& p) { return p.first == "decoder.conv_out.weight"; }), t.end());
  });
  expectMentions(loadError(dir), {"vae", "missing (1)", "decoder.conv_out.weight [3, 16, 3, 3]"});
}

TEST(ModelLoading, MisshapenTensorShowsExpectedAndFound) {
  auto dir = brokenVae("vae_shape", [](auto& t) {
    for (auto& p : t)
      if (p.first == "quant_conv.bias") p.second = torch::zeros({7});
  });
  expectMentions(loadError(dir), {"wrong shape (1)", "quant_conv.bias: expected [8], found [7]"});
}

TEST(ModelLoading, UnexpectedTensorIsAnError) {
  auto dir = brokenVae("vae_extra", [](auto& t) { t.emplace_back("decoder.extra.weight", torch::zeros({2})); });
  expectMentions(loadError(dir), {"unexpected (1)", "decoder.extra.weight"});
}

TEST(ModelLoading, AbsurdConfigIsRefusedBeforeAllocating) {
  const auto dir = test::freshTempDir("vae_absurd");
  fs::copy_file(tinyVae() / "diffusion_pytorch_model.safetensors", dir / "diffusion_pytorch_model.safetensors");
  nlohmann::json config;
  std::ifstream(tinyVae() / "config.json") >> config;
  config["block_out_channels"] = {8192, 8192, 8192, 8192}; // within per-field limits, ~30 G parameters
  config["layers_per_block"] = 16;
  std::ofstream(dir / "config.json") << config.dump();
  expectMentions(loadError(dir), {"parameters", "refusing to allocate"});
  config["block_out_channels"] = {1 << 20};
  std::ofstream(dir / "config.json", std::ios::trunc) << config.dump();
  expectMentions(loadError(dir), {"block_out_channels", "outside the supported"});
  std::ofstream(dir / "config.json", std::ios::trunc) << "{not json";
  expectMentions(loadError(dir), {"config.json", "not valid JSON"});
}

TEST(ModelLoading, FolderWithoutWeightsSaysWhatItExpected) {
  const auto dir = test::freshTempDir("vae_noweights");
  fs::copy_file(tinyVae() / "config.json", dir / "config.json");
  expectMentions(loadError(dir), {"no weights", "diffusion_pytorch_model.safetensors"});
}

TEST(ModelLoading, Fp16VariantLoadsIntoFp32Parameters) {
  const auto dir = test::freshTempDir("vae_fp16");
  fs::copy_file(tinyVae() / "config.json", dir / "config.json");
  auto file = SafetensorsFile::open(tinyVae() / "diffusion_pytorch_model.safetensors");
  std::vector<std::pair<std::string, at::Tensor>> half;
  for (const auto& t : file->tensors()) half.emplace_back(t.name, file->tensor(t.name).to(torch::kHalf));
  writeSafetensors(dir / "diffusion_pytorch_model.fp16.safetensors", half);
  uint64_t reported = 0, total = 0;
  io::ComponentSpec spec;
  spec.variant = "fp16";
  spec.progress = [&](uint64_t done, uint64_t all) {
    reported = done;
    total = all;
  };
  auto vae = io::loadAutoencoderKL(dir, spec);
  EXPECT_EQ(vae->decoder->convOut->weight.scalar_type(), torch::kFloat);
  EXPECT_GT(total, 0u);
  EXPECT_EQ(reported, total);
}

TEST(BuiltinModel, TinyVariantBuildsEveryComponentOnTheCpu) {
  c10::InferenceMode inference;
  io::ComponentSpec spec;
  auto unet = io::randomUNet("sdxl-tiny", spec, 1);
  auto te1 = io::randomClipTextModel("sdxl-tiny", "text_encoder", spec, 2);
  auto te2 = io::randomClipTextModel("sdxl-tiny", "text_encoder_2", spec, 3);
  auto vae = io::randomAutoencoderKL("sdxl-tiny", spec, 4);
  auto taesd = io::randomAutoencoderTiny("sdxl-tiny", spec, 5);
  auto ids = torch::full({1, 77}, 49407, torch::kLong);
  auto ctx = torch::cat({te1(ids, nn::ForwardOptions{}).hiddenStates[2], te2(ids, nn::ForwardOptions{}).hiddenStates[3]}, -1);
  auto noise = unet(torch::randn({1, 4, 8, 8}), torch::tensor(500.0f), ctx, te2(ids, nn::ForwardOptions{}).textEmbeds,
                    torch::tensor({{64.0f, 64.0f, 0.0f, 0.0f, 64.0f, 64.0f}}), nn::ForwardOptions{});
  EXPECT_EQ(noise.sizes(), (std::vector<int64_t>{1, 4, 8, 8}));
  EXPECT_TRUE(torch::isfinite(noise).all().item<bool>());
  EXPECT_EQ(vae->decode(noise, nn::ForwardOptions{}).sizes(), (std::vector<int64_t>{1, 3, 64, 64}));
  EXPECT_EQ(taesd->decode(noise).sizes(), (std::vector<int64_t>{1, 3, 64, 64}));
  // Seeded: the same seed gives the same weights.
  auto again = io::randomUNet("sdxl-tiny", spec, 1);
  EXPECT_TRUE(torch::equal(again->convIn->weight, unet->convIn->weight));
}

TEST(BuiltinModel, FullSizeHasSdxlBasesParameterCounts) {
  // On the meta device: the real architecture, no memory. The counts are SDXL-base's.
  io::ComponentSpec meta;
  meta.device = torch::kMeta;
  auto count = [](const torch::nn::Module& m) { return io::parameterCount(m); };
  EXPECT_EQ(count(*nn::UNet2DConditionModel(nn::UNetConfig::fromJson(io::builtinConfig("sdxl-base", "unet")),
                                             torch::TensorOptions().device(torch::kMeta))),
            2567463684u);
  EXPECT_EQ(count(*text::ClipTextModel(text::ClipTextConfig::fromJson(io::builtinConfig("sdxl-base", "text_encoder")),
                                       torch::TensorOptions().device(torch::kMeta))),
            123060480u);
  EXPECT_EQ(count(*text::ClipTextModel(text::ClipTextConfig::fromJson(io::builtinConfig("sdxl-base", "text_encoder_2")),
                                       torch::TensorOptions().device(torch::kMeta))),
            694659840u);
  EXPECT_EQ(count(*nn::AutoencoderKL(nn::AutoencoderKLConfig::fromJson(io::builtinConfig("sdxl-base", "vae")),
                                     torch::TensorOptions().device(torch::kMeta))),
            83653863u);
}
