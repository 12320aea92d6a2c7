// SDXL's networks against diffusers and transformers: tiny random-weight models made by
// tests/fixtures/tiny_models.py, outputs compared in fp32 on the CPU. The bound: max absolute
// error at most 1e-4 of the reference output's largest magnitude. Each comparison prints its
// figures ("parity ..."), which docs/parity.md records.
#include "io/component_loader.h"
#include "sdxl/safetensors.h"
#include "test_support.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <cstdio>

using namespace sdxl;
namespace fs = std::filesystem;

namespace {

fs::path tinyDir() { return test::fixturesDir() / "tiny"; }

const SafetensorsFile& reference() {
  static auto file = SafetensorsFile::open(tinyDir() / "reference.safetensors");
  return *file;
}
at::Tensor refTensor(const std::string& name) { return reference().tensor(name); }

void expectClose(const std::string& what, const at::Tensor& got, const at::Tensor& want, double bound = 1e-4) {
  ASSERT_EQ(got.sizes(), want.sizes()) << what;
  const double scale = want.abs().max().item<double>();
  const double maxErr = (got.to(torch::kFloat) - want).abs().max().item<double>();
  const double rel = maxErr / std::max(scale, 1e-12);
  std::printf("parity %-32s max_abs_err=%.3e scale=%.3e rel=%.3e\n", what.c_str(), maxErr, scale, rel);
  EXPECT_LE(rel, bound) << what << ": max abs error " << maxErr << " vs output scale " << scale;
}

const nn::ForwardOptions kMath{nn::AttentionBackend::Math};
const nn::ForwardOptions kSdpa{nn::AttentionBackend::Sdpa};

} // namespace

class NetworkParity : public ::testing::Test {
protected:
  void SetUp() override { torch::NoGradGuard(); }
  c10::InferenceMode inference;
};

TEST_F(NetworkParity, FirstTextEncoderMatchesTransformersInBothNameForms) {
  for (const char* folder : {"pipeline/text_encoder", "te1_prefixed"}) {
    auto te = io::loadClipTextModel(tinyDir() / folder, {});
    for (const auto& fwd : {kMath, kSdpa}) {
      auto out = te(refTensor("in.ids1"), fwd);
      ASSERT_EQ(out.hiddenStates.size(), 4u);
      for (std::size_t i = 0; i < out.hiddenStates.size(); ++i)
        expectClose(std::string("te1.hidden.") + std::to_string(i), out.hiddenStates[i], refTensor("out.te1.hidden." + std::to_string(i)));
      expectClose("te1.last", out.lastHiddenState, refTensor("out.te1.last"));
      expectClose("te1.pooled", out.pooled, refTensor("out.te1.pooled"));
    }
  }
}

TEST_F(NetworkParity, SecondTextEncoderMatchesTransformers) {
  auto te = io::loadClipTextModel(tinyDir() / "pipeline/text_encoder_2", {});
  auto out = te(refTensor("in.ids2"), kSdpa);
  for (std::size_t i = 0; i < out.hiddenStates.size(); ++i)
    expectClose("te2.hidden." + std::to_string(i), out.hiddenStates[i], refTensor("out.te2.hidden." + std::to_string(i)));
  expectClose("te2.last", out.lastHiddenState, refTensor("out.te2.last"));
  expectClose("te2.text_embeds", out.textEmbeds, refTensor("out.te2.text_embeds"));
  // What SDXL keeps when it does not need every layer: the same penultimate state and pooling.
  auto lean = te(refTensor("in.ids2"), kSdpa, static_cast<int>(te->layers.size()) - 1);
  EXPECT_TRUE(torch::equal(lean.hiddenStates[out.hiddenStates.size() - 2], out.hiddenStates[out.hiddenStates.size() - 2]));
  EXPECT_TRUE(torch::equal(lean.textEmbeds, out.textEmbeds));
}

TEST_F(NetworkParity, UNetMatchesDiffusersAtSeveralTimestepsBothHalvesAndOddSizes) {
  for (const char* folder : {"pipeline/unet", "unet_sharded"}) {
    auto unet = io::loadUNet(tinyDir() / folder, {});
    for (const char* size : {"square", "odd"}) {
      for (int t : {999, 500, 1}) {
        for (const auto& fwd : {kMath, kSdpa}) {
          auto out = unet(refTensor(std::string("in.unet.sample.") + size), torch::tensor(static_cast<float>(t)),
                          refTensor("in.unet.context"), refTensor("in.unet.text_embeds"), refTensor("in.unet.time_ids"), fwd);
          expectClose(std::string("unet.") + size + ".t" + std::to_string(t) + (fwd.attention == nn::AttentionBackend::Math ? ".math" : ".sdpa"),
                      out, refTensor(std::string("out.unet.") + size + ".t" + std::to_string(t)));
        }
      }
    }
  }
}

TEST_F(NetworkParity, VaeDecodesAndEncodesAsDiffusers) {
  auto vae = io::loadAutoencoderKL(tinyDir() / "pipeline/vae", {});
  for (const auto& fwd : {kMath, kSdpa}) {
    expectClose("vae.decode", vae->decode(refTensor("in.vae.latents"), fwd), refTensor("out.vae.decoded"));
    auto [mean, logvar] = vae->encode(refTensor("in.vae.images"), fwd);
    expectClose("vae.encode.mean", mean, refTensor("out.vae.mean"));
    expectClose("vae.encode.logvar", logvar, refTensor("out.vae.logvar"));
  }
  EXPECT_DOUBLE_EQ(vae->config().scalingFactor, 0.13025);
  EXPECT_TRUE(vae->config().forceUpcast);
  // The layout the pipeline runs on CUDA (sdxl_model.cpp): channels-last weights and activations,
  // the mid-block attention's tokens taken as views of the NHWC tensor.
  nn::convertToChannelsLast(*vae);
  const auto latents = refTensor("in.vae.latents").contiguous(torch::MemoryFormat::ChannelsLast);
  const auto decoded = vae->decode(latents, kSdpa);
  EXPECT_TRUE(decoded.is_contiguous(torch::MemoryFormat::ChannelsLast));
  expectClose("vae.decode.channels_last", decoded, refTensor("out.vae.decoded"));
}

TEST_F(NetworkParity, TinyAutoencoderDecodesAndEncodesAsDiffusers) {
  auto taesd = io::loadAutoencoderTiny(tinyDir() / "vae_tiny", {});
  expectClose("taesd.decode", taesd->decode(refTensor("in.vae.latents")), refTensor("out.taesd.decoded"));
  expectClose("taesd.encode", taesd->encode(refTensor("in.vae.images")), refTensor("out.taesd.encoded"));
}
