// diffusers' UNet2DConditionModel for the SDXL family: DownBlock2D / CrossAttnDownBlock2D,
// UNetMidBlock2DCrossAttn, UpBlock2D / CrossAttnUpBlock2D, per-block heads and transformer
// depths, linear projections, and the "text_time" added conditioning (pooled text embedding +
// size/crop time ids). Parameters are registered under diffusers' checkpoint names.
#pragma once

#include "nn/config_json.h"
#include "nn/resnet.h"
#include "nn/transformer_2d.h"

namespace sdxl::nn {

struct UNetConfig {
  int64_t inChannels = 4, outChannels = 4;
  std::vector<int64_t> blockOutChannels;
  std::vector<std::string> downBlockTypes, upBlockTypes;
  int64_t layersPerBlock = 2;
  std::vector<int64_t> transformerLayersPerBlock; // per down block; up blocks use it reversed
  std::vector<int64_t> heads;                     // per down block
  int64_t crossAttentionDim = 2048;
  bool useLinearProjection = true;
  bool textTimeEmbedding = true; // addition_embed_type == "text_time"
  int64_t additionTimeEmbedDim = 256;
  int64_t projectionClassEmbeddingsInputDim = 2816;
  int64_t normNumGroups = 32;
  double normEps = 1e-5;
  bool flipSinToCos = true;
  double freqShift = 0;

  static UNetConfig fromJson(const ConfigReader& config);
};

// Sinusoidal timestep embedding, as diffusers' get_timestep_embedding. Returns float32.
at::Tensor timestepEmbedding(const at::Tensor& timesteps, int64_t dim, bool flipSinToCos, double freqShift);

struct UNetBlockImpl : torch::nn::Module {
  std::vector<ResnetBlock2D> resnets;
  std::vector<Transformer2DModel> attentions;
  Downsample2D downsampler{nullptr};
  Upsample2D upsampler{nullptr};
};
TORCH_MODULE(UNetBlock);

struct UNet2DConditionModelImpl : torch::nn::Module {
  UNet2DConditionModelImpl(UNetConfig config, const torch::TensorOptions& options);

  // sample (B, C, h, w); timestep: scalar or (B); context (B, tokens, crossAttentionDim);
  // textEmbeds (B, pooled) and timeIds (B, 6) for text_time conditioning.
  at::Tensor forward(const at::Tensor& sample, const at::Tensor& timestep, const at::Tensor& context,
                     const at::Tensor& textEmbeds, const at::Tensor& timeIds, const ForwardOptions& fwd);
  const UNetConfig& config() const { return m_config; }
  // Every cross-attention layer's K and V for this context (see CrossAttentionKV): pass them in
  // ForwardOptions::crossKV to each step of a request. The weights must be where forward runs.
  // zeroRows: the context's leading rows known to be zeros (CrossAttentionKV::zeroRows); taken
  // where no layer's to_k or to_v has a bias, else every row is projected.
  CrossAttentionKV crossAttentionKV(const at::Tensor& context, int64_t zeroRows = 0);

  Conv2d convIn{nullptr}, convOut{nullptr};
  GroupNorm convNormOut{nullptr};
  Linear timeLinear1{nullptr}, timeLinear2{nullptr}, addLinear1{nullptr}, addLinear2{nullptr};
  std::vector<UNetBlock> downBlocks, upBlocks;
  UNetBlock midBlock{nullptr};

private:
  UNetConfig m_config;
};
TORCH_MODULE(UNet2DConditionModel);

} // namespace sdxl::nn
