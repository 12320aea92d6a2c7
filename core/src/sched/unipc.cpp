// diffusers' UniPCMultistepScheduler: bh2 predictor of order 2 with the UniC corrector, data
// prediction, lower-order final steps.
#include "sched/scheduler.h"

#include "sched/sigma_schedule.h"

#include <cmath>

namespace sdxl::sched {
namespace {

// The b_k coefficients of UniPC's bh2 variant for an update over log-SNR step h (x0 prediction).
std::vector<double> bCoefficients(double h, int order, double& hPhi1, double& bH) {
  const double hh = -h;
  hPhi1 = std::expm1(hh);
  bH = std::expm1(hh);
  double hPhiK = hPhi1 / hh - 1.0;
  double factorial = 1.0;
  std::vector<double> b;
  for (int k = 1; k <= order; ++k) {
    b.push_back(hPhiK * factorial / bH);
    factorial *= k + 1;
    hPhiK = hPhiK / hh - 1.0 / factorial;
  }
  return b;
}

class UniPC final : public Scheduler {
public:
  explicit UniPC(SchedulerConfig config) : m_config(std::move(config)) {}

  void setTimesteps(int steps) override {
    auto schedule = multistepSchedule(m_config, steps);
    m_timesteps = schedule.timesteps;
    m_sigmas = schedule.sigmas;
    m_outputs.clear();
    m_lastSample = at::Tensor();
    m_lowerOrderNums = 0;
    m_thisOrder = 1;
  }

  at::Tensor addNoise(const at::Tensor& original, const at::Tensor& noise, int i) const override {
    return addNoiseAtSigma(original, noise, m_sigmas[static_cast<std::size_t>(i)]);
  }

  at::Tensor step(const at::Tensor& modelOutput, int i, const at::Tensor& sampleIn, Noise&) override {
    const auto idx = static_cast<std::size_t>(i);
    const auto mt = dataPrediction(m_config, modelOutput, sampleIn, m_sigmas[idx]);
    at::Tensor sample = sampleIn;
    if (i > 0 && m_lastSample.defined()) sample = corrector(mt, idx);

    m_outputs.push_back(mt);
    if (m_outputs.size() > 2) m_outputs.erase(m_outputs.begin());
    const int n = static_cast<int>(m_timesteps.size());
    m_thisOrder = std::min(std::min(2, n - i), m_lowerOrderNums + 1);
    m_lastSample = sample;
    auto prev = predictor(sample, idx);
    if (m_lowerOrderNums < 2) ++m_lowerOrderNums;
    return prev;
  }

private:
  at::Tensor predictor(const at::Tensor& x, std::size_t idx) const {
    const auto t = noiseLevel(m_sigmas[idx + 1]), s0 = noiseLevel(m_sigmas[idx]);
    const double h = t.lambda - s0.lambda;
    double hPhi1 = 0, bH = 0;
    bCoefficients(h, m_thisOrder, hPhi1, bH);
    const auto& m0 = m_outputs.back();
    auto xt = detail::f32(t.sigma / s0.sigma) * x - detail::f32(t.alpha * hPhi1) * m0;
    if (m_thisOrder == 2) {
      const double rk = (noiseLevel(m_sigmas[idx - 1]).lambda - s0.lambda) / h;
      const auto d1 = (m_outputs.front() - m0) / detail::f32(rk);
      xt = xt - detail::f32(t.alpha * bH) * (0.5 * d1); // rhos_p = 0.5 for order 2
    }
    return xt.to(x.scalar_type());
  }

  // UniC: corrects this step's sample with the model output just computed at it.
  at::Tensor corrector(const at::Tensor& mt, std::size_t idx) const {
    const int order = m_thisOrder; // the order the previous predictor used
    const auto t = noiseLevel(m_sigmas[idx]), s0 = noiseLevel(m_sigmas[idx - 1]);
    const double h = t.lambda - s0.lambda;
    double hPhi1 = 0, bH = 0;
    const auto b = bCoefficients(h, order, hPhi1, bH);
    const auto& m0 = m_outputs.back();
    const auto& x = m_lastSample;
    auto xt = detail::f32(t.sigma / s0.sigma) * x - detail::f32(t.alpha * hPhi1) * m0;
    at::Tensor correction;
    double rhoLast = 0.5;
    if (order == 2) {
      const double rk = (noiseLevel(m_sigmas[idx - 2]).lambda - s0.lambda) / h;
      const auto d1 = (m_outputs.front() - m0) / detail::f32(rk);
      // Solve [[1, 1], [rk, 1]] rho = b.
      const double det = 1.0 - rk;
      const double rho0 = (b[0] - b[1]) / det;
      rhoLast = (b[1] - rk * b[0]) / det;
      correction = detail::f32(rho0) * d1;
    }
    auto d1t = mt - m0;
    auto total = correction.defined() ? correction + detail::f32(rhoLast) * d1t : detail::f32(rhoLast) * d1t;
    return (xt - detail::f32(t.alpha * bH) * total).to(x.scalar_type());
  }

  SchedulerConfig m_config;
  std::vector<double> m_sigmas;
  std::vector<at::Tensor> m_outputs; // the last (up to) two data predictions, oldest first
  at::Tensor m_lastSample;
  int m_lowerOrderNums = 0;
  int m_thisOrder = 1;
};

} // namespace

std::unique_ptr<Scheduler> makeUniPC(const SchedulerConfig& config) { return std::make_unique<UniPC>(config); }

} // namespace sdxl::sched
