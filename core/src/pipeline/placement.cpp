#include "pipeline/placement.h"

#include "sdxl/error.h"
#include "sdxl/telemetry.h"

#include <algorithm>

#include <unordered_map>

#ifdef SDXL_WITH_CUDA
#include <ATen/cuda/CUDAEvent.h>
#include <c10/cuda/CUDAGuard.h>
#include <c10/cuda/CUDAStream.h>
#endif

namespace sdxl::pipeline {

uint64_t prefetchBytes(uint64_t memoryLimit) {
  constexpr uint64_t kMost = 768ull << 20, kLeast = 128ull << 20;
  return memoryLimit == 0 ? kMost : std::clamp(memoryLimit / 8, kLeast, kMost);
}

namespace {

class Resident final : public Placement {};

#ifdef SDXL_WITH_CUDA

// The pinned host tensor a placement keeps for `p`, and `p` pointed at it. Always a tensor of its
// own: pin_memory() returns the parameter itself when it is pinned already (weights an earlier
// placement pinned), and a copy that is the parameter would follow it to the device.
at::Tensor pinnedHost(at::Tensor& p) {
  auto host = p.device().is_cpu() ? (p.is_pinned() ? p.detach() : p.pin_memory()) : p.to(torch::kCPU).pin_memory();
  p.set_data(host);
  return host;
}

// Every parameter of `module` gets a pinned host copy, and the parameter points at it.
std::vector<std::pair<at::Tensor, at::Tensor>> pinParameters(torch::nn::Module& module) {
  std::vector<std::pair<at::Tensor, at::Tensor>> pairs;
  for (auto& p : module.parameters(true)) pairs.emplace_back(p, pinnedHost(p));
  return pairs;
}

class ModelOffload final : public Placement {
public:
  ModelOffload(torch::nn::Module& module, torch::Device device) : m_device(device), m_params(pinParameters(module)) {}
  void begin() override {
    try {
      for (auto& [param, host] : m_params) param.set_data(host.to(m_device, /*non_blocking=*/true));
    } catch (...) { // out of memory part of the way: what was copied goes, so a fallback starts clean
      end();
      throw;
    }
    ++m_generation;
  }
  void end() override {
    // Freed blocks return to the caching allocator in stream order, so pending kernels that
    // read them finish before the memory is reused.
    for (auto& [param, host] : m_params) param.set_data(host);
  }
  uint64_t generation() const override { return m_generation; }

private:
  torch::Device m_device;
  std::vector<std::pair<at::Tensor, at::Tensor>> m_params;
  uint64_t m_generation = 0;
};

class SequentialOffload final : public Placement, public nn::WeightResidency {
public:
  SequentialOffload(torch::nn::Module& module, torch::Device device)
      : m_device(device), m_copyStream(c10::cuda::getStreamFromPool(false, device.index())),
        m_prefetchBytes(prefetchBytes(memoryLimit().value_or(0))) {
    for (const auto& item : module.named_modules("", /*include_self=*/true)) {
      auto* leaf = item.value().get();
      auto params = leaf->parameters(/*recurse=*/false);
      if (params.empty()) continue;
      Leaf entry;
      for (auto& p : params) {
        auto host = pinnedHost(p);
        entry.bytes += static_cast<uint64_t>(host.numel() * host.element_size());
        entry.params.emplace_back(p, std::move(host));
      }
      m_index[leaf] = m_leaves.size();
      m_leaves.push_back(std::move(entry));
    }
  }

  nn::WeightResidency* residency() override { return this; }

  void beginPass() override {
    m_cursor = 0;
    m_released = 0;
    m_prefetched = std::min(m_prefetched, m_order.size()); // end() may have started the next pass
    if (m_recording) m_prefetched = 0;
  }

  void endPass() override {
    for (auto& leaf : m_leaves) release(leaf); // what ran, and prefetches nobody used
    m_recording = false;
    // The UNet runs once per step: start copying the next pass's first layers now.
    m_cursor = m_released = m_prefetched = 0;
    m_aheadBytes = 0;
    prefetch();
  }

  void abortPass() override { // a partial first pass taught a partial order: learn it again
    for (auto& leaf : m_leaves) release(leaf);
    if (m_recording) m_order.clear();
    m_cursor = m_released = m_prefetched = 0;
    m_aheadBytes = 0;
  }

  void end() override { // the stage is over: no next pass to prepare for
    for (auto& leaf : m_leaves) release(leaf);
    m_prefetched = 0;
    m_aheadBytes = 0;
  }

  void use(const torch::nn::Module* module) override {
    auto it = m_index.find(module);
    if (it == m_index.end()) return;
    auto& leaf = m_leaves[it->second];
    if (m_recording) {
      // First pass: learn the order; copy each layer when asked, drop the one before.
      m_order.push_back(it->second);
      if (m_cursor > 0) release(m_leaves[m_order[m_cursor - 1]]);
      fetch(leaf);
      waitFor(leaf);
      m_released = m_cursor;
      m_cursor = m_prefetched = m_order.size();
      return;
    }
    // Later passes: the order is known. Drop what ran before this layer, wait for its copy,
    // and keep the copy engine ahead by the prefetch budget.
    while (m_cursor < m_order.size() && m_order[m_cursor] != it->second) ++m_cursor;
    if (m_cursor == m_order.size()) { // not where we expected it: fall back to a direct copy
      if (leaf.state == State::Host) fetch(leaf);
      waitFor(leaf);
      return;
    }
    for (; m_released < m_cursor; ++m_released) release(m_leaves[m_order[m_released]]);
    if (m_prefetched <= m_cursor) {
      m_prefetched = m_cursor;
      m_aheadBytes = 0;
    }
    if (leaf.state == State::Host) {
      fetch(leaf);
      m_prefetched = std::max(m_prefetched, m_cursor + 1);
    } else {
      m_aheadBytes -= std::min(m_aheadBytes, leaf.bytes);
    }
    waitFor(leaf);
    ++m_cursor;
    prefetch();
  }

private:
  enum class State { Host, Fetched };
  struct Leaf {
    std::vector<std::pair<at::Tensor, at::Tensor>> params; // parameter, pinned host copy
    uint64_t bytes = 0;
    State state = State::Host;
    at::cuda::CUDAEvent ready;
  };

  void fetch(Leaf& leaf) {
    c10::cuda::CUDAStreamGuard guard(m_copyStream);
    for (auto& [param, host] : leaf.params) param.set_data(host.to(m_device, /*non_blocking=*/true));
    leaf.ready.record(m_copyStream);
    leaf.state = State::Fetched;
  }

  void waitFor(Leaf& leaf) { leaf.ready.block(c10::cuda::getCurrentCUDAStream(m_device.index())); }

  void release(Leaf& leaf) {
    if (leaf.state == State::Host) return;
    auto compute = c10::cuda::getCurrentCUDAStream(m_device.index());
    for (auto& [param, host] : leaf.params) {
      // Allocated on the copy stream, read on the compute stream: tell the allocator, or it could
      // hand the block to the next prefetch while kernels still read it.
      param.record_stream(compute);
      param.set_data(host);
    }
    leaf.state = State::Host;
  }

  void prefetch() {
    while (m_prefetched < m_order.size() && m_aheadBytes < m_prefetchBytes) {
      auto& leaf = m_leaves[m_order[m_prefetched++]];
      if (leaf.state == State::Host) {
        fetch(leaf);
        m_aheadBytes += leaf.bytes;
      }
    }
  }

  torch::Device m_device;
  c10::cuda::CUDAStream m_copyStream;
  uint64_t m_prefetchBytes;
  std::vector<Leaf> m_leaves;
  std::unordered_map<const torch::nn::Module*, std::size_t> m_index;
  std::vector<std::size_t> m_order; // leaves in the order of the first pass
  bool m_recording = true;
  std::size_t m_cursor = 0;     // position in m_order of the next layer to run
  std::size_t m_released = 0;   // positions before this are back on the host
  std::size_t m_prefetched = 0; // positions before this have been fetched
  uint64_t m_aheadBytes = 0;    // bytes fetched ahead of the cursor
};

#endif

} // namespace

std::unique_ptr<Placement> makePlacement(Offload mode, torch::nn::Module& module, torch::Device device) {
  if (mode == Offload::None) return std::make_unique<Resident>();
#ifdef SDXL_WITH_CUDA
  if (device.is_cuda()) {
    if (mode == Offload::Model) return std::make_unique<ModelOffload>(module, device);
    return std::make_unique<SequentialOffload>(module, device);
  }
#endif
  (void)module;
  throw Error(ErrorKind::InvalidRequest,
              QT_TRANSLATE_NOOP("sdxl", "CPU offload moves weights between host and GPU memory; it needs a CUDA device"), {});
}

} // namespace sdxl::pipeline
