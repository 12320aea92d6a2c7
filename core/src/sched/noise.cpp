#include "sched/noise.h"

namespace sdxl::sched {

Noise::Noise(uint64_t seed, int images, bool perImage) {
  const int count = perImage ? images : 1;
  for (int k = 0; k < count; ++k) // seed + k wraps past 2^64 - 1, as a 64-bit seed must
    m_generators.push_back(at::make_generator<at::CPUGeneratorImpl>(seed + static_cast<uint64_t>(k)));
}

at::Tensor Noise::randn(at::IntArrayRef shape, at::ScalarType dtype) {
  const auto options = at::TensorOptions().dtype(dtype);
  if (m_generators.size() == 1) return at::randn(shape, m_generators[0], options);
  std::vector<int64_t> one(shape.begin(), shape.end());
  TORCH_CHECK(!one.empty() && one[0] == static_cast<int64_t>(m_generators.size()),
              "per-image noise for a batch of another size");
  one[0] = 1;
  std::vector<at::Tensor> images;
  for (auto& g : m_generators) images.push_back(at::randn(one, g, options));
  return at::cat(images);
}

} // namespace sdxl::sched
