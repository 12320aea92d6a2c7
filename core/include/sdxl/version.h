// Versions of this build and of the libraries it runs on, for --version and the About box.
#pragma once

#include <string>

namespace sdxl {

std::string studioVersion();
std::string torchVersion();
// "CUDA 13.0 (driver supports 13.0), 1 device(s)" or "CPU only: " and why (sdxl/cuda_status.h).
std::string computeDescription();
bool cudaAvailable();
// "2026-12-07" in UTC: the date a report records.
std::string todayUtc();

} // namespace sdxl
