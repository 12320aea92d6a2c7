// Whether this build can use an NVIDIA GPU here, and if not why, in one sentence a person can act
// on: the CPU-only build, no driver, a driver older than the CUDA this build carries, no GPU, a GPU
// older than the architectures this build's kernels are made for.
// The programs say it at start and run on the CPU instead of failing in the loader or later.
#pragma once

#include <string>

namespace sdxl {

struct CudaStatus {
  enum class Kind { Usable, CpuBuild, NoDriver, DriverTooOld, NoDevice, GpuTooOld, Failed };
  Kind kind = Kind::CpuBuild;
  int driverVersion = 0;  // the CUDA version the driver supports, as CUDA writes it (13000 = 13.0)
  int runtimeVersion = 0; // the CUDA runtime this build carries
  int devices = 0;
  int computeCapability = 0; // of the first device, as 10 * major + minor (86 = 8.6)
  std::string deviceName;
  std::string error; // Failed: the runtime's own words
};

// Asks the CUDA runtime once; the answer is kept (the driver does not change under a process).
const CudaStatus& cudaStatus();

// The sentence for people, in English ("" when usable); the studio translates by kind.
std::string cudaStatusSentence(const CudaStatus& status);

std::string cudaVersionText(int version); // 13000 -> "13.0"

// The oldest Linux driver of the CUDA release this build carries (NVIDIA's release notes).
std::string minimumDriverFor(int runtimeVersion);

// The oldest GPU architecture this build's own kernels are made for: Ampere (compute capability 8.0).
inline constexpr int kMinimumComputeCapability = 80;

} // namespace sdxl
