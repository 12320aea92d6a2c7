#include "sdxl/version.h"

#include "sdxl/build_info.h"

#include <torch/torch.h>
#include <torch/version.h>

namespace sdxl {

std::string studioVersion() { return SDXL_STUDIO_VERSION; }

std::string torchVersion() { return TORCH_VERSION; }

bool cudaAvailable() { return torch::cuda::is_available(); }

std::string computeDescription() {
#ifdef SDXL_WITH_CUDA
  if (!torch::cuda::is_available()) return "CPU only (built with CUDA, but no CUDA device is visible)";
  return "CUDA, " + std::to_string(torch::cuda::device_count()) + " device(s)";
#else
  return "CPU only (built without CUDA)";
#endif
}

} // namespace sdxl
