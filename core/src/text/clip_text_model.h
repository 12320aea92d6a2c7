// transformers' CLIPTextModel (SDXL's first encoder) and CLIPTextModelWithProjection (the
// second), built from the component's config.json. Parameters live under "text_model." (plus
// "text_projection" for the second), the names in real SDXL checkpoints; the loader also
// accepts the unprefixed names that transformers 5 writes for CLIPTextModel.
#pragma once

#include "nn/attention.h"
#include "nn/config_json.h"

namespace sdxl::text {

struct ClipTextConfig {
  int64_t vocabSize = 49408, hiddenSize = 768, intermediateSize = 3072, heads = 12, layers = 12;
  int64_t maxPositions = 77, projectionDim = 768, eosTokenId = 2;
  double layerNormEps = 1e-5;
  nn::Activation activation = nn::Activation::QuickGELU;
  bool withProjection = false;
  static ClipTextConfig fromJson(const nn::ConfigReader& config);
};

struct ClipTextOutput {
  std::vector<at::Tensor> hiddenStates; // embeddings output, then each layer's (layers + 1)
  at::Tensor lastHiddenState;           // after the final layer norm
  at::Tensor pooled;                    // last hidden state at the EOS position
  at::Tensor textEmbeds;                // pooled @ text_projection (second encoder only)
};

struct ClipEncoderLayerImpl : torch::nn::Module {
  ClipEncoderLayerImpl(const ClipTextConfig& c, const torch::TensorOptions& o);
  at::Tensor forward(const at::Tensor& x, const nn::ForwardOptions& fwd);
  nn::LayerNorm layerNorm1{nullptr}, layerNorm2{nullptr};
  nn::Linear qProj{nullptr}, kProj{nullptr}, vProj{nullptr}, outProj{nullptr}, fc1{nullptr}, fc2{nullptr};
  int64_t heads;
  nn::Activation activation;
};
TORCH_MODULE(ClipEncoderLayer);

struct ClipTextModelImpl : torch::nn::Module {
  ClipTextModelImpl(ClipTextConfig config, const torch::TensorOptions& options);
  // ids: (batch, 77) int64. kAllHiddenStates keeps every hidden state; an index keeps only that
  // one (SDXL reads the penultimate layer, hiddenStates[layers - 1], or one further back with clip
  // skip), saving memory.
  static constexpr int kAllHiddenStates = -1;
  ClipTextOutput forward(const at::Tensor& ids, const nn::ForwardOptions& fwd, int keepHiddenState = kAllHiddenStates);
  const ClipTextConfig& config() const { return m_config; }
  nn::Embedding tokenEmbedding{nullptr}, positionEmbedding{nullptr};
  std::vector<ClipEncoderLayer> layers;
  nn::LayerNorm finalLayerNorm{nullptr};
  nn::Linear textProjection{nullptr};

private:
  ClipTextConfig m_config;
};
TORCH_MODULE(ClipTextModel);

} // namespace sdxl::text
