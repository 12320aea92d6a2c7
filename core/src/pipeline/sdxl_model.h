// SDXL's components loaded together for one device, dtype and placement: the unit the pipeline
// runs. The Tiny AutoEncoder loads on first use; the text encoders can be released (cached
// prompt embeddings) and come back on demand.
#pragma once

#include "io/component_loader.h"
#include "io/model_files.h"
#include "pipeline/lora_merge.h"
#include "pipeline/placement.h"
#include "sched/scheduler.h"
#include "sdxl/clip_tokenizer.h"
#include "sdxl/pipeline.h"

#include <functional>
#include <map>

namespace sdxl::pipeline {

using LoadProgress = std::function<void(const std::string& component, double fraction)>;

torch::ScalarType dtypeOf(Precision precision);

struct SdxlModel {
  ModelSource source;
  std::unique_ptr<io::ModelFiles> files; // a model on disk (null for the built-in one)
  std::shared_ptr<const ClipTokenizer> tokenizer1, tokenizer2;
  text::ClipTextModel textEncoder1{nullptr}, textEncoder2{nullptr}; // a refiner has only the second
  nn::UNet2DConditionModel unet{nullptr};
  nn::AutoencoderKL vae{nullptr};
  nn::AutoencoderTiny vaeTiny{nullptr};
  std::unique_ptr<Placement> textEncoder1Placement, textEncoder2Placement, unetPlacement, vaePlacement, vaeTinyPlacement;
  sched::SchedulerConfig schedulerConfig;
  io::PipelineConfig config; // forced zeros for an empty prompt, a refiner's aesthetic score
  torch::ScalarType dtype = torch::kFloat;    // of the text encoders and the UNet
  torch::ScalarType vaeDtype = torch::kFloat; // see vaeDtypeFor()
  // TAESD's: the run's, but fp32 for fp16 on a CPU, which has no fp16 arithmetic (its decode ran
  // 36 times slower than the VAE's, upcast there).
  torch::ScalarType vaeTinyDtype() const { return dtype == torch::kHalf && !device.is_cuda() ? torch::kFloat : dtype; }
  torch::Device device = torch::kCPU;
  Offload offload = Offload::None;
  LoadProgress progress;
  LoraMerge loras;                                           // what is merged into the weights
  std::map<std::string, std::vector<std::string>> textLayers; // the text encoders' layer names, kept while they are freed

  int vaeScaleFactor() const { return 1 << (static_cast<int>(vae->config().blockOutChannels.size()) - 1); }
  bool textEncodersLoaded() const { return !textEncoder2.is_empty(); }
  void ensureTextEncoders();   // loads them again after releaseTextEncoders()
  void releaseTextEncoders();  // frees their memory
  void ensureTinyAutoencoder(); // TAESD: built-in random one, or MODEL/vae_tiny (diffusers format)
  // The VAE's precision: the run's, except for fp16 with a VAE that overflows in fp16
  // (force_upcast): bf16 on a CUDA device that has it (fp32's range), else fp32 as diffusers.
  torch::ScalarType vaeDtypeFor(bool fp32Vae) const;
  void ensureVae(torch::ScalarType wanted); // the VAE in that precision: loaded, converted or reloaded
  // Every component to another placement where it is (a fallback from out of memory): no stage
  // of any component may be running.
  void changeOffload(Offload to);
};

// Loads (or, for the built-in model, creates) every component. Throws Error(ModelFormat) with
// the folder's problems listed when it is not a usable SDXL folder.
std::unique_ptr<SdxlModel> loadSdxlModel(const ModelSource& source, torch::Device device, torch::ScalarType dtype,
                                         Offload offload, const LoadProgress& progress);

std::pair<std::shared_ptr<const ClipTokenizer>, std::shared_ptr<const ClipTokenizer>>
loadTokenizers(const ModelSource& source);

} // namespace sdxl::pipeline
