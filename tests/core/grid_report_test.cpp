// An X/Y/Z grid's JSON (sdxl/grid_report.h): what one writer writes the reader reads back, cells
// in gridCells()'s order whatever order the file lists them in, and a file that is not a grid is
// refused in words that say what is wrong.
#include "sdxl/error.h"
#include "sdxl/grid_report.h"

#include <gtest/gtest.h>

using namespace sdxl;

namespace {
GridReport twoByTwo() {
  GridReport r;
  r.device = "NVIDIA H200";
  r.date = "2026-12-07";
  r.prompt = "a red fox";
  r.axes = {parseGridAxis(GridAxisKind::Seed, "1, 2"), parseGridAxis(GridAxisKind::Configuration, "fp16, fp16_step_cache_3")};
  for (int y = 0; y < 2; ++y)
    for (int x = 0; x < 2; ++x) {
      GridCellRecord c;
      c.x = x, c.y = y, c.label = r.axes[0].values[std::size_t(x)] + " · " + r.axes[1].values[std::size_t(y)];
      c.made = !(x == 1 && y == 1); // the last one stopped
      c.seconds = 0.5 + x, c.allocatedGB = 7.1, c.reservedGB = 7.5, c.deviceGB = 8.25;
      if (c.made) c.image = gridImageName("grid", std::size_t(y * 2 + x));
      if (x == 0 && y == 1) c.error = "out of memory", c.image.clear();
      r.cells.push_back(c);
    }
  return r;
}
} // namespace

TEST(GridReport, WhatIsWrittenReadsBack) {
  const auto original = twoByTwo();
  const auto back = GridReport::fromJson(original.toJson());
  EXPECT_EQ(back.device, "NVIDIA H200");
  EXPECT_EQ(back.prompt, "a red fox");
  ASSERT_EQ(back.axes.size(), 2u);
  EXPECT_EQ(back.axes[1].kind, GridAxisKind::Configuration);
  EXPECT_EQ(back.axes[1].values, original.axes[1].values);
  ASSERT_EQ(back.cells.size(), 4u);
  for (std::size_t i = 0; i < 4; ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(back.cells[i].label, original.cells[i].label);
    EXPECT_EQ(back.cells[i].made, original.cells[i].made);
    EXPECT_EQ(back.cells[i].error, original.cells[i].error);
    EXPECT_EQ(back.cells[i].image, original.cells[i].image);
    if (original.cells[i].made) {
      EXPECT_DOUBLE_EQ(back.cells[i].seconds, original.cells[i].seconds);
    }
  }
  EXPECT_EQ(back.cells[1].image, "grid-002.png");
  EXPECT_FALSE(back.cells[3].made);
}

TEST(GridReport, CellsTakeTheirPlaceByTheirCoordinates) {
  const auto json = R"({"axes": [{"axis": "steps", "values": ["10", "20"]}],
                        "cells": [{"x": 1, "label": "20", "seconds": 2}, {"x": 0, "label": "10", "seconds": 1}]})";
  const auto r = GridReport::fromJson(json);
  EXPECT_EQ(r.device, "unknown device");
  EXPECT_EQ(r.cells[0].label, "10");
  EXPECT_EQ(r.cells[1].label, "20");
  EXPECT_EQ(r.cells[1].seconds, 2);
}

TEST(GridReport, WhatIsNotAGridIsRefusedSayingWhy) {
  const std::string axis = R"("axes": [{"axis": "seed", "values": ["1"]}])";
  for (const auto& [json, says] : std::vector<std::pair<std::string, std::string>>{
           {"not json", "it is not JSON"},
           {R"({"rows": []})", "no \"axes\""},
           {R"({"axes": [{"axis": "colour", "values": ["red"]}], "cells": [{}]})", "unknown axis \"colour\""},
           {R"({"axes": [{"axis": "seed", "values": []}], "cells": []})", "1 to 64 values"},
           {"{" + axis + R"(, "cells": []})", "make 1 cells and it lists 0"},
           {"{" + axis + R"(, "cells": [{"x": 1}]})", "outside its axis"},
           {"{" + axis + R"(, "cells": [{"x": 0.5}]})", "outside its axis"},
           {"{" + axis + R"(, "cells": [{"seconds": -1}]})", "\"seconds\" is not a number from 0 up"},
           {"{" + axis + R"(, "cells": [{"seconds": "fast"}]})", "\"seconds\" is not a number"},
           {"{" + axis + R"(, "cells": [{"seconds": 1, "image": "../../etc/passwd.png"}]})", "not a .png file beside"},
           {"{" + axis + R"(, "cells": [{"seconds": 1, "image": "cell.jpg"}]})", "not a .png file beside"},
           {R"({"axes": [{"axis": "seed", "values": ["1", "2"]}], "cells": [{"x": 0}, {"x": 0}]})", "listed twice"},
           {R"({"axes": [{"axis": "seed", "values": ["1"]}, {"axis": "steps", "values": ["1"]}, {"axis": "size", "values": ["64x64"]}, {"axis": "model", "values": ["a"]}], "cells": []})",
            "more than three axes"}}) {
    SCOPED_TRACE(json);
    try {
      GridReport::fromJson(json);
      ADD_FAILURE() << "taken";
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::InvalidRequest);
      EXPECT_NE(std::string(e.what()).find(says), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("not a grid of SDXL Studio"), std::string::npos) << e.what();
    }
  }
}
