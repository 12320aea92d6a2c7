// The pipeline's behaviour around the numbers: requests checked before work, observers,
// cancellation at any stage, out-of-memory messages, reuse afterwards, and images saved with their
// parameters.
#include "sdxl/clip_tokenizer.h"
#include "sdxl/error.h"
#include "sdxl/image.h"
#include "sdxl/metadata.h"
#include "sdxl/pipeline.h"
#include "test_support.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

using namespace sdxl;

namespace {

GenerationRequest tinyRequest() {
  GenerationRequest r;
  r.prompt = "a lighthouse in a storm";
  r.width = 64;
  r.height = 64;
  r.steps = 6;
  r.optimizations.precision = Precision::FP32;
  return r;
}

Pipeline& tinyPipeline() {
  static Pipeline pipeline(ModelSource::parse("builtin:tiny"), "cpu");
  return pipeline;
}

class CountingObserver : public GenerationObserver {
public:
  int steps = 0, cancelAfter = -1;
  std::vector<Stage> stages;
  void onStage(Stage s) override { stages.push_back(s); }
  void onStep(const StepEvent& e) override {
    steps = e.step;
    EXPECT_NE(e.latents, nullptr);
    EXPECT_EQ(e.steps, 6);
  }
  bool cancelRequested() override { return cancelAfter >= 0 && steps >= cancelAfter; }
};

void expectInvalid(const GenerationRequest& r, const char* word) {
  try {
    validate(r);
    FAIL() << "accepted an invalid request";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::InvalidRequest);
    EXPECT_NE(std::string(e.what()).find(word), std::string::npos) << e.what();
  }
}

} // namespace

TEST(Pipeline, InvalidRequestsAreRefusedWithTheReason) {
  auto r = tinyRequest();
  r.width = 100;
  expectInvalid(r, "multiples of 8");
  r = tinyRequest();
  r.height = 8192;
  expectInvalid(r, "outside");
  r = tinyRequest();
  r.steps = 0;
  expectInvalid(r, "steps");
  r = tinyRequest();
  r.images = 0;
  expectInvalid(r, "images");
  r = tinyRequest();
  r.guidanceRescale = 2;
  expectInvalid(r, "rescale");
}

TEST(Pipeline, ReportsStagesAndEveryStepAndIsDeterministic) {
  CountingObserver observer;
  const auto a = tinyPipeline().generate(tinyRequest(), &observer);
  EXPECT_EQ(observer.steps, 6);
  ASSERT_EQ(a.images.size(), 1u);
  EXPECT_EQ(a.images[0].width, 64);
  EXPECT_EQ(a.stepSeconds.size(), 6u);
  EXPECT_GT(a.denoiseSeconds, 0);
  EXPECT_EQ(observer.stages.back(), Stage::Done);
  const auto b = tinyPipeline().generate(tinyRequest());
  EXPECT_EQ(a.images[0].rgb, b.images[0].rgb); // same seed, same image
  auto other = tinyRequest();
  other.seed = 1;
  EXPECT_NE(tinyPipeline().generate(other).images[0].rgb, a.images[0].rgb);
}

TEST(Pipeline, CancelStopsWithinOneStepAndThePipelineStaysUsable) {
  CountingObserver observer;
  observer.cancelAfter = 2;
  try {
    tinyPipeline().generate(tinyRequest(), &observer);
    FAIL() << "not cancelled";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Cancelled);
  }
  EXPECT_EQ(observer.steps, 2);
  EXPECT_EQ(tinyPipeline().generate(tinyRequest()).images.size(), 1u);
}

namespace {
// Asks to cancel as soon as a given stage begins, and records what it saw after that.
class CancelAtStage : public GenerationObserver {
public:
  explicit CancelAtStage(Stage at) : m_at(at) {}
  bool cancelling = false;
  std::vector<Stage> after;
  int stepsAfter = 0;
  void onStage(Stage s) override {
    if (cancelling) after.push_back(s);
    if (s == m_at) cancelling = true;
  }
  void onStep(const StepEvent&) override { stepsAfter += cancelling ? 1 : 0; }
  bool cancelRequested() override { return cancelling; }

private:
  Stage m_at;
};
} // namespace

// Cancel reaches inside loading, encoding and decoding (every layer and every tensor loaded), not
// only the step boundaries; the pipeline is whole afterwards, whatever it was doing.
TEST(Pipeline, CancelStopsLoadingEncodingAndDecodingAndLeavesNothingHalfDone) {
  Pipeline fresh(ModelSource::parse("builtin:tiny"), "cpu"); // its first request loads the model
  for (const Stage stage : {Stage::Loading, Stage::Encoding, Stage::Decoding}) {
    SCOPED_TRACE(static_cast<int>(stage));
    CancelAtStage observer(stage);
    try {
      fresh.generate(tinyRequest(), &observer);
      FAIL() << "not cancelled";
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::Cancelled);
    }
    EXPECT_TRUE(observer.after.empty()) << "a later stage began after the cancel: " << static_cast<int>(observer.after.at(0));
    EXPECT_EQ(observer.stepsAfter, 0);
    EXPECT_EQ(fresh.generate(tinyRequest()).images.at(0).rgb, tinyPipeline().generate(tinyRequest()).images.at(0).rgb);
  }
}

namespace {
class ThrowAtStage : public GenerationObserver {
public:
  std::function<void()> thrower;
  void onStage(Stage s) override {
    if (s == Stage::Encoding) thrower();
  }
};
} // namespace

// Out of memory on the CPU says the computer's memory ran out, not the GPU's.
TEST(Pipeline, OutOfMemoryOnTheCpuSaysItWasTheComputersMemory) {
  ThrowAtStage observer;
  const std::function<void()> throwers[] = {
      [] { TORCH_CHECK_WITH(OutOfMemoryError, false, "DefaultCPUAllocator: not enough memory: you tried to allocate 1 bytes."); },
      [] { throw std::bad_alloc(); }};
  for (const auto& thrower : throwers) {
    observer.thrower = thrower;
    try {
      tinyPipeline().generate(tinyRequest(), &observer);
      FAIL() << "no error";
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::OutOfMemory);
      const std::string message = e.what();
      EXPECT_NE(message.find("RAM"), std::string::npos) << message;
      EXPECT_EQ(message.find("GPU"), std::string::npos) << message;
    }
    EXPECT_EQ(tinyPipeline().generate(tinyRequest()).images.size(), 1u);
  }
}

TEST(Pipeline, TokenizersOfTheBuiltinModelAreSdxls) {
  const auto [first, second] = loadModelTokenizers(ModelSource::parse("builtin:tiny"));
  EXPECT_EQ(first->padId(), 49407);
  EXPECT_EQ(second->padId(), 0);
  EXPECT_EQ(first->tokenize("a photo of a cat"), (std::vector<int64_t>{320, 1125, 539, 320, 2368}));
}

TEST(Pipeline, ABrokenFolderFailsBeforeLoadingWithItsProblemsListed) {
  Pipeline pipeline(ModelSource::parse(test::freshTempDir("empty_model").string()), "cpu");
  try {
    pipeline.generate(tinyRequest());
    FAIL() << "loaded an empty folder";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::ModelFormat);
    EXPECT_NE(std::string(e.what()).find("model_index.json"), std::string::npos) << e.what();
  }
}

TEST(Images, PngCarriesParametersAndIsNeverOverwritten) {
  const auto dir = test::freshTempDir("png");
  auto request = tinyRequest();
  request.negativePrompt = "fog";
  request.prompt = "富士山, sunrise";
  const auto image = tinyPipeline().generate(request).images.at(0);
  const auto path = nextFreeImagePath(dir, "sdxl");
  EXPECT_EQ(path.filename(), "sdxl-00001.png");
  savePng(image, path, imageTextChunks(request, "builtin:tiny", 0));
  EXPECT_EQ(nextFreeImagePath(dir, "sdxl").filename(), "sdxl-00002.png");
  EXPECT_THROW(savePng(image, path, {}), Error);
  std::map<std::string, std::string> text;
  const auto back = loadPng(path, &text);
  EXPECT_EQ(back.rgb, image.rgb);
  EXPECT_EQ(text.at("parameters"),
            "富士山, sunrise\nNegative prompt: fog\nSteps: 6, Sampler: Euler, CFG scale: 5, Seed: 0, Size: 64x64, "
            "Model: builtin:tiny, Precision: fp32, Version: SDXL Studio " + std::string(text.at("Software")).substr(12));
  const auto reused = requestFromJson(text.at("sdxl-studio"));
  EXPECT_EQ(reused.prompt, request.prompt);
  EXPECT_EQ(reused.negativePrompt, "fog");
  EXPECT_EQ(reused.steps, 6);
  EXPECT_EQ(reused.optimizations.precision, Precision::FP32);
  EXPECT_THROW(requestFromJson("{\"prompt\": 1}"), Error);
}
