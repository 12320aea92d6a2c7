// LoRA files, read as pairs of low-rank matrices for layers of ours. Two formats:
//   kohya-ss / A1111:  lora_unet_<layer>, lora_te1_<layer>, lora_te2_<layer> (lora_te_ for SD 1.x),
//                      the layer's dotted name with '_' for '.', and .lora_down.weight,
//                      .lora_up.weight, .alpha; SDXL's UNet layers named as the original (SGM)
//                      UNet's ("input_blocks_4_1_proj_in"), or as diffusers' in some files;
//                      LoCon adds convolutions (lora_down carries the kernel, lora_up is 1x1)
//   diffusers / PEFT:  unet.<layer>, text_encoder.<layer>, text_encoder_2.<layer> with
//                      .lora_A.weight and .lora_B.weight (or .lora.down / .lora.up), and .alpha
//                      where the file has it (else the rank: a scale of 1)
// What a file names that the model lacks is collected, not guessed around. The names are matched
// torch-free (lora_names.cpp), so that the fuzzer can link it alone.
#pragma once

#include "sdxl/safetensors.h"

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace sdxl::io {

// One layer's update: weight += scale * up @ down (reshaped to the weight).
struct LoraLayer {
  std::string component; // "unet", "text_encoder", "text_encoder_2"
  std::string module;    // our layer's name, e.g. "down_blocks.1.attentions.0.proj_in"
  std::string down, up;  // the file's tensor names
  std::string alpha;     // the file's alpha tensor, "" where it has none
  double scale = 1.0;    // alpha / rank (readLora fills it)
};

struct LoraNames {
  std::string format; // "kohya" or "peft"; "" when nothing in the file is a LoRA's
  std::vector<LoraLayer> layers;
  std::vector<std::string> unknown; // layers the model does not have, as the file names them
  bool forSd1 = false;              // names only SD 1.x has (isSd1LoraName)
};

// A LoRA tensor name only a Stable Diffusion 1.x LoRA has: its one text encoder (lora_te_), or
// attention in the UNet's first down block, where SDXL has none.
bool isSd1LoraName(const std::string& name);

struct LoraFile : LoraNames {
  std::shared_ptr<SafetensorsFile> file;
};

// The layers a LoRA may name: for each component, its module names (ours) and, for the UNet, the
// original layout's name of a module ("" where there is none).
struct LoraTargets {
  std::map<std::string, std::vector<std::string>> modules; // component -> our module names
  std::function<std::string(const std::string&)> unetStoredName;
};

LoraNames matchLoraNames(const std::vector<TensorInfo>& tensors, const LoraTargets& targets);

// Reads a LoRA's names and scales (its matrices stay in the mapped file). Throws
// Error(ModelFormat) for a file that is no LoRA.
LoraFile readLora(const std::filesystem::path& path, const LoraTargets& targets);

} // namespace sdxl::io
