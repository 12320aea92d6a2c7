// The original single-file layout of SDXL checkpoints (Stability's SGM code, and A1111, ComfyUI
// and the model sites after it), as pure tables from a file's tensor names to ours. The numbering
// of the UNet's and the VAE's blocks follows from their configs; nothing else is guessed.
//   model.diffusion_model.*                        the UNet (input_blocks / middle_block / output_blocks)
//   conditioner.embedders.0.transformer.text_model.* CLIP ViT-L, transformers' names already
//   conditioner.embedders.1.model.*                OpenCLIP ViT-bigG: fused in_proj, text_projection transposed
//   first_stage_model.*                            the VAE (down / mid / up, attention as 1x1 convolutions)
// A refiner's only text encoder is conditioner.embedders.0.model.* (OpenCLIP); a VAE file holds the
// VAE's names without the prefix.
// Torch-free, so that the fuzzer can link it alone.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace sdxl::io {

inline constexpr const char* kSgmUNet = "model.diffusion_model.";
inline constexpr const char* kSgmClip = "conditioner.embedders.0.transformer.";
inline constexpr const char* kSgmOpenClip = "conditioner.embedders.1.model.";
inline constexpr const char* kSgmRefinerOpenClip = "conditioner.embedders.0.model.";
inline constexpr const char* kSgmVae = "first_stage_model.";

// How a stored tensor becomes ours.
enum class Reshape {
  None,
  Transpose,  // OpenCLIP's text_projection is stored (width, projection); ours is a Linear's weight
  Squeeze1x1, // the VAE's attention projections stored as 1x1 convolutions
  Part0, Part1, Part2, // a third of a fused q/k/v tensor along its first dimension
};

struct SgmTarget {
  std::string name;
  Reshape reshape = Reshape::None;
};

// A file's tensor name, without its component's prefix, to ours: none for a name the component
// does not have (the loader lists it as unexpected), three for a fused in_proj.
class SgmNames {
public:
  virtual ~SgmNames() = default;
  virtual std::vector<SgmTarget> convert(const std::string& key) const = 0;
  virtual bool ignored(const std::string& key) const { return false; } // known and not ours (position_ids)
  // The other way, for a module of ours ("down_blocks.1.attentions.0.proj_in"): its name in the
  // original layout ("input_blocks.4.1.proj_in"), as kohya's LoRA names spell SDXL's layers; empty
  // where the table has none.
  virtual std::string toStored(const std::string& module) const { return {}; }
};

// What the numbering depends on: the blocks, their layers, and which blocks have attention.
struct SgmUNetLayout {
  std::size_t layersPerBlock = 2;
  std::vector<bool> downAttention, upAttention; // per block
};
struct SgmVaeLayout {
  std::size_t blocks = 4, layersPerBlock = 2;
};

std::unique_ptr<SgmNames> sgmUNetNames(const SgmUNetLayout& layout);
std::unique_ptr<SgmNames> sgmVaeNames(const SgmVaeLayout& layout);
std::unique_ptr<SgmNames> sgmClipNames();
std::unique_ptr<SgmNames> sgmOpenClipNames();

// The shape a stored tensor takes after its reshape.
std::vector<int64_t> reshapedShape(const std::vector<int64_t>& stored, Reshape reshape);

} // namespace sdxl::io
