// The options that make a request work on an image (img2img, inpainting, the hires fix, the
// refiner): declared and read in one place, so that `generate` and `bench` take them alike.
#pragma once

#include "args.h"

#include "sdxl/model_library.h"
#include "sdxl/pipeline.h"
#include "sdxl/request.h"

#include <filesystem>
#include <string>
#include <vector>

namespace sdxl::cli {

std::vector<OptionSpec> modeOptionSpecs();

// Fills `request` from those options; without `keepSize`, an init image sets the request's size
// (trimmed to multiples of 8). Returns what is wrong with the command line, empty when nothing
// is; throws Error for an image that cannot be read.
std::string applyModeOptions(const Args& args, const std::filesystem::path& models, bool keepSize,
                             GenerationRequest& request);

// A name that is neither a path nor the built-in model: an entry of that kind in the models folder.
std::string resolveInLibrary(const std::string& spec, const std::filesystem::path& models, LibraryEntry::Kind kind);

// The model `spec` names (resolved as above), with --vae and --model-config applied.
ModelSource modelSourceOf(const Args& args, const std::string& spec, const std::filesystem::path& models);

} // namespace sdxl::cli
