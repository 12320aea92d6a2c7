// Filling a network's parameters from a checkpoint, strictly: every parameter must be found
// with its exact shape and every checkpoint tensor must be used, or the load fails with one
// error listing all that is wrong (component, name, expected and found shape). Tensors stream
// from the memory map straight into the parameters (dtype conversion and host-to-device copy in
// one step), so a component never sits in RAM twice.
#pragma once

#include "io/weight_source.h"

#include <torch/torch.h>

#include <functional>
#include <string>
#include <vector>

namespace sdxl::io {

struct LoadOptions {
  // Other checkpoint names under which a parameter may be stored (e.g. without "text_model.").
  std::function<std::vector<std::string>(const std::string& name)> aliases;
  // Checkpoint tensors that are known and not parameters of ours (e.g. old "position_ids").
  std::function<bool(const std::string& name)> ignored;
  // Called after each tensor with bytes copied so far and the total.
  std::function<void(uint64_t done, uint64_t total)> progress;
};

// `component` names the part in messages ("unet"); `origin` says where it came from ("this folder's
// unet", "the checkpoint's UNet"), for the question at the end of an error.
void loadWeights(torch::nn::Module& module, const WeightSource& weights, const std::string& component,
                 const LoadOptions& options = {}, const std::string& origin = "");

uint64_t parameterCount(const torch::nn::Module& module);

// Builds a network on the meta device (no memory) and refuses it if it has more parameters
// than any SDXL-family component could: the guard against configs with absurd sizes.
inline constexpr uint64_t kMaxComponentParameters = 6'000'000'000ull;
void checkParameterBudget(const torch::nn::Module& metaModule, const std::string& component);

// Seeded random weights for the built-in benchmark model: N(0, 1/sqrt(fan_in)) for weights,
// zero biases, unit norm scales. Timing and memory do not depend on the values.
// `drawOn`: where the values are drawn (CUDA's generator for a module the CPU holds, tensor by
// tensor, so that an offloaded built-in model never needs a whole component on the GPU and draws
// the same values as one generated there).
void fillRandom(torch::nn::Module& module, uint64_t seed, torch::Device drawOn);

} // namespace sdxl::io
