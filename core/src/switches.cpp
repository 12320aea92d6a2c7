#include "sdxl/switches.h"

#include <cmath>
#include <cstdio>

namespace sdxl {

namespace {
using O = OptimizationOptions;
constexpr double flag(bool on) { return on ? 1.0 : 0.0; }
} // namespace

// The words of the seed protocol's rows are diffusers_reference.py's, so rows line up with its.
constexpr OptimizationSwitch kOptimizationSwitches[kOptimizationSwitchCount] = {
    {"compile", "compile", "compile (CUDA graphs)", SwitchNeeds::Cuda, false, nullptr, 0, 0, 0,
     [](const O& o) { return flag(o.compile); }, [](O& o, double v) { o.compile = v != 0; }},
    {"vae_slicing", "vae_slicing", "VAE slicing", SwitchNeeds::Nothing, false, nullptr, 0, 0, 0,
     [](const O& o) { return flag(o.vaeSlicing); }, [](O& o, double v) { o.vaeSlicing = v != 0; }},
    {"vae_tiling", "vae_tiling", "VAE tiling", SwitchNeeds::Nothing, false, nullptr, 0, 0, 0,
     [](const O& o) { return flag(o.vaeTiling); }, [](O& o, double v) { o.vaeTiling = v != 0; }},
    // In configuration names the cache comes with freeing the encoders, as in the seed protocol.
    {"cached_embeds", "cache_prompt_embeddings", "cached prompt embeddings", SwitchNeeds::Nothing, false, nullptr, 0, 0, 0,
     [](const O& o) { return flag(o.cachePromptEmbeddings); },
     [](O& o, double v) { o.cachePromptEmbeddings = o.freeTextEncoders = v != 0; }},
    {"free_encoders", "free_text_encoders", "text encoders freed", SwitchNeeds::Nothing, false, nullptr, 0, 0, 0,
     [](const O& o) { return flag(o.freeTextEncoders); }, [](O& o, double v) { o.freeTextEncoders = v != 0; }},
    {"tiny_vae", "tiny_autoencoder", "Tiny AutoEncoder", SwitchNeeds::Nothing, false, nullptr, 0, 0, 0,
     [](const O& o) { return flag(o.tinyAutoencoder); }, [](O& o, double v) { o.tinyAutoencoder = v != 0; }},
    {"vae_fp32", "fp32_vae", "VAE in fp32", SwitchNeeds::Nothing, false, nullptr, 0, 0, 0,
     [](const O& o) { return flag(o.fp32Vae); }, [](O& o, double v) { o.fp32Vae = v != 0; }},
    {"fp8", "fp8", "FP8 products", SwitchNeeds::Fp8, true, nullptr, 0, 0, 0, [](const O& o) { return flag(o.fp8); },
     [](O& o, double v) { o.fp8 = v != 0; }},
    {"step_cache", "step_cache", "step cache", SwitchNeeds::Nothing, true, "every %g steps", 3, 2, 10,
     [](const O& o) { return o.stepCache >= 2 ? double(o.stepCache) : 0.0; },
     [](O& o, double v) { o.stepCache = static_cast<int>(std::lround(v)); }},
    {"guidance_cutoff", "guidance_cutoff", "guidance cut-off", SwitchNeeds::Nothing, true, "after %g of the steps", 0.6, 0.05, 0.95,
     [](const O& o) { return o.guidanceCutoff < 1.0 ? o.guidanceCutoff : 0.0; },
     [](O& o, double v) { o.guidanceCutoff = v > 0 ? v : 1.0; }},
};
static_assert(kOptimizationSwitches[kOptimizationSwitchCount - 1].word != nullptr, "a row for every switch");

const OptimizationSwitch* findSwitch(const std::string& word) {
  for (const auto& s : kOptimizationSwitches)
    if (word == s.word || word == s.jsonKey) return &s;
  return nullptr;
}

bool switchOn(const OptimizationSwitch& s, const OptimizationOptions& o) { return s.get(o) != 0; }

std::string switchText(const OptimizationSwitch& s, const OptimizationOptions& o) {
  const double v = s.get(o);
  if (!s.valueFormat || v == 0) return s.label;
  char value[64];
  std::snprintf(value, sizeof value, s.valueFormat, v);
  return std::string(s.label) + " " + value;
}

const char* offloadName(Offload offload) {
  return offload == Offload::Model ? "model" : offload == Offload::Sequential ? "sequential" : "none";
}

std::optional<Offload> offloadFromName(const std::string& name) {
  if (name == "none") return Offload::None;
  if (name == "model") return Offload::Model;
  if (name == "sequential") return Offload::Sequential;
  return std::nullopt;
}

std::string configWordsHelp() {
  std::string text = "default_attn, model_offload, seq_offload";
  for (const auto& s : kOptimizationSwitches) {
    text += std::string(", ") + s.word;
    if (s.valueFormat) {
      char range[64];
      std::snprintf(range, sizeof range, "[_N: %g to %g, default %g]", s.minValue, s.maxValue, s.defaultValue);
      text += range;
    }
    if (s.approximate) text += " (approximate)";
  }
  return text;
}

std::string approximateSwitchesText(const OptimizationOptions& o) {
  std::string text;
  for (const auto& s : kOptimizationSwitches)
    if (s.approximate && switchOn(s, o)) text += (text.empty() ? "" : ", ") + switchText(s, o);
  return text;
}

OptimizationOptions exactOptionsOf(const OptimizationOptions& o) {
  auto exact = o;
  for (const auto& s : kOptimizationSwitches)
    if (s.approximate) s.set(exact, 0);
  return exact;
}

bool OptimizationOptions::operator==(const OptimizationOptions& o) const {
  if (precision != o.precision || attention != o.attention || offload != o.offload) return false;
  for (const auto& s : kOptimizationSwitches)
    if (s.get(*this) != s.get(o)) return false;
  return true;
}

std::string OptimizationOptions::describe() const {
  std::string text = precisionName(precision);
  text += attention == Attention::Sdpa ? ", SDPA" : ", default attention";
  if (offload != Offload::None) text += std::string(", ") + offloadName(offload) + " offload";
  for (const auto& s : kOptimizationSwitches)
    if (switchOn(s, *this)) text += ", " + switchText(s, *this);
  return text;
}

} // namespace sdxl
