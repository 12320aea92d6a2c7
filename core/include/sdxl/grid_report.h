// An X/Y/Z grid's results as a file: what `sdxl-cli grid` writes on a headless GPU server and the
// studio's grid view opens as if it ran there, and what the grid view's Export JSON writes. The
// images lie beside the JSON, named by the cells. Torch-free; the reader is fuzzed.
#pragma once

#include "sdxl/xyz_grid.h"

#include <string>
#include <vector>

namespace sdxl {

struct GridCellRecord {
  int x = 0, y = 0, z = 0;
  std::string label;
  bool made = false; // false: the grid stopped before this cell
  double seconds = 0, allocatedGB = 0, reservedGB = 0, deviceGB = 0;
  std::string error; // the cell failed; the grid went on
  std::string image; // the image's file name beside the report, "" for none
};

struct GridReport {
  std::string device, date, commit, software, model;
  std::string prompt, settings; // the base request: its prompt, and its settings in A1111's words
  std::vector<GridAxis> axes;
  std::vector<GridCellRecord> cells; // x fastest, then y, then z, as gridCells() makes them

  std::string toJson() const;
  // Refuses with Error(InvalidRequest), naming what is wrong: not JSON, an unknown axis, more than
  // three axes, 64 values or 256 cells, a cell outside the axes or missing, a number that is not
  // finite or negative, an image name that is not a plain .png file name of that folder.
  static GridReport fromJson(const std::string& json);
};

// A cell not made yet: its place in the grid and its label.
GridCellRecord gridCellRecord(const GridCell& cell);

// "grid-007.png": cell i's image file name, as both writers name it.
std::string gridImageName(const std::string& stem, std::size_t cell);

} // namespace sdxl
