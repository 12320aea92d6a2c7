// diffusers' StableDiffusionXLInpaintPipeline. A base model's 4-channel UNet denoises the whole
// image and, after every step, the part outside the mask is put back as the original's latents
// noised to the next step's level; an inpainting model's 9-channel UNet sees the mask and the
// masked image's latents beside the latents instead. Generators are drawn in diffusers' order:
// the image's latent sample, the noise, the masked image's latent sample.
#include "pipeline/denoise_mode.h"
#include "pipeline/image_latents.h"

namespace sdxl::pipeline::detail {

namespace {

class Inpainting final : public DenoiseMode {
public:
  Inpainting(SdxlModel& m, const GenerationRequest& r, const nn::ForwardOptions& fwd)
      : m_model(m), m_request(r), m_fwd(fwd), m_nineChannels(m.unet->config().inChannels == 9) {}

  Start start(sched::Scheduler& scheduler, sched::Noise& noise) override {
    const auto& r = m_request;
    const int first = firstStepFor(r.steps, r.strength);
    const bool fromNoise = r.strength == 1.0; // diffusers' is_strength_max
    const auto pixels = imageTensor(*r.initImage);
    const auto mask = maskTensor(r.maskBlur > 0 ? blurMask(*r.mask, r.maskBlur) : *r.mask);
    if (!m_nineChannels || !fromNoise) m_imageLatents = encodeImage(m_model, pixels, r.images, noise, m_fwd);
    m_noise = noise.randn(latentShape(m_model, r), m_model.dtype).to(m_model.device);
    auto latents = fromNoise ? m_noise * scheduler.initNoiseSigma() : scheduler.addNoise(m_imageLatents, m_noise, first);

    // F.interpolate(mask, size) in diffusers: nearest, the kernel that call reaches.
    const int factor = m_model.vaeScaleFactor();
    m_mask = at::upsample_nearest2d(mask, {r.height / factor, r.width / factor})
                 .to(m_model.device, m_model.dtype)
                 .expand({r.images, 1, -1, -1});
    // diffusers encodes the masked image for either UNet, so it draws from the generators either way.
    m_maskedLatents = encodeImage(m_model, pixels * (mask < 0.5), r.images, noise, m_fwd);
    return {latents, first};
  }

  at::Tensor unetInput(const at::Tensor& scaled, int copies) override {
    if (!m_nineChannels) return scaled;
    return at::cat({scaled, m_mask.repeat({copies, 1, 1, 1}), m_maskedLatents.repeat({copies, 1, 1, 1})}, 1);
  }

  void afterStep(at::Tensor& latents, int i, sched::Scheduler& scheduler) override {
    if (m_nineChannels) return;
    const bool last = i + 1 >= static_cast<int>(scheduler.timesteps().size());
    const auto kept = last ? m_imageLatents : scheduler.addNoise(m_imageLatents, m_noise, i + 1);
    latents = (1 - m_mask) * kept + m_mask * latents;
  }


private:
  SdxlModel& m_model;
  const GenerationRequest& m_request;
  nn::ForwardOptions m_fwd;
  bool m_nineChannels;
  at::Tensor m_imageLatents, m_noise, m_mask, m_maskedLatents;
};

} // namespace

std::unique_ptr<DenoiseMode> makeInpainting(SdxlModel& m, const GenerationRequest& r, const nn::ForwardOptions& fwd) {
  return std::make_unique<Inpainting>(m, r, fwd);
}

} // namespace sdxl::pipeline::detail
