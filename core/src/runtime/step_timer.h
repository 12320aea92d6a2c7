// Per-step and per-stage durations without synchronising inside the denoising loop: on CUDA, an
// event is recorded on the stream at each mark and read once at the end; on the CPU (where work
// is synchronous) host clocks are exact.
#pragma once

#include <torch/torch.h>

#include <memory>
#include <vector>

namespace sdxl::runtime {

class StepTimer {
public:
  explicit StepTimer(torch::Device device);
  ~StepTimer();
  void mark();                           // records "now" on the device's stream
  std::vector<double> intervals() const; // seconds between consecutive marks; waits for the last
  void synchronize() const;              // waits until the device has done everything marked

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

} // namespace sdxl::runtime
