#include "nn/attention.h"

#include <cmath>

namespace sdxl::nn {

at::Tensor attend(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, AttentionBackend backend, bool causal,
                  bool upcastSoftmax) {
  if (backend == AttentionBackend::Sdpa) return at::scaled_dot_product_attention(q, k, v, {}, 0.0, causal);
  const double scale = 1.0 / std::sqrt(static_cast<double>(q.size(-1)));
  auto scores = at::matmul(q, k.transpose(-1, -2)) * scale;
  if (causal) {
    auto mask = at::ones({q.size(-2), k.size(-2)}, q.options().dtype(at::kBool)).triu(1);
    scores = scores.masked_fill(mask, -std::numeric_limits<float>::infinity());
  }
  auto probs = upcastSoftmax ? at::softmax(scores, -1, at::kFloat).to(q.scalar_type()) : at::softmax(scores, -1);
  return at::matmul(probs, v);
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
