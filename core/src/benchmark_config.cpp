// Benchmark protocols and configuration names: torch-free, so the names can be read wherever a
// report is (the compare view opening a report measured elsewhere, the fuzzer).
#include "sdxl/benchmark.h"
#include "sdxl/error.h"
#include "sdxl/switches.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <locale>
#include <sstream>

namespace sdxl {

namespace {
const char* kPrompt = "Astronaut in a jungle, cold color palette, muted colors, detailed, 8k";
} // namespace

BenchmarkProtocol seedProtocol() {
  BenchmarkProtocol p;
  p.name = "seed";
  p.request.prompt = kPrompt;
  p.request.images = 4;
  p.request.steps = 50;
  p.request.guidance = 5.0;
  p.request.width = p.request.height = 1024;
  p.request.seed = 0;
  p.request.seedMode = SeedMode::Batch; // diffusers' protocol: one generator for the 4 images
  p.runs = 3;
  return p;
}

BenchmarkProtocol singleProtocol() {
  auto p = seedProtocol();
  p.name = "single";
  p.request.images = 1;
  p.request.steps = 30;
  return p;
}

std::optional<BenchmarkProtocol> protocolFromName(const std::string& name) {
  if (name == "seed") return seedProtocol();
  if (name == "single") return singleProtocol();
  return std::nullopt;
}

BenchmarkConfig configFromName(const std::string& name) {
  BenchmarkConfig c;
  c.name = name;
  std::vector<std::string> words;
  std::stringstream in(name);
  for (std::string w; std::getline(in, w, '_');) words.push_back(w);
  auto& o = c.options;
  // A switch's word may be several words joined by '_' (vae_slicing); a valued one is followed by
  // its value (step_cache_3), or takes its default.
  auto matches = [&](std::size_t i, const std::string& word) {
    std::stringstream parts(word);
    for (std::string part; std::getline(parts, part, '_'); ++i)
      if (i >= words.size() || words[i] != part) return std::size_t(0);
    return static_cast<std::size_t>(std::count(word.begin(), word.end(), '_') + 1);
  };
  for (std::size_t i = 0; i < words.size();) {
    const auto& w = words[i];
    if (w == "single") { // the protocol's business
      ++i;
      continue;
    }
    if (auto p = precisionFromName(w)) {
      o.precision = *p;
      ++i;
      continue;
    }
    std::size_t n = 0;
    if ((n = matches(i, "default_attn"))) o.attention = Attention::Default; // the enums' words, then the table's
    else if ((n = matches(i, "model_offload"))) o.offload = Offload::Model;
    else if ((n = matches(i, "seq_offload"))) o.offload = Offload::Sequential;
    else {
      for (std::size_t k = 0; k < kOptimizationSwitchCount && !n; ++k) {
        const auto& s = kOptimizationSwitches[k];
        if (!(n = matches(i, s.word))) continue;
        double value = s.valueFormat ? s.defaultValue : 1.0;
        if (s.valueFormat && i + n < words.size() && !words[i + n].empty() &&
            words[i + n].find_first_not_of("0123456789.") == std::string::npos) {
          std::istringstream number(words[i + n]);
          number.imbue(std::locale::classic());
          number >> value;
          if (!(value >= s.minValue && value <= s.maxValue))
            throw Error(ErrorKind::InvalidRequest, std::string(s.word) + " in configuration '" + name +
                                                       "' must be between " + std::to_string(s.minValue) + " and " +
                                                       std::to_string(s.maxValue));
          ++n;
        }
        s.set(o, value);
      }
    }
    if (!n) throw Error(ErrorKind::InvalidRequest, "unknown word '" + w + "' in configuration '" + name + "'");
    i += n;
  }
  // As diffusers_reference.py: fp32 and sequential offload are slow, so 2 runs (the last counts).
  if (o.precision == Precision::FP32 || o.offload == Offload::Sequential) c.runs = 2;
  return c;
}

std::string configName(const OptimizationOptions& o) {
  std::string n = precisionName(o.precision);
  if (o.attention == Attention::Default) n += "_default_attn";
  for (const auto& s : kOptimizationSwitches) {
    const std::string word = s.word;
    if (switchOn(s, o) && !(word == "free_encoders" && o.cachePromptEmbeddings)) { // part of cached_embeds here
      n += "_" + word;
      if (s.valueFormat) {
        std::ostringstream value;
        value.imbue(std::locale::classic());
        value << s.get(o);
        n += "_" + value.str();
      }
    }
    // Offload's place in diffusers_reference.py's names: model after compile, sequential after the VAE's switches.
    if (word == "compile" && o.offload == Offload::Model) n += "_model_offload";
    if (word == "vae_tiling" && o.offload == Offload::Sequential) n += "_seq_offload";
  }
  return n;
}

std::vector<std::string> seedConfigNames() {
  return {"fp32_default_attn", "fp16_default_attn", "fp16", "fp16_compile", "fp16_model_offload", "fp16_seq_offload",
          "fp16_vae_slicing", "fp16_vae_slicing_seq_offload", "fp16_cached_embeds", "fp16_tiny_vae"};
}

double psnr(const Image& a, const Image& b) {
  if (a.rgb.size() != b.rgb.size() || a.rgb.empty()) return std::numeric_limits<double>::quiet_NaN();
  double sum = 0;
  for (std::size_t i = 0; i < a.rgb.size(); ++i) {
    const double d = double(a.rgb[i]) - double(b.rgb[i]);
    sum += d * d;
  }
  const double mse = sum / double(a.rgb.size());
  return mse == 0 ? std::numeric_limits<double>::infinity() : 10 * std::log10(255.0 * 255.0 / mse);
}

std::optional<double> relativeError(const std::vector<float>& a, const std::vector<float>& b) {
  if (a.size() != b.size() || a.empty()) return std::nullopt;
  double difference = 0, reference = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const double d = double(a[i]) - double(b[i]);
    difference += d * d;
    reference += double(b[i]) * double(b[i]);
  }
  if (reference == 0) return std::nullopt;
  return std::sqrt(difference / reference);
}

} // namespace sdxl
