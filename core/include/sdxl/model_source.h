// Where a model comes from: a diffusers folder on disk (stabilityai/stable-diffusion-xl-base-1.0
// as downloaded), a single .safetensors checkpoint in the original layout (what model sites
// share), or the built-in benchmark model (random weights; its images are noise).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace sdxl {

// What a diffusers folder holds, checked without loading any weights: the studio validates a
// folder with this before loading, and `sdxl-cli inspect` prints it.
struct ComponentReport {
  std::string name;      // "unet", "text_encoder_2", ...
  std::string className; // from model_index.json
  bool required = true;
  std::vector<std::string> files;            // weight or data files found (relative names)
  uint64_t bytes = 0;                        // on disk
  uint64_t parameters = 0;                   // elements over all tensors
  std::map<std::string, uint64_t> dtypes;    // safetensors dtype name -> elements
  std::vector<std::string> problems;         // empty when the component is usable
};

struct ModelFolderReport {
  std::filesystem::path dir;
  std::string pipelineClass;
  std::vector<ComponentReport> components;
  std::vector<std::string> problems; // folder-level and every component's, prefixed by its name
  bool usable() const { return problems.empty(); }
};

// `variant` ("fp16" or "") is the weight variant preferred where both exist.
ModelFolderReport inspectModelFolder(const std::filesystem::path& dir, const std::string& variant = "fp16");

// What a single .safetensors file is, read from its header alone.
enum class CheckpointKind {
  SdxlBase,       // UNet, both text encoders and the VAE in the original layout
  SdxlRefiner,    // one text encoder (OpenCLIP), aesthetic-score conditioning
  SdxlInpainting, // a UNet of 9 input channels (latents, mask, masked image)
  Sd1,
  Sd2,
  Lora,
  Vae,
  DiffusersComponent, // one component of a diffusers folder, by itself
  Unknown,
};

struct CheckpointReport {
  std::filesystem::path file;
  CheckpointKind kind = CheckpointKind::Unknown;
  std::string description;           // "an SDXL base checkpoint", "a Stable Diffusion 1.x checkpoint, not SDXL"
  uint64_t bytes = 0, parameters = 0;
  std::map<std::string, uint64_t> dtypes; // safetensors dtype name -> elements
  std::vector<std::string> problems;  // why it cannot be used as a model here; empty when it can
  bool usable() const { return problems.empty(); }
};
// Never throws for a file that exists: what cannot be read is a problem in the report.
CheckpointReport inspectCheckpointFile(const std::filesystem::path& file);

} // namespace sdxl
