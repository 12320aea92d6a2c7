// The hard memory limit of sdxl/telemetry.h. On CUDA it is the caching allocator's own per-process
// fraction; on the CPU a counting allocator in front of c10's, so that the same limit, and the
// fallbacks it provokes, can be exercised where CI runs.
#include "runtime/memory_limit.h"
#include "sdxl/telemetry.h"

#include <c10/core/CPUAllocator.h>
#include <c10/core/impl/alloc_cpu.h>
#include <c10/util/Exception.h>

#include <atomic>
#include <mutex>

#ifdef SDXL_WITH_CUDA
#include <ATen/Context.h>
#include <c10/cuda/CUDACachingAllocator.h>
#include <cuda_runtime_api.h>
#include <torch/cuda.h>
#endif

#include <algorithm>

namespace sdxl {

namespace {

std::atomic<uint64_t> g_limit{0}; // 0: none

// c10's CPU allocation with the size kept in a header before the data, so that the data pointer
// is also the context (c10's raw_allocate() demands it) and a free knows what it returns.
class CountingCpuAllocator final : public c10::Allocator {
public:
  c10::DataPtr allocate(size_t n) override {
    const uint64_t limit = g_limit.load();
    const uint64_t now = s_current.fetch_add(n) + n;
    if (limit != 0 && now > limit) {
      s_current.fetch_sub(n);
      TORCH_CHECK_WITH(OutOfMemoryError, false, "CPU out of memory under the memory limit: tried to allocate ",
                       n, " bytes with ", now - n, " of ", limit, " bytes in use");
    }
    for (uint64_t peak = s_peak.load(); now > peak && !s_peak.compare_exchange_weak(peak, now);) {}
    auto* base = static_cast<char*>(c10::alloc_cpu(n + kHeader));
    *reinterpret_cast<size_t*>(base) = n;
    void* data = base + kHeader;
    return {data, data, &release, c10::Device(c10::DeviceType::CPU)};
  }
  c10::DeleterFnPtr raw_deleter() const override { return &release; }
  void copy_data(void* dest, const void* src, std::size_t count) const override { default_copy_data(dest, src, count); }

  static uint64_t current() { return s_current.load(); }
  static uint64_t peak() { return s_peak.load(); }
  static void resetPeak() { s_peak.store(s_current.load()); }

private:
  static constexpr size_t kHeader = 64; // keeps c10's 64-byte alignment
  static void release(void* data) {
    if (!data) return;
    auto* base = static_cast<char*>(data) - kHeader;
    s_current.fetch_sub(*reinterpret_cast<size_t*>(base));
    c10::free_cpu(base);
  }
  static inline std::atomic<uint64_t> s_current{0}, s_peak{0};
};

CountingCpuAllocator* g_counting = nullptr;

CountingCpuAllocator& countingAllocator() {
  static std::once_flag once;
  std::call_once(once, [] {
    // Never freed: tensors made through it may outlive every other static.
    g_counting = new CountingCpuAllocator();
    c10::SetCPUAllocator(g_counting, /*priority=*/100);
  });
  return *g_counting;
}

} // namespace

void setMemoryLimit(std::optional<uint64_t> bytes, bool cuda) {
#ifdef SDXL_WITH_CUDA
  if (cuda && torch::cuda::is_available()) {
    at::globalContext().lazyInitDevice(c10::DeviceType::CUDA); // the allocator exists from here
    c10::cuda::CUDACachingAllocator::emptyCache();
    size_t freeBytes = 0, totalBytes = 0;
    if (cudaMemGetInfo(&freeBytes, &totalBytes) != cudaSuccess || totalBytes == 0) return;
    const double fraction = bytes ? std::min(1.0, double(*bytes) / double(totalBytes)) : 1.0;
    c10::cuda::CUDACachingAllocator::setMemoryFraction(fraction, 0);
    g_limit.store(bytes.value_or(0));
    return;
  }
#else
  (void)cuda;
#endif
  countingAllocator();
  g_limit.store(bytes.value_or(0));
}

std::optional<uint64_t> memoryLimit() {
  const uint64_t limit = g_limit.load();
  return limit ? std::optional<uint64_t>(limit) : std::nullopt;
}

bool countCpuMemory(uint64_t& current, uint64_t& peak) {
  if (!g_counting) return false;
  current = g_counting->current();
  peak = g_counting->peak();
  return true;
}

void resetCpuPeak() {
  if (g_counting) g_counting->resetPeak();
}

} // namespace sdxl
