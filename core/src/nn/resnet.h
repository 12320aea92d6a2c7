// diffusers' ResnetBlock2D, Downsample2D and Upsample2D, shared by the UNet and the VAE.
#pragma once

#include "nn/layers.h"

namespace sdxl::nn {

struct ResnetBlock2DImpl : torch::nn::Module {
  // timeEmbedChannels 0: no time embedding (the VAE).
  ResnetBlock2DImpl(int64_t in, int64_t out, int64_t timeEmbedChannels, int64_t groups, double eps,
                    const torch::TensorOptions& options);
  // Pass x with std::move when the caller is done with it: then, with a projection shortcut, the
  // block normalises it in place (the VAE decoder's and the UNet's widest tensors).
  at::Tensor forward(at::Tensor x, const at::Tensor& timeEmbedding);
  GroupNorm norm1{nullptr}, norm2{nullptr};
  Conv2d conv1{nullptr}, conv2{nullptr}, convShortcut{nullptr};
  Linear timeEmbProj{nullptr};
};
TORCH_MODULE(ResnetBlock2D);

struct Downsample2DImpl : torch::nn::Module {
  // padding 1: the UNet's; padding 0: the VAE encoder's, which pads right and bottom by one first.
  Downsample2DImpl(int64_t channels, int64_t padding, const torch::TensorOptions& options);
  at::Tensor forward(const at::Tensor& x);
  Conv2d conv{nullptr};

private:
  int64_t m_padding;
};
TORCH_MODULE(Downsample2D);

struct Upsample2DImpl : torch::nn::Module {
  Upsample2DImpl(int64_t channels, const torch::TensorOptions& options);
  // Nearest-neighbour to `size` (H, W) when given (odd latent sizes), else twice the input.
  at::Tensor forward(const at::Tensor& x, at::IntArrayRef size = {});
  Conv2d conv{nullptr};
};
TORCH_MODULE(Upsample2D);

} // namespace sdxl::nn
