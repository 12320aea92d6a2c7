#include "args.h"
#include "commands.h"
#include "device_note.h"
#include "memory_options.h"
#include "mode_options.h"

#include "sdxl/switches.h"
#include "sdxl/benchmark.h"
#include "sdxl/error.h"
#include "sdxl/metadata.h"
#include "sdxl/model_library.h"
#include "sdxl/pipeline.h"
#include "sdxl/telemetry.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <iostream>

namespace sdxl::cli {

namespace {

std::atomic<bool> g_interrupted{false};
extern "C" void onInterrupt(int) { g_interrupted = true; }

// A one-line progress display on stderr: step, it/s, ETA.
class ProgressLine final : public GenerationObserver {
public:
  void onStage(Stage stage) override {
    static const char* names[] = {"loading", "encoding", "denoising", "decoding", "done"};
    if (stage == Stage::Done) {
      std::fprintf(stderr, "\n");
      return;
    }
    if (stage != Stage::Denoising) std::fprintf(stderr, "\r%-60s", names[static_cast<int>(stage)]);
  }
  void onStep(const StepEvent& e) override {
    const double rate = e.elapsedSeconds > 0 ? e.step / e.elapsedSeconds : 0;
    const double eta = rate > 0 ? (e.steps - e.step) / rate : 0;
    std::fprintf(stderr, "\rstep %d/%d  %.2f it/s  ETA %.1f s          ", e.step, e.steps, rate, eta);
  }
  void onMemory(const MemoryEvent& e) override { std::fprintf(stderr, "\rmemory: %s\n", e.text.c_str()); }
  bool cancelRequested() override { return g_interrupted.load(); }
};

bool parseSize(const std::string& text, int& width, int& height) {
  const auto x = text.find('x');
  if (x == std::string::npos) return false;
  try {
    width = std::stoi(text.substr(0, x));
    height = std::stoi(text.substr(x + 1));
  } catch (const std::exception&) {
    return false;
  }
  return true;
}

} // namespace

int runGenerate(const std::vector<std::string>& argv) {
  std::string schedulers;
  for (const auto& s : kSchedulerNames) schedulers += std::string(schedulers.empty() ? "" : ", ") + s.name;
  std::vector<OptionSpec> specs{{"--model", "DIR|FILE|builtin[:tiny]",
              "a diffusers SDXL folder, a single .safetensors SDXL checkpoint, or the built-in benchmark model (random "
              "weights)", true},
             {"--vae", "FILE|DIR", "another VAE for the model: a .safetensors file or a diffusers VAE folder"},
             {"--lora", "FILE[:W[:W_UNET]]",
              "a LoRA to merge, with its weight (default 1; a second weight for the UNet alone); repeat for more"},
             {"--lora-folder", "DIR",
              "where the prompt's <lora:NAME:W> tags are found (NAME.safetensors, in any subfolder; default: the "
              "models folder)"},
             {"--models", "DIR",
              "the models folder, where --model and --vae may be given by name (default: " +
                  defaultModelsFolder().string() + ")"},
             {"--model-config", "DIR",
              "for a single file whose architecture is not SDXL base's: a diffusers folder whose config.json files "
              "describe it"},
             {"--prompt", "TEXT", "what to draw", true},
             {"--negative", "TEXT", "what to avoid"},
             {"--empty-negative", "zeros|encode",
              "an empty negative prompt as zero conditioning (default, as diffusers) or encoded as text (as A1111 "
              "and ComfyUI)"},
             {"--size", "WxH", "image size, multiples of 8 (default 1024x1024, or the init image's)"},
             {"--steps", "N", "denoising steps (default 30)"},
             {"--guidance", "G", "classifier-free guidance scale (default 5.0; 1 turns it off)"},
             {"--guidance-rescale", "R", "diffusers' guidance_rescale, 0..1 (default 0)"},
             {"--seed", "S", "random seed, 0 to 18446744073709551615 (default 0)"},
             {"--seed-mode", "per_image|batch",
              "per_image (default): image k uses seed + k, so any image can be made again alone; batch: one draw for "
              "all images, as diffusers with one generator"},
             {"--clip-skip", "N", "A1111's clip skip: 1 (default) is SDXL's own layer, 2 one layer earlier"},
             {"--emphasis", "a1111|no_norm|comfy",
              "how (word:1.3) weights act: a1111 (default: scale, then restore the mean), no_norm, comfy (ComfyUI's)"},
             {"--images", "N", "images of this prompt (default 1)"},
             {"--scheduler", "NAME", "one of: " + schedulers + " (default euler)"},
             {"--precision", "P", "fp32, fp16 or bf16 (default fp16 on CUDA, fp32 on the CPU)"},
             {"--attention", "A", "sdpa or default (default sdpa)"},
             {"--config", "NAME",
              "every optimization switch at once, named as in `sdxl-cli bench`: a precision, then any of " +
                  configWordsHelp() + " (e.g. fp16_compile_vae_slicing); replaces --precision and --attention"},
             {"--device", "D", "cuda or cpu (default: cuda when available)"},
             {"--out", "DIR", "folder for the images (created if missing)", true},
             {"--prefix", "NAME", "file name prefix (default sdxl)"},
             {"--help", "", "show this help"}};
  const auto modeSpecs = modeOptionSpecs();
  specs.insert(specs.end() - 1, modeSpecs.begin(), modeSpecs.end());
  const auto memorySpecs = memoryOptionSpecs();
  specs.insert(specs.end() - 1, memorySpecs.begin(), memorySpecs.end());
  Args args("generate",
            "Generates images from a prompt and saves them as PNG files that carry their parameters (an A1111-style "
            "'parameters' chunk and the settings as JSON). Existing files are never overwritten.", specs);
  if (auto exit = args.parseOrExit(argv)) return *exit;
  GenerationRequest request;
  request.prompt = args.get("--prompt");
  request.negativePrompt = args.get("--negative");
  auto usage = [](const std::string& what) {
    std::cerr << "sdxl-cli: " << what << "\n";
    return kExitUsage;
  };
  try {
    if (args.has("--size") && !parseSize(args.get("--size"), request.width, request.height))
      return usage("--size must look like 1024x1024");
    request.steps = std::stoi(args.get("--steps", "30"));
    request.guidance = std::stod(args.get("--guidance", "5.0"));
    request.guidanceRescale = std::stod(args.get("--guidance-rescale", "0"));
    const auto seed = args.get("--seed", "0");
    if (seed.empty() || seed.find_first_not_of("0123456789") != std::string::npos)
      return usage("--seed must be a whole number from 0 to 18446744073709551615");
    request.seed = std::stoull(seed); // out_of_range past 2^64 - 1: the catch below
    request.images = std::stoi(args.get("--images", "1"));
    request.clipSkip = std::stoi(args.get("--clip-skip", "1"));
  } catch (const std::exception&) {
    return usage("a numeric option has a value that is not a number");
  }
  const auto seedMode = seedModeFromName(args.get("--seed-mode", "per_image"));
  if (!seedMode) return usage("--seed-mode must be per_image or batch");
  request.seedMode = *seedMode;
  const auto emphasis = emphasisFromName(args.get("--emphasis", "a1111"));
  if (!emphasis) return usage("--emphasis must be a1111, no_norm or comfy");
  request.emphasis = *emphasis;
  const auto emptyNegative = args.get("--empty-negative", "zeros");
  if (emptyNegative != "zeros" && emptyNegative != "encode") return usage("--empty-negative must be zeros or encode");
  request.encodeEmptyNegative = emptyNegative == "encode";
  for (const auto& spec : args.all("--lora")) {
    LoraChoice lora;
    // FILE, FILE:W or FILE:W:W_UNET; a path may hold ':' itself, so the weights are read from the end.
    std::vector<std::string> parts;
    std::string rest = spec;
    for (int k = 0; k < 2; ++k) {
      const auto colon = rest.rfind(':');
      if (colon == std::string::npos) break;
      const auto tail = rest.substr(colon + 1);
      if (tail.empty() || tail.find_first_not_of("0123456789.+-") != std::string::npos) break;
      parts.insert(parts.begin(), tail);
      rest = rest.substr(0, colon);
    }
    lora.file = rest;
    try {
      if (!parts.empty()) lora.textWeight = lora.unetWeight = std::stod(parts[0]);
      if (parts.size() > 1) lora.unetWeight = std::stod(parts[1]);
    } catch (const std::exception&) {
      return usage("--lora " + spec + ": its weights are not numbers");
    }
    request.loras.push_back(lora);
  }
  request.loraFolder = args.get("--lora-folder", args.get("--models", defaultModelsFolder().string()));
  const auto scheduler = schedulerFromName(args.get("--scheduler", "euler"));
  if (!scheduler) return usage("unknown scheduler '" + args.get("--scheduler") + "'; choose one of " + schedulers);
  request.scheduler = *scheduler;
  const auto attention = args.get("--attention", "sdpa");
  if (attention != "sdpa" && attention != "default") return usage("--attention must be sdpa or default");
  request.optimizations.attention = attention == "sdpa" ? Attention::Sdpa : Attention::Default;
  const bool configured = args.has("--config");
  if (configured && (args.has("--precision") || args.has("--attention")))
    return usage("--config names the precision and attention itself; leave out --precision and --attention");
  if (configured) request.optimizations = configFromName(args.get("--config")).options; // Error: exit 2, says the word
  const std::filesystem::path models = args.get("--models", defaultModelsFolder().string());
  if (const auto wrong = applyModeOptions(args, models, args.has("--size"), request); !wrong.empty()) return usage(wrong);
  MemoryOptions memory;
  if (const auto wrong = readMemoryOptions(args, memory); !wrong.empty()) return usage(wrong);
  request.memoryBudget = memory.budget;
  validate(request); // before any loading: a bad request costs nothing

  auto source = ModelSource::parse(resolveInLibrary(args.get("--model"), models, LibraryEntry::Kind::Model));
  if (args.has("--vae")) source.vae = resolveInLibrary(args.get("--vae"), models, LibraryEntry::Kind::Vae);
  source.configs = args.get("--model-config");
  noteWhyCpu(args.get("--device"));
  Pipeline pipeline(source, args.get("--device"));
  const bool cuda = pipeline.deviceName().rfind("cuda", 0) == 0;
  if (memory.limitGiB) setMemoryLimit(static_cast<uint64_t>(*memory.limitGiB * 1073741824.0), cuda); // before any weight
  const auto precision = precisionFromName(args.get("--precision", cuda ? "fp16" : "fp32"));
  if (!precision) return usage("--precision must be fp32, fp16 or bf16");
  if (!configured) request.optimizations.precision = *precision;
  if (source.isRandom()) std::cerr << "note: " << source.describe() << "\n";

  const std::filesystem::path out = args.get("--out");
  std::filesystem::create_directories(out);
  std::signal(SIGINT, onInterrupt);
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
