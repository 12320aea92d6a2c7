#include "nn/attention.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace sdxl::nn {

namespace {
// Past this head size at::scaled_dot_product_attention has no fused CUDA kernel and falls back
// to a math path that materialises every score at once: the VAE's single 512-wide head costs
// 6 GB there for 4 images of 1024x1024.
constexpr int64_t kFusedMaxHeadDim = 256;

// As diffusers' get_attention_scores: the scale rides in the batched product (baddbmm's alpha)
// instead of costing a pass over the scores. q3 (b*h, n, d) holds this chunk's queries, k3 and v3
// (b*h, m, d) every key. The probabilities overwrite the scores (nn::softmax, in fp32 inside, as
// diffusers' upcast_softmax; ATen's half-precision softmax accumulates in fp32 too).
at::Tensor attendMaterialised(const at::Tensor& q3, const at::Tensor& k3, const at::Tensor& v3, bool causal,
                              int64_t queryOffset) {
  const int64_t bh = q3.size(0), n = q3.size(1), m = k3.size(1);
  const double scale = 1.0 / std::sqrt(static_cast<double>(q3.size(-1)));
  auto scores = at::baddbmm(at::empty({bh, n, m}, q3.options()), q3, k3.transpose(1, 2), 0.0, scale);
  if (causal) {
    auto mask = at::ones({n, m}, q3.options().dtype(at::kBool)).triu(1 + queryOffset);
    scores.masked_fill_(mask, -std::numeric_limits<float>::infinity());
  }
  auto probs = softmax(scores, /*mayOverwrite=*/true);
  scores.reset();
  return at::bmm(probs, v3);
}
} // namespace

// The materialising path works through the queries in chunks whose scores (and, where ATen's
// softmax computes it, their fp32 copy) stay under chunkBytes; each query's row is independent,
// so the result is the same.
at::Tensor attend(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, AttentionBackend backend, bool causal,
                  int64_t chunkBytes) {
  if (backend == AttentionBackend::Sdpa && (q.size(-1) <= kFusedMaxHeadDim || !q.is_cuda())) {
    // Cross-attention to the text tokens: our kernel for few keys, where SDPA's are latency-bound;
    // fewKeysAttention is at::scaled_dot_product_attention wherever its kernel does not apply.
    if (!causal) return fewKeysAttention(q, k, v);
    return at::scaled_dot_product_attention(q, k, v, {}, 0.0, causal);
  }
  const int64_t b = q.size(0), h = q.size(1), n = q.size(2), m = k.size(2), d = q.size(3);
  // Reshaped once: with q, k and v transposed views of (b, tokens, h, d), each reshape copies.
  auto q3 = q.reshape({b * h, n, d}), k3 = k.reshape({b * h, m, k.size(3)}), v3 = v.reshape({b * h, m, v.size(3)});
  const int64_t bytesPerQuery = b * h * m * (q.element_size() + (softmaxWritesInPlace(q, m) ? 0 : 4));
  const int64_t chunk = std::max<int64_t>(1, chunkBytes / std::max<int64_t>(1, bytesPerQuery));
  if (chunk >= n) return attendMaterialised(q3, k3, v3, causal, 0).view({b, h, n, v.size(3)});
  auto out = at::empty({b * h, n, v.size(3)}, q.options());
  for (int64_t s = 0; s < n; s += chunk) {
    const int64_t e = std::min(n, s + chunk);
    out.slice(1, s, e).copy_(attendMaterialised(q3.slice(1, s, e), k3, v3, causal, s));
  }
  return out.view({b, h, n, v.size(3)});
}

AttentionImpl::AttentionImpl(int64_t queryDim, int64_t contextDim, int64_t heads, int64_t headDim, bool qkvBias,
                             const torch::TensorOptions& options)
    : m_heads(heads), m_headDim(headDim) {
  const int64_t inner = heads * headDim;
  toQ = register_module("to_q", Linear(queryDim, inner, qkvBias, options));
  toK = register_module("to_k", Linear(contextDim, inner, qkvBias, options));
  toV = register_module("to_v", Linear(contextDim, inner, qkvBias, options));
  // diffusers keeps to_out as a ModuleList (Linear, Dropout): the Linear is "to_out.0".
  auto out = register_module("to_out", std::make_shared<torch::nn::Module>());
  toOut = out->register_module("0", Linear(inner, queryDim, true, options));
}

at::Tensor AttentionImpl::heads(const at::Tensor& x, const at::Tensor& context, const ForwardOptions& fwd) {
  const auto& ctx = context.defined() ? context : x;
  const int64_t batch = x.size(0);
  auto split = [&](const at::Tensor& t) { return t.view({batch, -1, m_heads, m_headDim}).transpose(1, 2); };
  at::Tensor k, v;
  if (context.defined() && fwd.crossKV) {
    auto it = fwd.crossKV->layers.find(this);
    if (it != fwd.crossKV->layers.end()) std::tie(k, v) = it->second;
  }
  if (!k.defined()) k = toK(ctx), v = toV(ctx);
  auto q = split(toQ(x));
  k = split(k), v = split(v);
  auto out = attend(q, k, v, fwd.attention);
  return out.transpose(1, 2).reshape({batch, -1, m_heads * m_headDim});
}

at::Tensor AttentionImpl::forward(const at::Tensor& x, const at::Tensor& context, const ForwardOptions& fwd,
                                  at::Tensor residual) {
  auto out = heads(x, context, fwd);
  return residual.defined() ? toOut->forwardAdd(out, std::move(residual)) : toOut(out);
}

} // namespace sdxl::nn
