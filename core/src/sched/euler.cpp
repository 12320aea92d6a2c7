// diffusers' EulerDiscreteScheduler (SDXL's default): leading / linspace / trailing spacing,
// linear interpolation of the training sigmas, optional Karras sigmas, a final sigma of zero.
#include "sched/scheduler.h"

#include "sched/sigma_schedule.h"

namespace sdxl::sched {
namespace {

class Euler final : public Scheduler {
public:
  explicit Euler(SchedulerConfig config) : m_config(std::move(config)) {}

  void setTimesteps(int steps) override {
    auto schedule = sigmaSchedule(m_config, steps, /*karrasFromInterpolated=*/true);
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

  at::Tensor step(const at::Tensor& modelOutput, int i, const at::Tensor& sampleIn, at::Generator&) override {
    const auto sample = sampleIn.to(at::kFloat);
    const double sigma = m_sigmas[static_cast<std::size_t>(i)];
    const at::Tensor predOriginal = predictOriginal(m_config, modelOutput, sample, sigma);
    const auto derivative = (sample - predOriginal) / sigma;
    const double dt = detail::f32(m_sigmas[static_cast<std::size_t>(i) + 1] - sigma);
    return (sample + derivative * dt).to(modelOutput.scalar_type());
  }

private:
  SchedulerConfig m_config;
  std::vector<double> m_sigmas;
};

} // namespace

std::unique_ptr<Scheduler> makeEuler(const SchedulerConfig& config) { return std::make_unique<Euler>(config); }

} // namespace sdxl::sched
