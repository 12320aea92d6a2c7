// A1111's hires fix as two passes of the one denoising loop: txt2img at the request's size, then
// img2img at the enlarged size from the first pass's result (its latents upscaled, or its images
// decoded, resized with Lanczos and encoded again), with the request's seeds drawn afresh.
#pragma once

#include "pipeline/denoise_mode.h"
#include "pipeline/sdxl_model.h"

namespace sdxl::pipeline {

// The second pass's request: the enlarged size, its steps and strength, no hires of its own.
GenerationRequest hiresPassOf(const GenerationRequest& request);

// Where the second pass (hiresPassOf's request) starts from, made from the first pass's latents.
ImageSource hiresSource(SdxlModel& model, const GenerationRequest& pass, HiresUpscaler upscaler,
                        const at::Tensor& latents, const nn::ForwardOptions& fwd);

} // namespace sdxl::pipeline
