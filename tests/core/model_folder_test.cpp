// inspectModelFolder: what `sdxl-cli inspect` and the studio's model chooser report.
#include "sdxl/model_source.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <fstream>

using namespace sdxl;

TEST(ModelFolder, ReportsEveryMissingPieceOfAnEmptyFolder) {
  const auto dir = test::freshTempDir("folder_empty");
  const auto report = inspectModelFolder(dir);
  EXPECT_FALSE(report.usable());
  ASSERT_FALSE(report.problems.empty());
  EXPECT_NE(report.problems[0].find("model_index.json"), std::string::npos);
  std::string all;
  for (const auto& p : report.problems) all += p + "\n";
  for (const char* c : {"unet", "vae", "text_encoder", "text_encoder_2", "tokenizer", "tokenizer_2", "scheduler"})
    EXPECT_NE(all.find(c), std::string::npos) << c;
}

TEST(ModelFolder, ANonFolderIsReported) {
  const auto report = inspectModelFolder("/nonexistent/sdxl");
  EXPECT_FALSE(report.usable());
  EXPECT_NE(report.problems.at(0).find("not a folder"), std::string::npos);
}

TEST(ModelFolder, APickleOnlyComponentIsExplained) {
  const auto dir = test::freshTempDir("folder_pickle");
  std::filesystem::create_directories(dir / "unet");
  std::ofstream(dir / "unet" / "config.json") << "{}";
  std::ofstream(dir / "unet" / "diffusion_pytorch_model.bin") << "x";
  const auto report = inspectModelFolder(dir);
  std::string unetProblems;
  for (const auto& c : report.components)
    if (c.name == "unet")
      for (const auto& p : c.problems) unetProblems += p;
  EXPECT_NE(unetProblems.find("pickle"), std::string::npos) << unetProblems;
}
