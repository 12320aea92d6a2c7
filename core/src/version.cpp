#include "sdxl/version.h"

#include "sdxl/build_info.h"
#include "sdxl/cuda_status.h"

#include <torch/torch.h>
#include <torch/version.h>

#include <ctime>

namespace sdxl {

std::string studioVersion() { return SDXL_STUDIO_VERSION; }

std::string torchVersion() { return TORCH_VERSION; }

bool cudaAvailable() { return torch::cuda::is_available(); }

std::string todayUtc() {
  const std::time_t now = std::time(nullptr);
  char text[16];
  std::strftime(text, sizeof text, "%Y-%m-%d", std::gmtime(&now));
  return text;
}

std::string computeDescription() {
  const auto& status = cudaStatus();
  if (status.kind != CudaStatus::Kind::Usable || !torch::cuda::is_available())
    return "CPU only: " + (status.kind == CudaStatus::Kind::Usable ? std::string("LibTorch found no CUDA device.")
                                                                    : cudaStatusSentence(status));
  return "CUDA " + cudaVersionText(status.runtimeVersion) + " (driver supports " + cudaVersionText(status.driverVersion) +
         "), " + std::to_string(status.devices) + " device(s)";
}

} // namespace sdxl
