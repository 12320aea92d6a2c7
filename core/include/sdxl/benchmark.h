// Measuring configurations the same way for everyone: `sdxl-cli bench` and the studio's compare
// view both run this. A configuration is named with the words of
// tests/gpu/diffusers_reference.py (fp16_compile, fp16_vae_slicing_seq_offload, ...), so our
// rows and diffusers' line up one to one.
#pragma once

#include "sdxl/image.h"
#include "sdxl/pipeline.h"
#include "sdxl/request.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace sdxl {

struct BenchmarkProtocol {
  std::string name;   // "seed" or "single"
  GenerationRequest request;
  int runs = 3;       // the last one counts
};
BenchmarkProtocol seedProtocol();   // 4 images, 50 Euler steps, 1024x1024, guidance 5, 3 runs
BenchmarkProtocol singleProtocol(); // 1 image, 30 steps, otherwise the same
std::optional<BenchmarkProtocol> protocolFromName(const std::string& name);

struct BenchmarkConfig {
  std::string name;
  OptimizationOptions options;
  int runs = 0; // 0: the protocol's
};
// Parses "fp16_compile_vae_slicing" style names; throws Error(InvalidRequest) on unknown words.
BenchmarkConfig configFromName(const std::string& name);
std::string configName(const OptimizationOptions& options);
std::vector<std::string> seedConfigNames(); // the rows of the seed article's table

struct BenchmarkRow {
  std::string config;
  OptimizationOptions options;
  int runs = 0;
  double latencySeconds = 0; // of the counted (last) run
  std::vector<double> allLatencies;
  double encodeSeconds = 0, denoiseSeconds = 0, decodeSeconds = 0;
  double peakAllocatedGB = 0, peakReservedGB = 0; // in the counted run
  double peakDeviceGB = 0;   // the device's used memory at its highest, context included (0 on the CPU)
  std::optional<double> fitGB; // with fit: the smallest hard limit (0.25 GiB steps) the configuration completes under
  std::optional<double> limitGB; // the hard limit the rows ran under, if any
  std::vector<std::string> memoryNotes; // a budget's plan and any fallback (sdxl/memory_plan.h)
  double firstStepSeconds = 0;                    // first run: from the request to its first finished step
  double graphCaptureSeconds = 0;
  std::optional<double> psnrVsFp32;               // image 0 against the fp32 row's image 0
  // Approximate rows: the relative error (L2) of the final latents against those of the report's
  // exact row with the same switches otherwise (exactRowFor), on the same request.
  std::optional<double> errorVsExact;
  std::string error;                              // set when the configuration failed (e.g. out of memory)
  std::string measuredBy;                         // "" for ours; "diffusers" for a report's reference rows
  Image firstImage;                               // empty for a report read back from JSON
  std::vector<float> finalLatents;                // of the counted run; empty for a report read back
};

// The row of `rows` an approximate row is measured against: ours, not failed, with its options
// without the approximate switches (exactOptionsOf, sdxl/switches.h); the same compile switch
// first, else either (compile gives the same latents).
std::optional<std::size_t> exactRowFor(const std::vector<BenchmarkRow>& rows, std::size_t row);

struct BenchmarkReport {
  std::string device, date, protocol, model;
  std::vector<BenchmarkRow> rows;
  std::string commit;
  std::string toMarkdown() const;
  std::string toJson(const std::string& commit, const std::string& referenceJson = "[]") const;
  // What toJson wrote (`sdxl-cli bench --json`, docs/benchmarks/*.json), with its reference rows
  // (diffusers, measured in the same call) as rows measured by "diffusers". Throws
  // Error(InvalidRequest) saying what is wrong with anything else.
  static BenchmarkReport fromJson(const std::string& json);
};

struct BenchmarkSettings {
  std::optional<double> limitGB; // run every row under this hard limit (setMemoryLimit)
  bool fit = false;              // and find each row's smallest limit, by bisection
  double fitStepGB = 0.25;       // to this
  MemoryBudget budget;           // the rows' memory budget (the planner picks the switches)
};

class BenchmarkRunner {
public:
  BenchmarkRunner(ModelSource source, std::string device = "", BenchmarkSettings settings = {});
  // `progress` gets (configuration index, run index) before each run; `cancel` is polled;
  // `rowDone` gets each configuration's row as soon as it is measured (or failed).
  BenchmarkReport run(const BenchmarkProtocol& protocol, const std::vector<BenchmarkConfig>& configs,
                      const std::function<void(std::size_t, int)>& progress = {},
                      const std::function<bool()>& cancel = {},
                      const std::function<void(const BenchmarkRow&)>& rowDone = {});

private:
  // One run of `request` in a fresh pipeline under a hard limit, without fallbacks: completes or not.
  bool completesUnder(double limitGB, const GenerationRequest& request, int runs, const std::function<bool()>& cancel);

  ModelSource m_source;
  std::string m_device;
  BenchmarkSettings m_settings;
};

// Peak signal-to-noise ratio of two 8-bit images, in dB (infinity when identical).
double psnr(const Image& a, const Image& b);
// ||a - b|| / ||b|| over two tensors' values; nothing when their sizes differ or b is zero.
std::optional<double> relativeError(const std::vector<float>& a, const std::vector<float>& b);

} // namespace sdxl
