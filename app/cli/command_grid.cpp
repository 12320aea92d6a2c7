#include "args.h"
#include "commands.h"
#include "device_note.h"
#include "mode_options.h"
#include "progress_line.h"
#include "request_options.h"

#include "sdxl/error.h"
#include "sdxl/grid_cell_run.h"
#include "sdxl/grid_report.h"
#include "sdxl/metadata.h"
#include "sdxl/model_library.h"
#include "sdxl/telemetry.h"
#include "sdxl/version.h"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>

namespace sdxl::cli {

namespace {
// "seed=1-3" -> the axis; "" on success, else what is wrong.
std::string readAxis(const std::string& option, const std::string& spec, std::vector<GridAxis>& axes) {
  const auto equals = spec.find('=');
  std::string names;
  for (const auto& row : kGridAxisNames) names += std::string(names.empty() ? "" : ", ") + row.name;
  const auto kind = equals == std::string::npos ? std::nullopt : gridAxisFromName(spec.substr(0, equals));
  if (!kind) return option + " must look like AXIS=VALUES, AXIS one of " + names;
  axes.push_back(parseGridAxis(*kind, spec.substr(equals + 1))); // Error names a value that cannot be used
  return {};
}
} // namespace

int runGrid(const std::vector<std::string>& argv) {
  std::vector<OptionSpec> specs{
      {"--model", "DIR|FILE|builtin[:tiny]", "the model of every cell without a model axis", true},
      {"--vae", "FILE|DIR", "another VAE for the model"},
      {"--models", "DIR", "the models folder, where models are found by name (default: " + defaultModelsFolder().string() + ")"},
      {"--model-config", "DIR", "for a single file whose architecture is not SDXL base's: its diffusers configs"},
      {"--x", "AXIS=VALUES", "the first axis: prompt, seed, steps, guidance, scheduler, size, model, lora_weight or "
                             "configuration, and its values as the studio takes them (1-5, 10-30 (+10), a|b)", true},
      {"--y", "AXIS=VALUES", "the second axis"},
      {"--z", "AXIS=VALUES", "the third axis"},
      {"--runs", "N", "make each cell N times and keep the last (the first pays for warm-up; default 1)"},
      {"--device", "D", "cuda or cpu (default: cuda when available)"},
      {"--out", "DIR", "where grid.json and the cells' images go (created if missing; never overwritten)", true},
      {"--commit", "SHA", "the commit measured, recorded in the JSON"},
      {"--help", "", "show this help"}};
  const auto requestSpecs = requestOptionSpecs();
  specs.insert(specs.begin() + 4, requestSpecs.begin(), requestSpecs.end());
  const auto modeSpecs = modeOptionSpecs();
  specs.insert(specs.end() - 1, modeSpecs.begin(), modeSpecs.end());
  Args args("grid",
            "Makes an X/Y/Z grid without a window, as the studio's grid view does: one image per combination of the "
            "axes' values with its latency and peak memory (allocated, reserved, the device's). Writes grid.json and "
            "the images, which the studio's grid view opens (Open JSON) as if it ran there.",
            specs);
  if (auto exit = args.parseOrExit(argv)) return *exit;
  auto usage = [](const std::string& what) {
    std::cerr << "sdxl-cli: " << what << "\n";
    return kExitUsage;
  };
  GenerationRequest base;
  if (const auto wrong = readRequestOptions(args, base); !wrong.empty()) return usage(wrong);
  const std::filesystem::path models = args.get("--models", defaultModelsFolder().string());
  if (const auto wrong = applyModeOptions(args, models, args.has("--size"), base); !wrong.empty()) return usage(wrong);
  std::vector<GridAxis> axes;
  for (const char* option : {"--x", "--y", "--z"})
    if (args.has(option))
      if (const auto wrong = readAxis(option, args.get(option), axes); !wrong.empty()) return usage(wrong);
  int runs = 1;
  try {
    runs = std::stoi(args.get("--runs", "1"));
  } catch (const std::exception&) {
    runs = 0;
  }
  if (runs < 1 || runs > 10) return usage("--runs must be 1 to 10");
  const std::filesystem::path out = args.get("--out");
  if (std::filesystem::exists(out / "grid.json"))
    return usage((out / "grid.json").string() + " exists: choose another --out or move it away");

  noteWhyCpu(args.get("--device"));
  auto source = modelSourceOf(args, args.get("--model"), models);
  auto pipeline = std::make_unique<Pipeline>(source, args.get("--device"));
  const bool cuda = pipeline->deviceName().rfind("cuda", 0) == 0;
  if (const auto wrong = readPrecision(args, cuda, base); !wrong.empty()) return usage(wrong);
  const auto cells = gridCells(base, axes); // every cell validated before any work

  GridReport report;
  report.device = deviceDescription();
  report.date = todayUtc();
  report.commit = args.get("--commit", "unknown");
  report.software = "SDXL Studio " + studioVersion() + ", LibTorch " + torchVersion();
  report.model = identityOf(source).name;
  report.prompt = base.prompt;
  report.settings = a1111Parameters(base, identityOf(source), 0);
  report.axes = axes;
  for (const auto& cell : cells) report.cells.push_back(gridCellRecord(cell));
  std::filesystem::create_directories(out);
  auto write = [&] { // after every cell: a grid stopped at any moment keeps what it made
    const auto partial = out / "grid.json.partial";
    std::ofstream(partial) << report.toJson() << "\n";
    std::filesystem::rename(partial, out / "grid.json");
  };
  stopOnInterrupt();
  ProgressLine progress;
  std::string loaded = args.get("--model");
  bool stopped = false;
  for (std::size_t i = 0; i < cells.size() && !stopped; ++i) {
    const auto& cell = cells[i];
    auto& record = report.cells[i];
    std::fprintf(stderr, "cell %zu of %zu: %s\n", i + 1, cells.size(), cell.label.c_str());
    try {
      const std::string wanted = cell.model.empty() ? args.get("--model") : cell.model;
      if (wanted != loaded || !pipeline) {
        pipeline.reset(); // the previous model's memory first
        source = modelSourceOf(args, wanted, models);
        pipeline = std::make_unique<Pipeline>(source, args.get("--device"));
        loaded = wanted;
      }
      GenerationResult result;
      for (int run = 0; run < runs; ++run) record = runGridCell(*pipeline, cell, result, &progress);
      record.image = gridImageName("grid", i);
      savePng(result.images.at(0), out / record.image,
              imageTextChunks(ranAs(cell.request, result), identityOf(source), 0));
      std::printf("%s\t%.3f s\t%.2f GiB allocated\t%.2f GiB reserved\t%.2f GiB device\n", cell.label.c_str(),
                  record.seconds, record.allocatedGB, record.reservedGB, record.deviceGB);
    } catch (const Error& e) {
      if (e.kind() == ErrorKind::Cancelled) {
        stopped = true;
        record = gridCellRecord(cell); // not made
        break;
      }
      record.made = true;
      record.error = e.what();
      record.image.clear();
      std::printf("%s\tfailed: %s\n", cell.label.c_str(), e.what());
    } catch (const std::exception& e) {
      record.made = true;
      record.error = e.what();
      record.image.clear();
      std::printf("%s\tfailed: %s\n", cell.label.c_str(), e.what());
    }
    std::fflush(stdout);
    write();
  }
  write();
  std::cerr << (out / "grid.json").string() << (stopped ? " (interrupted: the cells made so far)" : "") << "\n";
  return stopped ? kExitCancelled : kExitOk;
}

} // namespace sdxl::cli
