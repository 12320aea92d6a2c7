// Multi-head attention with two interchangeable paths, picked per call:
//   Math: materialises softmax(Q K^T / sqrt(d)) V, as diffusers' default AttnProcessor does,
//         a bounded number of queries at a time;
//   Sdpa: at::scaled_dot_product_attention (flash / memory-efficient kernels on CUDA), or the
//         Math path where no fused kernel takes the head size (the VAE's 512).
// The choice travels in ForwardOptions, so one loaded model serves both (the "attention" switch).
#pragma once

#include "nn/layers.h"

namespace sdxl::nn {

enum class AttentionBackend { Math, Sdpa };

struct ForwardOptions {
  AttentionBackend attention = AttentionBackend::Sdpa;
};

// q, k, v: (batch, heads, tokens, head_dim). `upcastSoftmax`: the Math path's softmax in fp32.
// The materialising path holds at most about chunkBytes of scores and probabilities at once.
at::Tensor attend(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, AttentionBackend backend,
                  bool causal = false, bool upcastSoftmax = false, int64_t chunkBytes = int64_t(1) << 30);

// diffusers' Attention: to_q, to_k, to_v, to_out.0 (self- or cross-attention).
struct AttentionImpl : torch::nn::Module {
  AttentionImpl(int64_t queryDim, int64_t contextDim, int64_t heads, int64_t headDim, bool qkvBias, bool upcastSoftmax,
                const torch::TensorOptions& options);
  // x: (batch, tokens, queryDim); context: (batch, ctxTokens, contextDim) or undefined for self-attention.
  at::Tensor forward(const at::Tensor& x, const at::Tensor& context, const ForwardOptions& fwd);
  Linear toQ{nullptr}, toK{nullptr}, toV{nullptr}, toOut{nullptr};

private:
  int64_t m_heads, m_headDim;
  bool m_upcastSoftmax;
};
TORCH_MODULE(Attention);

} // namespace sdxl::nn
