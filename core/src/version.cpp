#include "sdxl/version.h"

#include "sdxl/build_info.h"

#include <torch/torch.h>
#include <torch/version.h>

#ifdef SDXL_WITH_CUDA
#include <cuda_runtime_api.h>
#endif

namespace sdxl {

std::string studioVersion() { return SDXL_STUDIO_VERSION; }

std::string torchVersion() { return TORCH_VERSION; }

bool cudaAvailable() { return torch::cuda::is_available(); }

std::string computeDescription() {
#ifdef SDXL_WITH_CUDA
  if (!torch::cuda::is_available()) return "CPU only (built with CUDA " + std::to_string(CUDART_VERSION / 1000) + "." +
                                          std::to_string(CUDART_VERSION % 1000 / 10) + ", but no CUDA device is visible)";
  int runtime = 0;
  cudaRuntimeGetVersion(&runtime);
  return "CUDA " + std::to_string(runtime / 1000) + "." + std::to_string((runtime % 1000) / 10) + ", " +
         std::to_string(torch::cuda::device_count()) + " device(s)";
#else
  return "CPU only (built without CUDA)";
#endif
}

} // namespace sdxl
