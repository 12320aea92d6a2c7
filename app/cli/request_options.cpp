#include "request_options.h"

#include "sdxl/benchmark.h"
#include "sdxl/model_library.h"
#include "sdxl/switches.h"

#include <exception>

namespace sdxl::cli {

std::vector<OptionSpec> requestOptionSpecs() {
  std::string schedulers;
  for (const auto& s : kSchedulerNames) schedulers += std::string(schedulers.empty() ? "" : ", ") + s.name;
  return {
             {"--lora", "FILE[:W[:W_UNET]]",
              "a LoRA to merge, with its weight (default 1; a second weight for the UNet alone); repeat for more"},
             {"--lora-folder", "DIR",
              "where the prompt's <lora:NAME:W> tags are found (NAME.safetensors, in any subfolder; default: the "
              "models folder)"},
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
                  configWordsHelp() + " (e.g. fp16_compile_vae_slicing); replaces --precision and --attention"}};
}

std::string readPrecision(const Args& args, bool cuda, GenerationRequest& request) {
  if (args.has("--config")) return {};
  const auto precision = precisionFromName(args.get("--precision", cuda ? "fp16" : "fp32"));
  if (!precision) return "--precision must be fp32, fp16 or bf16";
  request.optimizations.precision = *precision;
  return {};
}

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

std::string readRequestOptions(const Args& args, GenerationRequest& request) {
  std::string schedulers;
  for (const auto& s : kSchedulerNames) schedulers += std::string(schedulers.empty() ? "" : ", ") + s.name;
  request.prompt = args.get("--prompt");
  request.negativePrompt = args.get("--negative");
  try {
    if (args.has("--size") && !parseSize(args.get("--size"), request.width, request.height))
      return std::string("--size must look like 1024x1024");
    request.steps = std::stoi(args.get("--steps", "30"));
    request.guidance = std::stod(args.get("--guidance", "5.0"));
    request.guidanceRescale = std::stod(args.get("--guidance-rescale", "0"));
    const auto seed = args.get("--seed", "0");
    if (seed.empty() || seed.find_first_not_of("0123456789") != std::string::npos)
      return std::string("--seed must be a whole number from 0 to 18446744073709551615");
    request.seed = std::stoull(seed); // out_of_range past 2^64 - 1: the catch below
    request.images = std::stoi(args.get("--images", "1"));
    request.clipSkip = std::stoi(args.get("--clip-skip", "1"));
  } catch (const std::exception&) {
    return std::string("a numeric option has a value that is not a number");
  }
  const auto seedMode = seedModeFromName(args.get("--seed-mode", "per_image"));
  if (!seedMode) return std::string("--seed-mode must be per_image or batch");
  request.seedMode = *seedMode;
  const auto emphasis = emphasisFromName(args.get("--emphasis", "a1111"));
  if (!emphasis) return std::string("--emphasis must be a1111, no_norm or comfy");
  request.emphasis = *emphasis;
  const auto emptyNegative = args.get("--empty-negative", "zeros");
  if (emptyNegative != "zeros" && emptyNegative != "encode") return std::string("--empty-negative must be zeros or encode");
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
      return std::string("--lora " + spec + ": its weights are not numbers");
    }
    request.loras.push_back(lora);
  }
  request.loraFolder = args.get("--lora-folder", args.get("--models", defaultModelsFolder().string()));
  const auto scheduler = schedulerFromName(args.get("--scheduler", "euler"));
  if (!scheduler) return std::string("unknown scheduler '" + args.get("--scheduler") + "'; choose one of " + schedulers);
  request.scheduler = *scheduler;
  const auto attention = args.get("--attention", "sdpa");
  if (attention != "sdpa" && attention != "default") return std::string("--attention must be sdpa or default");
  request.optimizations.attention = attention == "sdpa" ? Attention::Sdpa : Attention::Default;
  if (args.has("--config") && (args.has("--precision") || args.has("--attention")))
    return std::string("--config names the precision and attention itself; leave out --precision and --attention");
  if (args.has("--config")) request.optimizations = configFromName(args.get("--config")).options; // Error: exit 2, says the word
  return {};
}

} // namespace sdxl::cli
