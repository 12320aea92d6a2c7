// Memory as the hardware and allocators report it, never estimated. Thread-safe and cheap: the
// studio polls it at about 10 Hz from the UI thread while a worker generates. On a machine
// without CUDA the same calls report host memory only (cuda = false).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace sdxl {

struct MemorySnapshot {
  bool cuda = false;
  // The CUDA caching allocator, now; on the CPU, once a memory limit was set, the tensors' bytes
  // (allocated and reserved alike: nothing is cached there).
  uint64_t allocated = 0, reserved = 0;
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

// A hard ceiling on what this process's tensors may hold, so that a limit is felt as a smaller
// card would make it felt: on CUDA the caching allocator's per-process memory fraction (reserved
// memory counts; the CUDA context, about half a GiB, does not), on the CPU a counting allocator
// in front of c10's (how CI exercises budgets and fallbacks). Past it, allocations throw
// c10::OutOfMemoryError. nullopt lifts it. Set it before anything is allocated.
void setMemoryLimit(std::optional<uint64_t> bytes, bool cuda);
std::optional<uint64_t> memoryLimit();

} // namespace sdxl
