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
// instead of costing a pass over the scores.
at::Tensor attendMaterialised(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, bool causal,
                              bool upcastSoftmax, int64_t queryOffset) {
  const int64_t b = q.size(0), h = q.size(1), n = q.size(2), m = k.size(2);
  const double scale = 1.0 / std::sqrt(static_cast<double>(q.size(-1)));
  auto q3 = q.reshape({b * h, n, q.size(3)}), k3 = k.reshape({b * h, m, k.size(3)});
  auto scores = at::baddbmm(at::empty({b * h, n, m}, q.options()), q3, k3.transpose(1, 2), 0.0, scale);
  if (causal) {
    auto mask = at::ones({n, m}, q.options().dtype(at::kBool)).triu(1 + queryOffset);
    scores.masked_fill_(mask, -std::numeric_limits<float>::infinity());
  }
  auto probs = upcastSoftmax ? at::softmax(scores, -1, at::kFloat).to(q.scalar_type()) : at::softmax(scores, -1);
  scores.reset();
  return at::bmm(probs, v.reshape({b * h, m, v.size(3)})).view({b, h, n, v.size(3)});
}
} // namespace

// The materialising path works through the queries in chunks whose scores and probabilities stay
// under chunkBytes; each query's row is independent, so the result is the same.
at::Tensor attend(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, AttentionBackend backend, bool causal,
                  bool upcastSoftmax, int64_t chunkBytes) {
  if (backend == AttentionBackend::Sdpa && (q.size(-1) <= kFusedMaxHeadDim || !q.is_cuda()))
    return at::scaled_dot_product_attention(q, k, v, {}, 0.0, causal);
  const int64_t n = q.size(2);
  const int64_t bytesPerQuery = q.size(0) * q.size(1) * k.size(2) * (2 * q.element_size() + (upcastSoftmax ? 4 : 0));
  const int64_t chunk = std::max<int64_t>(1, chunkBytes / std::max<int64_t>(1, bytesPerQuery));
  if (chunk >= n) return attendMaterialised(q, k, v, causal, upcastSoftmax, 0);
  auto out = at::empty({q.size(0), q.size(1), n, v.size(3)}, q.options());
  for (int64_t s = 0; s < n; s += chunk) {
    const int64_t e = std::min(n, s + chunk);
    out.slice(2, s, e).copy_(attendMaterialised(q.slice(2, s, e), k, v, causal, upcastSoftmax, s));
  }
  return out;
}

AttentionImpl::AttentionImpl(int64_t queryDim, int64_t contextDim, int64_t heads, int64_t headDim, bool qkvBias,
                             bool upcastSoftmax, const torch::TensorOptions& options)
    : m_heads(heads), m_headDim(headDim), m_upcastSoftmax(upcastSoftmax) {
  const int64_t inner = heads * headDim;
  toQ = register_module("to_q", Linear(queryDim, inner, qkvBias, options));
  toK = register_module("to_k", Linear(contextDim, inner, qkvBias, options));
  toV = register_module("to_v", Linear(contextDim, inner, qkvBias, options));
  // diffusers keeps to_out as a ModuleList (Linear, Dropout): the Linear is "to_out.0".
  auto out = register_module("to_out", std::make_shared<torch::nn::Module>());
  toOut = out->register_module("0", Linear(inner, queryDim, true, options));
}

at::Tensor AttentionImpl::forward(const at::Tensor& x, const at::Tensor& context, const ForwardOptions& fwd) {
  const auto& ctx = context.defined() ? context : x;
  const int64_t batch = x.size(0);
  auto split = [&](const at::Tensor& t) { return t.view({batch, -1, m_heads, m_headDim}).transpose(1, 2); };
  auto q = split(toQ(x)), k = split(toK(ctx)), v = split(toV(ctx));
  auto out = attend(q, k, v, fwd.attention, false, m_upcastSoftmax);
  out = out.transpose(1, 2).reshape({batch, -1, m_heads * m_headDim});
  return toOut(out);
}

} // namespace sdxl::nn
