#include "pipeline/image_latents.h"

#include "pipeline/placement.h"

namespace sdxl::pipeline {

at::Tensor imageTensor(const Image& image) {
  auto bytes = at::from_blob(const_cast<uint8_t*>(image.rgb.data()), {image.height, image.width, 3}, at::kByte);
  return (bytes.to(at::kFloat) / 255.0 * 2.0 - 1.0).permute({2, 0, 1}).unsqueeze(0).contiguous();
}

at::Tensor maskTensor(const Image& mask) {
  auto covered = maskCoverage(mask);
  return at::from_blob(covered.data(), {1, 1, mask.height, mask.width}, at::kByte).to(at::kFloat);
}

std::vector<int64_t> latentShape(const SdxlModel& m, const GenerationRequest& r) {
  const int factor = m.vaeScaleFactor();
  return {r.images, m.vae->config().latentChannels, r.height / factor, r.width / factor};
}

at::Tensor encodeImage(SdxlModel& m, const at::Tensor& pixels, int images, sched::Noise& noise,
                       const nn::ForwardOptions& fwd) {
  // The pipelines hand the VAE the image in the run's dtype, which the VAE then upcasts.
  const auto input = pixels.to(m.dtype).to(m.device).to(m.vaeDtype);
  at::Tensor mean, logvar;
  {
    StageScope stage(*m.vaePlacement);
    PassScope pass(*m.vaePlacement);
    std::tie(mean, logvar) = m.vae->encode(input, fwd);
  }
  auto shape = mean.sizes().vec();
  shape[0] = noise.streams() > 1 ? images : mean.size(0); // one sample per image, or one draw for them all
  const auto eps = noise.randn(shape, mean.scalar_type()).to(m.device);
  const auto sample = (mean + at::exp(0.5 * logvar) * eps).to(m.dtype) * m.vae->config().scalingFactor;
  return sample.size(0) == images ? sample : sample.expand({images, -1, -1, -1}).contiguous();
}

} // namespace sdxl::pipeline
