#include "sched/sigma_schedule.h"

#include <algorithm>
#include <cmath>

namespace sdxl::sched {

SigmaSchedule sigmaSchedule(const SchedulerConfig& c, int steps, bool karrasFromInterpolated) {
  SigmaSchedule s;
  const int train = c.numTrainTimesteps;
  if (c.timestepSpacing == "linspace") {
    for (int i = steps - 1; i >= 0; --i)
      s.timesteps.push_back(detail::f32(steps == 1 ? 0.0 : static_cast<double>(train - 1) * i / (steps - 1)));
  } else if (c.timestepSpacing == "leading") {
    const int ratio = train / steps;
    for (int i = steps - 1; i >= 0; --i) s.timesteps.push_back(static_cast<double>(i * ratio + c.stepsOffset));
  } else { // trailing
    const double ratio = static_cast<double>(train) / steps;
    for (double t = train; t > 0; t -= ratio) s.timesteps.push_back(std::nearbyint(t) - 1);
  }
  const auto table = detail::trainSigmas(detail::alphasCumprod(c));
  for (double t : s.timesteps) s.sigmas.push_back(detail::interp(t, table));
  if (karrasFromInterpolated && c.useKarrasSigmas) {
    std::vector<double> logSigmas;
    for (double v : table) logSigmas.push_back(std::log(detail::f32(v)));
    s.sigmas = detail::karras(s.sigmas.back(), s.sigmas.front(), steps);
    s.timesteps.clear();
    for (double sigma : s.sigmas) s.timesteps.push_back(detail::f32(detail::sigmaToT(sigma, logSigmas)));
  }
  for (auto& sigma : s.sigmas) sigma = detail::f32(sigma);
  s.sigmas.push_back(0.0);
  return s;
}

void SigmaScheduler::setTimesteps(int steps) {
  auto schedule = sigmaSchedule(m_config, steps, m_karrasFromInterpolated);
  m_timesteps = schedule.timesteps;
  m_sigmas = schedule.sigmas;
}

double SigmaScheduler::initNoiseSigma() const {
  const double maxSigma = *std::max_element(m_sigmas.begin(), m_sigmas.end());
  if (m_config.timestepSpacing == "linspace" || m_config.timestepSpacing == "trailing") return maxSigma;
  return detail::f32(std::sqrt(detail::f32(maxSigma * maxSigma) + 1.0));
}

at::Tensor SigmaScheduler::scaleModelInput(const at::Tensor& sample, int i) const {
  const double sigma = m_sigmas[static_cast<std::size_t>(i)];
  return sample / detail::f32(std::sqrt(detail::f32(sigma * sigma) + 1.0));
}

at::Tensor SigmaScheduler::addNoise(const at::Tensor& original, const at::Tensor& noise, int i) const {
  const auto sigma = at::scalar_tensor(detail::f32(m_sigmas[static_cast<std::size_t>(i)]), original.options());
  return original + noise * sigma;
}

at::Tensor predictOriginal(const SchedulerConfig& c, const at::Tensor& modelOutput, const at::Tensor& sample,
                           double sigma) {
  if (c.predictionType == "v_prediction")
    return modelOutput * detail::f32(-sigma / std::sqrt(sigma * sigma + 1)) + sample / detail::f32(sigma * sigma + 1);
  return sample - sigma * modelOutput;
}

} // namespace sdxl::sched

namespace sdxl::sched {

SigmaSchedule multistepSchedule(const SchedulerConfig& c, int steps) {
  SigmaSchedule s;
  const int train = c.numTrainTimesteps;
  if (c.timestepSpacing == "linspace") {
    for (int i = steps; i >= 1; --i) s.timesteps.push_back(std::nearbyint(static_cast<double>(train - 1) * i / steps));
  } else if (c.timestepSpacing == "leading") {
    const int ratio = train / (steps + 1);
    for (int i = steps; i >= 1; --i) s.timesteps.push_back(static_cast<double>(i * ratio + c.stepsOffset));
  } else {
    const double ratio = static_cast<double>(train) / steps;
    for (double t = train; t > 0; t -= ratio) s.timesteps.push_back(std::nearbyint(t) - 1);
  }
  const auto table = detail::trainSigmas(detail::alphasCumprod(c));
  if (c.useKarrasSigmas) {
    std::vector<double> logSigmas;
    for (double v : table) logSigmas.push_back(std::log(detail::f32(v)));
    s.sigmas = detail::karras(table.front(), table.back(), steps);
    s.timesteps.clear();
    for (double sigma : s.sigmas) s.timesteps.push_back(std::nearbyint(detail::sigmaToT(sigma, logSigmas)));
  } else {
    for (double t : s.timesteps) s.sigmas.push_back(detail::interp(t, table));
  }
  for (auto& sigma : s.sigmas) sigma = detail::f32(sigma);
  s.sigmas.push_back(0.0);
  return s;
}

NoiseLevel noiseLevel(double sigma) {
  NoiseLevel n;
  n.alpha = 1.0 / std::sqrt(sigma * sigma + 1.0);
  n.sigma = sigma * n.alpha;
  n.lambda = std::log(n.alpha) - std::log(n.sigma); // +inf at sigma 0, which the updates handle
  return n;
}

at::Tensor addNoiseAtSigma(const at::Tensor& original, const at::Tensor& noise, double sigma) {
  const auto s = at::scalar_tensor(detail::f32(sigma), original.options());
  const auto alpha = 1 / (s * s + 1).pow(0.5);
  return alpha * original + (s * alpha) * noise;
}

at::Tensor dataPrediction(const SchedulerConfig& c, const at::Tensor& modelOutput, const at::Tensor& sample, double sigma) {
  const auto n = noiseLevel(sigma);
  if (c.predictionType == "v_prediction") return detail::f32(n.alpha) * sample - detail::f32(n.sigma) * modelOutput;
  return (sample - detail::f32(n.sigma) * modelOutput) / detail::f32(n.alpha);
}

} // namespace sdxl::sched
