#include "nn/transformer_2d.h"

namespace sdxl::nn {

BasicTransformerBlockImpl::BasicTransformerBlockImpl(int64_t dim, int64_t heads, int64_t headDim, int64_t contextDim,
                                                     const torch::TensorOptions& options) {
  norm1 = register_module("norm1", LayerNorm(dim, 1e-5, options));
  attn1 = register_module("attn1", Attention(dim, dim, heads, headDim, false, options));
  norm2 = register_module("norm2", LayerNorm(dim, 1e-5, options));
  attn2 = register_module("attn2", Attention(dim, contextDim, heads, headDim, false, options));
  norm3 = register_module("norm3", LayerNorm(dim, 1e-5, options));
  // ff.net = [GEGLU(proj), Dropout, Linear]: parameters live at ff.net.0.proj and ff.net.2.
  auto ff = register_module("ff", std::make_shared<torch::nn::Module>());
  auto net = ff->register_module("net", std::make_shared<torch::nn::Module>());
  auto geglu = net->register_module("0", std::make_shared<torch::nn::Module>());
  ffProj = geglu->register_module("proj", GegluProjection(dim, dim * 4, options));
  ffOut = net->register_module("2", Linear(dim * 4, dim, true, options));
}

// Each residual add rides in the epilogue of the projection before it, written over the
// block's own residual stream when the caller moved it in (the UNet does; see gemm_epilogue.h).
at::Tensor BasicTransformerBlockImpl::forward(at::Tensor x, const at::Tensor& context, const ForwardOptions& fwd) {
  auto normed = norm1(x);
  auto h = attn1(normed, at::Tensor(), fwd, std::move(x));
  if (const int64_t zero = fwd.crossKV ? fwd.crossKV->zeroRows : 0; zero > 0) {
    // Rows whose context is zero get exactly to_out's bias from cross-attention (see
    // CrossAttentionKV::zeroRows); the others run it alone and add it where they lie in h.
    const int64_t live = h.size(0) - zero;
    auto rows = h.narrow(0, zero, live);
    attn2->toOut->forwardAddInPlace(attn2->heads(norm2(rows), context.narrow(0, zero, live), fwd), rows);
    if (attn2->toOut->bias.defined()) addBiasInPlace(h.narrow(0, 0, zero), attn2->toOut->bias);
  } else {
    normed = norm2(h);
    h = attn2(normed, context, fwd, std::move(h));
  }
  auto hidden = ffProj(norm3(h));
  return ffOut->forwardAdd(hidden, std::move(h));
}

Transformer2DModelImpl::Transformer2DModelImpl(int64_t channels, int64_t heads, int64_t headDim, int64_t layers,
                                               int64_t contextDim, int64_t groups, bool linearProjection,
                                               const torch::TensorOptions& options) {
  const int64_t inner = heads * headDim;
  norm = register_module("norm", GroupNorm(groups, channels, 1e-6, options));
  if (linearProjection) projInLinear = register_module("proj_in", Linear(channels, inner, true, options));
  else projInConv = register_module("proj_in", Conv2d(channels, inner, 1, 1, 0, true, options));
  auto list = register_module("transformer_blocks", std::make_shared<torch::nn::Module>());
  for (int64_t i = 0; i < layers; ++i)
    blocks.push_back(list->register_module(std::to_string(i), BasicTransformerBlock(inner, heads, headDim, contextDim, options)));
  if (linearProjection) projOutLinear = register_module("proj_out", Linear(inner, channels, true, options));
  else projOutConv = register_module("proj_out", Conv2d(inner, channels, 1, 1, 0, true, options));
}

at::Tensor Transformer2DModelImpl::forward(at::Tensor x, const at::Tensor& context, const ForwardOptions& fwd) {
  const int64_t b = x.size(0), hgt = x.size(2), wid = x.size(3);
  auto h = norm(x);
  if (projInConv) h = projInConv(h);
  h = h.permute({0, 2, 3, 1}).reshape({b, hgt * wid, -1}); // a view when h is channels-last
  if (projInLinear) h = projInLinear(h);
  for (auto& block : blocks) h = block(std::move(h), context, fwd);
  if (projOutLinear && x.is_contiguous(at::MemoryFormat::ChannelsLast)) {
    // x's channels-last memory is the (b, tokens, channels) layout of the projection's output:
    // the residual add rides in its epilogue, over x when the caller moved x in.
    auto tokens = x.permute({0, 2, 3, 1}).reshape({b, hgt * wid, -1});
    x.reset();
    return projOutLinear->forwardAdd(h, std::move(tokens)).view({b, hgt, wid, -1}).permute({0, 3, 1, 2});
  }
  if (projOutLinear) h = projOutLinear(h);
  h = h.reshape({b, hgt, wid, -1}).permute({0, 3, 1, 2});
  if (projOutConv) h = projOutConv(h.contiguous(x.suggest_memory_format()));
  return h + x;
}

} // namespace sdxl::nn
