// The options that fit a run into memory (--vram-limit, --vram-budget), declared and read in one
// place so that `generate` and `bench` take them alike.
#pragma once

#include "args.h"

#include "sdxl/request.h"

#include <optional>
#include <string>
#include <vector>

namespace sdxl::cli {

std::vector<OptionSpec> memoryOptionSpecs();

struct MemoryOptions {
  std::optional<double> limitGiB; // --vram-limit
  MemoryBudget budget;            // --vram-budget
};
// Reads them; returns what is wrong with the command line, empty when nothing is.
std::string readMemoryOptions(const Args& args, MemoryOptions& options);

} // namespace sdxl::cli
