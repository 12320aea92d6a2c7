// img2img, inpainting and the hires fix against diffusers' StableDiffusionXLImg2ImgPipeline and
// StableDiffusionXLInpaintPipeline on the tiny random-weight model, fp32 on the CPU
// (tests/fixtures/modes.py): five schedulers, strengths from 0.5 to 1, one generator and per-image
// generators, guidance on and off, the base model's 4-channel UNet and a 9-channel inpainting
// UNet, a mask whose edge sits on the 0.5 threshold; the hires fix composed from diffusers' parts
// with each upscaler; our Lanczos against PIL's; the guidance cut-off against diffusers'
// SDXLCFGCutoffCallback. Same bounds as the txt2img parity test.
#include "parity_support.h"
#include "sdxl/error.h"
#include "sdxl/pipeline.h"
#include "sdxl/safetensors.h"
#include "test_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>

using namespace sdxl;

namespace {

std::filesystem::path modes() { return test::fixturesDir() / "modes"; }

GenerationRequest requestOf(const nlohmann::json& c, const SafetensorsFile& reference) {
  auto r = test::requestOfCase(c);
  r.strength = c["strength"];
  r.maskBlur = c.value("mask_blur", 0.0); // 0: diffusers' pipeline as called without mask_processor.blur
  r.optimizations.guidanceCutoff = c.value("guidance_cutoff", 1.0);
  if (c["mode"] == "txt2img") return r;
  if (c["mode"] == "hires") {
    HiresFix h;
    h.scale = c["hires"]["scale"];
    h.strength = c["hires"]["strength"];
    h.steps = c["hires"]["steps"];
    h.upscaler = *hiresUpscalerFromName(c["hires"]["upscaler"]);
    r.hires = h;
    return r;
  }
  r.initImage = test::imageFromTensor(reference.tensor("init"));
  if (c.contains("only_masked_padding")) { // the image and its mask whole, the area worked at width x height
    r.mask = test::imageFromTensor(reference.tensor(c["name"].get<std::string>() + ".mask"));
    r.onlyMaskedPadding = c["only_masked_padding"];
    return r;
  }
  if (c["mode"] != "img2img") r.mask = test::imageFromTensor(reference.tensor("mask"));
  return r;
}

} // namespace

TEST(ModesParity, EveryCaseMatchesDiffusers) {
  auto reference = SafetensorsFile::open(modes() / "reference.safetensors");
  std::ifstream in(modes() / "cases.json");
  Pipeline base(ModelSource::parse((test::fixturesDir() / "tiny" / "pipeline").string()), "cpu");
  Pipeline inpainting(ModelSource::parse((modes() / "inpaint_pipeline").string()), "cpu");
  for (const auto& c : nlohmann::json::parse(in)) {
    const std::string name = c["name"];
    SCOPED_TRACE(name);
    const auto request = requestOf(c, *reference);
    if (request.hires) { // its first pass is txt2img at the request's size
      auto first = request;
      first.hires.reset();
      const double firstRel = test::relativeError(*base.generate(first).finalLatents, reference->tensor(name + ".first_pass"));
      EXPECT_LE(firstRel, 1e-3) << "the first pass";
    }
    const auto result = (c["mode"] == "inpaint9" ? inpainting : base).generate(request);
    if (request.onlyMaskedPadding) { // diffusers returns the pasted image alone
      const auto [fraction, worst] = test::compareImages(result.images, reference->tensor(name + ".images"));
      std::printf("modes parity %-28s pasted image, pixels within 1: %.5f%%  worst %lld\n", name.c_str(), 100 * fraction,
                  static_cast<long long>(worst));
      EXPECT_GE(fraction, 0.999);
      continue;
    }
    const auto want = reference->tensor(name + ".latents");
    ASSERT_EQ(result.finalLatents->sizes(), want.sizes());
    const double rel = test::relativeError(*result.finalLatents, want);
    const auto [fraction, worst] = test::compareImages(result.images, reference->tensor(name + ".images"));
    std::printf("modes parity %-28s latents rel=%.3e  pixels within 1: %.5f%%  worst %lld\n", name.c_str(), rel,
                100 * fraction, static_cast<long long>(worst));
    EXPECT_LE(rel, 1e-3);
    EXPECT_GE(fraction, 0.999);
  }
}

TEST(ModesParity, TheSameSeedGivesTheSameImageAndImageKAlone) {
  auto reference = SafetensorsFile::open(modes() / "reference.safetensors");
  Pipeline base(ModelSource::parse((test::fixturesDir() / "tiny" / "pipeline").string()), "cpu");
  GenerationRequest r;
  r.prompt = "a fox";
  r.width = r.height = 64;
  r.steps = 4;
  r.images = 2;
  r.seed = 5;
  r.scheduler = SchedulerKind::EulerAncestral; // draws noise at every step too
  r.initImage = test::imageFromTensor(reference->tensor("init"));
  r.mask = test::imageFromTensor(reference->tensor("mask"));
  r.optimizations.precision = Precision::FP32;
  const auto batch = base.generate(r);
  EXPECT_EQ(base.generate(r).images[1].rgb, batch.images[1].rgb);
  r.images = 1;
  r.seed = 6; // image 1 of the batch, alone
  test::expectSameToOneLevel(base.generate(r).images[0], batch.images[1]);
}

TEST(ModesParity, AnInpaintingModelWithoutAMaskIsRefusedInWords) {
  Pipeline inpainting(ModelSource::parse((modes() / "inpaint_pipeline").string()), "cpu");
  GenerationRequest r;
  r.prompt = "a fox";
  r.width = r.height = 64;
  r.steps = 2;
  r.optimizations.precision = Precision::FP32;
  try {
    inpainting.generate(r);
    FAIL() << "an inpainting model made an image from nothing";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::InvalidRequest);
    EXPECT_NE(std::string(e.what()).find("inpainting model"), std::string::npos) << e.what();
  }
}

// An inpainting model as one original-layout file: its 9 input channels read from the file (the
// configs given are the base model's, with 4), and diffusers' inpainting image from it.
TEST(ModesParity, AnInpaintingCheckpointFileInpaintsAsItsFolderDoes) {
  auto reference = SafetensorsFile::open(modes() / "reference.safetensors");
  auto source = ModelSource::parse((modes() / "inpaint.safetensors").string());
  source.configs = test::fixturesDir() / "tiny" / "pipeline";
  Pipeline file(source, "cpu");
  std::ifstream in(modes() / "cases.json");
  for (const auto& c : nlohmann::json::parse(in)) {
    if (c["name"] != "inpaint9_dpmpp_2m") continue;
    const auto result = file.generate(requestOf(c, *reference));
    const double rel = test::relativeError(*result.finalLatents, reference->tensor("inpaint9_dpmpp_2m.latents"));
    EXPECT_LE(rel, 1e-3);
    EXPECT_GE(test::compareImages(result.images, reference->tensor("inpaint9_dpmpp_2m.images")).withinOne, 0.999);
    return;
  }
  FAIL() << "no inpaint9_dpmpp_2m case";
}

// Our mask blur is Pillow's GaussianBlur (diffusers' mask_processor.blur) to the byte, from half a
// pixel to a radius wider than the image.
TEST(ModesParity, MaskBlurIsPillowsGaussianBlurToTheByte) {
  auto reference = SafetensorsFile::open(modes() / "reference.safetensors");
  const auto mask = test::imageFromTensor(reference->tensor("mask"));
  for (const char* radius : {"0.5", "1", "2.5", "4", "10", "40"}) {
    const auto want = reference->tensor(std::string("blur.") + radius).contiguous();
    const auto got = blurMask(mask, std::stod(radius));
    ASSERT_EQ(want.numel(), int64_t{got.width} * got.height) << radius;
    int differ = 0;
    for (int64_t p = 0; p < want.numel(); ++p) differ += want.data_ptr<uint8_t>()[p] != got.rgb[3 * p];
    EXPECT_EQ(differ, 0) << "radius " << radius << ": " << differ << " pixels differ";
  }
}

// "Only masked": diffusers' crop box (get_crop_region, widened to the aspect and clamped at the
// edge) and its paste (apply_overlay) on a known picture, to the byte.
TEST(ModesParity, TheMaskedAreaIsCutAndPastedAsDiffusersDoes) {
  auto reference = SafetensorsFile::open(modes() / "reference.safetensors");
  std::ifstream in(modes() / "cases.json");
  int checked = 0;
  for (const auto& c : nlohmann::json::parse(in)) {
    if (!c.contains("only_masked_padding")) continue;
    const std::string name = c["name"];
    const auto init = test::imageFromTensor(reference->tensor("init"));
    auto mask = test::imageFromTensor(reference->tensor(name + ".mask"));
    if (c["mask_blur"].get<double>() > 0) mask = blurMask(mask, c["mask_blur"]);
    const auto box = maskedArea(mask, c["width"], c["height"], c["only_masked_padding"]);
    const auto want = reference->tensor(name + ".box").contiguous();
    EXPECT_EQ((std::vector<int>{box.x0, box.y0, box.x1, box.y1}),
              (std::vector<int>(want.data_ptr<int32_t>(), want.data_ptr<int32_t>() + 4)))
        << name;
    const auto pasted = pasteMaskedArea(init, mask, test::imageFromTensor(reference->tensor(name + ".overlay_input")), box);
    EXPECT_EQ(pasted.rgb, test::imageFromTensor(reference->tensor(name + ".overlay")).rgb) << name;
    ++checked;
  }
  EXPECT_EQ(checked, 2);
}

// Our resizes are diffusers' (Pillow's Lanczos): the same bytes for enlarging, shrinking, cropping
// to cover and filling, the last with bands of stretched edges.
TEST(ModesParity, ResizesAreDiffusersToTheByte) {
  auto reference = SafetensorsFile::open(modes() / "reference.safetensors");
  const auto init = test::imageFromTensor(reference->tensor("init"));
  struct Case {
    const char* name;
    int width, height;
    ImageFit fit;
  };
  for (const auto& c : {Case{"up", 96, 80, ImageFit::Resize}, Case{"down", 40, 24, ImageFit::Resize},
                        Case{"crop_tall", 48, 64, ImageFit::Crop}, Case{"crop_wide", 40, 24, ImageFit::Crop},
                        Case{"fill_tall", 40, 64, ImageFit::Fill}, Case{"fill_wide", 64, 24, ImageFit::Fill},
                        Case{"fill_slight", 64, 56, ImageFit::Fill}}) {
    const auto want = test::imageFromTensor(reference->tensor(std::string("resize.") + c.name));
    const auto got = resizeImage(init, c.width, c.height, c.fit);
    ASSERT_EQ(got.width, want.width) << c.name;
    ASSERT_EQ(got.height, want.height) << c.name;
    EXPECT_EQ(got.rgb, want.rgb) << c.name;
  }
}
