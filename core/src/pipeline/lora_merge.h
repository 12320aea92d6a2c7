// LoRAs merged into a loaded model's weights (weight += sum of scale * up @ down), and taken out
// again by restoring the saved originals exactly, bit for bit: changing LoRAs never reloads the
// model. The originals of every layer a LoRA touches are kept in pinned host memory while it is
// merged; the arithmetic runs in float32 on the model's device.
#pragma once

#include "sdxl/request.h"

#include <torch/torch.h>

#include <set>
#include <string>
#include <vector>

namespace sdxl::pipeline {

struct SdxlModel;

// The request's LoRAs: its list, then the prompt's <lora:NAME:W> tags, each NAME found as
// NAME.safetensors in the request's LoRA folder or any folder below it. Throws
// Error(InvalidRequest) for a tag that names no file there, or whose weights are not numbers.
std::vector<LoraChoice> lorasOf(const GenerationRequest& request);

// The names of a component's layers a LoRA can change (linear layers and convolutions).
std::vector<std::string> loraLayerNames(torch::nn::Module& component);

class LoraMerge {
public:
  // Makes the model's weights its own plus these LoRAs' (none: its own). Throws Error(ModelFormat)
  // for a file that is no LoRA, a LoRA for SD 1.x, or one naming layers the model lacks (listed),
  // and then leaves the model with its own weights.
  void apply(SdxlModel& model, const std::vector<LoraChoice>& loras);
  // The text encoders were loaded again (their weights are the model's own): merges the current
  // LoRAs' text-encoder layers into them.
  void textEncodersReloaded(SdxlModel& model);
  const std::vector<LoraChoice>& current() const { return m_current; }
  std::string key() const; // what is merged, for caches of text embeddings
  double lastApplySeconds() const { return m_applySeconds; }

private:
  void merge(SdxlModel& model, const std::vector<LoraChoice>& loras, const std::set<std::string>& components);
  void restore(const std::set<std::string>& components);
  struct Saved {
    std::string component;
    at::Tensor parameter, original;
  };
  std::vector<LoraChoice> m_current;
  std::vector<Saved> m_saved;
  double m_applySeconds = 0;
};

} // namespace sdxl::pipeline
