// The GPU checks' timer: the median of `reps` runs of fn, each between two CUDA events, after a
// few unmeasured runs (cuDNN and cuBLAS choose their algorithms on the first calls).
#pragma once

#include <ATen/cuda/CUDAEvent.h>

#include <algorithm>
#include <functional>
#include <vector>

namespace sdxl::gpu_checks {

inline double medianMs(const std::function<void()>& fn, int reps = 15) {
  for (int i = 0; i < 3; ++i) fn();
  std::vector<double> times;
  for (int i = 0; i < reps; ++i) {
    at::cuda::CUDAEvent a(cudaEventDefault), b(cudaEventDefault);
    a.record();
    fn();
    b.record();
    b.synchronize();
    times.push_back(a.elapsed_time(b));
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

} // namespace sdxl::gpu_checks
