// diffusers' DDIMScheduler with eta = 0 (deterministic), as the SDXL pipeline runs it.
#include "sched/scheduler.h"

#include <cmath>

namespace sdxl::sched {
namespace {

class Ddim final : public Scheduler {
public:
  explicit Ddim(SchedulerConfig config) : m_config(std::move(config)), m_alphas(detail::alphasCumprod(m_config)) {}

  void setTimesteps(int steps) override {
    const int train = m_config.numTrainTimesteps;
    m_timesteps.clear();
    if (m_config.timestepSpacing == "linspace") {
      for (int i = steps - 1; i >= 0; --i)
        m_timesteps.push_back(std::nearbyint(steps == 1 ? 0.0 : static_cast<double>(train - 1) * i / (steps - 1)));
    } else if (m_config.timestepSpacing == "leading") {
      const int ratio = train / steps;
      for (int i = steps - 1; i >= 0; --i) m_timesteps.push_back(static_cast<double>(i * ratio + m_config.stepsOffset));
    } else {
      const double ratio = static_cast<double>(train) / steps;
      for (double t = train; t > 0; t -= ratio) m_timesteps.push_back(std::nearbyint(t) - 1);
    }
    m_steps = steps;
  }

  at::Tensor addNoise(const at::Tensor& original, const at::Tensor& noise, int i) const override {
    const double a = detail::f32(m_alphas[static_cast<std::size_t>(m_timesteps[static_cast<std::size_t>(i)])]);
    const auto alpha = at::scalar_tensor(a, original.options());
    return alpha.pow(0.5) * original + (1 - alpha).pow(0.5) * noise;
  }

  at::Tensor step(const at::Tensor& modelOutput, int i, const at::Tensor& sample, Noise&) override {
    const int t = static_cast<int>(m_timesteps[static_cast<std::size_t>(i)]);
    const int prevT = t - m_config.numTrainTimesteps / m_steps;
    const double alphaProd = m_alphas[static_cast<std::size_t>(t)];
    const double alphaPrev = prevT >= 0 ? m_alphas[static_cast<std::size_t>(prevT)]
                                        : (m_config.setAlphaToOne ? 1.0 : m_alphas[0]);
    const double betaProd = 1 - alphaProd;
    at::Tensor predOriginal, predEpsilon;
    if (m_config.predictionType == "v_prediction") {
      predOriginal = detail::f32(std::sqrt(alphaProd)) * sample - detail::f32(std::sqrt(betaProd)) * modelOutput;
      predEpsilon = detail::f32(std::sqrt(alphaProd)) * modelOutput + detail::f32(std::sqrt(betaProd)) * sample;
    } else {
      predOriginal = (sample - detail::f32(std::sqrt(betaProd)) * modelOutput) / detail::f32(std::sqrt(alphaProd));
      predEpsilon = modelOutput;
    }
    const auto direction = detail::f32(std::sqrt(1 - alphaPrev)) * predEpsilon;
    return detail::f32(std::sqrt(alphaPrev)) * predOriginal + direction;
  }

private:
  SchedulerConfig m_config;
  std::vector<double> m_alphas;
  int m_steps = 1;
};

} // namespace

std::unique_ptr<Scheduler> makeDdim(const SchedulerConfig& config) { return std::make_unique<Ddim>(config); }

} // namespace sdxl::sched
