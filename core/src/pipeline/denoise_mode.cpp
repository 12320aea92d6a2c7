#include "pipeline/denoise_mode.h"

#include "pipeline/image_latents.h"
#include "sdxl/error.h"

#include <algorithm>
#include <cmath>

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

class Continuation final : public DenoiseMode {
public:
  Continuation(at::Tensor latents, double fraction, int trainTimesteps)
      : m_latents(std::move(latents)), m_fraction(fraction), m_trainTimesteps(trainTimesteps) {}
  Start start(sched::Scheduler& scheduler, sched::Noise&) override {
    return {m_latents, stepsAbove(scheduler.timesteps(), m_fraction, m_trainTimesteps)};
  }

private:
  at::Tensor m_latents;
  double m_fraction;
  int m_trainTimesteps;
};

} // namespace

int stepsAbove(const std::vector<double>& timesteps, double fraction, int trainTimesteps) {
  // Python's round(): halves to even, as nearbyint in the default rounding mode.
  const double cutoff = std::nearbyint(trainTimesteps - fraction * trainTimesteps);
  return static_cast<int>(std::count_if(timesteps.begin(), timesteps.end(), [cutoff](double t) { return t >= cutoff; }));
}

std::unique_ptr<DenoiseMode> makeContinuation(const at::Tensor& latents, double fraction, int trainTimesteps) {
  return std::make_unique<Continuation>(latents, fraction, trainTimesteps);
}

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
  if (m.config.refiner() && !r.initImage && !source.latents.defined() && !source.pixels.defined())
    throw Error(ErrorKind::InvalidRequest,
                "this is a refiner: it finishes images rather than drawing new ones. Give it an image to refine "
                "(img2img, a low strength such as 0.3), or choose it as the refiner of a base model");
  if (r.mask && m.config.refiner())
    throw Error(ErrorKind::InvalidRequest, "a refiner does not inpaint here: inpaint with a base or inpainting model, "
                                           "then refine the result as img2img");
  if (r.mask) return detail::makeInpainting(m, r, fwd);
  if (r.initImage || source.latents.defined() || source.pixels.defined())
    return detail::makeImageToImage(m, r, fwd, source);
  return std::make_unique<TextToImage>(m, r);
}

} // namespace sdxl::pipeline
