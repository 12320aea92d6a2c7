// The configs of the built-in benchmark model, compiled in from resources/models/:
// "sdxl-base/unet/config.json" (the real SDXL-base architecture) and "sdxl-tiny/..." (the
// same family at toy size, for CPUs and tests).
#pragma once

#include <map>
#include <string>

namespace sdxl::io {

const std::map<std::string, std::string>& builtinConfigFiles();

} // namespace sdxl::io
