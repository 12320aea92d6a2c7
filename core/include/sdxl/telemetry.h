// Memory as the hardware and allocators report it, never estimated. Thread-safe and cheap: the
// studio polls it at about 10 Hz from the UI thread while a worker generates. On a machine
// without CUDA the same calls report host memory only (cuda = false).
#pragma once

#include <cstdint>
#include <string>

namespace sdxl {

struct MemorySnapshot {
  bool cuda = false;
  uint64_t allocated = 0, reserved = 0;         // CUDA caching allocator, now
  uint64_t peakAllocated = 0, peakReserved = 0; // since the last resetPeakMemory()
  uint64_t deviceUsed = 0, deviceTotal = 0;     // the whole device (cudaMemGetInfo), all processes
  uint64_t hostResident = 0;                    // this process's resident set
};

MemorySnapshot sampleMemory(int device = 0);
void resetPeakMemory(int device = 0);
// Returns cached blocks to the device, so "reserved" and the device's own figure drop too.
void releaseCachedMemory();
std::string deviceDescription(int device = 0); // "NVIDIA H100 80GB HBM3" or "CPU"
void synchronizeDevice();

} // namespace sdxl
