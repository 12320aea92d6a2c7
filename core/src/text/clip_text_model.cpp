#include "text/clip_text_model.h"

namespace sdxl::text {

ClipTextConfig ClipTextConfig::fromJson(const nn::ConfigReader& c) {
  ClipTextConfig t;
  t.vocabSize = c.integer("vocab_size", 49408, 1, 1 << 20);
  t.hiddenSize = c.integer("hidden_size", 768, 1, 16384);
  t.intermediateSize = c.integer("intermediate_size", 3072, 1, 65536);
  t.heads = c.integer("num_attention_heads", 12, 1, 256);
  t.layers = c.integer("num_hidden_layers", 12, 1, 256);
  t.maxPositions = c.integer("max_position_embeddings", 77, 2, 4096);
  t.projectionDim = c.integer("projection_dim", 768, 1, 16384);
  t.eosTokenId = c.integer("eos_token_id", 2, 0, 1 << 20);
  t.layerNormEps = c.number("layer_norm_eps", 1e-5);
  t.activation = nn::activationFromName(c.string("hidden_act", "quick_gelu"), c.where());
  if (t.hiddenSize % t.heads != 0) c.fail("num_attention_heads", QT_TRANSLATE_NOOP("sdxl", "%1: \"%2\" does not divide hidden_size"));
  const auto architectures = c.json().value("architectures", nlohmann::json::array());
  t.withProjection = architectures.is_array() && !architectures.empty() &&
                     architectures[0] == "CLIPTextModelWithProjection";
  return t;
}

ClipEncoderLayerImpl::ClipEncoderLayerImpl(const ClipTextConfig& c, const torch::TensorOptions& o)
    : heads(c.heads), activation(c.activation) {
  auto attn = register_module("self_attn", std::make_shared<torch::nn::Module>());
  qProj = attn->register_module("q_proj", nn::Linear(c.hiddenSize, c.hiddenSize, true, o));
  kProj = attn->register_module("k_proj", nn::Linear(c.hiddenSize, c.hiddenSize, true, o));
  vProj = attn->register_module("v_proj", nn::Linear(c.hiddenSize, c.hiddenSize, true, o));
  outProj = attn->register_module("out_proj", nn::Linear(c.hiddenSize, c.hiddenSize, true, o));
  layerNorm1 = register_module("layer_norm1", nn::LayerNorm(c.hiddenSize, c.layerNormEps, o));
  auto mlp = register_module("mlp", std::make_shared<torch::nn::Module>());
  fc1 = mlp->register_module("fc1", nn::Linear(c.hiddenSize, c.intermediateSize, true, o));
  fc2 = mlp->register_module("fc2", nn::Linear(c.intermediateSize, c.hiddenSize, true, o));
  layerNorm2 = register_module("layer_norm2", nn::LayerNorm(c.hiddenSize, c.layerNormEps, o));
}

at::Tensor ClipEncoderLayerImpl::forward(const at::Tensor& x, const nn::ForwardOptions& fwd) {
  const int64_t b = x.size(0), n = x.size(1), d = x.size(2);
  auto h = layerNorm1(x);
  auto split = [&](const at::Tensor& t) { return t.view({b, n, heads, d / heads}).transpose(1, 2); };
  auto a = nn::attend(split(qProj(h)), split(kProj(h)), split(vProj(h)), fwd.attention, /*causal=*/true);
  auto r = x + outProj(a.transpose(1, 2).reshape({b, n, d}));
  return r + fc2(nn::activate(fc1(layerNorm2(r)), activation));
}

ClipTextModelImpl::ClipTextModelImpl(ClipTextConfig config, const torch::TensorOptions& o) : m_config(std::move(config)) {
  const auto& c = m_config;
  auto textModel = register_module("text_model", std::make_shared<torch::nn::Module>());
  auto embeddings = textModel->register_module("embeddings", std::make_shared<torch::nn::Module>());
  tokenEmbedding = embeddings->register_module("token_embedding", nn::Embedding(c.vocabSize, c.hiddenSize, o));
  positionEmbedding = embeddings->register_module("position_embedding", nn::Embedding(c.maxPositions, c.hiddenSize, o));
  auto encoder = textModel->register_module("encoder", std::make_shared<torch::nn::Module>());
  auto layerList = encoder->register_module("layers", std::make_shared<torch::nn::Module>());
  for (int64_t i = 0; i < c.layers; ++i)
    layers.push_back(layerList->register_module(std::to_string(i), ClipEncoderLayer(c, o)));
  finalLayerNorm = textModel->register_module("final_layer_norm", nn::LayerNorm(c.hiddenSize, c.layerNormEps, o));
  if (c.withProjection) textProjection = register_module("text_projection", nn::Linear(c.hiddenSize, c.projectionDim, false, o));
}

ClipTextOutput ClipTextModelImpl::forward(const at::Tensor& ids, const nn::ForwardOptions& fwd, int keepHiddenState) {
  const int64_t n = ids.size(1);
  auto positions = at::arange(n, ids.options().dtype(at::kLong));
  auto h = tokenEmbedding(ids) + positionEmbedding(positions).unsqueeze(0);
  // hiddenStates[0] is the embeddings' output, hiddenStates[i + 1] layer i's.
  ClipTextOutput out;
  const std::size_t count = layers.size() + 1;
  TORCH_CHECK(keepHiddenState >= kAllHiddenStates && keepHiddenState < static_cast<int>(count), "no hidden state ",
              keepHiddenState);
  const bool all = keepHiddenState == kAllHiddenStates;
  out.hiddenStates.resize(count);
  if (all || keepHiddenState == 0) out.hiddenStates[0] = h;
  for (std::size_t i = 0; i < layers.size(); ++i) {
    h = layers[i](h, fwd);
    if (all || static_cast<int>(i + 1) == keepHiddenState || i + 1 == count - 1) out.hiddenStates[i + 1] = h;
  }
  out.lastHiddenState = finalLayerNorm(h);
  // transformers' rule: with the legacy eos_token_id 2 (SDXL's configs) the EOS position is
  // the argmax of the ids (<|endoftext|> has the highest id); otherwise the first EOS id.
  at::Tensor eosPosition = m_config.eosTokenId == 2 ? ids.to(at::kInt).argmax(-1)
                                                    : (ids == m_config.eosTokenId).to(at::kInt).argmax(-1);
  out.pooled = out.lastHiddenState.index({at::arange(ids.size(0), ids.options().dtype(at::kLong)), eosPosition});
  if (textProjection) out.textEmbeds = textProjection(out.pooled);
  return out;
}

} // namespace sdxl::text
