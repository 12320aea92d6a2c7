// diffusers' StableDiffusionXLImg2ImgPipeline: the image's latents (sampled with the request's
// generators), then noise to the level of the first step that the strength leaves.
#include "pipeline/denoise_mode.h"
#include "pipeline/image_latents.h"

namespace sdxl::pipeline::detail {

namespace {

class ImageToImage final : public DenoiseMode {
public:
  ImageToImage(SdxlModel& m, const GenerationRequest& r, const nn::ForwardOptions& fwd, ImageSource source)
      : m_model(m), m_request(r), m_fwd(fwd), m_source(std::move(source)) {}

  Start start(sched::Scheduler& scheduler, sched::Noise& noise) override {
    const int first = firstStepFor(m_request.steps, m_request.strength);
    // Latents given are used as they are (diffusers' img2img with a 4-channel image); images are encoded.
    const auto imageLatents =
        m_source.latents.defined()
            ? m_source.latents.to(m_model.device, m_model.dtype)
            : encodeImage(m_model, m_source.pixels.defined() ? m_source.pixels : imageTensor(*m_request.initImage),
                          m_request.images, noise, m_fwd);
    const auto drawn = noise.randn(imageLatents.sizes(), m_model.dtype).to(m_model.device);
    return {scheduler.addNoise(imageLatents, drawn, first), first};
  }

private:
  SdxlModel& m_model;
  const GenerationRequest& m_request;
  nn::ForwardOptions m_fwd;
  ImageSource m_source;
};

} // namespace

std::unique_ptr<DenoiseMode> makeImageToImage(SdxlModel& m, const GenerationRequest& r, const nn::ForwardOptions& fwd,
                                              const ImageSource& source) {
  return std::make_unique<ImageToImage>(m, r, fwd, source);
}

} // namespace sdxl::pipeline::detail
