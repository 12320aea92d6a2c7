// libFuzzer target for the names of checkpoint and LoRA files: any header the safetensors parser
// accepts is classified (checkpoint_kind.h), every name is converted from the original layout
// (sgm_layout.h) and matched as a LoRA's (lora_file.h). A UNet name that converts must convert
// back to itself; anything else (a crash, an overread, undefined behaviour, an exception other
// than the parser's sdxl::Error) is a bug.
#include "io/checkpoint_kind.h"
#include "io/lora_file.h"
#include "io/sgm_layout.h"
#include "sdxl/error.h"

#include <cstdlib>

using namespace sdxl;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  SafetensorsHeader header;
  try {
    header = parseSafetensorsHeader(data, size, "fuzz");
  } catch (const Error&) {
    return 0;
  }
  const auto kind = io::detectCheckpoint(header.tensors);
  if (kind.description.empty()) std::abort();
  // SDXL base's numbering.
  static const auto unet = io::sgmUNetNames({2, {false, true, true}, {true, true, false}});
  static const auto vae = io::sgmVaeNames({4, 2});
  static const auto clip = io::sgmClipNames();
  static const auto openClip = io::sgmOpenClipNames();
  const std::pair<const char*, const io::SgmNames*> parts[] = {
      {io::kSgmUNet, unet.get()}, {io::kSgmVae, vae.get()}, {io::kSgmClip, clip.get()}, {io::kSgmOpenClip, openClip.get()}};
  io::LoraTargets targets;
  for (const auto& t : header.tensors)
    for (const auto& [prefix, names] : parts) {
      if (t.name.rfind(prefix, 0) != 0) continue;
      const auto key = t.name.substr(std::char_traits<char>::length(prefix));
      names->ignored(key);
      for (const auto& target : names->convert(key)) {
        if (target.name.empty()) std::abort();
        io::reshapedShape(t.shape, target.reshape);
        if (names != unet.get()) continue;
        const auto dot = target.name.rfind('.');
        if (dot == std::string::npos) continue;
        const auto module = target.name.substr(0, dot);
        targets.modules["unet"].push_back(module);
        const auto stored = unet->toStored(module);
        if (stored.empty()) continue;
        const auto back = unet->convert(stored + target.name.substr(dot));
        if (back.size() != 1 || back[0].name != target.name) std::abort();
      }
    }
  targets.unetStoredName = [](const std::string& m) { return unet->toStored(m); };
  const auto lora = io::matchLoraNames(header.tensors, targets);
  for (const auto& layer : lora.layers)
    if (layer.component != "unet" || layer.down.empty() || layer.up.empty()) std::abort();
  return 0;
}
