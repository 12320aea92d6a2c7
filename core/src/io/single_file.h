// Single-file checkpoints in the original layout (sgm_layout.h): what a file is, from its header
// alone, and each component of an SDXL one as a WeightSource whose names are ours.
#pragma once

#include "io/checkpoint_kind.h"
#include "io/sgm_layout.h"
#include "io/weight_source.h"
#include "nn/autoencoder_kl.h"
#include "nn/unet_2d_condition.h"

#include <memory>

namespace sdxl::io {

inline CheckpointDetection detectCheckpoint(const SafetensorsFile& file) { return detectCheckpoint(file.tensors()); }

// The numbering the original layout's names follow, from our configs.
SgmUNetLayout sgmLayoutOf(const nn::UNetConfig& config);
SgmVaeLayout sgmLayoutOf(const nn::AutoencoderKLConfig& config);

// The tensors under `prefix` of an original-layout file, named as ours by `names`.
std::unique_ptr<WeightSource> sgmComponent(std::shared_ptr<const SafetensorsFile> file, const std::string& prefix,
                                           std::unique_ptr<SgmNames> names);

} // namespace sdxl::io
