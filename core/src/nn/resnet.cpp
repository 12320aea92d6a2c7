#include "nn/resnet.h"

namespace sdxl::nn {

ResnetBlock2DImpl::ResnetBlock2DImpl(int64_t in, int64_t out, int64_t timeEmbedChannels, int64_t groups, double eps,
                                     const torch::TensorOptions& options) {
  norm1 = register_module("norm1", GroupNorm(groups, in, eps, options));
  conv1 = register_module("conv1", Conv2d(in, out, 3, 1, 1, true, options));
  if (timeEmbedChannels > 0) timeEmbProj = register_module("time_emb_proj", Linear(timeEmbedChannels, out, true, options));
  norm2 = register_module("norm2", GroupNorm(groups, out, eps, options));
  conv2 = register_module("conv2", Conv2d(out, out, 3, 1, 1, true, options));
  if (in != out) convShortcut = register_module("conv_shortcut", Conv2d(in, out, 1, 1, 0, true, options));
}

at::Tensor ResnetBlock2DImpl::forward(at::Tensor x, const at::Tensor& timeEmbedding) {
  // Written for peak memory (the VAE decoder's is set here): each intermediate is dropped, or
  // overwritten, as soon as the next exists.
  const auto residual = convShortcut ? convShortcut(x) : x;
  const bool ownsInput = convShortcut && ownsStorage(x);
  auto h = norm1(x, /*silu=*/true, at::Tensor(), /*mayOverwrite=*/ownsInput);
  x.reset();
  h = conv1(h);
  at::Tensor shift; // the time embedding, added inside norm2 (diffusers adds it to h first)
  if (timeEmbProj && timeEmbedding.defined()) shift = timeEmbProj(at::silu(timeEmbedding));
  h = conv2(norm2(h, /*silu=*/true, shift, /*mayOverwrite=*/true)); // h is this function's own
  return h.add_(residual); // = x + h, the sum diffusers computes
}

Downsample2DImpl::Downsample2DImpl(int64_t channels, int64_t padding, const torch::TensorOptions& options)
    : m_padding(padding) {
  conv = register_module("conv", Conv2d(channels, channels, 3, 2, padding, true, options));
}

at::Tensor Downsample2DImpl::forward(const at::Tensor& x) {
  if (m_padding == 0) return conv(at::constant_pad_nd(x, {0, 1, 0, 1}, 0));
  return conv(x);
}

Upsample2DImpl::Upsample2DImpl(int64_t channels, const torch::TensorOptions& options) {
  conv = register_module("conv", Conv2d(channels, channels, 3, 1, 1, true, options));
}

at::Tensor Upsample2DImpl::forward(const at::Tensor& x, at::IntArrayRef size) {
  std::vector<int64_t> target = size.empty() ? std::vector<int64_t>{x.size(2) * 2, x.size(3) * 2} : size.vec();
  return conv(at::upsample_nearest2d(x, target));
}

} // namespace sdxl::nn
