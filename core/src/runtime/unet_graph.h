// The "compile" switch's core: the UNet step captured once as a CUDA graph at the request's
// shapes and replayed at every step (no per-kernel launch cost), captured again when the shapes
// or the weights' device addresses change. Inputs are copied into static buffers before each
// replay (the cross-attention K and V of ForwardOptions::crossKV once per request); the output
// buffer is overwritten by the next replay.
#pragma once

#include "nn/unet_2d_condition.h"

#include <memory>

namespace sdxl::runtime {

class UNetGraph {
public:
  UNetGraph();
  ~UNetGraph();
  at::Tensor run(nn::UNet2DConditionModel& unet, const at::Tensor& sample, const at::Tensor& timestep,
                 const at::Tensor& context, const at::Tensor& pooled, const at::Tensor& timeIds,
                 const nn::ForwardOptions& fwd, uint64_t weightGeneration);
  double lastCaptureSeconds() const { return m_captureSeconds; }
  void reset(); // drops the graph and its memory (the model it captured is being replaced)
  // The step cache's features for the steps this graph runs: they outlive one request, so the
  // graphs that write and read them stay valid from one request to the next.
  nn::StepCache& stepCache() { return m_stepCache; }
  static bool supported(); // built with CUDA

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
  nn::StepCache m_stepCache;
  double m_captureSeconds = 0;
};

} // namespace sdxl::runtime
