// Building SDXL's networks from a diffusers component folder (config.json + safetensors), or
// from a compiled-in config with seeded random weights (the built-in benchmark model).
#pragma once

#include "nn/autoencoder_kl.h"
#include "nn/autoencoder_tiny.h"
#include "nn/unet_2d_condition.h"
#include "text/clip_text_model.h"

#include <filesystem>
#include <functional>
#include <optional>

namespace sdxl::io {

struct ComponentSpec {
  torch::Device device = torch::kCPU;
  torch::ScalarType dtype = torch::kFloat;
  std::string variant;                                   // preferred weight variant ("fp16"), if present
  std::optional<torch::Device> randomOn;                 // random weights: drawn there (default: device)
  std::function<void(uint64_t, uint64_t)> progress;      // bytes copied, bytes total
};

class ModelFiles;

// From one component's folder (config.json and its safetensors files).
text::ClipTextModel loadClipTextModel(const std::filesystem::path& dir, const ComponentSpec& spec);
nn::UNet2DConditionModel loadUNet(const std::filesystem::path& dir, const ComponentSpec& spec);
nn::AutoencoderKL loadAutoencoderKL(const std::filesystem::path& dir, const ComponentSpec& spec);
nn::AutoencoderTiny loadAutoencoderTiny(const std::filesystem::path& dir, const ComponentSpec& spec);

// From a model's files (io/model_files.h): a diffusers folder or a single checkpoint.
text::ClipTextModel loadClipTextModel(const ModelFiles& files, const std::string& component, const ComponentSpec& spec);
nn::UNet2DConditionModel loadUNet(const ModelFiles& files, const ComponentSpec& spec);
nn::AutoencoderKL loadAutoencoderKL(const ModelFiles& files, const ComponentSpec& spec);

// The same networks from a compiled-in config ("sdxl-base" or "sdxl-tiny") with random weights.
nn::ConfigReader builtinConfig(const std::string& model, const std::string& component);
text::ClipTextModel randomClipTextModel(const std::string& model, const std::string& component, const ComponentSpec& spec, uint64_t seed);
nn::UNet2DConditionModel randomUNet(const std::string& model, const ComponentSpec& spec, uint64_t seed);
nn::AutoencoderKL randomAutoencoderKL(const std::string& model, const ComponentSpec& spec, uint64_t seed);
nn::AutoencoderTiny randomAutoencoderTiny(const std::string& model, const ComponentSpec& spec, uint64_t seed);

// A component's weights at `dtype`, known from its config alone (built on the meta device): all of
// them, and its largest layer (what sequential offload must hold at once). `component` is
// "text_encoder", "text_encoder_2", "unet" or "vae".
struct ComponentBytes {
  uint64_t total = 0, largestLayer = 0;
  uint64_t fp8Copies = 0; // the "FP8 products" switch's E4M3 copies of the linear layers' weights
};
ComponentBytes componentBytes(const nn::ConfigReader& config, const std::string& component, torch::ScalarType dtype);

} // namespace sdxl::io
