// The denoising schedulers, one file each behind this interface, each reproducing diffusers'
// timesteps, sigmas and step outputs for the scheduler_config.json of SDXL-family models. The
// schedule itself (timesteps, sigmas, coefficients) is host arithmetic on plain numbers, so
// the denoising loop never waits on the device for it.
#pragma once

#include "nn/config_json.h"
#include "sched/noise.h"
#include "sdxl/request.h"

#include <torch/torch.h>

#include <memory>
#include <string>
#include <vector>

namespace sdxl::sched {

using Kind = SchedulerKind;

// The keys of scheduler_config.json that the schedulers share. Keys a scheduler class has but
// the file lacks take that class's diffusers default, as `Class.from_config(config)` does.
struct SchedulerConfig {
  int numTrainTimesteps = 1000;
  double betaStart = 0.00085, betaEnd = 0.012;
  std::string betaSchedule = "scaled_linear";
  std::string predictionType = "epsilon";
  std::string timestepSpacing = "leading";
  int stepsOffset = 1;
  bool setAlphaToOne = false;
  std::string interpolationType = "linear";
  bool useKarrasSigmas = false;
  static SchedulerConfig fromJson(const nn::ConfigReader& config);
};

class Scheduler {
public:
  virtual ~Scheduler() = default;
  virtual void setTimesteps(int steps) = 0;
  // The timestep the UNet sees at each step.
  const std::vector<double>& timesteps() const { return m_timesteps; }
  virtual double initNoiseSigma() const { return 1.0; }
  virtual at::Tensor scaleModelInput(const at::Tensor& sample, int stepIndex) const { return sample; }
  // One step from `sample` with the UNet's output. Ancestral schedulers draw their noise from
  // the request's generators (noise.h), continuing after the initial latents, as diffusers does.
  virtual at::Tensor step(const at::Tensor& modelOutput, int stepIndex, const at::Tensor& sample, Noise& noise) = 0;
  // `original` noised to the level of step `stepIndex` (diffusers' add_noise there, in the
  // samples' dtype): img2img's start, inpainting's kept part after each step.
  virtual at::Tensor addNoise(const at::Tensor& original, const at::Tensor& noise, int stepIndex) const = 0;

protected:
  std::vector<double> m_timesteps;
};

std::unique_ptr<Scheduler> makeScheduler(Kind kind, const SchedulerConfig& config);
std::unique_ptr<Scheduler> makeEuler(const SchedulerConfig& config);
std::unique_ptr<Scheduler> makeEulerAncestral(const SchedulerConfig& config);
std::unique_ptr<Scheduler> makeDpmSolverMultistep(const SchedulerConfig& config);
std::unique_ptr<Scheduler> makeDdim(const SchedulerConfig& config);
std::unique_ptr<Scheduler> makeUniPC(const SchedulerConfig& config);

// Shared schedule arithmetic (scheduler.cpp). Values follow diffusers' float32 tables.
namespace detail {
std::vector<double> alphasCumprod(const SchedulerConfig& c);       // float32, as diffusers computes it
std::vector<double> trainSigmas(const std::vector<double>& alphasCumprod); // ((1 - a) / a) ** 0.5, float32
double interp(double x, const std::vector<double>& ys);            // np.interp over indices 0..n-1
std::vector<double> karras(double sigmaMin, double sigmaMax, int steps);
double sigmaToT(double sigma, const std::vector<double>& logSigmas);
float f32(double x); // rounds to float32, where diffusers holds a value in a float32 tensor
} // namespace detail

} // namespace sdxl::sched
