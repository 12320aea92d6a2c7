#include "sdxl/request.h"

#include "sdxl/error.h"
#include "sdxl/utf8.h"

#include <algorithm>
#include <cmath>
#include <locale>
#include <sstream>

namespace sdxl {

const char* schedulerName(SchedulerKind kind) { return kSchedulerNames[static_cast<int>(kind)].name; }
const char* schedulerLabel(SchedulerKind kind) { return kSchedulerNames[static_cast<int>(kind)].label; }

std::optional<SchedulerKind> schedulerFromName(const std::string& name) {
  for (const auto& row : kSchedulerNames)
    if (name == row.name) return row.kind;
  return std::nullopt;
}

const char* emphasisName(Emphasis emphasis) { return kEmphasisNames[static_cast<int>(emphasis)].name; }

std::optional<Emphasis> emphasisFromName(const std::string& name) {
  for (const auto& row : kEmphasisNames)
    if (name == row.name) return row.emphasis;
  return std::nullopt;
}

const char* hiresUpscalerName(HiresUpscaler u) { return kHiresUpscalerNames[static_cast<int>(u)].name; }
const char* hiresUpscalerLabel(HiresUpscaler u) { return kHiresUpscalerNames[static_cast<int>(u)].label; }

std::optional<HiresUpscaler> hiresUpscalerFromName(const std::string& name) {
  for (const auto& row : kHiresUpscalerNames)
    if (name == row.name) return row.upscaler;
  return std::nullopt;
}

const char* seedModeName(SeedMode mode) { return mode == SeedMode::PerImage ? "per_image" : "batch"; }

std::optional<SeedMode> seedModeFromName(const std::string& name) {
  if (name == "per_image") return SeedMode::PerImage;
  if (name == "batch") return SeedMode::Batch;
  return std::nullopt;
}

namespace {
struct PrecisionRow {
  Precision precision;
  const char* name;
};
constexpr PrecisionRow kPrecisions[] = {{Precision::FP32, "fp32"}, {Precision::FP16, "fp16"}, {Precision::BF16, "bf16"}};
static_assert(sizeof(kPrecisions) / sizeof(kPrecisions[0]) == static_cast<std::size_t>(Precision::BF16) + 1);
} // namespace

const char* precisionName(Precision precision) { return kPrecisions[static_cast<int>(precision)].name; }

std::optional<Precision> precisionFromName(const std::string& name) {
  for (const auto& row : kPrecisions)
    if (name == row.name) return row.precision;
  return std::nullopt;
}

namespace {
std::string sizeOf(const Image& image) { return std::to_string(image.width) + "x" + std::to_string(image.height); }
std::string sizeOf(int width, int height) { return std::to_string(width) + "x" + std::to_string(height); }

[[noreturn]] void fail(const char* text, std::vector<std::string> args = {}) {
  throw Error(ErrorKind::InvalidRequest, text, std::move(args));
}

void validateSourceImages(const GenerationRequest& r) {
  if (r.mask && !r.initImage) fail(QT_TRANSLATE_NOOP("sdxl", "a mask needs the image it belongs to: give an init image too"));
  if (!r.initImage) return;
  for (const Image* image : {&*r.initImage, r.mask ? &*r.mask : nullptr})
    if (image && image->rgb.size() != static_cast<std::size_t>(image->width) * image->height * 3)
      fail(QT_TRANSLATE_NOOP("sdxl", "an image's pixels do not match its size %1"), {sizeOf(*image)});
  if (!r.onlyMaskedPadding && (r.initImage->width != r.width || r.initImage->height != r.height))
    fail(QT_TRANSLATE_NOOP("sdxl", "the init image is %1 but the request is %2; resize or crop it to that size first"),
         {sizeOf(*r.initImage), sizeOf(r.width, r.height)});
  if (r.mask && (r.mask->width != r.initImage->width || r.mask->height != r.initImage->height))
    fail(QT_TRANSLATE_NOOP("sdxl", "the mask is %1 but the image is %2; a mask must be the image's size"),
         {sizeOf(*r.mask), sizeOf(*r.initImage)});
  if (!(r.strength > 0 && r.strength <= 1))
    fail(QT_TRANSLATE_NOOP("sdxl", "strength must be above 0 and at most 1 (the share of the steps that redo the "
                                   "image); got %1"),
         {numberText(r.strength)});
  if (static_cast<int>(r.steps * r.strength) < 1)
    fail(QT_TRANSLATE_NOOP("sdxl", "strength %1 of %2 steps leaves no step to run; raise the strength or the steps"),
         {numberText(r.strength), std::to_string(r.steps)});
  if (r.onlyMaskedPadding && !r.mask)
    fail(QT_TRANSLATE_NOOP("sdxl", "\"only masked\" inpaints the masked part of the image: paint a mask"));
  if (r.onlyMaskedPadding && (*r.onlyMaskedPadding < 0 || *r.onlyMaskedPadding > 1024))
    fail(QT_TRANSLATE_NOOP("sdxl", "the masked area's padding must be between 0 and 1024 pixels"));
  if (r.mask) {
    if (!(r.maskBlur >= 0 && r.maskBlur <= 64))
      fail(QT_TRANSLATE_NOOP("sdxl", "the mask blur must be between 0 and 64 pixels"));
    auto empty = [](const Image& mask) {
      const auto covered = maskCoverage(mask);
      return std::find(covered.begin(), covered.end(), 1) == covered.end();
    };
    if (empty(*r.mask)) fail(QT_TRANSLATE_NOOP("sdxl", "the mask is empty: paint white where the image should change"));
    if (r.maskBlur > 0 && empty(blurMask(*r.mask, r.maskBlur)))
      fail(QT_TRANSLATE_NOOP("sdxl", "the mask blurred by %1 pixels leaves nothing to repaint: paint a larger area "
                                     "or lower the mask blur"),
           {std::to_string(static_cast<int>(r.maskBlur))});
  }
}
} // namespace

void validate(const GenerationRequest& r) {
  if (r.width < 32 || r.height < 32 || r.width > 4096 || r.height > 4096)
    fail(QT_TRANSLATE_NOOP("sdxl", "size %1 is outside 32..4096 pixels per side (SDXL is trained around 1024x1024)"),
         {sizeOf(r.width, r.height)});
  if (r.width % 8 != 0 || r.height % 8 != 0)
    fail(QT_TRANSLATE_NOOP("sdxl", "width and height must be multiples of 8 (the VAE works on 8x8 pixel blocks); "
                                   "got %1"),
         {sizeOf(r.width, r.height)});
  if (r.steps < 1 || r.steps > 1000)
    fail(QT_TRANSLATE_NOOP("sdxl", "steps must be between 1 and 1000; got %1"), {std::to_string(r.steps)});
  if (!(r.guidance >= 0 && r.guidance <= 100)) fail(QT_TRANSLATE_NOOP("sdxl", "guidance must be between 0 and 100"));
  if (!(r.guidanceRescale >= 0 && r.guidanceRescale <= 1))
    fail(QT_TRANSLATE_NOOP("sdxl", "guidance rescale must be between 0 and 1"));
  if (r.images < 1 || r.images > 64)
    fail(QT_TRANSLATE_NOOP("sdxl", "images must be between 1 and 64; got %1"), {std::to_string(r.images)});
  for (const auto& l : r.loras)
    if (!(std::abs(l.textWeight) <= 10 && std::abs(l.unetWeight) <= 10))
      fail(QT_TRANSLATE_NOOP("sdxl", "a LoRA's weight must be between -10 and 10: %1"), {l.file});
  if (r.clipSkip < 1 || r.clipSkip > 12)
    fail(QT_TRANSLATE_NOOP("sdxl", "clip skip must be between 1 (SDXL's own layer) and 12; got %1"),
         {std::to_string(r.clipSkip)});
  validateSourceImages(r);
  if (r.hires) {
    const auto& h = *r.hires;
    if (r.initImage)
      fail(QT_TRANSLATE_NOOP("sdxl", "hires fix draws a new image first; to enlarge an image you have, use img2img "
                                     "at the larger size"));
    if (!(h.scale >= 1 && h.scale <= 4)) fail(QT_TRANSLATE_NOOP("sdxl", "the hires fix's scale must be between 1 and 4"));
    if (h.width(r.width) > 4096 || h.height(r.height) > 4096)
      fail(QT_TRANSLATE_NOOP("sdxl", "the hires fix would make %1, past 4096 pixels a side; lower the scale"),
           {sizeOf(h.width(r.width), h.height(r.height))});
    if (!(h.strength > 0 && h.strength <= 1))
      fail(QT_TRANSLATE_NOOP("sdxl", "the hires fix's strength must be above 0 and at most 1"));
    if (h.steps < 0 || h.steps > 1000)
      fail(QT_TRANSLATE_NOOP("sdxl", "the hires fix's steps must be between 0 (as many as the first pass) and 1000"));
    const int steps = h.steps ? h.steps : r.steps;
    if (static_cast<int>(steps * h.strength) < 1)
      fail(QT_TRANSLATE_NOOP("sdxl", "the hires fix's strength %1 of %2 steps leaves no step to run"),
           {numberText(h.strength), std::to_string(steps)});
  }
  if (r.refiner) {
    if (r.refiner->model.empty())
      fail(QT_TRANSLATE_NOOP("sdxl", "the refiner has no model: choose an SDXL refiner, or no refiner"));
    if (!(r.refiner->start > 0 && r.refiner->start < 1))
      fail(QT_TRANSLATE_NOOP("sdxl", "the refiner's switch point must be between 0 and 1 (the share of the steps the "
                                     "first model runs); got %1"),
           {numberText(r.refiner->start)});
    if (r.hires)
      fail(QT_TRANSLATE_NOOP("sdxl", "the refiner and the hires fix together are not offered yet: choose one"));
    if (r.mask)
      fail(QT_TRANSLATE_NOOP("sdxl", "the refiner stage is not offered with inpainting yet: inpaint, then refine the "
                                     "result as img2img"));
  }
  if (!(r.aestheticScore >= 0 && r.aestheticScore <= 10 && r.negativeAestheticScore >= 0 && r.negativeAestheticScore <= 10))
    fail(QT_TRANSLATE_NOOP("sdxl", "aesthetic scores must be between 0 and 10"));
  const auto& o = r.optimizations;
  if (o.freeTextEncoders && !o.cachePromptEmbeddings)
    fail(QT_TRANSLATE_NOOP("sdxl", "freeing the text encoders needs cached prompt embeddings (otherwise the next "
                                   "prompt has no encoder)"));
  if (o.compile && o.offload == Offload::Sequential)
    fail(QT_TRANSLATE_NOOP("sdxl", "compile (CUDA graphs) and sequential offload cannot be combined: a graph replays "
                                   "fixed weight addresses, while sequential offload moves the weights at every "
                                   "step. Choose one."));
  if (o.stepCache < 0 || o.stepCache > 10)
    fail(QT_TRANSLATE_NOOP("sdxl", "the step cache's interval must be between 2 and 10 steps (0 or 1: off); got %1"),
         {std::to_string(o.stepCache)});
  if (o.stepCache >= 2 && o.offload == Offload::Sequential)
    fail(QT_TRANSLATE_NOOP("sdxl", "the step cache and sequential offload cannot be combined: sequential offload "
                                   "streams the whole UNet in its order every step. Choose one."));
  if (o.fp8 && o.offload != Offload::None)
    fail(QT_TRANSLATE_NOOP("sdxl", "FP8 products and CPU offload cannot be combined: the FP8 copy of the UNet's "
                                   "weights stays on the GPU and is made again whenever offload brings the weights "
                                   "back. Choose one."));
  if (!(o.guidanceCutoff > 0 && o.guidanceCutoff <= 1))
    fail(QT_TRANSLATE_NOOP("sdxl", "the guidance cut-off must be a share of the steps above 0 and at most 1 (1: "
                                   "guidance throughout)"));
  if (r.prompt.size() > 100000 || r.negativePrompt.size() > 100000)
    fail(QT_TRANSLATE_NOOP("sdxl", "the prompt is longer than 100,000 bytes"));
  const char* invalidUtf8[] = {
      QT_TRANSLATE_NOOP("sdxl", "the prompt is not valid UTF-8 text (byte %1 cannot start a character); write it in "
                                "UTF-8, the encoding of every modern terminal and editor"),
      QT_TRANSLATE_NOOP("sdxl", "the negative prompt is not valid UTF-8 text (byte %1 cannot start a character); "
                                "write it in UTF-8, the encoding of every modern terminal and editor")};
  for (int i = 0; i < 2; ++i)
    if (const auto at = firstInvalidUtf8(i == 0 ? r.prompt : r.negativePrompt)) fail(invalidUtf8[i], {std::to_string(*at)});
}

} // namespace sdxl

namespace sdxl {

std::optional<MemoryBudget> memoryBudgetFromText(const std::string& text) {
  if (text == "off" || text.empty()) return MemoryBudget{};
  if (text == "auto") return MemoryBudget{MemoryBudget::Mode::Auto, 0};
  if (text.find_first_not_of("0123456789.") != std::string::npos) return std::nullopt;
  std::istringstream in(text); // the C locale's decimal point, whatever the user's locale
  in.imbue(std::locale::classic());
  double gib = 0;
  if (!(in >> gib) || in.peek() != std::char_traits<char>::eof()) return std::nullopt;
  if (!(gib >= 0.01 && gib <= 4096)) return std::nullopt; // small enough for the tiny model
  return MemoryBudget::gib(gib);
}

std::string memoryBudgetText(const MemoryBudget& budget) {
  switch (budget.mode) {
  case MemoryBudget::Mode::Off: return "off";
  case MemoryBudget::Mode::Auto: return "auto";
  case MemoryBudget::Mode::Bytes: break;
  }
  std::ostringstream out;
  out.imbue(std::locale::classic());
  out << double(budget.bytes) / 1073741824.0;
  return out.str();
}

} // namespace sdxl
