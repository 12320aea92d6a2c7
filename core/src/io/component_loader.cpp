#include "io/component_loader.h"

#include "io/builtin_configs.h"
#include "io/model_files.h"
#include "io/module_loading.h"
#include "nn/layers.h"
#include "sdxl/error.h"

namespace sdxl::io {
namespace fs = std::filesystem;

namespace {

// Builds on the meta device first (costs nothing) to refuse absurd configs, then for real.
template <typename Module, typename Config>
Module build(const Config& config, const ComponentSpec& spec, const std::string& component) {
  Module meta(config, torch::TensorOptions().device(torch::kMeta).dtype(spec.dtype));
  checkParameterBudget(*meta, component);
  return Module(config, torch::TensorOptions().device(spec.device).dtype(spec.dtype));
}

template <typename Module, typename Config>
Module loadComponent(const nn::ConfigReader& json, const WeightSource& weights, const std::string& component,
                     const ComponentSpec& spec, LoadOptions options, const std::string& origin) {
  auto module = build<Module>(Config::fromJson(json), spec, component);
  options.progress = spec.progress;
  loadWeights(*module, weights, component, options, origin);
  return module;
}

template <typename Module, typename Config>
Module loadComponent(const fs::path& dir, const std::string& stem, const ComponentSpec& spec, LoadOptions options) {
  const CheckpointSource checkpoint(SafetensorsCheckpoint::openComponent(dir, stem, spec.variant));
  return loadComponent<Module, Config>(nn::ConfigReader::fromFile(dir / "config.json"), checkpoint,
                                       dir.filename().string(), spec, std::move(options), "");
}

template <typename Module, typename Config>
Module loadComponent(const ModelFiles& files, const std::string& component, const ComponentSpec& spec, LoadOptions options) {
  const auto weights = files.weights(component, spec.variant);
  return loadComponent<Module, Config>(files.config(component), *weights, component, spec, std::move(options),
                                       files.origin(component));
}

LoadOptions clipOptions() {
  LoadOptions options;
  // Real SDXL checkpoints (transformers 4.x) name CLIPTextModel's tensors "text_model.*";
  // transformers 5 writes them without the prefix. Both load.
  options.aliases = [](const std::string& name) {
    const std::string prefix = "text_model.";
    if (name.rfind(prefix, 0) == 0) return std::vector<std::string>{name.substr(prefix.size())};
    return std::vector<std::string>{};
  };
  // Older checkpoints carry the position ids as a buffer; we compute them.
  options.ignored = [](const std::string& name) {
    return name.size() >= 12 && name.compare(name.size() - 12, 12, "position_ids") == 0;
  };
  return options;
}

} // namespace

text::ClipTextModel loadClipTextModel(const fs::path& dir, const ComponentSpec& spec) {
  return loadComponent<text::ClipTextModel, text::ClipTextConfig>(dir, "model", spec, clipOptions());
}

text::ClipTextModel loadClipTextModel(const ModelFiles& files, const std::string& component, const ComponentSpec& spec) {
  return loadComponent<text::ClipTextModel, text::ClipTextConfig>(files, component, spec, clipOptions());
}

nn::UNet2DConditionModel loadUNet(const ModelFiles& files, const ComponentSpec& spec) {
  return loadComponent<nn::UNet2DConditionModel, nn::UNetConfig>(files, "unet", spec, LoadOptions{});
}

nn::AutoencoderKL loadAutoencoderKL(const ModelFiles& files, const ComponentSpec& spec) {
  return loadComponent<nn::AutoencoderKL, nn::AutoencoderKLConfig>(files, "vae", spec, LoadOptions{});
}

nn::UNet2DConditionModel loadUNet(const fs::path& dir, const ComponentSpec& spec) {
  return loadComponent<nn::UNet2DConditionModel, nn::UNetConfig>(dir, "diffusion_pytorch_model", spec, LoadOptions{});
}

nn::AutoencoderKL loadAutoencoderKL(const fs::path& dir, const ComponentSpec& spec) {
  return loadComponent<nn::AutoencoderKL, nn::AutoencoderKLConfig>(dir, "diffusion_pytorch_model", spec, LoadOptions{});
}

nn::AutoencoderTiny loadAutoencoderTiny(const fs::path& dir, const ComponentSpec& spec) {
  return loadComponent<nn::AutoencoderTiny, nn::AutoencoderTinyConfig>(dir, "diffusion_pytorch_model", spec, LoadOptions{});
}

nn::ConfigReader builtinConfig(const std::string& model, const std::string& component) {
  const auto key = model + "/" + component + (component == "scheduler" ? "/scheduler_config.json" : "/config.json");
  const auto& files = builtinConfigFiles();
  auto it = files.find(key);
  if (it == files.end()) throw Error(ErrorKind::InvalidRequest, "no built-in config " + key);
  return nn::ConfigReader(nlohmann::json::parse(it->second), "built-in " + key);
}

namespace {
template <typename Module, typename Config>
Module randomComponent(const std::string& model, const std::string& component, const ComponentSpec& spec, uint64_t seed) {
  auto module = build<Module>(Config::fromJson(builtinConfig(model, component)), spec, component);
  fillRandom(*module, seed, spec.randomOn.value_or(spec.device));
  return module;
}
} // namespace

text::ClipTextModel randomClipTextModel(const std::string& model, const std::string& component, const ComponentSpec& spec,
                                        uint64_t seed) {
  return randomComponent<text::ClipTextModel, text::ClipTextConfig>(model, component, spec, seed);
}
nn::UNet2DConditionModel randomUNet(const std::string& model, const ComponentSpec& spec, uint64_t seed) {
  return randomComponent<nn::UNet2DConditionModel, nn::UNetConfig>(model, "unet", spec, seed);
}
nn::AutoencoderKL randomAutoencoderKL(const std::string& model, const ComponentSpec& spec, uint64_t seed) {
  return randomComponent<nn::AutoencoderKL, nn::AutoencoderKLConfig>(model, "vae", spec, seed);
}
nn::AutoencoderTiny randomAutoencoderTiny(const std::string& model, const ComponentSpec& spec, uint64_t seed) {
  return randomComponent<nn::AutoencoderTiny, nn::AutoencoderTinyConfig>(model, "vae_tiny", spec, seed);
}

} // namespace sdxl::io

namespace sdxl::io {

namespace {
template <typename Module, typename Config>
ComponentBytes metaBytes(const nn::ConfigReader& json, torch::ScalarType dtype) {
  Module meta(Config::fromJson(json), torch::TensorOptions().device(torch::kMeta).dtype(dtype));
  ComponentBytes bytes;
  for (const auto& item : meta->named_modules("", /*include_self=*/true)) {
    uint64_t layer = 0;
    for (const auto& p : item.value()->parameters(/*recurse=*/false)) layer += p.numel() * p.element_size();
    bytes.total += layer;
    const at::Tensor* weight = nullptr; // as fp8Linear takes them: both sizes multiples of 16
    if (const auto* linear = dynamic_cast<const nn::LinearImpl*>(item.value().get())) weight = &linear->weight;
    if (const auto* geglu = dynamic_cast<const nn::GegluProjectionImpl*>(item.value().get())) weight = &geglu->weight;
    if (weight && weight->dim() == 2 && weight->size(0) % 16 == 0 && weight->size(1) % 16 == 0)
      bytes.fp8Copies += static_cast<uint64_t>(weight->numel());
    bytes.largestLayer = std::max(bytes.largestLayer, layer);
  }
  return bytes;
}
} // namespace

ComponentBytes componentBytes(const nn::ConfigReader& config, const std::string& component, torch::ScalarType dtype) {
  if (component == "unet") return metaBytes<nn::UNet2DConditionModel, nn::UNetConfig>(config, dtype);
  if (component == "vae") return metaBytes<nn::AutoencoderKL, nn::AutoencoderKLConfig>(config, dtype);
  return metaBytes<text::ClipTextModel, text::ClipTextConfig>(config, dtype);
}

} // namespace sdxl::io
