#include "io/lora_file.h"

#include <set>

namespace sdxl::io {

bool isSd1LoraName(const std::string& name) {
  for (const char* marker : {"down_blocks_0_attentions", "down_blocks.0.attentions", "input_blocks_1_1_"})
    if (name.find(marker) != std::string::npos) return true;
  return name.rfind("lora_te_", 0) == 0;
}


namespace {

bool endsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string flat(std::string name) {
  for (auto& c : name)
    if (c == '.') c = '_';
  return name;
}

struct Pair {
  const char* down;
  const char* up;
  const char* format;
};
// The suffixes of a layer's two matrices, in each format.
constexpr Pair kPairs[] = {{".lora_down.weight", ".lora_up.weight", "kohya"},
                           {".lora_A.weight", ".lora_B.weight", "peft"},
                           {".lora.down.weight", ".lora.up.weight", "peft"}};

const std::map<std::string, std::string> kKohyaPrefix = {
    {"unet", "lora_unet_"}, {"text_encoder", "lora_te1_"}, {"text_encoder_2", "lora_te2_"}};

} // namespace

LoraNames matchLoraNames(const std::vector<TensorInfo>& tensors, const LoraTargets& targets) {
  // Every name a layer of ours can have in a LoRA, in either format.
  std::map<std::string, std::pair<std::string, std::string>> byName; // LoRA layer name -> component, module
  for (const auto& [component, modules] : targets.modules) {
    const auto prefix = kKohyaPrefix.find(component);
    for (const auto& module : modules) {
      byName[component + "." + module] = {component, module};
      if (prefix == kKohyaPrefix.end()) continue;
      byName[prefix->second + flat(module)] = {component, module};
      if (component == "unet" && targets.unetStoredName) {
        const auto stored = targets.unetStoredName(module);
        if (!stored.empty()) byName[prefix->second + flat(stored)] = {component, module};
      }
    }
  }
  std::set<std::string> present;
  for (const auto& t : tensors) present.insert(t.name);
  LoraNames out;
  for (const auto& t : tensors) {
    const Pair* pair = nullptr;
    for (const auto& p : kPairs)
      if (endsWith(t.name, p.down)) pair = &p;
    if (!pair) {
      // Layers of kinds we do not merge (LyCORIS LoHa, LoKr, Tucker middles, DoRA scales).
      for (const char* other : {".hada_w1_a", ".lokr_w1", ".lora_mid.weight", ".dora_scale"})
        if (t.name.find(other) != std::string::npos) out.unknown.push_back(t.name + " (a layer kind SDXL Studio does not merge)");
      continue;
    }
    const auto base = t.name.substr(0, t.name.size() - std::char_traits<char>::length(pair->down));
    out.format = pair->format;
    if (isSd1LoraName(base)) out.forSd1 = true;
    const auto up = base + pair->up;
    const auto it = byName.find(base);
    if (it == byName.end() || !present.count(up)) {
      out.unknown.push_back(base);
      continue;
    }
    out.layers.push_back({it->second.first, it->second.second, t.name, up, present.count(base + ".alpha") ? base + ".alpha" : ""});
  }
  return out;
}

} // namespace sdxl::io
