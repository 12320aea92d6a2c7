// diffusers' AutoencoderKL (SDXL's VAE): encoder to a diagonal Gaussian over latents, decoder
// back to pixels, quant/post-quant 1x1 convolutions, a single-head attention in each mid block.
#pragma once

#include "nn/attention.h"
#include "nn/config_json.h"
#include "nn/resnet.h"

namespace sdxl::nn {

struct AutoencoderKLConfig {
  int64_t inChannels = 3, outChannels = 3, latentChannels = 4;
  std::vector<int64_t> blockOutChannels;
  int64_t layersPerBlock = 2;
  int64_t normNumGroups = 32;
  double scalingFactor = 0.13025;
  bool forceUpcast = true;
  bool useQuantConv = true, usePostQuantConv = true;
  static AutoencoderKLConfig fromJson(const ConfigReader& config);
};

// The VAE's mid block: resnet, attention (group-normed, one head, residual), resnet.
struct VaeMidBlockImpl : torch::nn::Module {
  VaeMidBlockImpl(int64_t channels, int64_t groups, const torch::TensorOptions& options);
  at::Tensor forward(const at::Tensor& x, const ForwardOptions& fwd);
  ResnetBlock2D resnet0{nullptr}, resnet1{nullptr};
  GroupNorm attnNorm{nullptr};
  Attention attention{nullptr};
};
TORCH_MODULE(VaeMidBlock);

struct VaeEncoderImpl : torch::nn::Module {
  VaeEncoderImpl(const AutoencoderKLConfig& c, const torch::TensorOptions& options);
  at::Tensor forward(const at::Tensor& x, const ForwardOptions& fwd);
  Conv2d convIn{nullptr}, convOut{nullptr};
  std::vector<std::vector<ResnetBlock2D>> resnets;
  std::vector<Downsample2D> downsamplers;
  VaeMidBlock mid{nullptr};
  GroupNorm normOut{nullptr};
};
TORCH_MODULE(VaeEncoder);

struct VaeDecoderImpl : torch::nn::Module {
  VaeDecoderImpl(const AutoencoderKLConfig& c, const torch::TensorOptions& options);
  at::Tensor forward(const at::Tensor& z, const ForwardOptions& fwd);
  Conv2d convIn{nullptr}, convOut{nullptr};
  std::vector<std::vector<ResnetBlock2D>> resnets;
  std::vector<Upsample2D> upsamplers;
  VaeMidBlock mid{nullptr};
  GroupNorm normOut{nullptr};
  // Past this, a batch's upsampled activations go on image by image: four 1024x1024 images would
  // otherwise hold 2 GB tensors (4 GB in fp32) at the last stage and set the whole run's peak.
  int64_t imageByImageAboveBytes = int64_t(1) << 30;

private:
  // Up blocks from `first` on (starting at its upsampler when upsampleFirst), then the head.
  at::Tensor upBlocks(std::size_t first, at::Tensor h, bool upsampleFirst);
};
TORCH_MODULE(VaeDecoder);

struct AutoencoderKLImpl : torch::nn::Module {
  AutoencoderKLImpl(AutoencoderKLConfig config, const torch::TensorOptions& options);
  // Images in [-1, 1] -> (mean, logvar) of the latent distribution, unscaled.
  std::pair<at::Tensor, at::Tensor> encode(const at::Tensor& images, const ForwardOptions& fwd);
  // Unscaled latents (already divided by scalingFactor) -> images in about [-1, 1].
  at::Tensor decode(const at::Tensor& latents, const ForwardOptions& fwd);
  const AutoencoderKLConfig& config() const { return m_config; }
  VaeEncoder encoder{nullptr};
  VaeDecoder decoder{nullptr};
  Conv2d quantConv{nullptr}, postQuantConv{nullptr};

private:
  AutoencoderKLConfig m_config;
};
TORCH_MODULE(AutoencoderKL);

} // namespace sdxl::nn
