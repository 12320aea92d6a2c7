#include "io/lora_file.h"

#include "io/single_file.h"
#include "sdxl/error.h"

#include <torch/torch.h>

namespace sdxl::io {

LoraFile readLora(const std::filesystem::path& path, const LoraTargets& targets) {
  LoraFile out;
  out.file = SafetensorsFile::open(path);
  static_cast<LoraNames&>(out) = matchLoraNames(out.file->tensors(), targets);
  if (out.format.empty()) {
    const auto what = detectCheckpoint(*out.file);
    throw Error(ErrorKind::ModelFormat, QT_TRANSLATE_NOOP("sdxl", "%1 is %2, not a LoRA"), {path.string(), what.description});
  }
  for (auto& layer : out.layers) {
    const auto* down = out.file->find(layer.down);
    const double rank = down->shape.empty() ? 1.0 : static_cast<double>(down->shape[0]);
    if (layer.alpha.empty() || rank <= 0) continue;
    const auto alpha = out.file->tensor(layer.alpha);
    if (alpha.numel() != 1)
      throw Error(ErrorKind::ModelFormat, QT_TRANSLATE_NOOP("sdxl", "%1: %2 is not a single number"), {path.string(), layer.alpha});
    layer.scale = alpha.to(at::kDouble).item<double>() / rank;
  }
  return out;
}

} // namespace sdxl::io
