#include "sched/scheduler.h"

#include "sdxl/error.h"

#include <cmath>

namespace sdxl::sched {

SchedulerConfig SchedulerConfig::fromJson(const nn::ConfigReader& c) {
  SchedulerConfig s;
  s.numTrainTimesteps = static_cast<int>(c.integer("num_train_timesteps", 1000, 2, 100000));
  s.betaStart = c.number("beta_start", 0.00085);
  s.betaEnd = c.number("beta_end", 0.012);
  s.betaSchedule = c.string("beta_schedule", "scaled_linear");
  if (s.betaSchedule != "scaled_linear" && s.betaSchedule != "linear")
    c.fail("beta_schedule", QT_TRANSLATE_NOOP("sdxl", "%1: \"%2\" must be scaled_linear or linear"));
  if (!c.isNull("trained_betas")) c.fail("trained_betas", QT_TRANSLATE_NOOP("sdxl", "%1: \"%2\" is not supported"));
  s.predictionType = c.string("prediction_type", "epsilon");
  if (s.predictionType != "epsilon" && s.predictionType != "v_prediction")
    c.fail("prediction_type", QT_TRANSLATE_NOOP("sdxl", "%1: \"%2\" must be epsilon or v_prediction"));
  s.timestepSpacing = c.string("timestep_spacing", "leading");
  if (s.timestepSpacing != "leading" && s.timestepSpacing != "linspace" && s.timestepSpacing != "trailing")
    c.fail("timestep_spacing", QT_TRANSLATE_NOOP("sdxl", "%1: \"%2\" must be leading, linspace or trailing"));
  s.stepsOffset = static_cast<int>(c.integer("steps_offset", 0, 0, 1000));
  s.setAlphaToOne = c.boolean("set_alpha_to_one", false);
  s.interpolationType = c.string("interpolation_type", "linear");
  if (s.interpolationType != "linear") c.fail("interpolation_type", QT_TRANSLATE_NOOP("sdxl", "%1: \"%2\" must be linear"));
  s.useKarrasSigmas = c.boolean("use_karras_sigmas", false);
  if (c.boolean("rescale_betas_zero_snr", false)) c.fail("rescale_betas_zero_snr", QT_TRANSLATE_NOOP("sdxl", "%1: \"%2\" is not supported"));
  return s;
}

std::unique_ptr<Scheduler> makeScheduler(Kind kind, const SchedulerConfig& config) {
  switch (kind) {
  case Kind::Euler: return makeEuler(config);
  case Kind::EulerAncestral: return makeEulerAncestral(config);
  case Kind::DpmSolverMultistep: return makeDpmSolverMultistep(config);
  case Kind::DpmSolverMultistepKarras: {
    auto karras = config;
    karras.useKarrasSigmas = true;
    return makeDpmSolverMultistep(karras);
  }
  case Kind::Ddim: return makeDdim(config);
  case Kind::UniPC: return makeUniPC(config);
  }
  throw Error(ErrorKind::Internal, "unknown scheduler kind");
}

namespace detail {

float f32(double x) { return static_cast<float>(x); }

std::vector<double> alphasCumprod(const SchedulerConfig& c) {
  auto betas = c.betaSchedule == "scaled_linear"
                   ? at::linspace(std::sqrt(c.betaStart), std::sqrt(c.betaEnd), c.numTrainTimesteps, at::kFloat).pow(2)
                   : at::linspace(c.betaStart, c.betaEnd, c.numTrainTimesteps, at::kFloat);
  auto cumprod = at::cumprod(1.0 - betas, 0).to(at::kDouble).contiguous();
  return {cumprod.data_ptr<double>(), cumprod.data_ptr<double>() + cumprod.numel()};
}

std::vector<double> trainSigmas(const std::vector<double>& ac) {
  auto a = at::tensor(ac, at::kDouble).to(at::kFloat);
  auto sigmas = ((1.0 - a) / a).pow(0.5).to(at::kDouble).contiguous();
  return {sigmas.data_ptr<double>(), sigmas.data_ptr<double>() + sigmas.numel()};
}

double interp(double x, const std::vector<double>& ys) {
  if (x <= 0) return ys.front();
  const double last = static_cast<double>(ys.size() - 1);
  if (x >= last) return ys.back();
  const auto i = static_cast<std::size_t>(std::floor(x));
  const double w = x - static_cast<double>(i);
  return ys[i] + (ys[i + 1] - ys[i]) * w;
}

std::vector<double> karras(double sigmaMin, double sigmaMax, int steps) {
  const double rho = 7.0, minInv = std::pow(sigmaMin, 1.0 / rho), maxInv = std::pow(sigmaMax, 1.0 / rho);
  std::vector<double> out;
  for (int i = 0; i < steps; ++i) {
    const double ramp = steps == 1 ? 0.0 : static_cast<double>(i) / (steps - 1);
    out.push_back(std::pow(maxInv + ramp * (minInv - maxInv), rho));
  }
  return out;
}

double sigmaToT(double sigma, const std::vector<double>& logSigmas) {
  const double logSigma = std::log(std::max(sigma, 1e-10));
  // low_idx: the last index whose log sigma is <= log_sigma (cumsum(dists >= 0).argmax()).
  std::size_t count = 0;
  for (double ls : logSigmas) count += (logSigma - ls >= 0) ? 1 : 0;
  std::size_t low = count == 0 ? 0 : count - 1;
  low = std::min(low, logSigmas.size() - 2);
  const double lo = logSigmas[low], hi = logSigmas[low + 1];
  const double w = std::clamp((lo - logSigma) / (lo - hi), 0.0, 1.0);
  return (1 - w) * static_cast<double>(low) + w * static_cast<double>(low + 1);
}

} // namespace detail
} // namespace sdxl::sched
