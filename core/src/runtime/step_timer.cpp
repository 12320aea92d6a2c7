#include "runtime/step_timer.h"

#include <chrono>

#ifdef SDXL_WITH_CUDA
#include <ATen/cuda/CUDAEvent.h>
#include <c10/cuda/CUDAStream.h>
#endif

namespace sdxl::runtime {

struct StepTimer::Impl {
  explicit Impl(torch::Device d) : device(d) {}
  torch::Device device;
  std::vector<std::chrono::steady_clock::time_point> clocks;
#ifdef SDXL_WITH_CUDA
  std::vector<std::unique_ptr<at::cuda::CUDAEvent>> events;
#endif
};

StepTimer::StepTimer(torch::Device device) : m_impl(std::make_unique<Impl>(device)) {}
StepTimer::~StepTimer() = default;

void StepTimer::mark() {
#ifdef SDXL_WITH_CUDA
  if (m_impl->device.is_cuda()) {
    auto event = std::make_unique<at::cuda::CUDAEvent>(cudaEventDefault);
    event->record(c10::cuda::getCurrentCUDAStream(m_impl->device.index()));
    m_impl->events.push_back(std::move(event));
    return;
  }
#endif
  m_impl->clocks.push_back(std::chrono::steady_clock::now());
}

void StepTimer::synchronize() const {
#ifdef SDXL_WITH_CUDA
  if (m_impl->device.is_cuda() && !m_impl->events.empty()) m_impl->events.back()->synchronize();
#endif
}

std::vector<double> StepTimer::intervals() const {
  std::vector<double> out;
#ifdef SDXL_WITH_CUDA
  if (m_impl->device.is_cuda()) {
    synchronize();
    for (std::size_t i = 1; i < m_impl->events.size(); ++i)
      out.push_back(m_impl->events[i - 1]->elapsed_time(*m_impl->events[i]) / 1000.0);
    return out;
  }
#endif
  for (std::size_t i = 1; i < m_impl->clocks.size(); ++i)
    out.push_back(std::chrono::duration<double>(m_impl->clocks[i] - m_impl->clocks[i - 1]).count());
  return out;
}

} // namespace sdxl::runtime
