// What a safetensors file is, from its tensor names and shapes alone (single_file.h reads them).
// Torch-free, so that the fuzzer can link it alone.
#pragma once

#include "sdxl/model_source.h"
#include "sdxl/safetensors.h"

#include <string>
#include <vector>

namespace sdxl::io {

// The kind and a sentence for people ("a Stable Diffusion 1.x checkpoint, not SDXL").
struct CheckpointDetection {
  CheckpointKind kind = CheckpointKind::Unknown;
  std::string description;
};
CheckpointDetection detectCheckpoint(const std::vector<TensorInfo>& tensors);

} // namespace sdxl::io
