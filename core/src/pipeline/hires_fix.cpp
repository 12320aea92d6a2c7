#include "pipeline/hires_fix.h"

#include "pipeline/decoding.h"
#include "pipeline/image_latents.h"

namespace sdxl::pipeline {

GenerationRequest hiresPassOf(const GenerationRequest& r) {
  auto pass = r;
  const auto& h = *r.hires;
  pass.width = h.width(r.width);
  pass.height = h.height(r.height);
  pass.steps = h.steps ? h.steps : r.steps;
  pass.strength = h.strength;
  pass.hires.reset();
  return pass;
}

ImageSource hiresSource(SdxlModel& m, const GenerationRequest& r, const at::Tensor& latents, const nn::ForwardOptions& fwd) {
  const auto& h = *r.hires;
  const int width = h.width(r.width), height = h.height(r.height), factor = m.vaeScaleFactor();
  ImageSource source;
  if (h.upscaler == HiresUpscaler::Lanczos) {
    // The full VAE both ways, whatever decodes the final image: TAESD's images are previews.
    OptimizationOptions exact;
    exact.vaeTiling = r.optimizations.vaeTiling;
    exact.vaeSlicing = r.optimizations.vaeSlicing;
    std::vector<at::Tensor> pixels;
    for (const auto& image : toImages(decodeLatents(m, latents, exact, fwd)))
      pixels.push_back(imageTensor(fitImage(image, width, height, ImageFit::Resize)));
    source.pixels = at::cat(pixels);
    return source;
  }
  // F.interpolate(latents, size, mode) as A1111 calls it: bilinear without antialiasing, or nearest.
  const std::vector<int64_t> size{height / factor, width / factor};
  source.latents = h.upscaler == HiresUpscaler::Latent
                       ? at::upsample_bilinear2d(latents, size, /*align_corners=*/false)
                       : at::upsample_nearest2d(latents, size);
  return source;
}

} // namespace sdxl::pipeline
