#include "args.h"
#include "commands.h"
#include "device_note.h"
#include "memory_options.h"
#include "mode_options.h"

#include "sdxl/benchmark.h"
#include "sdxl/error.h"
#include "sdxl/model_library.h"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

namespace sdxl::cli {

int runBench(const std::vector<std::string>& argv) {
  std::string defaults;
  for (const auto& n : seedConfigNames()) defaults += (defaults.empty() ? "" : ",") + n;
  std::vector<OptionSpec> specs{{"--model", "DIR|builtin[:tiny]", "the model (default builtin: full-size SDXL-base, random weights)"},
             {"--protocol", "seed|single", "seed: 4 images, 50 steps, 1024x1024, 3 runs; single: 1 image, 30 steps"},
             {"--configs", "A,B,...", "configurations, named as diffusers_reference.py names them (default: the seed "
                                      "article's rows: " + defaults + ")"},
             {"--steps", "N", "override the protocol's steps (quick checks)"},
             {"--size", "WxH", "override the protocol's size (quick checks)"},
             {"--runs", "N", "override the protocol's runs"},
             {"--device", "D", "cuda or cpu (default: cuda when available)"},
             {"--json", "FILE", "also write the results as JSON"},
             {"--reference", "FILE", "diffusers' results (JSON lines from diffusers_reference.py) to embed in the JSON"},
             {"--commit", "SHA", "the commit measured, recorded in the JSON"},
             {"--images", "DIR", "save each configuration's first image there"},
             {"--models", "DIR", "where --refiner may be given by name (default: " + defaultModelsFolder().string() + ")"},
             {"--no-fallbacks", "", "fail a configuration that runs out of memory instead of continuing cheaper"},
             {"--fit", "", "also find each configuration's smallest hard limit that it completes under (bisection)"},
             {"--fit-step", "GiB", "the bisection's resolution (default 0.25; smaller for the tiny model)"},
             {"--help", "", "show this help"}};
  const auto memorySpecs = memoryOptionSpecs();
  specs.insert(specs.end() - 1, memorySpecs.begin(), memorySpecs.end());
  // A creation mode measured as the protocol at its size and steps (an init image is fitted to it).
  const auto modeSpecs = modeOptionSpecs();
  specs.insert(specs.end() - 1, modeSpecs.begin(), modeSpecs.end());
  Args args("bench",
            "Times configurations of the optimization switches on one model with one protocol, the same prompt and "
            "seed for all, and prints a Markdown table (latency of the counted run, per-stage times, peak allocated "
            "and reserved memory, time before the first step, PSNR against the fp32 row).",
            specs);
  if (auto exit = args.parseOrExit(argv)) return *exit;
  auto protocol = protocolFromName(args.get("--protocol", "seed"));
  if (!protocol) {
    std::cerr << "sdxl-cli: --protocol must be seed or single\n";
    return kExitUsage;
  }
  try {
    if (args.has("--steps")) protocol->request.steps = std::stoi(args.get("--steps"));
    if (args.has("--runs")) protocol->runs = std::stoi(args.get("--runs"));
    if (args.has("--size")) {
      const auto s = args.get("--size");
      protocol->request.width = std::stoi(s.substr(0, s.find('x')));
      protocol->request.height = std::stoi(s.substr(s.find('x') + 1));
    }
  } catch (const std::exception&) {
    std::cerr << "sdxl-cli: --steps, --runs and --size take numbers\n";
    return kExitUsage;
  }
  const std::filesystem::path models = args.get("--models", defaultModelsFolder().string());
  if (const auto wrong = applyModeOptions(args, models, true, protocol->request); !wrong.empty()) {
    std::cerr << "sdxl-cli: " << wrong << "\n";
    return kExitUsage;
  }
  MemoryOptions memory;
  if (const auto wrong = readMemoryOptions(args, memory); !wrong.empty()) {
    std::cerr << "sdxl-cli: " << wrong << "\n";
    return kExitUsage;
  }
  BenchmarkSettings settings;
  settings.limitGB = memory.limitGiB;
  settings.budget = memory.budget;
  settings.fit = args.has("--fit");
  protocol->request.memoryFallbacks = !args.has("--no-fallbacks");
  if (args.has("--fit-step")) {
    try {
      settings.fitStepGB = std::stod(args.get("--fit-step"));
    } catch (const std::exception&) {
      settings.fitStepGB = 0;
    }
    if (!(settings.fitStepGB > 0 && settings.fitStepGB <= 64)) {
      std::cerr << "sdxl-cli: --fit-step takes GiB (e.g. 0.25, or 0.001 for the tiny model)\n";
      return kExitUsage;
    }
  }
  validate(protocol->request);
  std::vector<BenchmarkConfig> configs;
  std::stringstream names(args.get("--configs", defaults));
  for (std::string name; std::getline(names, name, ',');) {
    auto config = configFromName(name);
    if (args.has("--runs")) config.runs = protocol->runs;
    configs.push_back(config);
  }
  validate(protocol->request);

  noteWhyCpu(args.get("--device"));
  BenchmarkRunner runner(ModelSource::parse(args.get("--model", "builtin")), args.get("--device"), settings);
  const auto report = runner.run(*protocol, configs, [&](std::size_t c, int run) {
    if (run < 0) std::fprintf(stderr, "[bench] %s: a run under a trial limit\n", configs[c].name.c_str());
    else
      std::fprintf(stderr, "[bench] %s run %d/%d\n", configs[c].name.c_str(), run + 1,
                   configs[c].runs > 0 ? configs[c].runs : protocol->runs);
  });
  std::cout << report.toMarkdown();
  if (args.has("--json")) {
    std::string reference = "[]";
    if (args.has("--reference")) {
      std::ifstream in(args.get("--reference"));
      std::string line, joined;
      while (std::getline(in, line))
        if (!line.empty()) joined += (joined.empty() ? "" : ",") + line;
      reference = "[" + joined + "]";
    }
    std::ofstream(args.get("--json")) << report.toJson(args.get("--commit", "unknown"), reference);
  }
  if (args.has("--images")) {
    std::filesystem::create_directories(args.get("--images"));
    for (const auto& row : report.rows)
      if (row.error.empty())
        savePng(row.firstImage, std::filesystem::path(args.get("--images")) / (row.config + ".png"), {}, true);
  }
  for (const auto& row : report.rows)
    if (!row.error.empty()) return kExitFailure;
  return kExitOk;
}

} // namespace sdxl::cli
