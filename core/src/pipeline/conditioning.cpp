#include "pipeline/conditioning.h"

#include "sdxl/error.h"
#include "sdxl/prompt.h"

#include <cmath>

namespace sdxl::pipeline {

namespace {

// One encoder's states for every chunk, at the clip-skip layer, with the prompt's weights applied
// as `emphasis` says: (chunks, 77, width). Every chunk goes through the encoder in one batch.
struct EncodedChunks {
  at::Tensor states, textEmbeds;
};

EncodedChunks encodeChunks(SdxlModel& model, text::ClipTextModel& encoder, Placement& placement,
                           std::vector<PromptChunk> chunks, const TextOptions& text, const nn::ForwardOptions& fwd,
                           const ClipTokenizer& tokenizer) {
  const auto layers = static_cast<int>(encoder->layers.size());
  if (text.clipSkip > layers)
    throw Error(ErrorKind::InvalidRequest, "clip skip " + std::to_string(text.clipSkip) + " is past this model's " +
                                               std::to_string(layers) + "-layer text encoder");
  bool weighted = false;
  for (const auto& c : chunks)
    for (float w : c.weights) {
      if (!std::isfinite(w)) throw Error(ErrorKind::InvalidRequest, "a prompt weight is too large to be a number");
      weighted = weighted || w != 1.0f;
    }
  const bool comfy = weighted && text.emphasis == Emphasis::Comfy;
  if (comfy) chunks.push_back(emptyChunk(tokenizer)); // the states weights are measured from
  std::vector<int64_t> ids;
  std::vector<float> weights;
  for (const auto& c : chunks) {
    ids.insert(ids.end(), c.ids.begin(), c.ids.end());
    weights.insert(weights.end(), c.weights.begin(), c.weights.end());
  }
  const auto rows = static_cast<int64_t>(chunks.size());
  const auto length = static_cast<int64_t>(chunks[0].ids.size());
  text::ClipTextOutput out;
  {
    StageScope stage(placement);
    PassScope pass(placement);
    out = encoder(torch::tensor(ids, torch::kLong).view({rows, length}).to(model.device), fwd, layers - text.clipSkip);
  }
  auto z = out.hiddenStates[static_cast<std::size_t>(layers - text.clipSkip)];
  if (weighted) {
    // In float32 whatever the run's precision: the mean of 77 x 1280 values needs its range.
    const auto w = torch::tensor(weights, torch::kFloat).view({rows, length, 1}).to(model.device);
    auto zf = z.to(torch::kFloat);
    if (text.emphasis == Emphasis::Comfy) {
      const auto empty = zf.slice(0, rows - 1, rows);
      zf = at::where(w == 1.0f, zf, empty + (zf - empty) * w).slice(0, 0, rows - 1);
    } else if (text.emphasis == Emphasis::NoNorm) {
      zf = zf * w;
    } else {
      const std::vector<int64_t> dims{1, 2};
      const auto before = zf.mean(dims, /*keepdim=*/true);
      zf = zf * w;
      zf = zf * (before / zf.mean(dims, true));
    }
    z = zf.to(z.scalar_type());
  }
  return {z, out.textEmbeds};
}

} // namespace

std::string TextOptions::key() const { return std::to_string(clipSkip) + "/" + emphasisName(emphasis); }

PromptEmbeddings encodePrompt(SdxlModel& model, const std::string& prompt, const TextOptions& text,
                              const nn::ForwardOptions& fwd) {
  model.ensureTextEncoders();
  const auto parsed = parsePrompt(prompt);
  auto second = chunkPrompt(parsed, *model.tokenizer2).chunks;
  if (model.textEncoder1.is_empty()) { // a refiner: OpenCLIP's states alone, as diffusers' img2img pipeline
    const auto b = encodeChunks(model, model.textEncoder2, *model.textEncoder2Placement, std::move(second), text, fwd,
                                *model.tokenizer2);
    auto context = b.states.reshape({1, b.states.size(0) * b.states.size(1), b.states.size(2)});
    return {context.to(model.dtype), b.textEmbeds.slice(0, 0, 1).to(model.dtype)};
  }
  auto first = chunkPrompt(parsed, *model.tokenizer1).chunks;
  // The two tokenizers can split a prompt differently ("!" is its own token in the second), so the
  // one with fewer chunks gets empty ones: both encoders' states must line up chunk by chunk.
  while (first.size() < second.size()) first.push_back(emptyChunk(*model.tokenizer1));
  while (second.size() < first.size()) second.push_back(emptyChunk(*model.tokenizer2));
  const auto a = encodeChunks(model, model.textEncoder1, *model.textEncoder1Placement, std::move(first), text, fwd,
                              *model.tokenizer1);
  const auto b = encodeChunks(model, model.textEncoder2, *model.textEncoder2Placement, std::move(second), text, fwd,
                              *model.tokenizer2);
  auto context = at::cat({a.states, b.states}, -1);
  context = context.reshape({1, context.size(0) * context.size(1), context.size(2)});
  return {context.to(model.dtype), b.textEmbeds.slice(0, 0, 1).to(model.dtype)};
}

Conditioning buildConditioning(SdxlModel& model, const GenerationRequest& r, bool guided, const PromptEncoder& encode) {
  auto positive = encode(r.prompt);
  const int64_t n = r.images;
  auto repeat = [n](const at::Tensor& t) {
    return t.dim() == 3 ? t.repeat({1, n, 1}).view({n, t.size(1), t.size(2)}) : t.repeat({1, n}).view({n, -1});
  };
  // (original size, crop top-left, target size), the same for both halves; a refiner's end in an
  // aesthetic score instead of the target size, the negative half's its own.
  auto timeIdsWith = [&](std::vector<double> last) {
    std::vector<double> ids{double(r.height), double(r.width), 0.0, 0.0};
    ids.insert(ids.end(), last.begin(), last.end());
    return torch::tensor(ids, torch::TensorOptions().dtype(model.dtype)).unsqueeze(0).to(model.device).repeat({n, 1});
  };
  const bool aesthetic = model.config.requiresAestheticsScore;
  const auto timeIds = aesthetic ? timeIdsWith({r.aestheticScore}) : timeIdsWith({double(r.height), double(r.width)});
  if (!guided) return {repeat(positive.context), repeat(positive.pooled), timeIds};
  PromptEmbeddings negative;
  const bool zeros = r.negativePrompt.empty() && !r.encodeEmptyNegative && model.config.forceZerosForEmptyPrompt;
  if (!zeros) negative = encode(r.negativePrompt);
  const int64_t chunks = std::max(positive.chunks(), zeros ? int64_t{0} : negative.chunks());
  auto padTo = [&](PromptEmbeddings& e) {
    if (e.chunks() == chunks) return;
    const auto empty = encode("").context;
    std::vector<at::Tensor> parts{e.context};
    for (int64_t k = e.chunks(); k < chunks; ++k) parts.push_back(empty);
    e.context = at::cat(parts, 1);
  };
  padTo(positive);
  if (zeros) negative = {torch::zeros_like(positive.context), torch::zeros_like(positive.pooled)};
  else padTo(negative);
  Conditioning c{repeat(positive.context), repeat(positive.pooled), timeIds};
  if (zeros) c.zeroContextRows = n;
  c.context = at::cat({repeat(negative.context), c.context});
  c.pooled = at::cat({repeat(negative.pooled), c.pooled});
  c.timeIds = at::cat({aesthetic ? timeIdsWith({r.negativeAestheticScore}) : timeIds, timeIds});
  return c;
}

Conditioning positiveHalf(const Conditioning& guided) {
  const auto half = [](const at::Tensor& t) { return t.narrow(0, t.size(0) / 2, t.size(0) / 2); };
  return {half(guided.context), half(guided.pooled), half(guided.timeIds), 0};
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
