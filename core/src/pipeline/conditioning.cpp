#include "pipeline/conditioning.h"

namespace sdxl::pipeline {

PromptEmbeddings encodePrompt(SdxlModel& model, const std::string& prompt, const nn::ForwardOptions& fwd) {
  auto ids = [&](const ClipTokenizer& tokenizer) {
    return torch::tensor(tokenizer.encode(prompt).ids, torch::kLong).unsqueeze(0).to(model.device);
  };
  model.ensureTextEncoders();
  text::ClipTextOutput out1, out2;
  {
    StageScope stage(*model.textEncoder1Placement);
    PassScope pass(*model.textEncoder1Placement);
    out1 = model.textEncoder1(ids(*model.tokenizer1), fwd, /*keepHiddenStates=*/false);
  }
  {
    StageScope stage(*model.textEncoder2Placement);
    PassScope pass(*model.textEncoder2Placement);
    out2 = model.textEncoder2(ids(*model.tokenizer2), fwd, false);
  }
  // SDXL conditions on the penultimate layer of both encoders (hidden_states[-2]).
  auto context = at::cat({out1.hiddenStates[model.textEncoder1->layers.size() - 1],
                          out2.hiddenStates[model.textEncoder2->layers.size() - 1]},
                         -1);
  return {context.to(model.dtype), out2.textEmbeds.to(model.dtype)};
}

Conditioning buildConditioning(SdxlModel& model, const GenerationRequest& r, bool guided, const PromptEncoder& encode) {
  const auto positive = encode(r.prompt);
  const int64_t n = r.images;
  auto repeat = [n](const at::Tensor& t) {
    return t.dim() == 3 ? t.repeat({1, n, 1}).view({n, t.size(1), t.size(2)}) : t.repeat({1, n}).view({n, -1});
  };
  // (original size, crop top-left, target size), the same for both halves.
  auto timeIds = torch::tensor({double(r.height), double(r.width), 0.0, 0.0, double(r.height), double(r.width)},
                               torch::TensorOptions().dtype(model.dtype))
                     .unsqueeze(0)
                     .to(model.device)
                     .repeat({n, 1});
  Conditioning c{repeat(positive.context), repeat(positive.pooled), timeIds};
  if (!guided) return c;
  PromptEmbeddings negative;
  if (r.negativePrompt.empty() && !r.encodeEmptyNegative && model.forceZerosForEmptyPrompt) {
    negative = {torch::zeros_like(positive.context), torch::zeros_like(positive.pooled)};
    c.zeroContextRows = n;
  } else {
    negative = encode(r.negativePrompt);
  }
  c.context = at::cat({repeat(negative.context), c.context});
  c.pooled = at::cat({repeat(negative.pooled), c.pooled});
  c.timeIds = at::cat({timeIds, timeIds});
  return c;
}

at::Tensor applyGuidance(const at::Tensor& noise, double scale, double rescale) {
  auto halves = noise.chunk(2);
  const auto& uncond = halves[0];
  const auto& text = halves[1];
  auto guided = uncond + scale * (text - uncond);
  if (rescale > 0) {
    // Common Diffusion Noise Schedules and Sample Steps are Flawed, section 3.4.
    std::vector<int64_t> dims;
    for (int64_t d = 1; d < noise.dim(); ++d) dims.push_back(d);
    auto stdText = text.std(dims, /*unbiased=*/true, /*keepdim=*/true);
    auto stdGuided = guided.std(dims, true, true);
    guided = rescale * (guided * (stdText / stdGuided)) + (1 - rescale) * guided;
  }
  return guided;
}

} // namespace sdxl::pipeline
