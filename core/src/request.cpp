#include "sdxl/request.h"

#include "sdxl/error.h"
#include "sdxl/utf8.h"

#include <cmath>

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

bool OptimizationOptions::operator==(const OptimizationOptions& o) const {
  return precision == o.precision && attention == o.attention && compile == o.compile && offload == o.offload &&
         vaeSlicing == o.vaeSlicing && vaeTiling == o.vaeTiling && cachePromptEmbeddings == o.cachePromptEmbeddings &&
         freeTextEncoders == o.freeTextEncoders && tinyAutoencoder == o.tinyAutoencoder &&
         fp32Vae == o.fp32Vae;
}

std::string OptimizationOptions::describe() const {
  std::string s = precisionName(precision);
  s += attention == Attention::Sdpa ? " sdpa" : " default-attention";
  if (compile) s += " compile";
  if (offload == Offload::Model) s += " model-offload";
  if (offload == Offload::Sequential) s += " sequential-offload";
  if (vaeSlicing) s += " vae-slicing";
  if (vaeTiling) s += " vae-tiling";
  if (cachePromptEmbeddings) s += freeTextEncoders ? " cached-embeddings(free-encoders)" : " cached-embeddings";
  if (tinyAutoencoder) s += " tiny-vae";
  if (fp32Vae) s += " fp32-vae";
  return s;
}

void validate(const GenerationRequest& r) {
  auto fail = [](const std::string& what) { throw Error(ErrorKind::InvalidRequest, what); };
  if (r.width < 32 || r.height < 32 || r.width > 4096 || r.height > 4096)
    fail("size " + std::to_string(r.width) + "x" + std::to_string(r.height) +
         " is outside 32..4096 pixels per side (SDXL is trained around 1024x1024)");
  if (r.width % 8 != 0 || r.height % 8 != 0)
    fail("width and height must be multiples of 8 (the VAE works on 8x8 pixel blocks); got " +
         std::to_string(r.width) + "x" + std::to_string(r.height));
  if (r.steps < 1 || r.steps > 1000) fail("steps must be between 1 and 1000; got " + std::to_string(r.steps));
  if (!(r.guidance >= 0 && r.guidance <= 100)) fail("guidance must be between 0 and 100");
  if (!(r.guidanceRescale >= 0 && r.guidanceRescale <= 1)) fail("guidance rescale must be between 0 and 1");
  if (r.images < 1 || r.images > 64) fail("images must be between 1 and 64; got " + std::to_string(r.images));
  for (const auto& l : r.loras)
    if (!(std::abs(l.textWeight) <= 10 && std::abs(l.unetWeight) <= 10))
      fail("a LoRA's weight must be between -10 and 10: " + l.file);
  if (r.clipSkip < 1 || r.clipSkip > 12)
    fail("clip skip must be between 1 (SDXL's own layer) and 12; got " + std::to_string(r.clipSkip));
  const auto& o = r.optimizations;
  if (o.freeTextEncoders && !o.cachePromptEmbeddings)
    fail("freeing the text encoders needs cached prompt embeddings (otherwise the next prompt has no encoder)");
  if (o.compile && o.offload == Offload::Sequential)
    fail("compile (CUDA graphs) and sequential offload cannot be combined: a graph replays fixed weight addresses, "
         "while sequential offload moves the weights at every step. Choose one.");
  if (r.prompt.size() > 100000 || r.negativePrompt.size() > 100000) fail("the prompt is longer than 100,000 bytes");
  for (const auto& [what, text] : {std::pair{"prompt", &r.prompt}, std::pair{"negative prompt", &r.negativePrompt}})
    if (const auto at = firstInvalidUtf8(*text))
      fail(std::string("the ") + what + " is not valid UTF-8 text (byte " + std::to_string(*at) +
           " cannot start a character); write it in UTF-8, the encoding of every modern terminal and editor");
}

} // namespace sdxl
