// Pixels into the latent space, as diffusers' SDXL img2img and inpainting pipelines put them
// there: images in [-1, 1], masks binarised at one half, the VAE's latent distribution sampled
// with the request's generators and scaled.
#pragma once

#include "pipeline/sdxl_model.h"
#include "sched/noise.h"
#include "sdxl/image.h"

namespace sdxl::pipeline {

// (1, 3, h, w) float32 in [-1, 1] on the CPU: diffusers' image processor (x / 255 * 2 - 1).
at::Tensor imageTensor(const Image& image);
// (1, 1, h, w) float32 of 0 and 1 on the CPU: 1 where the mask is white, as diffusers' mask
// processor makes it (PIL's grayscale, then >= 0.5).
at::Tensor maskTensor(const Image& mask);

// The shape of a request's latents: (images, 4, height / 8, width / 8).
std::vector<int64_t> latentShape(const SdxlModel& model, const GenerationRequest& request);

// Scaled latents (images, 4, h / 8, w / 8) in the model's dtype of `pixels` (1 or images, 3, h, w):
// one draw with one generator (of one image, repeated, or of the batch), one per image with
// per-image generators, from `noise` wherever the request's streams are.
at::Tensor encodeImage(SdxlModel& model, const at::Tensor& pixels, int images, sched::Noise& noise,
                       const nn::ForwardOptions& fwd);

} // namespace sdxl::pipeline
