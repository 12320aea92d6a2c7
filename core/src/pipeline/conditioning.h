// What the UNet is conditioned on, computed as diffusers' StableDiffusionXLPipeline does, with
// prompts as A1111 reads them (sdxl/prompt.h): any length in chunks of 77 tokens, weights, BREAK.
#pragma once

#include "pipeline/sdxl_model.h"

namespace sdxl::pipeline {

struct PromptEmbeddings {
  at::Tensor context; // (1, 77 k, 2048): both encoders' states at the clip-skip layer, chunks in sequence
  at::Tensor pooled;  // (1, 1280): the second encoder's projected pooled output of the first chunk
  int64_t chunks() const { return context.size(1) / 77; }
};

// How a request reads its prompts, beyond the text.
struct TextOptions {
  int clipSkip = 1;
  Emphasis emphasis = Emphasis::A1111;
  static TextOptions of(const GenerationRequest& r) { return {r.clipSkip, r.emphasis}; }
  std::string key() const; // for caches: two options that give other embeddings give other keys
};

PromptEmbeddings encodePrompt(SdxlModel& model, const std::string& prompt, const TextOptions& text,
                              const nn::ForwardOptions& fwd);

// The UNet's inputs for a whole request: negative half first when guiding, then repeated per image.
struct Conditioning {
  at::Tensor context, pooled, timeIds;
  // Leading rows of context that are zeros by construction (an empty negative prompt on a model
  // that forces it to zeros): cross-attention skips them (nn::CrossAttentionKV::zeroRows).
  int64_t zeroContextRows = 0;
};
using PromptEncoder = std::function<PromptEmbeddings(const std::string& prompt)>;
// The negative and the positive prompt are made the same number of chunks long by appending the
// empty prompt's chunk to the shorter, as A1111 and compel pad them.
Conditioning buildConditioning(SdxlModel& model, const GenerationRequest& request, bool guided,
                               const PromptEncoder& encode);

// The positive half of a guided request's conditioning: what the steps after a guidance cut-off
// run on (diffusers' SDXLCFGCutoffCallback keeps the same rows).
Conditioning positiveHalf(const Conditioning& guided);

// noise_uncond + scale * (noise_text - noise_uncond), with diffusers' guidance_rescale.
at::Tensor applyGuidance(const at::Tensor& noise, double scale, double rescale);

} // namespace sdxl::pipeline
