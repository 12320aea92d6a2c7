// Multi-head attention with two interchangeable paths, picked per call:
//   Math: materialises softmax(Q K^T / sqrt(d)) V, as diffusers' default AttnProcessor does,
//         a bounded number of queries at a time;
//   Sdpa: at::scaled_dot_product_attention (flash / memory-efficient kernels on CUDA), or the
//         Math path where no fused kernel takes the head size (the VAE's 512).
// The choice travels in ForwardOptions, so one loaded model serves both (the "attention" switch).
#pragma once

#include "nn/layers.h"

#include <unordered_map>

namespace sdxl::nn {

enum class AttentionBackend { Math, Sdpa };

struct AttentionImpl;

// The keys and values of cross-attention layers for one context (the text embeddings). They do
// not change from step to step, so a request computes them once
// (UNet2DConditionModelImpl::crossAttentionKV) instead of 140 small projections per UNet step.
//
// zeroRows: how many leading rows of the batch have a context of zeros (the unconditional half
// when the negative prompt is empty and the model forces it to zeros, as SDXL-base does). Their
// keys and values are zero (to_k and to_v have no bias), so every score is equal, the softmax
// uniform and its product with the values zero: the layer's output is exactly to_out's bias. The
// transformer blocks add that bias to those rows and run cross-attention on the others alone;
// `layers` then holds the other rows' K and V only.
struct CrossAttentionKV {
  uint64_t id = 0; // unique per computation: a CUDA graph tells a new request's from the one it holds
  int64_t zeroRows = 0;
  std::unordered_map<const AttentionImpl*, std::pair<at::Tensor, at::Tensor>> layers; // projected K, V
};

// DeepCache's reuse of a UNet's deep features (the "step cache" switch): a full step keeps the
// features entering the last up block; a reusing step computes only the outermost down and up
// blocks around them (the shallow branch, at full resolution) and takes the deep features from
// the last full step. The features live here, outside any CUDA graph, so a full step's graph and
// a reusing step's graph share them.
struct StepCache {
  at::Tensor features;
  bool reuse = false; // this step reuses; otherwise it runs whole and refreshes the features
  bool fresh = false; // a full step of this pass wrote them (the caller says so: a graph's replay runs no C++)
};

struct ForwardOptions {
  AttentionBackend attention = AttentionBackend::Sdpa;
  const CrossAttentionKV* crossKV = nullptr; // layers found here skip their K and V projections
  StepCache* stepCache = nullptr;            // the UNet's only: DeepCache (above)
  bool fp8 = false;                          // the UNet's linear layers in FP8 (nn/fp8_linear.h)
};

// q, k, v: (batch, heads, tokens, head_dim). The Math path's softmax computes in fp32 (what
// diffusers' upcast_softmax asks for; the configs that leave it off lose nothing by it), and holds
// at most about chunkBytes of scores at once.
at::Tensor attend(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, AttentionBackend backend,
                  bool causal = false, int64_t chunkBytes = int64_t(1) << 30);

// diffusers' Attention: to_q, to_k, to_v, to_out.0 (self- or cross-attention).
struct AttentionImpl : torch::nn::Module {
  AttentionImpl(int64_t queryDim, int64_t contextDim, int64_t heads, int64_t headDim, bool qkvBias,
                const torch::TensorOptions& options);
  // x: (batch, tokens, queryDim); context: (batch, ctxTokens, contextDim) or undefined for
  // self-attention. With a residual (batch, tokens, queryDim) the result is residual + attention,
  // added in the output projection's epilogue (Linear::forwardAdd).
  at::Tensor forward(const at::Tensor& x, const at::Tensor& context, const ForwardOptions& fwd,
                     at::Tensor residual = {});
  // The attention before to_out: (batch, tokens, heads * headDim).
  at::Tensor heads(const at::Tensor& x, const at::Tensor& context, const ForwardOptions& fwd);
  Linear toQ{nullptr}, toK{nullptr}, toV{nullptr}, toOut{nullptr};

private:
  int64_t m_heads, m_headDim;
};
TORCH_MODULE(Attention);

} // namespace sdxl::nn
