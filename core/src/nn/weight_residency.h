// The seam through which sequential CPU offload sees the networks: every leaf layer announces
// itself before it computes, on the thread that runs it. With no residency installed (the
// normal case) this costs one thread-local read per layer. The same seam is where a request is
// cancelled mid-pass (runtime/cancellation.h).
#pragma once

#include "runtime/cancellation.h"

namespace torch::nn {
class Module;
}

namespace sdxl::nn {

class WeightResidency {
public:
  virtual ~WeightResidency() = default;
  // Called before `leaf` computes: its weights must be usable on the compute stream on return.
  virtual void use(const torch::nn::Module* leaf) = 0;
};

WeightResidency*& currentResidency();

// Installs a residency for the duration of a scope (one component's forward pass).
class ResidencyScope {
public:
  explicit ResidencyScope(WeightResidency* residency) : m_previous(currentResidency()) { currentResidency() = residency; }
  ~ResidencyScope() { currentResidency() = m_previous; }
  ResidencyScope(const ResidencyScope&) = delete;
  ResidencyScope& operator=(const ResidencyScope&) = delete;

private:
  WeightResidency* m_previous;
};

inline void announceUse(const torch::nn::Module* leaf) {
  runtime::cancellationPoint();
  if (auto* residency = currentResidency()) residency->use(leaf);
}

} // namespace sdxl::nn
