// SDXL's components loaded together for one device and dtype: the unit the pipeline runs.
#pragma once

#include "io/component_loader.h"
#include "sched/scheduler.h"
#include "sdxl/clip_tokenizer.h"
#include "sdxl/pipeline.h"

#include <functional>

namespace sdxl::pipeline {

struct SdxlModel {
  std::shared_ptr<const ClipTokenizer> tokenizer1, tokenizer2;
  text::ClipTextModel textEncoder1{nullptr}, textEncoder2{nullptr};
  nn::UNet2DConditionModel unet{nullptr};
  nn::AutoencoderKL vae{nullptr};
  sched::SchedulerConfig schedulerConfig;
  bool forceZerosForEmptyPrompt = true;
  torch::ScalarType dtype = torch::kFloat;     // of the text encoders and the UNet
  torch::ScalarType vaeDtype = torch::kFloat;  // fp32 when fp16 would overflow (force_upcast)
  torch::Device device = torch::kCPU;
  int vaeScaleFactor() const { return 1 << (static_cast<int>(vae->config().blockOutChannels.size()) - 1); }
};

using LoadProgress = std::function<void(const std::string& component, double fraction)>;

// Loads (or, for the built-in model, creates) every component. Throws Error(ModelFormat) with
// the folder's problems listed when it is not a usable SDXL folder.
std::unique_ptr<SdxlModel> loadSdxlModel(const ModelSource& source, torch::Device device, torch::ScalarType dtype,
                                         const LoadProgress& progress);

std::pair<std::shared_ptr<const ClipTokenizer>, std::shared_ptr<const ClipTokenizer>>
loadTokenizers(const ModelSource& source);

} // namespace sdxl::pipeline
