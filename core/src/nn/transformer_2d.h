// diffusers' Transformer2DModel as SDXL configures it (use_linear_projection, layer_norm blocks,
// GEGLU feed-forward), with its BasicTransformerBlock.
#pragma once

#include "nn/attention.h"

namespace sdxl::nn {

struct BasicTransformerBlockImpl : torch::nn::Module {
  BasicTransformerBlockImpl(int64_t dim, int64_t heads, int64_t headDim, int64_t contextDim,
                            const torch::TensorOptions& options);
  at::Tensor forward(at::Tensor x, const at::Tensor& context, const ForwardOptions& fwd);
  LayerNorm norm1{nullptr}, norm2{nullptr}, norm3{nullptr};
  Attention attn1{nullptr}, attn2{nullptr};
  GegluProjection ffProj{nullptr}; // ff.net.0.proj with the GEGLU gate
  Linear ffOut{nullptr};           // ff.net.2
};
TORCH_MODULE(BasicTransformerBlock);

struct Transformer2DModelImpl : torch::nn::Module {
  Transformer2DModelImpl(int64_t channels, int64_t heads, int64_t headDim, int64_t layers, int64_t contextDim,
                         int64_t groups, bool linearProjection, const torch::TensorOptions& options);
  at::Tensor forward(at::Tensor x, const at::Tensor& context, const ForwardOptions& fwd);
  GroupNorm norm{nullptr};
  Linear projInLinear{nullptr}, projOutLinear{nullptr};
  Conv2d projInConv{nullptr}, projOutConv{nullptr};
  std::vector<BasicTransformerBlock> blocks;
};
TORCH_MODULE(Transformer2DModel);

} // namespace sdxl::nn
