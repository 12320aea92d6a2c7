// What comes from outside before any work: text that must be UTF-8, seeds of all 64 bits, and
// the metadata that carries both into the saved images and back.
#include "sdxl/error.h"
#include "sdxl/image.h"
#include "sdxl/metadata.h"
#include "sdxl/request.h"
#include "sdxl/utf8.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <limits>
#include <map>

using namespace sdxl;

TEST(Utf8, WellFormedTextIsAcceptedAndEveryIllFormedSequenceIsFound) {
  for (const char* ok : {"", "a lighthouse", "富士山と朝焼け", "👩‍🚀 🇯🇵", "\xc2\x80", "\xef\xbf\xbf", "\xf4\x8f\xbf\xbf"})
    EXPECT_TRUE(isValidUtf8(ok)) << ok;
  const std::pair<const char*, std::size_t> bad[] = {
      {"\xff\xfe", 0},             // bytes that never occur in UTF-8
      {"ab\x80", 2},               // a continuation byte alone
      {"\xc0\xaf", 0},             // overlong "/"
      {"\xe0\x80\xaf", 0},         // overlong, three bytes
      {"\xed\xa0\x80", 0},         // a UTF-16 surrogate
      {"\xf4\x90\x80\x80", 0},     // past U+10FFFF
      {"x\xe6\x97", 1},            // cut off in the middle of a character
      {"\xe6\x97\xa5\xe6\x41", 3}, // a character, then one whose continuation is missing
  };
  for (const auto& [text, at] : bad) {
    const auto found = firstInvalidUtf8(text);
    ASSERT_TRUE(found.has_value()) << text;
    EXPECT_EQ(*found, at);
  }
}

TEST(Request, APromptThatIsNotUtf8IsRefusedBeforeAnyWork) {
  for (bool negative : {false, true}) {
    GenerationRequest r;
    (negative ? r.negativePrompt : r.prompt) = "cat \xff\xfe";
    try {
      validate(r);
      FAIL() << "accepted bytes that are not UTF-8";
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::InvalidRequest);
      EXPECT_NE(std::string(e.what()).find("UTF-8"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find(negative ? "negative prompt" : "the prompt"), std::string::npos) << e.what();
    }
  }
}

TEST(Request, ImagesAndMasksThatCannotWorkAreRefusedInWords) {
  auto image = [](int w, int h, uint8_t value) { return Image{w, h, std::vector<uint8_t>(std::size_t(w) * h * 3, value)}; };
  auto refused = [](const GenerationRequest& r, const std::string& words) {
    try {
      validate(r);
      ADD_FAILURE() << "accepted a request that should say: " << words;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::InvalidRequest);
      EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
    }
  };
  GenerationRequest r;
  r.width = r.height = 64;
  r.steps = 10;
  r.initImage = image(64, 64, 90);
  r.mask = image(64, 64, 255);
  EXPECT_NO_THROW(validate(r));
  auto bad = r;
  bad.mask = image(64, 48, 255);
  refused(bad, "the mask is 64x48 but the image is 64x64");
  bad = r;
  bad.mask = image(64, 64, 127);
  refused(bad, "the mask is empty");
  bad = r;
  bad.initImage = image(72, 64, 90);
  refused(bad, "the init image is 72x64 but the request is 64x64");
  for (double strength : {0.0, -0.5, 1.5}) {
    bad = r;
    bad.strength = strength;
    refused(bad, "strength must be above 0 and at most 1");
  }
  bad = r;
  bad.strength = 0.05;
  refused(bad, "leaves no step to run");
  bad = r;
  bad.initImage.reset();
  refused(bad, "a mask needs the image it belongs to");
  bad = r;
  bad.initImage->rgb.pop_back();
  refused(bad, "do not match its size");
  for (double blur : {-1.0, 65.0}) {
    bad = r;
    bad.maskBlur = blur;
    refused(bad, "mask blur must be between 0 and 64");
  }
  bad = r; // one white pixel: painted, but nothing is left of it once blurred
  bad.mask = image(64, 64, 0);
  bad.mask->rgb[3 * (32 * 64 + 32)] = bad.mask->rgb[3 * (32 * 64 + 32) + 1] = bad.mask->rgb[3 * (32 * 64 + 32) + 2] = 255;
  refused(bad, "blurred by 4 pixels leaves nothing to repaint");
  bad.maskBlur = 0;
  EXPECT_NO_THROW(validate(bad));
}

TEST(Request, ARefinerThatCannotWorkIsRefusedInWords) {
  auto refused = [](const GenerationRequest& r, const std::string& words) {
    try {
      validate(r);
      ADD_FAILURE() << "accepted a request that should say: " << words;
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
    }
  };
  GenerationRequest r;
  r.refiner = RefinerChoice{"refiner.safetensors", 0.8};
  EXPECT_NO_THROW(validate(r));
  for (double start : {0.0, 1.0, -0.2, 1.5}) {
    auto bad = r;
    bad.refiner->start = start;
    refused(bad, "switch point must be between 0 and 1");
  }
  auto bad = r;
  bad.refiner->model.clear();
  refused(bad, "the refiner has no model");
  bad = r;
  bad.hires = HiresFix{};
  refused(bad, "the refiner and the hires fix together");
  bad = r;
  bad.width = bad.height = 64;
  bad.initImage = Image{64, 64, std::vector<uint8_t>(64 * 64 * 3, 9)};
  bad.mask = Image{64, 64, std::vector<uint8_t>(64 * 64 * 3, 255)};
  refused(bad, "not offered with inpainting");
  bad = r;
  bad.aestheticScore = 11;
  refused(bad, "aesthetic scores must be between 0 and 10");
}

// Anyone can edit a PNG's text: numbers that would not convert safely are refused in words (the
// PNG fuzzer found a seed written as a float past 2^64).
TEST(Metadata, SavedNumbersOutOfRangeAreRefusedNotConverted) {
  const std::string base = R"({"prompt":"x","width":64,"height":64,"steps":4,"guidance":5,"seed":)";
  EXPECT_EQ(requestFromJson(base + "18446744073709551615}").seed, 18446744073709551615ull);
  for (const char* bad : {"1.8446744073709552e19}", "-1}", "3.5}", "\"7\"}"})
    try {
      requestFromJson(base + bad);
      ADD_FAILURE() << "accepted the seed " << bad;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::InvalidRequest);
    }
  EXPECT_THROW(requestFromJson(R"({"prompt":"x","width":1e10,"height":64,"steps":4,"guidance":5,"seed":1})"), Error);
  EXPECT_THROW(requestFromJson(R"({"prompt":"x","width":64,"height":64,"steps":4,"guidance":5,"seed":1,"images":-3e9})"), Error);
}

TEST(Metadata, TheRefinerIsRecordedAsA1111DoesAndComesBack) {
  GenerationRequest r;
  r.refiner = RefinerChoice{"/models/sd_xl_refiner_1.0", 0.7};
  r.aestheticScore = 7;
  const auto parameters = a1111Parameters(r, "m", 0);
  EXPECT_NE(parameters.find("Refiner: sd_xl_refiner_1.0, Refiner switch at: 0.7"), std::string::npos) << parameters;
  const auto back = requestFromJson(requestToJson(r, "m", 0));
  ASSERT_TRUE(back.refiner);
  EXPECT_EQ(*back.refiner, *r.refiner);
  EXPECT_EQ(back.aestheticScore, 7);
  EXPECT_EQ(back.negativeAestheticScore, 2.5);
  EXPECT_FALSE(requestFromJson(requestToJson(GenerationRequest{}, "m", 0)).refiner);
}

TEST(Metadata, ImageModesRecordTheirInputsInA1111Words) {
  GenerationRequest r;
  r.width = r.height = 8;
  r.initImage = Image{8, 8, std::vector<uint8_t>(8 * 8 * 3, 10)};
  r.strength = 0.55;
  auto parameters = a1111Parameters(r, "m", 0);
  EXPECT_NE(parameters.find("Denoising strength: 0.55, Init image hash: "), std::string::npos) << parameters;
  EXPECT_EQ(parameters.find("Mask hash"), std::string::npos);
  r.mask = Image{8, 8, std::vector<uint8_t>(8 * 8 * 3, 255)};
  r.maskBlur = 2;
  EXPECT_NE(a1111Parameters(r, "m", 0).find("Mask blur: 2, Mask hash: "), std::string::npos);
  EXPECT_EQ(requestFromJson(requestToJson(r, "m", 0)).maskBlur, 2);
  const auto json = requestToJson(r, "m", 0);
  EXPECT_NE(json.find("\"mode\":\"inpaint\""), std::string::npos) << json;
  EXPECT_EQ(requestFromJson(json).strength, 0.55);
}

TEST(Metadata, TheHiresFixIsRecordedAsA1111DoesAndComesBack) {
  GenerationRequest r;
  HiresFix h;
  h.scale = 1.5;
  h.strength = 0.4;
  h.steps = 12;
  h.upscaler = HiresUpscaler::LatentNearest;
  r.hires = h;
  const auto parameters = a1111Parameters(r, "m", 0);
  EXPECT_NE(parameters.find("Denoising strength: 0.4, Hires upscale: 1.5, Hires steps: 12, Hires upscaler: Latent (nearest)"),
            std::string::npos)
      << parameters;
  const auto back = requestFromJson(requestToJson(r, "m", 0));
  ASSERT_TRUE(back.hires);
  EXPECT_EQ(back.hires->scale, 1.5);
  EXPECT_EQ(back.hires->strength, 0.4);
  EXPECT_EQ(back.hires->steps, 12);
  EXPECT_EQ(back.hires->upscaler, HiresUpscaler::LatentNearest);
  EXPECT_FALSE(requestFromJson(requestToJson(GenerationRequest{}, "m", 0)).hires);
  auto withImage = r;
  withImage.width = withImage.height = 8;
  withImage.initImage = Image{8, 8, std::vector<uint8_t>(8 * 8 * 3, 1)};
  EXPECT_THROW(validate(withImage), Error);
}

TEST(Metadata, TextThatIsNotUtf8IsStoredReplacedNeverThrown) {
  GenerationRequest r;
  r.prompt = "cat \xff\xfe";
  std::string json;
  ASSERT_NO_THROW(json = requestToJson(r, "builtin:tiny", 0));
  EXPECT_EQ(requestFromJson(json).prompt, "cat \xef\xbf\xbd\xef\xbf\xbd"); // U+FFFD twice
}

TEST(Metadata, EverySeedOf64BitsRoundTrips) {
  for (const uint64_t seed : {uint64_t{0}, uint64_t{2147483648u}, uint64_t{1} << 63, std::numeric_limits<uint64_t>::max()}) {
    GenerationRequest r;
    r.seed = seed;
    EXPECT_EQ(requestFromJson(requestToJson(r, "m", 0)).seed, seed);
    EXPECT_NE(a1111Parameters(r, "m", 0).find("Seed: " + std::to_string(seed) + ","), std::string::npos);
  }
}

TEST(Metadata, RecordsHowAnEmptyNegativePromptWasMade) {
  GenerationRequest r;
  EXPECT_NE(requestToJson(r, "m", 0).find("\"empty_negative_prompt\":\"zeros\""), std::string::npos);
  EXPECT_FALSE(requestFromJson(requestToJson(r, "m", 0)).encodeEmptyNegative);
  r.encodeEmptyNegative = true;
  EXPECT_NE(requestToJson(r, "m", 0).find("\"empty_negative_prompt\":\"encoded\""), std::string::npos);
  EXPECT_TRUE(requestFromJson(requestToJson(r, "m", 0)).encodeEmptyNegative);
  EXPECT_NE(a1111Parameters(r, "m", 0).find("Empty negative prompt: encoded"), std::string::npos);
}

TEST(Metadata, EveryParameterRoundTripsThroughThePng) {
  GenerationRequest r;
  r.prompt = "(masterpiece:1.2), a \\(literal\\) fox BREAK [fog]\n<lora:grain:0.8> 富士山 \"quoted\" back\\slash";
  r.negativePrompt = "blurry, (low quality:1.4)";
  r.encodeEmptyNegative = true;
  r.width = 1216;
  r.height = 832;
  r.steps = 37;
  r.guidance = 6.5;
  r.guidanceRescale = 0.3;
  r.seed = 18446744073709551615ull;
  r.seedMode = SeedMode::Batch;
  r.images = 3;
  r.clipSkip = 2;
  r.emphasis = Emphasis::NoNorm;
  r.scheduler = SchedulerKind::DpmSolverMultistepKarras;
  auto& o = r.optimizations;
  o.precision = Precision::BF16;
  o.attention = Attention::Default;
  o.compile = true;
  o.offload = Offload::Model;
  o.vaeSlicing = o.vaeTiling = o.cachePromptEmbeddings = o.freeTextEncoders = o.tinyAutoencoder = o.fp32Vae = true;
  const auto path = test::freshTempDir("metadata_roundtrip") / "image.png";
  savePng({2, 2, std::vector<uint8_t>(12, 7)}, path, imageTextChunks(r, "a model", 2));
  std::map<std::string, std::string> text;
  loadPng(path, &text);
  const auto back = requestFromJson(text.at("sdxl-studio"));
  EXPECT_EQ(back.prompt, r.prompt);
  EXPECT_EQ(back.negativePrompt, r.negativePrompt);
  EXPECT_EQ(back.encodeEmptyNegative, r.encodeEmptyNegative);
  EXPECT_EQ(back.width, r.width);
  EXPECT_EQ(back.height, r.height);
  EXPECT_EQ(back.steps, r.steps);
  EXPECT_EQ(back.guidance, r.guidance);
  EXPECT_EQ(back.guidanceRescale, r.guidanceRescale);
  EXPECT_EQ(back.seed, r.seed);
  EXPECT_EQ(back.seedMode, r.seedMode);
  EXPECT_EQ(back.images, r.images);
  EXPECT_EQ(back.clipSkip, r.clipSkip);
  EXPECT_EQ(back.emphasis, r.emphasis);
  EXPECT_EQ(back.scheduler, r.scheduler);
  EXPECT_TRUE(back.optimizations == r.optimizations);
  EXPECT_NE(text.at("parameters").find("Clip skip: 2"), std::string::npos);
  EXPECT_NE(text.at("parameters").find("Emphasis: No norm"), std::string::npos);
}

TEST(Metadata, PerImageSeedsWriteEachImagesOwnSeedAsA1111Does) {
  GenerationRequest r;
  r.seed = 100;
  r.images = 4;
  EXPECT_NE(a1111Parameters(r, "m", 2).find("Seed: 102,"), std::string::npos);
  r.seedMode = SeedMode::Batch;
  EXPECT_NE(a1111Parameters(r, "m", 2).find("Seed: 100,"), std::string::npos);
  // Parameters saved before seed modes existed were one draw for the batch.
  EXPECT_EQ(requestFromJson(R"({"prompt":"x","width":64,"height":64,"steps":2,"guidance":5,"seed":1})").seedMode,
            SeedMode::Batch);
}

// A refusal carries its template and arguments for the studio to translate; what() is the English
// with the arguments put in once (an argument's own "%1" is not expanded again).
TEST(Request, RefusalsCarryATemplateAndItsArguments) {
  GenerationRequest r;
  r.images = 0;
  try {
    validate(r);
    FAIL() << "0 images accepted";
  } catch (const Error& e) {
    ASSERT_NE(e.text(), nullptr);
    EXPECT_STREQ(e.text(), "images must be between 1 and 64; got %1");
    EXPECT_EQ(e.args(), std::vector<std::string>{"0"});
    EXPECT_STREQ(e.what(), "images must be between 1 and 64; got 0");
  }
  EXPECT_EQ(formatMessage("%2 then %1, %3 and 100%", {"a%2", "b"}), "b then a%2, %3 and 100%");
  EXPECT_EQ(numberText(0.5), "0.5");
  EXPECT_EQ(Error(ErrorKind::Io, "plain").text(), nullptr);
}
