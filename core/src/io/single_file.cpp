#include "io/single_file.h"

#include "sdxl/error.h"

#include <map>

namespace sdxl::io {

namespace {

bool startsWith(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

class SgmComponent final : public WeightSource {
public:
  SgmComponent(std::shared_ptr<const SafetensorsFile> file, const std::string& prefix, std::unique_ptr<SgmNames> names)
      : m_file(std::move(file)) {
    for (const auto& t : m_file->tensors()) {
      if (!startsWith(t.name, prefix.c_str())) continue;
      const auto key = t.name.substr(prefix.size());
      if (names->ignored(key)) continue;
      const auto targets = names->convert(key);
      if (targets.empty()) m_unknown.push_back(t.name); // listed by the loader as unexpected
      for (const auto& target : targets) m_map[target.name] = {&t, target.reshape};
    }
  }
  std::vector<std::string> names() const override {
    std::vector<std::string> out = m_unknown;
    for (const auto& [name, source] : m_map) out.push_back(name);
    return out;
  }
  bool contains(const std::string& name) const override { return m_map.count(name) != 0; }
  std::vector<int64_t> shape(const std::string& name) const override {
    const auto& s = m_map.at(name);
    return reshapedShape(s.info->shape, s.reshape);
  }
  uint64_t bytes(const std::string& name) const override {
    const auto& s = m_map.at(name);
    const auto all = s.info->end - s.info->begin;
    return s.reshape >= Reshape::Part0 ? all / 3 : all;
  }
  at::Tensor tensor(const std::string& name) const override {
    const auto& s = m_map.at(name);
    auto t = m_file->tensor(s.info->name);
    switch (s.reshape) {
    case Reshape::None: return t;
    case Reshape::Transpose: return t.t();
    case Reshape::Squeeze1x1: return t.reshape(reshapedShape(s.info->shape, s.reshape));
    case Reshape::Part0: case Reshape::Part1: case Reshape::Part2:
      return t.chunk(3, 0).at(static_cast<std::size_t>(s.reshape) - static_cast<std::size_t>(Reshape::Part0));
    }
    return t;
  }

private:
  struct Source {
    const TensorInfo* info;
    Reshape reshape;
  };
  std::shared_ptr<const SafetensorsFile> m_file;
  std::map<std::string, Source> m_map;
  std::vector<std::string> m_unknown;
};

} // namespace

std::unique_ptr<WeightSource> sgmComponent(std::shared_ptr<const SafetensorsFile> file, const std::string& prefix,
                                           std::unique_ptr<SgmNames> names) {
  return std::make_unique<SgmComponent>(std::move(file), prefix, std::move(names));
}

CheckpointDetection detectCheckpoint(const SafetensorsFile& file) {
  bool sgmUNet = false, clipL = false, openClip = false, refinerClip = false, sd1 = false, sd2 = false;
  bool lora = false, loraTe2 = false, ldmVae = false, vaePrefixed = false, diffusersUNet = false;
  bool diffusersVae = false, diffusersText = false;
  int64_t inputChannels = 0;
  for (const auto& t : file.tensors()) {
    const auto& k = t.name;
    if (startsWith(k, "lora_unet_") || startsWith(k, "lora_te") || k.find(".lora_down.") != std::string::npos ||
        k.find(".lora_up.") != std::string::npos || k.find(".lora_A.") != std::string::npos ||
        k.find(".lora_B.") != std::string::npos)
      lora = true;
    if (startsWith(k, "lora_te2_")) loraTe2 = true;
    if (startsWith(k, kSgmUNet)) sgmUNet = true;
    if (k == std::string(kSgmUNet) + "input_blocks.0.0.weight" && t.shape.size() == 4) inputChannels = t.shape[1];
    if (startsWith(k, kSgmClip)) clipL = true;
    if (startsWith(k, kSgmOpenClip)) openClip = true;
    if (startsWith(k, kSgmRefinerOpenClip)) refinerClip = true;
    if (startsWith(k, "cond_stage_model.transformer.")) sd1 = true;
    if (startsWith(k, "cond_stage_model.model.")) sd2 = true;
    if (startsWith(k, kSgmVae)) vaePrefixed = true;
    if (k == "encoder.conv_in.weight" || k == "decoder.conv_out.weight") ldmVae = true;
    if (startsWith(k, "encoder.down_blocks.") || startsWith(k, "decoder.up_blocks.")) diffusersVae = true;
    if (startsWith(k, "down_blocks.") || k == "time_embedding.linear_1.weight") diffusersUNet = true;
    if (startsWith(k, "text_model.encoder.layers.") || startsWith(k, "encoder.layers.")) diffusersText = true;
  }
  using K = CheckpointKind;
  if (lora)
    return {K::Lora, loraTe2 ? "an SDXL LoRA, which changes a model: load it as a LoRA, not as a model"
                             : "a LoRA, which changes a model: load it as a LoRA, not as a model"};
  if (sgmUNet && openClip && clipL) {
    if (inputChannels == 9) return {K::SdxlInpainting, "an SDXL inpainting checkpoint (a UNet of 9 input channels)"};
    return {K::SdxlBase, "an SDXL base checkpoint"};
  }
  if (sgmUNet && refinerClip && !openClip)
    return {K::SdxlRefiner, "an SDXL refiner checkpoint (one text encoder, aesthetic-score conditioning)"};
  if (sd2) return {K::Sd2, "a Stable Diffusion 2.x checkpoint, not SDXL"};
  if (sd1) return {K::Sd1, "a Stable Diffusion 1.x checkpoint, not SDXL"};
  if (ldmVae || diffusersVae || (vaePrefixed && !sgmUNet)) return {K::Vae, "a VAE on its own, not a whole model"};
  if (diffusersUNet) return {K::DiffusersComponent, "a UNet in diffusers' layout, one part of a diffusers folder"};
  if (diffusersText) return {K::DiffusersComponent, "a text encoder in transformers' layout, one part of a diffusers folder"};
  if (sgmUNet) return {K::Unknown, "a checkpoint whose UNet has no SDXL text encoders beside it"};
  return {K::Unknown, "not a Stable Diffusion checkpoint layout SDXL Studio knows"};
}

} // namespace sdxl::io

namespace sdxl {

CheckpointReport inspectCheckpointFile(const std::filesystem::path& path) {
  CheckpointReport report;
  report.file = path;
  try {
    const auto file = SafetensorsFile::open(path);
    report.bytes = file->fileSize();
    for (const auto& t : file->tensors()) {
      report.parameters += t.numel();
      report.dtypes[dtypeName(t.dtype)] += t.numel();
    }
    const auto detected = io::detectCheckpoint(*file);
    report.kind = detected.kind;
    report.description = detected.description;
    switch (detected.kind) {
    case CheckpointKind::SdxlBase: break;
    case CheckpointKind::SdxlRefiner:
    case CheckpointKind::SdxlInpainting:
      report.problems.push_back(path.filename().string() + " is " + detected.description +
                                ": recognised, but this version generates with SDXL base checkpoints only");
      break;
    default: report.problems.push_back(path.filename().string() + " is " + detected.description + ".");
    }
  } catch (const Error& e) {
    report.problems.push_back(e.what());
  }
  return report;
}

} // namespace sdxl
