#include "pipeline/denoise_mode.h"

#include "pipeline/image_latents.h"
#include "sdxl/error.h"

#include <algorithm>

namespace sdxl::pipeline {

namespace {

// diffusers' StableDiffusionXLPipeline: noise scaled by the scheduler's initial sigma.
class TextToImage final : public DenoiseMode {
public:
  TextToImage(SdxlModel& m, const GenerationRequest& r) : m_model(m), m_request(r) {}
  Start start(sched::Scheduler& scheduler, sched::Noise& noise) override {
    // diffusers' randn_tensor with CPU generators: drawn on the CPU in the run's dtype, then moved.
    auto latents = noise.randn(latentShape(m_model, m_request), m_model.dtype).to(m_model.device);
    return {latents * scheduler.initNoiseSigma(), 0};
  }

private:
  SdxlModel& m_model;
  const GenerationRequest& m_request;
};

} // namespace

int firstStepFor(int steps, double strength) {
  const int kept = std::min(static_cast<int>(steps * strength), steps);
  return std::max(steps - kept, 0);
}

std::unique_ptr<DenoiseMode> makeDenoiseMode(SdxlModel& m, const GenerationRequest& r, const nn::ForwardOptions& fwd,
                                             const ImageSource& source) {
  const bool inpaintingModel = m.unet->config().inChannels == 9;
  if (inpaintingModel && !r.mask)
    throw Error(ErrorKind::InvalidRequest,
                "this is an inpainting model: it repaints the masked part of an image, so give it an image and a mask "
                "(or choose a base model to make new images)");
  if (r.mask) return detail::makeInpainting(m, r, fwd);
  if (r.initImage || source.latents.defined() || source.pixels.defined())
    return detail::makeImageToImage(m, r, fwd, source);
  return std::make_unique<TextToImage>(m, r);
}

} // namespace sdxl::pipeline
