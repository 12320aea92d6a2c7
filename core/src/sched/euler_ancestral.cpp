// diffusers' EulerAncestralDiscreteScheduler: Euler to a lower sigma, then fresh noise back up,
// drawn from the request's generator as diffusers draws it.
#include "sched/scheduler.h"

#include "sched/sigma_schedule.h"

namespace sdxl::sched {
namespace {

class EulerAncestral final : public SigmaScheduler {
public:
  explicit EulerAncestral(SchedulerConfig config) : SigmaScheduler(std::move(config), /*karrasFromInterpolated=*/false) {}

  at::Tensor step(const at::Tensor& modelOutput, int i, const at::Tensor& sampleIn, Noise& source) override {
    const auto sample = sampleIn.to(at::kFloat);
    const double sigmaFrom = m_sigmas[static_cast<std::size_t>(i)], sigmaTo = m_sigmas[static_cast<std::size_t>(i) + 1];
    const auto predOriginal = predictOriginal(m_config, modelOutput, sample, sigmaFrom);
    const double sigmaUp =
        detail::f32(std::sqrt(sigmaTo * sigmaTo * (sigmaFrom * sigmaFrom - sigmaTo * sigmaTo) / (sigmaFrom * sigmaFrom)));
    const double sigmaDown = detail::f32(std::sqrt(sigmaTo * sigmaTo - sigmaUp * sigmaUp));
    const auto derivative = (sample - predOriginal) / sigmaFrom;
    auto prev = sample + derivative * detail::f32(sigmaDown - sigmaFrom);
    // diffusers' randn_tensor: drawn on the generator's device (the CPU) in the output's dtype.
    auto noise = source.randn(modelOutput.sizes(), modelOutput.scalar_type()).to(modelOutput.device());
    prev = prev + noise * sigmaUp;
    return prev.to(modelOutput.scalar_type());
  }
};

} // namespace

std::unique_ptr<Scheduler> makeEulerAncestral(const SchedulerConfig& config) {
  return std::make_unique<EulerAncestral>(config);
}

} // namespace sdxl::sched
