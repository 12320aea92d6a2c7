#include "mode_options.h"

#include "sdxl/image.h"

namespace sdxl::cli {

std::vector<OptionSpec> modeOptionSpecs() {
  return {
      {"--init-image", "PNG", "img2img: start from this image instead of noise"},
      {"--strength", "S", "img2img and inpainting: how much of the image to redo, above 0 to 1 (default 0.75)"},
      {"--mask", "PNG", "inpainting: white is repainted, black kept; the init image's size"},
      {"--mask-blur", "PX", "inpainting: blur the mask by this many pixels before reading it (default 4, as A1111)"},
      {"--only-masked", "PX",
       "inpainting: only the masked area, with PX pixels around it (A1111 uses 32), at --size, pasted back into the "
       "image, which keeps its size"},
      {"--resize-mode", "crop|resize|fill",
       "an init image of another size than --size: scaled to cover it and cut (crop, default), stretched, or scaled "
       "to fit inside and the rest filled"},
      {"--hires-scale", "X", "hires fix: draw at --size, enlarge by X (1 to 4), and redo part at that size"},
      {"--hires-strength", "S", "hires fix: how much of the enlarged image to redo (default 0.55)"},
      {"--hires-steps", "N", "hires fix: the second pass's steps (default: as many as --steps)"},
      {"--hires-upscaler", "NAME", "hires fix: latent (default), latent_nearest or lanczos (the decoded image)"},
      {"--refiner", "DIR|FILE",
       "an SDXL refiner that denoises the last part of the steps (a folder or .safetensors, or a name in the models "
       "folder)"},
      {"--refiner-start", "F", "where the refiner takes over, as a share of the steps (default 0.8)"},
      {"--aesthetic-score", "A", "a refiner's aesthetic conditioning (default 6; the negative half's: 2.5)"},
  };
}

std::string resolveInLibrary(const std::string& spec, const std::filesystem::path& models, LibraryEntry::Kind kind) {
  if (spec.rfind("builtin", 0) == 0 || std::filesystem::exists(spec) || spec.find('/') != std::string::npos) return spec;
  for (const auto& e : scanModelLibrary(models))
    if (e.kind == kind && e.name == spec) return e.path.string();
  return spec; // not there either: loading says what is missing
}

ModelSource modelSourceOf(const Args& args, const std::string& spec, const std::filesystem::path& models) {
  auto source = ModelSource::parse(resolveInLibrary(spec, models, LibraryEntry::Kind::Model));
  if (args.has("--vae")) source.vae = resolveInLibrary(args.get("--vae"), models, LibraryEntry::Kind::Vae);
  source.configs = args.get("--model-config");
  return source;
}

std::string applyModeOptions(const Args& args, const std::filesystem::path& models, bool keepSize,
                             GenerationRequest& request) {
  const bool hires = args.has("--hires-scale");
  for (const char* option : {"--hires-strength", "--hires-steps", "--hires-upscaler"})
    if (args.has(option) && !hires) return std::string(option) + " needs --hires-scale";
  if (args.has("--refiner-start") && !args.has("--refiner")) return "--refiner-start needs --refiner";
  if (args.has("--mask") && !args.has("--init-image")) return "--mask needs --init-image, the image it belongs to";
  if (args.has("--strength") && !args.has("--init-image")) return "--strength needs --init-image";
  if (args.has("--mask-blur") && !args.has("--mask")) return "--mask-blur needs --mask";
  if (args.has("--only-masked") && !args.has("--mask")) return "--only-masked needs --mask";
  const auto fit = args.get("--resize-mode", "crop");
  if (fit != "crop" && fit != "resize" && fit != "fill") return "--resize-mode must be crop, resize or fill";
  try {
    if (hires) {
      HiresFix fix;
      fix.scale = std::stod(args.get("--hires-scale"));
      fix.strength = std::stod(args.get("--hires-strength", "0.55"));
      fix.steps = std::stoi(args.get("--hires-steps", "0"));
      const auto upscaler = hiresUpscalerFromName(args.get("--hires-upscaler", "latent"));
      if (!upscaler) return "--hires-upscaler must be latent, latent_nearest or lanczos";
      fix.upscaler = *upscaler;
      request.hires = fix;
    }
    if (args.has("--refiner"))
      request.refiner = RefinerChoice{resolveInLibrary(args.get("--refiner"), models, LibraryEntry::Kind::Model),
                                      std::stod(args.get("--refiner-start", "0.8"))};
    request.aestheticScore = std::stod(args.get("--aesthetic-score", "6"));
    request.strength = std::stod(args.get("--strength", "0.75"));
    request.maskBlur = std::stod(args.get("--mask-blur", "4"));
    if (args.has("--only-masked")) request.onlyMaskedPadding = std::stoi(args.get("--only-masked"));
  } catch (const std::exception&) {
    return "--strength, --mask-blur, --only-masked, --hires-*, --refiner-start and --aesthetic-score take numbers";
  }
  if (!args.has("--init-image")) return {};
  const auto init = loadPng(args.get("--init-image")); // Error: says which file and why
  // Only the masked area: the image and mask stay whole, the area is worked at the request's size.
  const bool whole = request.onlyMaskedPadding.has_value();
  if (!keepSize && !whole) request.width = init.width / 8 * 8, request.height = init.height / 8 * 8;
  const auto how = fit == "crop" ? ImageFit::Crop : fit == "fill" ? ImageFit::Fill : ImageFit::Resize;
  request.initImage = whole ? init : fitImage(init, request.width, request.height, how);
  if (args.has("--mask")) {
    const auto mask = loadPng(args.get("--mask"));
    if (mask.width != init.width || mask.height != init.height)
      return "the mask " + args.get("--mask") + " is " + std::to_string(mask.width) + "x" + std::to_string(mask.height) +
             " but the image is " + std::to_string(init.width) + "x" + std::to_string(init.height) +
             "; a mask must be its image's size";
    request.mask = whole ? mask : fitImage(mask, request.width, request.height, how);
  }
  return {};
}

} // namespace sdxl::cli
