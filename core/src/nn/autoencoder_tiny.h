// diffusers' AutoencoderTiny (TAESD / TAESDXL): small convolutional encoder and decoder. The
// layers are numbered as diffusers' nn.Sequential numbers them (activations and upsamplers take
// indices too), so checkpoint names such as decoder.layers.3.conv.2.weight line up.
#pragma once

#include "nn/config_json.h"
#include "nn/layers.h"

namespace sdxl::nn {

struct AutoencoderTinyConfig {
  int64_t inChannels = 3, outChannels = 3, latentChannels = 4;
  std::vector<int64_t> encoderBlockOutChannels, decoderBlockOutChannels;
  std::vector<int64_t> numEncoderBlocks, numDecoderBlocks;
  int64_t upsamplingScalingFactor = 2;
  double latentMagnitude = 3.0, latentShift = 0.5, scalingFactor = 1.0;
  Activation activation = Activation::ReLU;
  static AutoencoderTinyConfig fromJson(const ConfigReader& config);
};

// One entry of the Sequential: a conv, a residual block, or a parameter-free step.
struct TinyLayer {
  enum Kind { Conv, Block, Act, Upsample } kind;
  Conv2d conv{nullptr};
  Conv2d blockConv0{nullptr}, blockConv2{nullptr}, blockConv4{nullptr}, blockSkip{nullptr};
};

struct TinyStackImpl : torch::nn::Module {
  at::Tensor forward(const at::Tensor& x);
  std::vector<TinyLayer> layers;
  Activation activation = Activation::ReLU;
  int64_t upsampleFactor = 2;
};
TORCH_MODULE(TinyStack);

struct AutoencoderTinyImpl : torch::nn::Module {
  AutoencoderTinyImpl(AutoencoderTinyConfig config, const torch::TensorOptions& options);
  at::Tensor encode(const at::Tensor& images); // [-1, 1] images -> latents
  at::Tensor decode(const at::Tensor& latents); // latents -> [-1, 1] images
  const AutoencoderTinyConfig& config() const { return m_config; }
  TinyStack encoder{nullptr}, decoder{nullptr};

private:
  AutoencoderTinyConfig m_config;
};
TORCH_MODULE(AutoencoderTiny);

} // namespace sdxl::nn
