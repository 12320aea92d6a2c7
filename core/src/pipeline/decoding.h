// Latents to images, the way the request's switches say: the full VAE at once, one image at a
// time (slicing), in overlapping tiles with blended seams (tiling, for sizes the GPU cannot
// decode at once), or with the Tiny AutoEncoder. Returns images in [-1, 1].
#pragma once

#include "pipeline/sdxl_model.h"

namespace sdxl::pipeline {

at::Tensor decodeLatents(SdxlModel& model, const at::Tensor& latents, const OptimizationOptions& options,
                         const nn::ForwardOptions& fwd);

// Tiled decode of unscaled latents: tiles of `tile` latents overlapping by `overlap`, blended with
// linear ramps so no seam shows. Exposed for tests.
at::Tensor decodeTiled(const std::function<at::Tensor(const at::Tensor&)>& decode, const at::Tensor& z, int64_t tile,
                       int64_t overlap, int64_t scale);

} // namespace sdxl::pipeline
