// An X/Y/Z grid, as A1111's X/Y/Z plot makes one: up to three axes, each a setting and the values
// it takes, and one image for every combination, the rest of the request as it is. What no other
// tool records is kept for every cell here: its latency and its peak memory (allocated, reserved,
// the device's), so a grid over configurations compares speed, memory and image at once.
#pragma once

#include "sdxl/request.h"

#include <optional>
#include <string>
#include <vector>

namespace sdxl {

enum class GridAxisKind { Prompt, Seed, Steps, Guidance, Scheduler, Size, Model, LoraWeight, Configuration };
struct GridAxisName {
  GridAxisKind kind;
  const char* name;  // the saved spelling
  const char* label; // for people
};
inline constexpr GridAxisName kGridAxisNames[] = {
    {GridAxisKind::Prompt, "prompt", "Prompt S/R"}, {GridAxisKind::Seed, "seed", "Seed"},
    {GridAxisKind::Steps, "steps", "Steps"},        {GridAxisKind::Guidance, "guidance", "CFG scale"},
    {GridAxisKind::Scheduler, "scheduler", "Sampler"}, {GridAxisKind::Size, "size", "Size"},
    {GridAxisKind::Model, "model", "Checkpoint"},   {GridAxisKind::LoraWeight, "lora_weight", "LoRA weight"},
    {GridAxisKind::Configuration, "configuration", "Optimizations"},
};
static_assert(sizeof(kGridAxisNames) / sizeof(kGridAxisNames[0]) == static_cast<std::size_t>(GridAxisKind::Configuration) + 1);
const char* gridAxisName(GridAxisKind kind);
const char* gridAxisLabel(GridAxisKind kind);
std::optional<GridAxisKind> gridAxisFromName(const std::string& name);

struct GridAxis {
  GridAxisKind kind = GridAxisKind::Seed;
  std::vector<std::string> values;
};

// Values as typed, A1111's way: separated by commas, or by a '|' where a value holds commas
// (prompts); numbers also as ranges "1-5" (every integer) and "10-30 (+10)" (a step). Prompt S/R:
// the first value is the text to find in the prompt, each value replaces it (the first: as is).
// Throws Error(InvalidRequest) naming the value that cannot be used, and past 64 values an axis.
GridAxis parseGridAxis(GridAxisKind kind, const std::string& text);

struct GridCell {
  int x = 0, y = 0, z = 0;  // indices into the axes' values
  GenerationRequest request; // the base request with this cell's values
  std::string model;        // a Model axis' value, else ""
  std::string label;        // "x value · y value · z value"
};

// Every combination, x fastest, then y, then z; each request validated (Error names the cell).
// Axes with no values are left out; at most 256 cells.
std::vector<GridCell> gridCells(const GenerationRequest& base, const std::vector<GridAxis>& axes);

} // namespace sdxl
