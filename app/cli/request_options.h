// The options that describe what to make (prompt, size, steps, seed, sampler, LoRAs, switches),
// declared and read in one place so that `generate` and `grid` take them alike.
#pragma once

#include "args.h"

#include "sdxl/request.h"

#include <string>
#include <vector>

namespace sdxl::cli {

std::vector<OptionSpec> requestOptionSpecs();

// Fills `request` from those options (precision only through --config: the caller knows the
// device). Returns what is wrong with the command line, empty when nothing is; throws Error for
// an unknown --config word.
std::string readRequestOptions(const Args& args, GenerationRequest& request);

// --precision, defaulting by the device (fp16 on CUDA, fp32 on the CPU), unless --config named it.
// Returns what is wrong, empty when nothing is.
std::string readPrecision(const Args& args, bool cuda, GenerationRequest& request);

// "1024x1024" -> width, height; false when it does not look like that.
bool parseSize(const std::string& text, int& width, int& height);

} // namespace sdxl::cli
