// What the UNet is conditioned on, computed as diffusers' StableDiffusionXLPipeline does.
#pragma once

#include "pipeline/sdxl_model.h"

namespace sdxl::pipeline {

struct PromptEmbeddings {
  at::Tensor context; // (1, 77, 2048): penultimate states of both encoders, concatenated
  at::Tensor pooled;  // (1, 1280): the second encoder's projected pooled output
};

PromptEmbeddings encodePrompt(SdxlModel& model, const std::string& prompt, const nn::ForwardOptions& fwd);

// The UNet's inputs for a whole request: negative half first when guiding, then repeated per image.
struct Conditioning {
  at::Tensor context, pooled, timeIds;
  // Leading rows of context that are zeros by construction (an empty negative prompt on a model
  // that forces it to zeros): cross-attention skips them (nn::CrossAttentionKV::zeroRows).
  int64_t zeroContextRows = 0;
};
using PromptEncoder = std::function<PromptEmbeddings(const std::string& prompt)>;
Conditioning buildConditioning(SdxlModel& model, const GenerationRequest& request, bool guided,
                               const PromptEncoder& encode);

// noise_uncond + scale * (noise_text - noise_uncond), with diffusers' guidance_rescale.
at::Tensor applyGuidance(const at::Tensor& noise, double scale, double rescale);

} // namespace sdxl::pipeline
