#include "args.h"
#include "commands.h"
#include "device_note.h"
#include "memory_options.h"
#include "mode_options.h"
#include "progress_line.h"
#include "request_options.h"

#include "sdxl/switches.h"
#include "sdxl/benchmark.h"
#include "sdxl/error.h"
#include "sdxl/metadata.h"
#include "sdxl/model_library.h"
#include "sdxl/pipeline.h"
#include "sdxl/telemetry.h"

#include <cstdio>
#include <iostream>

namespace sdxl::cli {


int runGenerate(const std::vector<std::string>& argv) {
  std::vector<OptionSpec> specs{{"--model", "DIR|FILE|builtin[:tiny]",
              "a diffusers SDXL folder, a single .safetensors SDXL checkpoint, or the built-in benchmark model (random "
              "weights)", true},
             {"--vae", "FILE|DIR", "another VAE for the model: a .safetensors file or a diffusers VAE folder"},
             {"--models", "DIR",
              "the models folder, where --model and --vae may be given by name (default: " +
                  defaultModelsFolder().string() + ")"},
             {"--model-config", "DIR",
              "for a single file whose architecture is not SDXL base's: a diffusers folder whose config.json files "
              "describe it"},
             {"--device", "D", "cuda or cpu (default: cuda when available)"},
             {"--out", "DIR", "folder for the images (created if missing)", true},
             {"--prefix", "NAME", "file name prefix (default sdxl)"},
             {"--help", "", "show this help"}};
  const auto requestSpecs = requestOptionSpecs();
  specs.insert(specs.begin() + 4, requestSpecs.begin(), requestSpecs.end());
  const auto modeSpecs = modeOptionSpecs();
  specs.insert(specs.end() - 1, modeSpecs.begin(), modeSpecs.end());
  const auto memorySpecs = memoryOptionSpecs();
  specs.insert(specs.end() - 1, memorySpecs.begin(), memorySpecs.end());
  Args args("generate",
            "Generates images from a prompt and saves them as PNG files that carry their parameters (an A1111-style "
            "'parameters' chunk and the settings as JSON). Existing files are never overwritten.", specs);
  if (auto exit = args.parseOrExit(argv)) return *exit;
  GenerationRequest request;
  auto usage = [](const std::string& what) {
    std::cerr << "sdxl-cli: " << what << "\n";
    return kExitUsage;
  };
  if (const auto wrong = readRequestOptions(args, request); !wrong.empty()) return usage(wrong);
  const std::filesystem::path models = args.get("--models", defaultModelsFolder().string());
  if (const auto wrong = applyModeOptions(args, models, args.has("--size"), request); !wrong.empty()) return usage(wrong);
  MemoryOptions memory;
  if (const auto wrong = readMemoryOptions(args, memory); !wrong.empty()) return usage(wrong);
  request.memoryBudget = memory.budget;
  validate(request); // before any loading: a bad request costs nothing

  const auto source = modelSourceOf(args, args.get("--model"), models);
  noteWhyCpu(args.get("--device"));
  Pipeline pipeline(source, args.get("--device"));
  const bool cuda = pipeline.deviceName().rfind("cuda", 0) == 0;
  if (memory.limitGiB) setMemoryLimit(static_cast<uint64_t>(*memory.limitGiB * 1073741824.0), cuda); // before any weight
  if (const auto wrong = readPrecision(args, cuda, request); !wrong.empty()) return usage(wrong);
  if (source.isRandom()) std::cerr << "note: " << source.describe() << "\n";

  const std::filesystem::path out = args.get("--out");
  std::filesystem::create_directories(out);
  stopOnInterrupt();
  ProgressLine progress;
  const auto result = pipeline.generate(request, &progress);
  const auto ran = ranAs(request, result); // what the metadata records: the switches the run used
  // Each image is saved on its own: one that cannot be written does not take the others with it.
  int unsaved = 0;
  for (std::size_t i = 0; i < result.images.size(); ++i) {
    try {
      const auto path = nextFreeImagePath(out, args.get("--prefix", "sdxl"));
      savePng(result.images[i], path, imageTextChunks(ran, identityOf(source), static_cast<int>(i)));
      std::cout << path.string() << "\n";
    } catch (const Error& e) {
      std::cerr << "sdxl-cli: image " << i + 1 << " could not be saved: " << e.what() << "\n";
      ++unsaved;
    }
  }
  std::fprintf(stderr, "encode %.3f s, denoise %.3f s, decode %.3f s, total %.3f s on %s\n", result.encodeSeconds,
               result.denoiseSeconds, result.decodeSeconds, result.totalSeconds, pipeline.deviceName().c_str());
  return unsaved == 0 ? kExitOk : kExitFailure;
}

} // namespace sdxl::cli
