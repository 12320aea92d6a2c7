// Single-file checkpoints in the original layout (sgm_layout.h): what a file is, from its header
// alone, and each component of an SDXL one as a WeightSource whose names are ours.
#pragma once

#include "io/sgm_layout.h"
#include "io/weight_source.h"
#include "sdxl/model_source.h"

#include <memory>

namespace sdxl::io {

// The kind of a safetensors file and a sentence for people ("an SD 1.x checkpoint").
struct CheckpointDetection {
  CheckpointKind kind = CheckpointKind::Unknown;
  std::string description;
};
CheckpointDetection detectCheckpoint(const SafetensorsFile& file);

// The tensors under `prefix` of an original-layout file, named as ours by `names`.
std::unique_ptr<WeightSource> sgmComponent(std::shared_ptr<const SafetensorsFile> file, const std::string& prefix,
                                           std::unique_ptr<SgmNames> names);

} // namespace sdxl::io
