#include "io/checkpoint_kind.h"

#include "io/lora_file.h"
#include "io/sgm_layout.h"

namespace sdxl::io {

namespace {
bool startsWith(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }
} // namespace

CheckpointDetection detectCheckpoint(const std::vector<TensorInfo>& tensors) {
  bool sgmUNet = false, clipL = false, openClip = false, refinerClip = false, sd1 = false, sd2 = false;
  bool lora = false, loraSd1 = false, ldmVae = false, vaePrefixed = false, diffusersUNet = false;
  bool diffusersVae = false, diffusersText = false;
  int64_t inputChannels = 0;
  for (const auto& t : tensors) {
    const auto& k = t.name;
    if (startsWith(k, "lora_unet_") || startsWith(k, "lora_te") || k.find(".lora_down.") != std::string::npos ||
        k.find(".lora_up.") != std::string::npos || k.find(".lora_A.") != std::string::npos ||
        k.find(".lora_B.") != std::string::npos)
      lora = true;
    if (lora && isSd1LoraName(k)) loraSd1 = true;
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
    return {K::Lora, loraSd1 ? "a LoRA for Stable Diffusion 1.x, not SDXL"
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
