// diffusers' EulerDiscreteScheduler (SDXL's default): leading / linspace / trailing spacing,
// linear interpolation of the training sigmas, optional Karras sigmas, a final sigma of zero.
#include "sched/scheduler.h"

#include "sched/sigma_schedule.h"

namespace sdxl::sched {
namespace {

class Euler final : public SigmaScheduler {
public:
  explicit Euler(SchedulerConfig config) : SigmaScheduler(std::move(config), /*karrasFromInterpolated=*/true) {}

  at::Tensor step(const at::Tensor& modelOutput, int i, const at::Tensor& sampleIn, Noise&) override {
    const auto sample = sampleIn.to(at::kFloat);
    const double sigma = m_sigmas[static_cast<std::size_t>(i)];
    const at::Tensor predOriginal = predictOriginal(m_config, modelOutput, sample, sigma);
    const auto derivative = (sample - predOriginal) / sigma;
    const double dt = detail::f32(m_sigmas[static_cast<std::size_t>(i) + 1] - sigma);
    return (sample + derivative * dt).to(modelOutput.scalar_type());
  }
};

} // namespace

std::unique_ptr<Scheduler> makeEuler(const SchedulerConfig& config) { return std::make_unique<Euler>(config); }

} // namespace sdxl::sched
