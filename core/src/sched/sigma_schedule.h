// The sigma schedule that Euler and Euler ancestral share (diffusers' code for both is alike),
// and the epsilon / v-prediction conversion they share.
#pragma once

#include "sched/scheduler.h"

namespace sdxl::sched {

struct SigmaSchedule {
  std::vector<double> timesteps; // float timesteps, one per step
  std::vector<double> sigmas;    // one per step, then the final 0
};

// `karrasFromInterpolated`: Euler converts its interpolated sigmas to Karras sigmas (with
// their own minimum and maximum); Euler ancestral has no Karras option.
SigmaSchedule sigmaSchedule(const SchedulerConfig& config, int steps, bool karrasFromInterpolated);

// Euler and Euler ancestral: the same sigma schedule, initial noise scale and input scaling;
// they differ only in the step.
class SigmaScheduler : public Scheduler {
public:
  SigmaScheduler(SchedulerConfig config, bool karrasFromInterpolated)
      : m_config(std::move(config)), m_karrasFromInterpolated(karrasFromInterpolated) {}
  void setTimesteps(int steps) override;
  double initNoiseSigma() const override;
  at::Tensor scaleModelInput(const at::Tensor& sample, int stepIndex) const override;
  at::Tensor addNoise(const at::Tensor& original, const at::Tensor& noise, int stepIndex) const override;

protected:
  SchedulerConfig m_config;
  std::vector<double> m_sigmas;

private:
  bool m_karrasFromInterpolated;
};

// The denoised estimate x0 from the model output at noise level sigma (k-diffusion form).
at::Tensor predictOriginal(const SchedulerConfig& config, const at::Tensor& modelOutput, const at::Tensor& sample,
                           double sigma);

} // namespace sdxl::sched

namespace sdxl::sched {

// DPM-Solver++ and UniPC space their integer timesteps over steps + 1 points and drop the last;
// with Karras sigmas the timesteps are the rounded inverse of the Karras sigmas. Final sigma 0.
SigmaSchedule multistepSchedule(const SchedulerConfig& config, int steps);

// alpha_t, sigma_t and lambda = log(alpha_t) - log(sigma_t) of a k-diffusion sigma.
struct NoiseLevel {
  double alpha, sigma, lambda;
};
NoiseLevel noiseLevel(double sigma);

// alpha_t * original + sigma_t * noise at `sigma`, computed in the samples' dtype as both
// solvers' add_noise does.
at::Tensor addNoiseAtSigma(const at::Tensor& original, const at::Tensor& noise, double sigma);

// x0 from the model output (the "data prediction" both solvers integrate).
at::Tensor dataPrediction(const SchedulerConfig& config, const at::Tensor& modelOutput, const at::Tensor& sample,
                          double sigma);

} // namespace sdxl::sched
