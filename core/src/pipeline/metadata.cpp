#include "sdxl/metadata.h"

#include "io/sha256.h"
#include "sdxl/error.h"
#include "sdxl/model_library.h"
#include "sdxl/switches.h"
#include "sdxl/version.h"

#include <nlohmann/json.hpp>

#include <limits>
#include <optional>
#include <sstream>
#include <type_traits>

namespace sdxl {

ModelIdentity identityOf(const ModelSource& source) {
  ModelIdentity id(source.kind == ModelSource::Kind::SingleFile ? source.file.stem().string()
                   : source.kind == ModelSource::Kind::Folder  ? source.folder.filename().string()
                                                               : source.describe());
  if (id.name.empty()) id.name = source.describe(); // a folder given with a trailing slash
  if (source.kind == ModelSource::Kind::SingleFile) id.hash = shortModelHash(source.file); // 64 KiB read: cheap
  if (!source.vae.empty()) id.vae = source.vae.filename().string();
  return id;
}

namespace {
// Which image (or mask) a request started from, by its pixels: the same for a file, a paste or a
// gallery image, whatever its name.
std::string pixelHash(const Image& image) {
  io::Sha256 sha;
  sha.update(image.rgb.data(), image.rgb.size());
  return io::Sha256::hex(sha.digest());
}
} // namespace

std::string a1111Parameters(const GenerationRequest& r, const ModelIdentity& model, int imageIndex) {
  std::ostringstream out;
  out << r.prompt << "\n";
  if (!r.negativePrompt.empty()) out << "Negative prompt: " << r.negativePrompt << "\n";
  // A1111 writes each image's own seed; so do we where image k is the image seed + k makes alone.
  const uint64_t seed = r.seedMode == SeedMode::PerImage ? r.seed + static_cast<uint64_t>(imageIndex) : r.seed;
  out << "Steps: " << r.steps << ", Sampler: " << schedulerLabel(r.scheduler) << ", CFG scale: " << r.guidance
      << ", Seed: " << seed << ", Size: " << r.width << "x" << r.height;
  if (!model.hash.empty()) out << ", Model hash: " << model.hash;
  out << ", Model: " << model.name;
  if (!model.vae.empty()) out << ", VAE: " << model.vae;
  if (r.images > 1) out << ", Batch size: " << r.images << ", Batch pos: " << imageIndex;
  if (r.seedMode == SeedMode::Batch && r.images > 1) out << ", Seed mode: one draw for the batch (diffusers)";
  if (r.clipSkip != 1) out << ", Clip skip: " << r.clipSkip;
  if (r.emphasis == Emphasis::NoNorm) out << ", Emphasis: No norm";
  if (r.emphasis == Emphasis::Comfy) out << ", Emphasis: ComfyUI";
  if (r.guidanceRescale > 0) out << ", CFG rescale: " << r.guidanceRescale;
  if (r.initImage) out << ", Denoising strength: " << r.strength << ", Init image hash: " << pixelHash(*r.initImage).substr(0, 10);
  if (r.mask) out << ", Mask blur: " << r.maskBlur << ", Mask hash: " << pixelHash(*r.mask).substr(0, 10);
  if (r.onlyMaskedPadding) out << ", Inpaint area: Only masked, Masked area padding: " << *r.onlyMaskedPadding;
  if (r.hires)
  {
    out << ", Denoising strength: " << r.hires->strength << ", Hires upscale: " << r.hires->scale;
    if (r.hires->steps) out << ", Hires steps: " << r.hires->steps;
    out << ", Hires upscaler: " << hiresUpscalerLabel(r.hires->upscaler);
  }
  if (r.refiner) {
    const auto refiner = identityOf(ModelSource::parse(r.refiner->model));
    out << ", Refiner: " << refiner.name << (refiner.hash.empty() ? "" : " [" + refiner.hash + "]")
        << ", Refiner switch at: " << r.refiner->start;
  }
  if (r.negativePrompt.empty() && r.encodeEmptyNegative) out << ", Empty negative prompt: encoded";
  // Quoted, as A1111 quotes a value holding commas.
  if (r.optimizations.approximate()) out << ", Approximate: \"" << approximateSwitchesText(r.optimizations) << "\"";
  out << ", Precision: " << precisionName(r.optimizations.precision) << ", Version: SDXL Studio " << studioVersion();
  return out.str();
}

std::string requestToJson(const GenerationRequest& r, const ModelIdentity& model, int imageIndex) {
  nlohmann::ordered_json j;
  j["prompt"] = r.prompt;
  j["negative_prompt"] = r.negativePrompt;
  j["empty_negative_prompt"] = r.encodeEmptyNegative ? "encoded" : "zeros";
  j["width"] = r.width;
  j["height"] = r.height;
  j["steps"] = r.steps;
  j["guidance"] = r.guidance;
  j["guidance_rescale"] = r.guidanceRescale;
  j["seed"] = r.seed;
  j["seed_mode"] = seedModeName(r.seedMode);
  j["images"] = r.images;
  j["clip_skip"] = r.clipSkip;
  j["emphasis"] = emphasisName(r.emphasis);
  auto loras = nlohmann::ordered_json::array();
  for (const auto& l : r.loras) loras.push_back({{"file", l.file}, {"text_weight", l.textWeight}, {"unet_weight", l.unetWeight}});
  j["loras"] = loras;
  j["image_index"] = imageIndex;
  if (r.hires)
    j["hires"] = {{"scale", r.hires->scale}, {"strength", r.hires->strength}, {"steps", r.hires->steps},
                  {"upscaler", hiresUpscalerName(r.hires->upscaler)}};
  if (r.refiner) j["refiner"] = {{"model", r.refiner->model}, {"start", r.refiner->start}};
  j["aesthetic_score"] = r.aestheticScore;
  j["negative_aesthetic_score"] = r.negativeAestheticScore;
  if (r.initImage) {
    j["mode"] = r.mask ? "inpaint" : "img2img";
    j["strength"] = r.strength;
    j["init_image_sha256"] = pixelHash(*r.initImage);
    if (r.mask) {
      j["mask_sha256"] = pixelHash(*r.mask);
      j["mask_blur"] = r.maskBlur;
      if (r.onlyMaskedPadding) j["only_masked_padding"] = *r.onlyMaskedPadding;
    }
  }
  j["scheduler"] = schedulerName(r.scheduler);
  j["precision"] = precisionName(r.optimizations.precision);
  const auto& o = r.optimizations;
  j["attention"] = o.attention == Attention::Sdpa ? "sdpa" : "default";
  j["offload"] = offloadName(o.offload);
  for (const auto& s : kOptimizationSwitches) {
    if (s.valueFormat) {
      if (switchOn(s, o)) j[s.jsonKey] = s.get(o);
    } else {
      j[s.jsonKey] = switchOn(s, o);
    }
  }
  if (o.approximate()) j["approximate"] = approximateSwitchesText(o);
  if (r.memoryBudget.mode != MemoryBudget::Mode::Off) j["memory_budget"] = memoryBudgetText(r.memoryBudget);
  if (!r.memoryNotes.empty()) j["memory_notes"] = r.memoryNotes;
  j["model"] = model.name;
  if (!model.hash.empty()) j["model_hash"] = model.hash;
  if (!model.vae.empty()) j["vae"] = model.vae;
  j["generator"] = "SDXL Studio " + studioVersion();
  // validate() refuses text that is not UTF-8; should any reach here, it is stored replaced
  // (U+FFFD) rather than lose the image whose metadata this is.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

namespace {
// A whole number of the saved parameters that fits T (anyone can edit a PNG's text, and a number
// out of range or with a fraction would not convert safely), or `fallback` where the key is absent.
template <typename T>
T wholeNumber(const nlohmann::json& j, const char* key, std::optional<T> fallback = std::nullopt) {
  if (!j.contains(key) && fallback) return *fallback;
  const auto& v = j.at(key);
  if (v.is_number_unsigned() && v.get<uint64_t>() <= uint64_t(std::numeric_limits<T>::max())) return static_cast<T>(v.get<uint64_t>());
  if (v.is_number_integer() && !v.is_number_unsigned() && std::is_signed_v<T> &&
      v.get<int64_t>() >= int64_t(std::numeric_limits<T>::min()) && v.get<int64_t>() <= int64_t(std::numeric_limits<T>::max()))
    return static_cast<T>(v.get<int64_t>());
  throw Error(ErrorKind::InvalidRequest, std::string("the saved parameters' ") + key + " is not a whole number in range");
}
} // namespace

GenerationRequest requestFromJson(const std::string& text) {
  GenerationRequest r;
  try {
    const auto j = nlohmann::json::parse(text);
    r.prompt = j.at("prompt").get<std::string>();
    r.negativePrompt = j.value("negative_prompt", "");
    r.encodeEmptyNegative = j.value("empty_negative_prompt", "zeros") == "encoded";
    r.width = wholeNumber<int>(j, "width");
    r.height = wholeNumber<int>(j, "height");
    r.steps = wholeNumber<int>(j, "steps");
    r.guidance = j.at("guidance").get<double>();
    r.guidanceRescale = j.value("guidance_rescale", 0.0);
    r.seed = wholeNumber<uint64_t>(j, "seed");
    r.images = wholeNumber<int>(j, "images", 1);
    r.maskBlur = j.value("mask_blur", r.maskBlur);
    if (j.contains("only_masked_padding")) r.onlyMaskedPadding = wholeNumber<int>(j, "only_masked_padding");
    r.strength = j.value("strength", r.strength); // the image itself is not stored: reuse it from where it is
    if (j.contains("hires")) {
      const auto& h = j.at("hires");
      HiresFix fix;
      fix.scale = h.value("scale", fix.scale);
      fix.strength = h.value("strength", fix.strength);
      fix.steps = wholeNumber<int>(h, "steps", 0);
      const auto upscaler = hiresUpscalerFromName(h.value("upscaler", "latent"));
      if (!upscaler) throw Error(ErrorKind::InvalidRequest, "unknown hires upscaler in saved parameters");
      fix.upscaler = *upscaler;
      r.hires = fix;
    }
    if (j.contains("refiner")) {
      const auto& f = j.at("refiner");
      r.refiner = RefinerChoice{f.at("model").get<std::string>(), f.value("start", 0.8)};
    }
    r.aestheticScore = j.value("aesthetic_score", r.aestheticScore);
    r.negativeAestheticScore = j.value("negative_aesthetic_score", r.negativeAestheticScore);
    // Images saved before these fields existed were made the only way there was then.
    const auto seedMode = seedModeFromName(j.value("seed_mode", "batch"));
    if (!seedMode) throw Error(ErrorKind::InvalidRequest, "unknown seed mode in saved parameters");
    r.seedMode = *seedMode;
    r.clipSkip = wholeNumber<int>(j, "clip_skip", 1);
    const auto emphasis = emphasisFromName(j.value("emphasis", "a1111"));
    if (!emphasis) throw Error(ErrorKind::InvalidRequest, "unknown emphasis in saved parameters");
    r.emphasis = *emphasis;
    for (const auto& l : j.value("loras", nlohmann::json::array()))
      r.loras.push_back({l.at("file").get<std::string>(), l.value("text_weight", 1.0), l.value("unet_weight", 1.0)});
    const auto scheduler = schedulerFromName(j.value("scheduler", "euler"));
    if (!scheduler) throw Error(ErrorKind::InvalidRequest, "unknown scheduler in saved parameters");
    r.scheduler = *scheduler;
    const auto precision = precisionFromName(j.value("precision", "fp16"));
    if (precision) r.optimizations.precision = *precision;
    auto& o = r.optimizations;
    o.attention = j.value("attention", "sdpa") == "default" ? Attention::Default : Attention::Sdpa;
    o.offload = offloadFromName(j.value("offload", "none")).value_or(Offload::None);
    for (const auto& s : kOptimizationSwitches) {
      if (!j.contains(s.jsonKey)) continue;
      const auto& v = j[s.jsonKey];
      const double value = v.is_boolean() ? (v.get<bool>() ? 1.0 : 0.0) : v.is_number() ? v.get<double>() : 0.0;
      if (s.valueFormat && value != 0 && !(value >= s.minValue && value <= s.maxValue))
        throw Error(ErrorKind::InvalidRequest, std::string("the saved ") + s.label + " is out of range");
      s.set(o, value);
    }
    o.freeTextEncoders = o.freeTextEncoders && o.cachePromptEmbeddings;
    if (const auto budget = memoryBudgetFromText(j.value("memory_budget", "off"))) r.memoryBudget = *budget;
    for (const auto& note : j.value("memory_notes", nlohmann::json::array()))
      if (note.is_string()) r.memoryNotes.push_back(note.get<std::string>());
  } catch (const nlohmann::json::exception& e) {
    throw Error(ErrorKind::InvalidRequest, std::string("these are not SDXL Studio parameters (") + e.what() + ")");
  }
  return r;
}

std::map<std::string, std::string> imageTextChunks(const GenerationRequest& r, const ModelIdentity& model, int imageIndex) {
  return imageTextChunks(a1111Parameters(r, model, imageIndex), requestToJson(r, model, imageIndex));
}

std::map<std::string, std::string> imageTextChunks(const std::string& parameters, const std::string& requestJson) {
  return {{"parameters", parameters}, {"sdxl-studio", requestJson}, {"Software", "SDXL Studio " + studioVersion()}};
}

} // namespace sdxl
