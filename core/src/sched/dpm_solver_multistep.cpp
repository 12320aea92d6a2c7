// diffusers' DPMSolverMultistepScheduler as "DPM++ 2M": algorithm dpmsolver++, solver order 2,
// midpoint, lower-order final steps; with or without Karras sigmas.
#include "sched/scheduler.h"

#include "sched/sigma_schedule.h"

#include <cmath>

namespace sdxl::sched {
namespace {

class DpmSolverMultistep final : public Scheduler {
public:
  explicit DpmSolverMultistep(SchedulerConfig config) : m_config(std::move(config)) {}

  void setTimesteps(int steps) override {
    auto schedule = multistepSchedule(m_config, steps);
    m_timesteps = schedule.timesteps;
    m_sigmas = schedule.sigmas;
    m_previous = at::Tensor();
    m_lowerOrderNums = 0;
  }

  at::Tensor addNoise(const at::Tensor& original, const at::Tensor& noise, int i) const override {
    return addNoiseAtSigma(original, noise, m_sigmas[static_cast<std::size_t>(i)]);
  }

  at::Tensor step(const at::Tensor& modelOutput, int i, const at::Tensor& sampleIn, Noise&) override {
    const auto n = static_cast<int>(m_timesteps.size());
    const auto idx = static_cast<std::size_t>(i);
    // diffusers' defaults: lower_order_final, euler_at_final false, final sigma zero (so the
    // last step is always first order).
    const bool lowerOrderFinal = i == n - 1;
    const auto x0 = dataPrediction(m_config, modelOutput, sampleIn, m_sigmas[idx]);
    const auto sample = sampleIn.to(at::kFloat);
    const auto t = noiseLevel(m_sigmas[idx + 1]), s0 = noiseLevel(m_sigmas[idx]);
    const double h = t.lambda - s0.lambda;
    const double expm = std::exp(-h) - 1.0;
    at::Tensor prev;
    if (m_lowerOrderNums < 1 || lowerOrderFinal || !m_previous.defined()) {
      prev = detail::f32(t.sigma / s0.sigma) * sample - detail::f32(t.alpha * expm) * x0;
    } else {
      const auto s1 = noiseLevel(m_sigmas[idx - 1]);
      const double r0 = (s0.lambda - s1.lambda) / h;
      const auto d1 = detail::f32(1.0 / r0) * (x0 - m_previous);
      prev = detail::f32(t.sigma / s0.sigma) * sample - detail::f32(t.alpha * expm) * x0 -
             detail::f32(0.5 * t.alpha * expm) * d1;
    }
    m_previous = x0;
    if (m_lowerOrderNums < 2) ++m_lowerOrderNums;
    return prev.to(modelOutput.scalar_type());
  }

private:
  SchedulerConfig m_config;
  std::vector<double> m_sigmas;
  at::Tensor m_previous; // the previous step's data prediction
  int m_lowerOrderNums = 0;
};

} // namespace

std::unique_ptr<Scheduler> makeDpmSolverMultistep(const SchedulerConfig& config) {
  return std::make_unique<DpmSolverMultistep>(config);
}

} // namespace sdxl::sched
