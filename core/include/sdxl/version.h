// Versions of this build and of the libraries it runs on, for --version and the About box.
#pragma once

#include <string>

namespace sdxl {

std::string studioVersion();
std::string torchVersion();
// "CUDA 13.0 (cuDNN 91900), 1 device(s): NVIDIA H100 80GB HBM3" or "CPU only (...reason)".
std::string computeDescription();
bool cudaAvailable();

} // namespace sdxl
