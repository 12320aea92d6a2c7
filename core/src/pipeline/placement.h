// Where a component's weights live while a request runs: the strategies behind the offload
// switch, picked once per model load.
//   Resident:   on the GPU throughout.
//   ModelOffload: pinned host memory; copied to the GPU when the component starts, dropped
//               when it ends (the pinned copy stays, so nothing is ever copied back).
//   Sequential: pinned host memory; each layer's weights are copied on a side stream just ahead
//               of use (prefetching by a byte budget, in the order recorded on the first pass)
//               and dropped after, so the copies overlap compute.
#pragma once

#include "nn/weight_residency.h"
#include "sdxl/request.h"

#include <torch/torch.h>

#include <exception>
#include <memory>

namespace sdxl::pipeline {

class Placement {
public:
  virtual ~Placement() = default;
  virtual void begin() {}     // before a stage that uses the component (model offload copies here)
  virtual void end() {}       // after that stage (its outputs are enqueued)
  virtual void beginPass() {} // before each forward pass (sequential offload streams per pass)
  virtual void endPass() {}
  virtual void abortPass() { endPass(); } // the pass was interrupted (cancelled, out of memory)
  virtual nn::WeightResidency* residency() { return nullptr; }
  // Bumped whenever weights move to new device addresses (CUDA graphs must then recapture).
  virtual uint64_t generation() const { return 0; }
};

// How far sequential offload copies ahead of the layer running: enough to hide the bus's latency,
// and under a hard memory limit (a small card) no more than an eighth of it.
uint64_t prefetchBytes(uint64_t memoryLimit);

// `module` must already be on `device` for Resident, or on the CPU for the offload modes.
std::unique_ptr<Placement> makePlacement(Offload mode, torch::nn::Module& module, torch::Device device);

// RAII: begin() ... end() around a stage that uses a component.
class StageScope {
public:
  explicit StageScope(Placement& p) : m_placement(p) { p.begin(); }
  ~StageScope() { m_placement.end(); }

private:
  Placement& m_placement;
};

// RAII: one forward pass of a component, with its residency installed.
class PassScope {
public:
  explicit PassScope(Placement& p) : m_placement(p), m_residency(p.residency()) { p.beginPass(); }
  ~PassScope() {
    if (std::uncaught_exceptions() > m_exceptions) m_placement.abortPass();
    else m_placement.endPass();
  }

private:
  Placement& m_placement;
  int m_exceptions = std::uncaught_exceptions();
  nn::ResidencyScope m_residency;
};

} // namespace sdxl::pipeline
