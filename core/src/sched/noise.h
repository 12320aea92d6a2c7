// Where a request's random numbers come from, as diffusers' randn_tensor draws them on the CPU:
// one generator for the whole batch (generator=torch.Generator().manual_seed(seed): image k is
// part of one draw), or one generator per image (a list of generators seeded seed + k: image k
// is the image seed + k makes alone). Ancestral schedulers draw their step noise from the same
// generators, continuing after the initial latents.
#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <vector>

namespace sdxl::sched {

class Noise {
public:
  Noise(uint64_t seed, int images, bool perImage);
  // Standard normal noise of `shape` (batch first) in `dtype`, on the CPU.
  at::Tensor randn(at::IntArrayRef shape, at::ScalarType dtype);
  int streams() const { return static_cast<int>(m_generators.size()); } // 1, or one per image

private:
  std::vector<at::Generator> m_generators; // one, or one per image
};

} // namespace sdxl::sched
