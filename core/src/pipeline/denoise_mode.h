// What a request asks the denoising loop to do, picked once per request: draw a new image
// (txt2img), redo part of one (img2img), or repaint the masked part of one (inpainting, with a
// base model's 4-channel UNet or an inpainting model's 9-channel one). Each follows diffusers'
// pipeline for it, including the order in which it draws from the request's generators.
#pragma once

#include "pipeline/sdxl_model.h"
#include "sched/noise.h"
#include "sched/scheduler.h"

namespace sdxl::pipeline {

class DenoiseMode {
public:
  virtual ~DenoiseMode() = default;
  // The latents the loop starts from (images, 4, h / 8, w / 8) and the first step it runs: 0 for
  // txt2img, later for a strength below 1.
  struct Start {
    at::Tensor latents;
    int firstStep = 0;
  };
  virtual Start start(sched::Scheduler& scheduler, sched::Noise& noise) = 0;
  // The UNet's input from the scaled latents (the inpainting UNet also sees the mask and the
  // masked image); `copies` is 2 when guidance doubles the batch.
  virtual at::Tensor unetInput(const at::Tensor& scaled, int copies) { return scaled; }
  // After step i (inpainting with a 4-channel UNet puts the kept part back at the next step's noise).
  virtual void afterStep(at::Tensor& latents, int stepIndex, sched::Scheduler& scheduler) {}
};

// What img2img starts from when it is not the request's initImage (the hires fix's second pass):
// scaled latents (n, 4, h, w) used as they are, or images (n, 3, H, W) in [-1, 1] to encode.
struct ImageSource {
  at::Tensor latents, pixels;
};

// The mode for `request` on `model`; throws Error(InvalidRequest) when the model cannot do it
// (an inpainting model without a mask).
std::unique_ptr<DenoiseMode> makeDenoiseMode(SdxlModel& model, const GenerationRequest& request,
                                             const nn::ForwardOptions& fwd, const ImageSource& source = {});

// diffusers' get_timesteps: the steps a strength leaves are the last int(steps * strength).
int firstStepFor(int steps, double strength);

// diffusers' denoising_end and denoising_start: a fraction f of the schedule is the timestep
// round(T - f * T) of T training steps; the first model runs the steps at or above it, the
// refiner the rest. Returns how many of `timesteps` (descending) are at or above it.
int stepsAbove(const std::vector<double>& timesteps, double fraction, int trainTimesteps);

// The refiner's stage of an ensemble: the first model's latents as they are (no noise added), from
// the first step below `fraction` of its own schedule.
std::unique_ptr<DenoiseMode> makeContinuation(const at::Tensor& latents, double fraction, int trainTimesteps);

namespace detail {
std::unique_ptr<DenoiseMode> makeImageToImage(SdxlModel& model, const GenerationRequest& request,
                                              const nn::ForwardOptions& fwd, const ImageSource& source);
std::unique_ptr<DenoiseMode> makeInpainting(SdxlModel& model, const GenerationRequest& request,
                                            const nn::ForwardOptions& fwd);
} // namespace detail

} // namespace sdxl::pipeline
