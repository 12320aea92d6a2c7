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
  // overwritten, as soon as the next exists. The convolutions' biases cost no pass of their own:
  // conv1's rides with the time embedding inside norm2, conv2's and the shortcut's in the
  // residual sum (diffusers adds each separately; the roundings are the same but for conv1's).
  at::Tensor residual, residualBias;
  if (convShortcut) {
    auto shortcut = convShortcut->forwardUnbiased(x);
    residual = std::move(shortcut.output);
    residualBias = std::move(shortcut.bias);
  } else {
    residual = x;
  }
  const bool ownsInput = convShortcut && ownsStorage(x);
  auto h = norm1(x, /*silu=*/true, at::Tensor(), /*mayOverwrite=*/ownsInput);
  x.reset();
  auto first = conv1->forwardUnbiased(h);
  h = std::move(first.output);
  // norm2's addend, (n, c): conv1's bias plus the time embedding, which diffusers adds to h first.
  at::Tensor shift = first.bias;
  if (timeEmbProj && timeEmbedding.defined()) {
    auto t = timeEmbProj(at::silu(timeEmbedding));
    shift = shift.defined() ? t.add_(shift) : t;
  }
  if (shift.defined()) shift = shift.expand({h.size(0), h.size(1)}).contiguous();
  auto second = conv2->forwardUnbiased(norm2(h, /*silu=*/true, shift, /*mayOverwrite=*/true)); // h is ours
  h.reset();
  return addChannelBias(std::move(second.output), second.bias, residual, residualBias); // = x + h, as diffusers
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
  return conv(upsampleNearest(x, target));
}

} // namespace sdxl::nn
