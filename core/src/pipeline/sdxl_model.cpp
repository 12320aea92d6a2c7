#include "pipeline/sdxl_model.h"

#include "sdxl/error.h"
#include "sdxl/model_source.h"

#include <fstream>

namespace sdxl::pipeline {
namespace fs = std::filesystem;

namespace {
// Seeds of the built-in model's components: fixed, so its cost and output are repeatable.
constexpr uint64_t kSeedTextEncoder1 = 1, kSeedTextEncoder2 = 2, kSeedUNet = 3, kSeedVae = 4;
} // namespace

std::pair<std::shared_ptr<const ClipTokenizer>, std::shared_ptr<const ClipTokenizer>>
loadTokenizers(const ModelSource& source) {
  const fs::path dir = source.isRandom() ? builtinTokenizerDir() : source.folder;
  return {ClipTokenizer::fromFolder(dir / "tokenizer"), ClipTokenizer::fromFolder(dir / "tokenizer_2")};
}

std::unique_ptr<SdxlModel> loadSdxlModel(const ModelSource& source, torch::Device device, torch::ScalarType dtype,
                                         const LoadProgress& progress) {
  auto model = std::make_unique<SdxlModel>();
  model->device = device;
  model->dtype = dtype;

  io::ComponentSpec spec;
  spec.device = device;
  spec.dtype = dtype;
  spec.variant = dtype == torch::kFloat ? "" : "fp16";
  auto report = [&](const std::string& component, double fraction) {
    if (progress) progress(component, fraction);
  };
  auto specFor = [&](const std::string& component) {
    auto s = spec;
    s.progress = [&, component](uint64_t done, uint64_t total) { report(component, total ? double(done) / total : 1.0); };
    return s;
  };

  if (!source.isRandom()) {
    const auto folderReport = inspectModelFolder(source.folder, dtype == torch::kFloat ? "" : "fp16");
    if (!folderReport.usable()) {
      std::string message = source.folder.string() + " is not a usable SDXL model folder:";
      for (const auto& p : folderReport.problems) message += "\n  " + p;
      throw Error(ErrorKind::ModelFormat, message);
    }
  }
  std::tie(model->tokenizer1, model->tokenizer2) = loadTokenizers(source);

  if (source.isRandom()) {
    const std::string name = source.tiny ? "sdxl-tiny" : "sdxl-base";
    report("text_encoder", 0);
    model->textEncoder1 = io::randomClipTextModel(name, "text_encoder", spec, kSeedTextEncoder1);
    report("text_encoder_2", 0);
    model->textEncoder2 = io::randomClipTextModel(name, "text_encoder_2", spec, kSeedTextEncoder2);
    report("unet", 0);
    model->unet = io::randomUNet(name, spec, kSeedUNet);
    report("vae", 0);
    model->vae = io::randomAutoencoderKL(name, spec, kSeedVae);
    model->schedulerConfig = sched::SchedulerConfig::fromJson(io::builtinConfig(name, "scheduler"));
  } else {
    const auto& dir = source.folder;
    model->textEncoder1 = io::loadClipTextModel(dir / "text_encoder", specFor("text_encoder"));
    model->textEncoder2 = io::loadClipTextModel(dir / "text_encoder_2", specFor("text_encoder_2"));
    model->unet = io::loadUNet(dir / "unet", specFor("unet"));
    model->vae = io::loadAutoencoderKL(dir / "vae", specFor("vae"));
    model->schedulerConfig = sched::SchedulerConfig::fromJson(nn::ConfigReader::fromFile(dir / "scheduler" / "scheduler_config.json"));
    std::ifstream in(dir / "model_index.json");
    const auto index = nlohmann::json::parse(in, nullptr, false);
    if (index.is_object() && index.contains("force_zeros_for_empty_prompt") && index["force_zeros_for_empty_prompt"].is_boolean())
      model->forceZerosForEmptyPrompt = index["force_zeros_for_empty_prompt"].get<bool>();
  }
  // SDXL's VAE overflows in fp16 (black or NaN images). Like diffusers with force_upcast, keep
  // its fp16-rounded weights but run it in fp32. bf16 has fp32's range and needs no upcast.
  model->vaeDtype = dtype;
  if (dtype == torch::kHalf && model->vae->config().forceUpcast) {
    model->vae->to(torch::kFloat);
    model->vaeDtype = torch::kFloat;
  }
  report("done", 1.0);
  return model;
}

} // namespace sdxl::pipeline
