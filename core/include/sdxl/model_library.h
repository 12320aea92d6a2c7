// A folder of models, as people keep them: single-file checkpoints, diffusers folders, VAEs and
// LoRAs side by side, in any subfolders. Scanned by header only (nothing is loaded): what each is,
// its precision, its size, and A1111's short model hash for the metadata.
#pragma once

#include "sdxl/model_source.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace sdxl {

struct LibraryEntry {
  enum class Kind { Model, Vae, Lora, Other } kind = Kind::Other;
  std::filesystem::path path;  // a .safetensors file or a diffusers folder
  std::string name;            // the file's stem or the folder's name, as <lora:NAME> and A1111 name them
  std::string description;     // "an SDXL base checkpoint", "a diffusers SDXL folder", ...
  std::string precision;       // the dtype most of its weights are stored in ("F16", "BF16", ...)
  uint64_t bytes = 0;
  std::string hash;            // A1111's short model hash (8 hex digits); empty for folders
  bool refiner = false;        // a Model that finishes images (SDXL's refiner) rather than drawing them
  // What a Model is (SdxlBase, SdxlRefiner, SdxlInpainting), as the picker shows it; Unknown otherwise.
  CheckpointKind architecture = CheckpointKind::Unknown;
  std::vector<std::string> problems; // why it cannot be used as what it is; empty when it can
  bool usable() const { return problems.empty(); }
};

// Every model, VAE and LoRA under `dir`, sorted by kind then name. Never throws: unreadable files
// are entries with their problem.
std::vector<LibraryEntry> scanModelLibrary(const std::filesystem::path& dir);

// $SDXL_MODELS, else $XDG_DATA_HOME/sdxl-studio/models, else ~/.local/share/sdxl-studio/models.
std::filesystem::path defaultModelsFolder();

// A1111's short "Model hash" (its legacy one, from 64 KiB at 1 MiB into the file: fast enough to
// compute for every file of a library).
std::string shortModelHash(const std::filesystem::path& file);

} // namespace sdxl
