// Latents to images, the way the request's switches say: the full VAE at once, one image at a
// time (slicing), in overlapping tiles with blended seams (tiling, for sizes the GPU cannot
// decode at once), or with the Tiny AutoEncoder. Returns images in [-1, 1].
#pragma once

#include "pipeline/sdxl_model.h"
#include "sdxl/image.h"

#include <vector>

namespace sdxl::pipeline {

// Tiled decoding's tiles, in latents: 512 pixels, 128 of them blended with the next.
inline constexpr int64_t kTileLatents = 64;
inline constexpr int64_t kOverlapLatents = 16;

at::Tensor decodeLatents(SdxlModel& model, const at::Tensor& latents, const OptimizationOptions& options,
                         const nn::ForwardOptions& fwd);

// Decoded images, (n, 3, h, w) in [-1, 1], as 8-bit RGB on the host, as diffusers' image
// processor makes them: (x / 2 + 0.5).clamp(0, 1) * 255, rounded.
std::vector<Image> toImages(const at::Tensor& decoded);

// Tiled decode of unscaled latents: tiles of `tile` latents overlapping by `overlap`, blended with
// linear ramps so no seam shows. Exposed for tests.
at::Tensor decodeTiled(const std::function<at::Tensor(const at::Tensor&)>& decode, const at::Tensor& z, int64_t tile,
                       int64_t overlap, int64_t scale);

} // namespace sdxl::pipeline
