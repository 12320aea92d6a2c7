// diffusers' EulerAncestralDiscreteScheduler: Euler to a lower sigma, then fresh noise back up,
// drawn from the request's generator as diffusers draws it.
#include "sched/scheduler.h"

#include "sched/sigma_schedule.h"

namespace sdxl::sched {
namespace {

class EulerAncestral final : public Scheduler {
public:
  explicit EulerAncestral(SchedulerConfig config) : m_config(std::move(config)) {}

  void setTimesteps(int steps) override {
    auto schedule = sigmaSchedule(m_config, steps, /*karrasFromInterpolated=*/false);
    m_timesteps = schedule.timesteps;
    m_sigmas = schedule.sigmas;
  }

  double initNoiseSigma() const override {
    const double maxSigma = *std::max_element(m_sigmas.begin(), m_sigmas.end());
    if (m_config.timestepSpacing == "linspace" || m_config.timestepSpacing == "trailing") return maxSigma;
    return detail::f32(std::sqrt(detail::f32(maxSigma * maxSigma) + 1.0));
  }

  at::Tensor scaleModelInput(const at::Tensor& sample, int i) const override {
    const double sigma = m_sigmas[static_cast<std::size_t>(i)];
    return sample / detail::f32(std::sqrt(detail::f32(sigma * sigma) + 1.0));
  }

  at::Tensor step(const at::Tensor& modelOutput, int i, const at::Tensor& sampleIn, at::Generator& generator) override {
    const auto sample = sampleIn.to(at::kFloat);
    const double sigmaFrom = m_sigmas[static_cast<std::size_t>(i)], sigmaTo = m_sigmas[static_cast<std::size_t>(i) + 1];
    const auto predOriginal = predictOriginal(m_config, modelOutput, sample, sigmaFrom);
    const double sigmaUp =
        detail::f32(std::sqrt(sigmaTo * sigmaTo * (sigmaFrom * sigmaFrom - sigmaTo * sigmaTo) / (sigmaFrom * sigmaFrom)));
    const double sigmaDown = detail::f32(std::sqrt(sigmaTo * sigmaTo - sigmaUp * sigmaUp));
    const auto derivative = (sample - predOriginal) / sigmaFrom;
    auto prev = sample + derivative * detail::f32(sigmaDown - sigmaFrom);
    // diffusers' randn_tensor: drawn on the generator's device (the CPU) in the output's dtype.
    auto noise = at::randn(modelOutput.sizes(), generator, at::TensorOptions().dtype(modelOutput.scalar_type()))
                     .to(modelOutput.device());
    prev = prev + noise * sigmaUp;
    return prev.to(modelOutput.scalar_type());
  }

private:
  SchedulerConfig m_config;
  std::vector<double> m_sigmas;
};

} // namespace

std::unique_ptr<Scheduler> makeEulerAncestral(const SchedulerConfig& config) {
  return std::make_unique<EulerAncestral>(config);
}

} // namespace sdxl::sched
