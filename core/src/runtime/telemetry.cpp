#include "sdxl/telemetry.h"

#include "runtime/memory_limit.h"

#include <torch/torch.h>

#include <fstream>
#include <unistd.h>

#ifdef SDXL_WITH_CUDA
#include <ATen/cuda/CUDAContext.h>
#include <c10/cuda/CUDACachingAllocator.h>
#include <cuda_runtime_api.h>
#endif

namespace sdxl {

namespace {
uint64_t hostResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  uint64_t pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * static_cast<uint64_t>(sysconf(_SC_PAGESIZE));
}

#ifdef SDXL_WITH_CUDA
bool haveCuda() {
  static const bool available = torch::cuda::is_available();
  return available;
}

// The caching allocator refuses questions about a device it has not allocated on yet; its
// answer would be all zeros, so that is what we report.
bool allocatorReady(int device) {
  try {
    c10::cuda::CUDACachingAllocator::getDeviceStats(static_cast<c10::DeviceIndex>(device));
    return true;
  } catch (const c10::Error&) {
    return false;
  }
}
#endif
} // namespace

MemorySnapshot sampleMemory(int device) {
  MemorySnapshot s;
  s.hostResident = hostResidentBytes();
  if (uint64_t current = 0, peak = 0; countCpuMemory(current, peak)) {
    s.allocated = s.reserved = current;
    s.peakAllocated = s.peakReserved = peak;
  }
#ifdef SDXL_WITH_CUDA
  if (haveCuda()) {
    s.cuda = true;
  }
  if (haveCuda() && allocatorReady(device)) {
    using namespace c10::CachingAllocator;
    const auto stats = c10::cuda::CUDACachingAllocator::getDeviceStats(static_cast<c10::DeviceIndex>(device));
    const auto all = static_cast<std::size_t>(StatType::AGGREGATE);
    s.allocated = static_cast<uint64_t>(stats.allocated_bytes[all].current);
    s.peakAllocated = static_cast<uint64_t>(stats.allocated_bytes[all].peak);
    s.reserved = static_cast<uint64_t>(stats.reserved_bytes[all].current);
    s.peakReserved = static_cast<uint64_t>(stats.reserved_bytes[all].peak);
  }
  if (haveCuda()) {
    size_t freeBytes = 0, totalBytes = 0;
    int previous = 0;
    cudaGetDevice(&previous);
    cudaSetDevice(device);
    if (cudaMemGetInfo(&freeBytes, &totalBytes) == cudaSuccess) {
      s.deviceTotal = totalBytes;
      s.deviceUsed = totalBytes - freeBytes;
    }
    cudaSetDevice(previous);
  }
#else
  (void)device;
#endif
  return s;
}

void resetPeakMemory(int device) {
  resetCpuPeak();
#ifdef SDXL_WITH_CUDA
  if (haveCuda() && allocatorReady(device))
    c10::cuda::CUDACachingAllocator::resetPeakStats(static_cast<c10::DeviceIndex>(device));
#else
  (void)device;
#endif
}

void releaseCachedMemory() {
#ifdef SDXL_WITH_CUDA
  if (haveCuda()) c10::cuda::CUDACachingAllocator::emptyCache();
#endif
}

void synchronizeDevice() {
#ifdef SDXL_WITH_CUDA
  if (haveCuda()) torch::cuda::synchronize();
#endif
}

std::string deviceDescription(int device) {
#ifdef SDXL_WITH_CUDA
  if (haveCuda()) return at::cuda::getDeviceProperties(device)->name;
#else
  (void)device;
#endif
  return "CPU";
}

} // namespace sdxl
