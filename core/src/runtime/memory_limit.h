// What the CPU's counting allocator (installed by setMemoryLimit on the CPU) has seen, for
// sampleMemory(): false while it is not installed.
#pragma once

#include <cstdint>

namespace sdxl {

bool countCpuMemory(uint64_t& current, uint64_t& peak);
void resetCpuPeak();

} // namespace sdxl
