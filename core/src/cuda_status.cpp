#include "sdxl/cuda_status.h"

#ifdef SDXL_WITH_CUDA
#include <cuda_runtime_api.h>
#endif

namespace sdxl {

std::string cudaVersionText(int version) {
  return std::to_string(version / 1000) + "." + std::to_string(version % 1000 / 10);
}

std::string minimumDriverFor(int runtimeVersion) {
  if (runtimeVersion >= 13000) return "580";
  if (runtimeVersion >= 12000) return "525";
  return "470";
}

namespace {
CudaStatus ask() {
  CudaStatus s;
#ifdef SDXL_WITH_CUDA
  cudaRuntimeGetVersion(&s.runtimeVersion);
  cudaDriverGetVersion(&s.driverVersion); // 0 when no driver is installed
  if (s.driverVersion == 0) {
    s.kind = CudaStatus::Kind::NoDriver;
    return s;
  }
  if (s.driverVersion < s.runtimeVersion) {
    s.kind = CudaStatus::Kind::DriverTooOld;
    return s;
  }
  const auto error = cudaGetDeviceCount(&s.devices);
  if (error == cudaSuccess && s.devices > 0) {
    cudaDeviceProp properties{};
    if (cudaGetDeviceProperties(&properties, 0) == cudaSuccess) {
      s.computeCapability = properties.major * 10 + properties.minor;
      s.deviceName = properties.name;
    }
    s.kind = s.computeCapability >= kMinimumComputeCapability ? CudaStatus::Kind::Usable : CudaStatus::Kind::GpuTooOld;
  }
  else if (error == cudaErrorNoDevice || (error == cudaSuccess && s.devices == 0))
    s.kind = CudaStatus::Kind::NoDevice;
  else if (error == cudaErrorInsufficientDriver)
    s.kind = CudaStatus::Kind::DriverTooOld;
  else {
    s.kind = CudaStatus::Kind::Failed;
    s.error = cudaGetErrorString(error);
  }
  if (error != cudaSuccess) cudaGetLastError(); // not sticky: later calls see their own errors
#endif
  return s;
}
} // namespace

const CudaStatus& cudaStatus() {
  static const CudaStatus status = ask();
  return status;
}

std::string cudaStatusSentence(const CudaStatus& s) {
  const std::string cpu = ", so SDXL Studio runs on the CPU (minutes per image instead of seconds).";
  const std::string driver = minimumDriverFor(s.runtimeVersion);
  switch (s.kind) {
  case CudaStatus::Kind::Usable: return "";
  case CudaStatus::Kind::CpuBuild:
    return "This is the CPU-only build of SDXL Studio: it runs on the CPU. Install the CUDA package to use an NVIDIA "
           "GPU.";
  case CudaStatus::Kind::NoDriver:
    return "No NVIDIA driver is installed" + cpu + " To use an NVIDIA GPU, install its driver, version " + driver +
           " or newer.";
  case CudaStatus::Kind::DriverTooOld:
    return "The NVIDIA driver supports CUDA " + cudaVersionText(s.driverVersion) + ", older than the CUDA " +
           cudaVersionText(s.runtimeVersion) + " this build needs" + cpu + " Update the driver to version " + driver +
           " or newer.";
  case CudaStatus::Kind::NoDevice:
    return "The NVIDIA driver is installed but no NVIDIA GPU is visible to this program (check the card, "
           "CUDA_VISIBLE_DEVICES, or a container's access to the GPU)" +
           cpu;
  case CudaStatus::Kind::GpuTooOld:
    return "The " + s.deviceName + " (compute capability " + std::to_string(s.computeCapability / 10) + "." +
           std::to_string(s.computeCapability % 10) +
           ") is older than the GPUs this build is made for (Ampere, Ada and Hopper: 8.0 or newer)" + cpu;
  case CudaStatus::Kind::Failed: return "The GPU could not be used (" + s.error + ")" + cpu;
  }
  return "";
}

} // namespace sdxl
