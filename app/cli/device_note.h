// Before a command that computes: when the device is left to us and the GPU cannot be used, say
// why once (sdxl/cuda_status.h) and go on on the CPU.
#pragma once

#include <string>

namespace sdxl::cli {

void noteWhyCpu(const std::string& deviceArgument);

} // namespace sdxl::cli
