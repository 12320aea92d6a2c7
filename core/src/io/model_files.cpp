#include "io/model_files.h"

#include "io/builtin_configs.h"
#include "io/component_loader.h"
#include "io/single_file.h"
#include "sdxl/error.h"
#include "sdxl/model_source.h"

#include <nlohmann/json.hpp>

#include <fstream>

namespace sdxl::io {
namespace fs = std::filesystem;

namespace {

const char* weightStem(const std::string& component) {
  return component.rfind("text_encoder", 0) == 0 ? "model" : "diffusion_pytorch_model";
}

PipelineConfig pipelineConfigIn(const fs::path& modelIndex) {
  PipelineConfig config;
  std::ifstream in(modelIndex);
  const auto index = nlohmann::json::parse(in, nullptr, false);
  if (!index.is_object()) return config;
  auto flag = [&](const char* key, bool fallback) {
    return index.contains(key) && index[key].is_boolean() ? index[key].get<bool>() : fallback;
  };
  config.forceZerosForEmptyPrompt = flag("force_zeros_for_empty_prompt", true);
  config.requiresAestheticsScore = flag("requires_aesthetics_score", false);
  // diffusers writes [null, null] for a component a pipeline does without (the refiner's text_encoder).
  config.firstTextEncoder = !(index.contains("text_encoder") && index["text_encoder"].is_array() &&
                              !index["text_encoder"].empty() && index["text_encoder"][0].is_null());
  return config;
}

class FolderFiles final : public ModelFiles {
public:
  explicit FolderFiles(fs::path dir) : m_dir(std::move(dir)) {}
  nn::ConfigReader config(const std::string& component) const override {
    return nn::ConfigReader::fromFile(m_dir / component / "config.json");
  }
  std::unique_ptr<WeightSource> weights(const std::string& component, const std::string& variant) const override {
    return std::make_unique<CheckpointSource>(
        SafetensorsCheckpoint::openComponent(m_dir / component, weightStem(component), variant));
  }
  std::string origin(const std::string& component) const override { return "this folder's " + component; }
  fs::path tokenizers() const override { return m_dir; }
  nn::ConfigReader schedulerConfig() const override {
    return nn::ConfigReader::fromFile(m_dir / "scheduler" / "scheduler_config.json");
  }
  PipelineConfig pipelineConfig() const override { return pipelineConfigIn(m_dir / "model_index.json"); }
  fs::path tinyAutoencoderDir() const override { return m_dir / "vae_tiny"; }

private:
  fs::path m_dir;
};

class SingleFileFiles final : public ModelFiles {
public:
  SingleFileFiles(std::shared_ptr<const SafetensorsFile> file, fs::path configs, bool refiner)
      : m_file(std::move(file)), m_configs(std::move(configs)), m_refiner(refiner) {}
  nn::ConfigReader config(const std::string& component) const override {
    auto config = m_configs.empty() ? builtinConfig(builtinName(), component)
                                    : nn::ConfigReader::fromFile(m_configs / component / "config.json");
    if (component != "unet") return config;
    // An inpainting checkpoint is SDXL-base's UNet with 9 input channels (latents, mask, masked image).
    const auto* convIn = m_file->find(std::string(kSgmUNet) + "input_blocks.0.0.weight");
    if (!convIn || convIn->shape.size() != 4) return config;
    auto json = config.json();
    json["in_channels"] = convIn->shape[1];
    return nn::ConfigReader(json, config.where());
  }
  std::unique_ptr<WeightSource> weights(const std::string& component, const std::string&) const override {
    if (component == "unet")
      return sgmComponent(m_file, kSgmUNet, sgmUNetNames(sgmLayoutOf(nn::UNetConfig::fromJson(config(component)))));
    if (component == "vae")
      return sgmComponent(m_file, kSgmVae, sgmVaeNames(io::sgmLayoutOf(nn::AutoencoderKLConfig::fromJson(config(component)))));
    if (component == "text_encoder") return sgmComponent(m_file, kSgmClip, sgmClipNames());
    if (component == "text_encoder_2")
      return sgmComponent(m_file, m_refiner ? kSgmRefinerOpenClip : kSgmOpenClip, sgmOpenClipNames());
    throw Error(ErrorKind::Internal, "a single-file checkpoint has no component " + component);
  }
  std::string origin(const std::string& component) const override {
    return m_file->path().filename().string() + "'s " + component;
  }
  fs::path tokenizers() const override { return builtinTokenizerDir(); }
  nn::ConfigReader schedulerConfig() const override {
    return m_configs.empty() ? builtinConfig(builtinName(), "scheduler")
                             : nn::ConfigReader::fromFile(m_configs / "scheduler" / "scheduler_config.json");
  }
  PipelineConfig pipelineConfig() const override {
    if (!m_configs.empty()) return pipelineConfigIn(m_configs / "model_index.json");
    PipelineConfig config;
    if (m_refiner) config = {false, true, false}; // the refiner's model_index.json
    return config;
  }
  fs::path tinyAutoencoderDir() const override { return m_file->path().parent_path() / "vae_tiny"; }

private:
  std::shared_ptr<const SafetensorsFile> m_file;
  fs::path m_configs;
  bool m_refiner; // one text encoder, stored under the first embedder's name
  const char* builtinName() const { return m_refiner ? "sdxl-refiner" : "sdxl-base"; } // the configs of a file alone
};

// A model with another VAE: everything from `base` but the VAE's weights (and, from a folder, its
// config; from a file, the model's config, with force_upcast off for the fp16-fix VAE).
class WithVae final : public ModelFiles {
public:
  WithVae(std::unique_ptr<ModelFiles> base, fs::path vae) : m_base(std::move(base)), m_vae(std::move(vae)) {
    if (!fs::is_directory(m_vae)) {
      m_file = SafetensorsFile::open(m_vae);
      const auto kind = detectCheckpoint(*m_file);
      if (kind.kind != CheckpointKind::Vae && kind.kind != CheckpointKind::SdxlBase && kind.kind != CheckpointKind::SdxlRefiner)
        throw Error(ErrorKind::ModelFormat, QT_TRANSLATE_NOOP("sdxl", "%1 is %2, not a VAE"), {m_vae.string(), kind.description});
    }
  }
  nn::ConfigReader config(const std::string& component) const override {
    if (component != "vae") return m_base->config(component);
    if (!m_file) return nn::ConfigReader::fromFile(m_vae / "config.json");
    auto json = m_base->config("vae").json();
    auto name = m_vae.filename().string();
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (name.find("fp16-fix") != std::string::npos || name.find("fp16_fix") != std::string::npos)
      json["force_upcast"] = false; // made to decode in fp16 without overflowing
    return nn::ConfigReader(json, m_vae.string());
  }
  std::unique_ptr<WeightSource> weights(const std::string& component, const std::string& variant) const override {
    if (component != "vae") return m_base->weights(component, variant);
    if (!m_file)
      return std::make_unique<CheckpointSource>(SafetensorsCheckpoint::openComponent(m_vae, "diffusion_pytorch_model", variant));
    // Diffusers' names as they are; the original layout with or without the checkpoint's prefix.
    if (m_file->find("encoder.down_blocks.0.resnets.0.conv1.weight"))
      return std::make_unique<CheckpointSource>(SafetensorsCheckpoint::openFile(m_vae));
    const bool prefixed = m_file->find(std::string(kSgmVae) + "encoder.conv_in.weight") != nullptr;
    return sgmComponent(m_file, prefixed ? kSgmVae : "", sgmVaeNames(io::sgmLayoutOf(nn::AutoencoderKLConfig::fromJson(config("vae")))));
  }
  std::string origin(const std::string& component) const override {
    return component == "vae" ? "the VAE " + m_vae.filename().string() : m_base->origin(component);
  }
  fs::path tokenizers() const override { return m_base->tokenizers(); }
  nn::ConfigReader schedulerConfig() const override { return m_base->schedulerConfig(); }
  PipelineConfig pipelineConfig() const override { return m_base->pipelineConfig(); }
  fs::path tinyAutoencoderDir() const override { return m_base->tinyAutoencoderDir(); }

private:
  std::unique_ptr<ModelFiles> m_base;
  fs::path m_vae;
  std::shared_ptr<const SafetensorsFile> m_file;
};

std::unique_ptr<ModelFiles> openWithoutVae(const ModelSource& source, const std::string& variant);

} // namespace

std::unique_ptr<ModelFiles> openModelFiles(const ModelSource& source, const std::string& variant) {
  auto files = openWithoutVae(source, variant);
  if (source.vae.empty()) return files;
  if (!fs::exists(source.vae)) throw Error(ErrorKind::ModelFormat, QT_TRANSLATE_NOOP("sdxl", "the VAE %1 does not exist"), {source.vae.string()});
  return std::make_unique<WithVae>(std::move(files), source.vae);
}

namespace {
std::unique_ptr<ModelFiles> openWithoutVae(const ModelSource& source, const std::string& variant) {
  if (source.kind == ModelSource::Kind::SingleFile) {
    auto file = SafetensorsFile::open(source.file); // its header read once, for the check and the load
    const auto kind = detectCheckpoint(*file);
    if (kind.kind != CheckpointKind::SdxlBase && kind.kind != CheckpointKind::SdxlInpainting &&
        kind.kind != CheckpointKind::SdxlRefiner)
      throw Error(ErrorKind::ModelFormat, QT_TRANSLATE_NOOP("sdxl", "%1 cannot be used as an SDXL model:\n  %2"),
                  {source.file.string(), inspectCheckpointFile(source.file).problems.at(0)});
    return std::make_unique<SingleFileFiles>(std::move(file), source.configs, kind.kind == CheckpointKind::SdxlRefiner);
  }
  const auto folderReport = inspectModelFolder(source.folder, variant);
  if (!folderReport.usable()) {
    std::string problems;
    for (const auto& p : folderReport.problems) problems += "\n  " + p;
    throw Error(ErrorKind::ModelFormat, QT_TRANSLATE_NOOP("sdxl", "%1 is not a usable SDXL model folder:%2"),
                {source.folder.string(), problems});
  }
  return std::make_unique<FolderFiles>(source.folder);
}
} // namespace

} // namespace sdxl::io
