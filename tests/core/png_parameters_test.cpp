// Parameters read back from PNGs made by this product, A1111/Forge, ComfyUI (its API graph and its
// editor workflow) and Fooocus: the texts below are as those tools write them.
#include "sdxl/error.h"
#include "sdxl/image.h"
#include "sdxl/metadata.h"
#include "sdxl/png_parameters.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

using namespace sdxl;

namespace {
const char* kA1111 =
    "masterpiece, a cat in a hat, (detailed:1.2)\n"
    "second line of the prompt\n"
    "Negative prompt: blurry, lowres\n"
    "Steps: 28, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 6.5, Seed: 3456789012, Size: 832x1216, "
    "Model hash: 31e35c80fc, Model: sd_xl_base_1.0, Clip skip: 2, Lora hashes: \"film: 1234abcd, grain: 5678\", "
    "Version: v1.10.1";

// ComfyUI's default SDXL graph as its "prompt" chunk holds it (API format).
const char* kComfyPrompt = R"J({
  "4": {"inputs": {"ckpt_name": "sd_xl_base_1.0.safetensors"}, "class_type": "CheckpointLoaderSimple"},
  "5": {"inputs": {"width": 1152, "height": 896, "batch_size": 2}, "class_type": "EmptyLatentImage"},
  "6": {"inputs": {"text": "a lighthouse in a storm", "clip": ["4", 1]}, "class_type": "CLIPTextEncode"},
  "7": {"inputs": {"text": "text, watermark", "clip": ["4", 1]}, "class_type": "CLIPTextEncode"},
  "3": {"inputs": {"seed": 156680208700286, "steps": 25, "cfg": 7.5, "sampler_name": "euler_ancestral",
                   "scheduler": "normal", "denoise": 1, "model": ["4", 0], "positive": ["6", 0],
                   "negative": ["7", 0], "latent_image": ["5", 0]}, "class_type": "KSampler"},
  "8": {"inputs": {"samples": ["3", 0], "vae": ["4", 2]}, "class_type": "VAEDecode"}})J";

const char* kComfyWorkflow = R"J({"nodes": [
  {"id": 3, "type": "KSampler", "inputs": [{"name": "positive", "link": 4}, {"name": "negative", "link": 6},
    {"name": "latent_image", "link": 2}], "widgets_values": [42, "fixed", 20, 8, "dpmpp_2m", "karras", 1]},
  {"id": 5, "type": "EmptyLatentImage", "widgets_values": [1024, 1024, 1]},
  {"id": 6, "type": "CLIPTextEncode", "widgets_values": ["a red fox"]},
  {"id": 7, "type": "CLIPTextEncode", "widgets_values": ["ugly"]}],
  "links": [[2, 5, 0, 3, 3, "LATENT"], [4, 6, 0, 3, 1, "CONDITIONING"], [6, 7, 0, 3, 2, "CONDITIONING"]]})J";

const char* kFooocus = R"J({"adm_guidance": "(1.5, 0.8, 0.3)", "base_model": "juggernautXL_v8Rundiffusion",
  "guidance_scale": 4, "negative_prompt": "unrealistic", "performance": "Speed", "prompt": "a castle at dawn",
  "resolution": "(896, 1152)", "sampler": "dpmpp_2m", "scheduler": "karras", "seed": "1234567",
  "sharpness": 2, "steps": 30, "styles": "['Fooocus V2']", "version": "Fooocus v2.5.5"})J";
} // namespace

TEST(PngParameters, A1111sTextGivesItsPromptsAndSettings) {
  const auto r = parametersFromPngText({{"parameters", kA1111}});
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->madeBy, "A1111");
  EXPECT_EQ(r->request.prompt, "masterpiece, a cat in a hat, (detailed:1.2)\nsecond line of the prompt");
  EXPECT_EQ(r->request.negativePrompt, "blurry, lowres");
  EXPECT_EQ(r->request.steps, 28);
  EXPECT_EQ(r->request.scheduler, SchedulerKind::DpmSolverMultistepKarras);
  EXPECT_DOUBLE_EQ(r->request.guidance, 6.5);
  EXPECT_EQ(r->request.seed, 3456789012ull);
  EXPECT_EQ(r->request.width, 832);
  EXPECT_EQ(r->request.height, 1216);
  EXPECT_EQ(r->request.clipSkip, 2);
  EXPECT_EQ(r->model, "sd_xl_base_1.0");
  EXPECT_TRUE(r->notes.empty());
  EXPECT_NO_THROW(validate(r->request));
}

TEST(PngParameters, WhatCannotBeTakenIsSaidNotGuessed) {
  const auto r = parametersFromA1111("a cat\nSteps: 20, Sampler: DPM++ SDE, CFG scale: 7, Seed: 1, Size: 1000x1003, "
                                     "Denoising strength: 0.4");
  EXPECT_EQ(r.request.scheduler, SchedulerKind::Euler);
  EXPECT_EQ(r.request.width, 1000);
  EXPECT_EQ(r.request.height, 1000);
  ASSERT_EQ(r.notes.size(), 3u);
  auto said = [&](const char* what) {
    return std::any_of(r.notes.begin(), r.notes.end(), [&](const std::string& n) { return n.find(what) != std::string::npos; });
  };
  EXPECT_TRUE(said("DPM++ SDE is not offered"));
  EXPECT_TRUE(said("became 1000x1000"));
  EXPECT_TRUE(said("made from an image"));
  const auto hires = parametersFromA1111("a\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1, Size: 512x512, "
                                         "Denoising strength: 0.5, Hires upscale: 2, Hires steps: 10, Hires upscaler: Latent");
  ASSERT_TRUE(hires.request.hires.has_value());
  EXPECT_DOUBLE_EQ(hires.request.hires->scale, 2);
  EXPECT_DOUBLE_EQ(hires.request.hires->strength, 0.5);
  EXPECT_EQ(hires.request.hires->steps, 10);
  EXPECT_EQ(hires.request.scheduler, SchedulerKind::EulerAncestral);
  // Each in range, impossible together: the hires fix is left out, and that is said.
  for (const char* settings : {"Steps: 1, Size: 512x512, Denoising strength: 0.5, Hires upscale: 2",
                               "Steps: 20, Size: 4096x4096, Denoising strength: 0.5, Hires upscale: 2"}) {
    const auto impossible = parametersFromA1111(std::string("a fox\n") + settings + ", Seed: 3");
    EXPECT_FALSE(impossible.request.hires.has_value()) << settings;
    EXPECT_NO_THROW(validate(impossible.request)) << settings;
    EXPECT_EQ(impossible.request.seed, 3u);
    ASSERT_FALSE(impossible.notes.empty());
    EXPECT_NE(impossible.notes.back().find("the hires fix was left out"), std::string::npos) << impossible.notes.back();
  }
  const auto promptOnly = parametersFromA1111("just a prompt");
  EXPECT_EQ(promptOnly.request.prompt, "just a prompt");
  EXPECT_EQ(promptOnly.notes.size(), 1u);
}

TEST(PngParameters, ComfyUIsGraphGivesTheFirstPass) {
  const auto r = parametersFromPngText({{"prompt", kComfyPrompt}, {"workflow", "{}"}});
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->madeBy, "ComfyUI");
  EXPECT_EQ(r->request.prompt, "a lighthouse in a storm");
  EXPECT_EQ(r->request.negativePrompt, "text, watermark");
  EXPECT_EQ(r->request.seed, 156680208700286ull);
  EXPECT_EQ(r->request.steps, 25);
  EXPECT_DOUBLE_EQ(r->request.guidance, 7.5);
  EXPECT_EQ(r->request.scheduler, SchedulerKind::EulerAncestral);
  EXPECT_EQ(r->request.width, 1152);
  EXPECT_EQ(r->request.height, 896);
  EXPECT_EQ(r->request.images, 2);
  EXPECT_EQ(r->model, "sd_xl_base_1.0.safetensors");
  EXPECT_NO_THROW(validate(r->request));
}

TEST(PngParameters, ComfyUIsEditorWorkflowWhenItIsAllThereIs) {
  const auto r = parametersFromPngText({{"workflow", kComfyWorkflow}});
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->request.prompt, "a red fox");
  EXPECT_EQ(r->request.negativePrompt, "ugly");
  EXPECT_EQ(r->request.seed, 42u);
  EXPECT_EQ(r->request.steps, 20);
  EXPECT_EQ(r->request.scheduler, SchedulerKind::DpmSolverMultistepKarras);
  EXPECT_EQ(r->request.width, 1024);
}

TEST(PngParameters, FooocusJsonGivesItsSettingsAndSaysItsStyles) {
  const auto r = parametersFromPngText({{"parameters", kFooocus}, {"fooocus_scheme", "fooocus"}});
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->madeBy, "Fooocus");
  EXPECT_EQ(r->request.prompt, "a castle at dawn");
  EXPECT_EQ(r->request.negativePrompt, "unrealistic");
  EXPECT_EQ(r->request.seed, 1234567u);
  EXPECT_EQ(r->request.steps, 30);
  EXPECT_DOUBLE_EQ(r->request.guidance, 4);
  EXPECT_EQ(r->request.width, 896);
  EXPECT_EQ(r->request.height, 1152);
  EXPECT_EQ(r->request.scheduler, SchedulerKind::DpmSolverMultistepKarras);
  EXPECT_EQ(r->model, "juggernautXL_v8Rundiffusion");
  ASSERT_EQ(r->notes.size(), 1u);
  EXPECT_NE(r->notes[0].find("styles"), std::string::npos);
}

TEST(PngParameters, OurOwnPngComesBackWholeThroughAFile) {
  GenerationRequest made;
  made.prompt = "a fox, (snow:1.2)";
  made.negativePrompt = "blur";
  made.seed = 1ull << 40;
  made.steps = 17;
  made.width = 768;
  made.height = 1344;
  made.scheduler = SchedulerKind::UniPC;
  made.optimizations.guidanceCutoff = 0.7;
  const auto dir = test::freshTempDir("png_parameters");
  Image pixels{8, 8, std::vector<uint8_t>(8 * 8 * 3, 100)};
  savePng(pixels, dir / "ours.png", imageTextChunks(made, ModelIdentity("juggernaut"), 0));
  std::map<std::string, std::string> text;
  loadPng(dir / "ours.png", &text);
  const auto r = parametersFromPngText(text);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->madeBy, "SDXL Studio");
  EXPECT_EQ(r->model, "juggernaut");
  EXPECT_EQ(r->request.prompt, made.prompt);
  EXPECT_EQ(r->request.seed, made.seed);
  EXPECT_EQ(r->request.scheduler, made.scheduler);
  EXPECT_EQ(r->request.optimizations, made.optimizations);
  // Its A1111 text alone (the JSON damaged) still gives the same picture's settings.
  text["sdxl-studio"] = "{broken";
  const auto fromText = parametersFromPngText(text);
  ASSERT_TRUE(fromText.has_value());
  EXPECT_EQ(fromText->madeBy, "SDXL Studio");
  EXPECT_EQ(fromText->request.steps, 17);
  EXPECT_EQ(fromText->request.scheduler, SchedulerKind::UniPC);
  EXPECT_EQ(fromText->request.width, 768);
  // A PNG without parameters is said as such.
  EXPECT_FALSE(parametersFromPngText({{"Software", "GIMP"}}).has_value());
}

// A chunk whose length field claims more than the file holds (a 4 KB file asking libpng for 1.8 GB,
// tests/fuzz/corpus/png_metadata) is refused before libpng reads it; a whole file still loads.
TEST(PngParameters, AChunkLongerThanTheFileIsRefusedBeforeLibpngAllocatesIt) {
  const auto dir = test::freshTempDir("png_chunk_length");
  Image pixels{8, 8, std::vector<uint8_t>(8 * 8 * 3, 100)};
  savePng(pixels, dir / "whole.png", {{"parameters", "a cat\nSteps: 20, Seed: 1"}});
  std::map<std::string, std::string> text;
  EXPECT_EQ(loadPng(dir / "whole.png", &text).width, 8);
  std::ifstream in(dir / "whole.png", std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto tEXt = bytes.find("tEXt");
  ASSERT_NE(tEXt, std::string::npos);
  bytes[tEXt - 4] = char(0x6c); // the length's high byte: 1.8 GB
  std::ofstream(dir / "claims.png", std::ios::binary) << bytes;
  try {
    loadPng(dir / "claims.png", &text);
    ADD_FAILURE() << "a chunk claiming 1.8 GB was read";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("its tEXt chunk claims"), std::string::npos) << e.what();
    EXPECT_NE(e.text(), nullptr); // translated in the studio
  }
}
