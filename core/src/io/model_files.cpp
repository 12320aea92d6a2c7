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

bool forceZerosIn(const fs::path& modelIndex) {
  std::ifstream in(modelIndex);
  const auto index = nlohmann::json::parse(in, nullptr, false);
  if (index.is_object() && index.contains("force_zeros_for_empty_prompt") && index["force_zeros_for_empty_prompt"].is_boolean())
    return index["force_zeros_for_empty_prompt"].get<bool>();
  return true; // SDXL base's
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
  bool forceZerosForEmptyPrompt() const override { return forceZerosIn(m_dir / "model_index.json"); }
  fs::path tinyAutoencoderDir() const override { return m_dir / "vae_tiny"; }

private:
  fs::path m_dir;
};

class SingleFileFiles final : public ModelFiles {
public:
  SingleFileFiles(std::shared_ptr<const SafetensorsFile> file, fs::path configs)
      : m_file(std::move(file)), m_configs(std::move(configs)) {}
  nn::ConfigReader config(const std::string& component) const override {
    return m_configs.empty() ? builtinConfig("sdxl-base", component)
                             : nn::ConfigReader::fromFile(m_configs / component / "config.json");
  }
  std::unique_ptr<WeightSource> weights(const std::string& component, const std::string&) const override {
    if (component == "unet")
      return sgmComponent(m_file, kSgmUNet, sgmUNetNames(nn::UNetConfig::fromJson(config(component))));
    if (component == "vae")
      return sgmComponent(m_file, kSgmVae, sgmVaeNames(nn::AutoencoderKLConfig::fromJson(config(component))));
    if (component == "text_encoder") return sgmComponent(m_file, kSgmClip, sgmClipNames());
    if (component == "text_encoder_2") return sgmComponent(m_file, kSgmOpenClip, sgmOpenClipNames());
    throw Error(ErrorKind::Internal, "a single-file checkpoint has no component " + component);
  }
  std::string origin(const std::string& component) const override {
    return m_file->path().filename().string() + "'s " + component;
  }
  fs::path tokenizers() const override { return builtinTokenizerDir(); }
  nn::ConfigReader schedulerConfig() const override {
    return m_configs.empty() ? builtinConfig("sdxl-base", "scheduler")
                             : nn::ConfigReader::fromFile(m_configs / "scheduler" / "scheduler_config.json");
  }
  bool forceZerosForEmptyPrompt() const override {
    return m_configs.empty() || forceZerosIn(m_configs / "model_index.json");
  }
  fs::path tinyAutoencoderDir() const override { return m_file->path().parent_path() / "vae_tiny"; }

private:
  std::shared_ptr<const SafetensorsFile> m_file;
  fs::path m_configs;
};

} // namespace

std::unique_ptr<ModelFiles> openModelFiles(const ModelSource& source, const std::string& variant) {
  if (source.kind == ModelSource::Kind::SingleFile) {
    const auto report = inspectCheckpointFile(source.file);
    if (!report.usable()) {
      std::string message = source.file.string() + " cannot be used as an SDXL model:";
      for (const auto& p : report.problems) message += "\n  " + p;
      throw Error(ErrorKind::ModelFormat, message);
    }
    return std::make_unique<SingleFileFiles>(SafetensorsFile::open(source.file), source.configs);
  }
  const auto folderReport = inspectModelFolder(source.folder, variant);
  if (!folderReport.usable()) {
    std::string message = source.folder.string() + " is not a usable SDXL model folder:";
    for (const auto& p : folderReport.problems) message += "\n  " + p;
    throw Error(ErrorKind::ModelFormat, message);
  }
  return std::make_unique<FolderFiles>(source.folder);
}

} // namespace sdxl::io
