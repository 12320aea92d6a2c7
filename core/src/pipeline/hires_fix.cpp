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

ImageSource hiresSource(SdxlModel& m, const GenerationRequest& pass, HiresUpscaler upscaler, const at::Tensor& latents,
                        const nn::ForwardOptions& fwd) {
  ImageSource source;
  if (upscaler == HiresUpscaler::Lanczos) {
    // The full VAE both ways, whatever decodes the final image: TAESD's images are previews.
    OptimizationOptions exact;
    exact.vaeTiling = pass.optimizations.vaeTiling;
    exact.vaeSlicing = pass.optimizations.vaeSlicing;
    std::vector<at::Tensor> pixels;
    for (const auto& image : toImages(decodeLatents(m, latents, exact, fwd)))
      pixels.push_back(imageTensor(fitImage(image, pass.width, pass.height, ImageFit::Resize)));
    source.pixels = at::cat(pixels);
    return source;
  }
  // F.interpolate(latents, size, mode) as A1111 calls it: bilinear without antialiasing, or nearest.
  const auto shape = latentShape(m, pass);
  const std::vector<int64_t> size{shape[2], shape[3]};
  source.latents = upscaler == HiresUpscaler::Latent
                       ? at::upsample_bilinear2d(latents, size, /*align_corners=*/false)
                       : at::upsample_nearest2d(latents, size);
  return source;
}

} // namespace sdxl::pipeline
