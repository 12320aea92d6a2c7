// Each optimization switch once: its word in configuration names and on the command line, its
// key in saved parameters, its name for people, what it needs and whether it changes the image.
// Configuration names (BenchmarkConfig), describe(), the saved parameters, the CLI and the
// studio's panel all read this table instead of spelling the switches again.
#pragma once

#include "sdxl/request.h"

#include <optional>
#include <string>

namespace sdxl {

enum class SwitchNeeds {
  Nothing,
  Cuda, // a CUDA device
  Fp8,  // a GPU with FP8 tensor cores: Ada or Hopper (compute capability 8.9 or newer)
};

struct OptimizationSwitch {
  const char* word;    // in configuration names (fp16_compile_vae_slicing); words joined by '_'
  const char* jsonKey; // in saved parameters
  const char* label;   // for tables, logs and the studio (which translates it)
  SwitchNeeds needs;
  bool approximate;    // changes the image beyond rounding: shown and recorded as approximate
  // Valued switches (an interval, a fraction) carry their value in configuration names as a word
  // of its own (step_cache_3); plain on/off switches have no valueFormat and 0 here.
  const char* valueFormat; // the value for people, after the label: "every %g steps"
  double defaultValue;
  double minValue, maxValue;
  double (*get)(const OptimizationOptions&);     // 0 = off, 1 = on, or the value
  void (*set)(OptimizationOptions&, double value); // 0 = off
};

// In the order configuration names are written (the seed protocol's names come out as before).
inline constexpr std::size_t kOptimizationSwitchCount = 10;
extern const OptimizationSwitch kOptimizationSwitches[kOptimizationSwitchCount];

const OptimizationSwitch* findSwitch(const std::string& word);
bool switchOn(const OptimizationSwitch& s, const OptimizationOptions& o);
// "step cache every 3 steps", "VAE slicing": the label with a valued switch's value.
std::string switchText(const OptimizationSwitch& s, const OptimizationOptions& o);

const char* offloadName(Offload offload); // "none", "model", "sequential"
std::optional<Offload> offloadFromName(const std::string& name);

// The words a configuration name may hold after its precision, for help texts:
// "default_attn, model_offload, seq_offload, compile, ..., step_cache[_N] (approximate), ...".
std::string configWordsHelp();

// What the switches that change the image are, for people ("" when none is on).
std::string approximateSwitchesText(const OptimizationOptions& o);

// The same options with every approximate switch off: what an approximate configuration is
// measured against (sdxl/benchmark.h, exactRowFor).
OptimizationOptions exactOptionsOf(const OptimizationOptions& o);

} // namespace sdxl
