// The "compile" switch's core: the UNet step captured once as a CUDA graph at the request's
// shapes and replayed at every step (no per-kernel launch cost), captured again when the shapes
// or the weights' device addresses change. Inputs are copied into static buffers before each
// replay (the cross-attention K and V of ForwardOptions::crossKV once per request); the output
// buffer is overwritten by the next replay.
#pragma once

#include "nn/unet_2d_condition.h"

#include <map>
#include <memory>

namespace sdxl::runtime {

class UNetGraph {
public:
  UNetGraph();
  ~UNetGraph();
  at::Tensor run(nn::UNet2DConditionModel& unet, const at::Tensor& sample, const at::Tensor& timestep,
                 const at::Tensor& context, const at::Tensor& pooled, const at::Tensor& timeIds,
                 const nn::ForwardOptions& fwd, uint64_t weightGeneration);
  // Every capture so far: a run's share is the difference across it.
  double captureSeconds() const { return m_captureSeconds; }
  int captures() const { return m_captures; }
  void reset(); // drops the graph and its memory (the model it captured is being replaced)
  // The step cache's features for the steps of one batch size: they outlive one request, so the
  // graphs that write and read them stay valid from one request to the next, and the guidance
  // cut-off's positive half has its own beside the guided batch's. At most two batch sizes.
  nn::StepCache& stepCache(int64_t batch);
  void startPass(); // every cache's features are of an earlier pass: the first step refreshes them
  static bool supported(); // built with CUDA

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
  std::map<int64_t, nn::StepCache> m_stepCaches; // by batch size (a map: references stay valid)
  double m_captureSeconds = 0;
  int m_captures = 0;
};

} // namespace sdxl::runtime
