// The X/Y/Z grid's axes as A1111 reads them (commas, '|', ranges with steps, Prompt S/R) and its
// cells: every combination, x fastest, each a request of its own that validates.
#include "sdxl/error.h"
#include "sdxl/xyz_grid.h"

#include <gtest/gtest.h>

using namespace sdxl;

TEST(XyzGrid, AxesReadAsA1111ReadsThem) {
  EXPECT_EQ(parseGridAxis(GridAxisKind::Steps, "10-30 (+10)").values, (std::vector<std::string>{"10", "20", "30"}));
  EXPECT_EQ(parseGridAxis(GridAxisKind::Seed, "1-3, 100").values, (std::vector<std::string>{"1", "2", "3", "100"}));
  EXPECT_EQ(parseGridAxis(GridAxisKind::Guidance, " 3.5, 7 ,").values, (std::vector<std::string>{"3.5", "7"}));
  EXPECT_EQ(parseGridAxis(GridAxisKind::Prompt, "red fox | blue fox, in snow").values,
            (std::vector<std::string>{"red fox", "blue fox, in snow"}));
  EXPECT_EQ(parseGridAxis(GridAxisKind::Scheduler, "euler, DPM++ 2M Karras").values.size(), 2u);
  EXPECT_EQ(parseGridAxis(GridAxisKind::Configuration, "fp16, fp16_compile_fp8").values.size(), 2u);
  // What cannot be used is said at once, naming it.
  for (const auto& [kind, text, says] :
       std::vector<std::tuple<GridAxisKind, std::string, std::string>>{
           {GridAxisKind::Steps, "10, 2000", "steps 2000"},
           {GridAxisKind::Scheduler, "euler, heun", "the sampler heun"},
           {GridAxisKind::Size, "1024x1024, big", "the size big"},
           {GridAxisKind::Configuration, "fp16_warp", "unknown word 'warp'"},
           {GridAxisKind::Seed, "1-1000", "more than 64 values"},
           {GridAxisKind::Guidance, "7, -1", "the guidance -1"}}) {
    try {
      parseGridAxis(kind, text);
      ADD_FAILURE() << text << " was taken";
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(says), std::string::npos) << e.what();
    }
  }
}

TEST(XyzGrid, CellsAreEveryCombinationXFastest) {
  GenerationRequest base;
  base.prompt = "a red fox in the snow";
  base.loras.push_back({"film.safetensors", 1, 1});
  const auto cells = gridCells(base, {parseGridAxis(GridAxisKind::Seed, "1, 2, 3"),
                                      parseGridAxis(GridAxisKind::Prompt, "red fox | grey wolf"),
                                      parseGridAxis(GridAxisKind::LoraWeight, "0.5, 1")});
  ASSERT_EQ(cells.size(), 12u);
  EXPECT_EQ(cells[1].request.seed, 2u);
  EXPECT_EQ(cells[1].request.prompt, "a red fox in the snow");
  EXPECT_EQ(cells[3].x, 0);
  EXPECT_EQ(cells[3].y, 1);
  EXPECT_EQ(cells[3].request.prompt, "a grey wolf in the snow");
  EXPECT_EQ(cells[6].z, 1);
  EXPECT_DOUBLE_EQ(cells[6].request.loras[0].unetWeight, 1.0);
  EXPECT_DOUBLE_EQ(cells[0].request.loras[0].textWeight, 0.5);
  EXPECT_EQ(cells[5].label, "3 · grey wolf · 0.5");
  const auto models = gridCells(base, {parseGridAxis(GridAxisKind::Model, "a.safetensors, b.safetensors")});
  EXPECT_EQ(models[1].model, "b.safetensors");
  EXPECT_THROW(gridCells(base, {parseGridAxis(GridAxisKind::Prompt, "lighthouse | castle")}), Error); // not in the prompt
  EXPECT_THROW(gridCells(base, {parseGridAxis(GridAxisKind::Seed, "1-20"), parseGridAxis(GridAxisKind::Steps, "1-20")}),
               Error); // 400 images
  base.loras.clear();
  EXPECT_THROW(gridCells(base, {parseGridAxis(GridAxisKind::LoraWeight, "0.5")}), Error);
  EXPECT_EQ(gridCells(base, {}).size(), 1u); // no axis: the request alone
}
