#include "pipeline/sdxl_model.h"

#include "sdxl/error.h"
#include "sdxl/model_source.h"
#include "sdxl/telemetry.h"

#include <fstream>

#ifdef SDXL_WITH_CUDA
#include <ATen/cuda/CUDAContext.h>
#endif

namespace sdxl::pipeline {
namespace fs = std::filesystem;

namespace {
// Seeds of the built-in model's components: fixed, so its cost and output are repeatable.
constexpr uint64_t kSeedTextEncoder1 = 1, kSeedTextEncoder2 = 2, kSeedUNet = 3, kSeedVae = 4, kSeedTinyVae = 5;

std::string builtinName(const ModelSource& s) { return s.tiny ? "sdxl-tiny" : "sdxl-base"; }

io::ComponentSpec specFor(const SdxlModel& m, const std::string& component) {
  io::ComponentSpec spec;
  // Offloaded components are read into host memory and pinned there by their placement; the
  // built-in model's are drawn on the GPU tensor by tensor (fast) into host memory the same way.
  spec.device = m.offload == Offload::None ? m.device : torch::Device(torch::kCPU);
  spec.randomOn = m.device;
  spec.dtype = m.dtype;
  spec.variant = m.dtype == torch::kFloat ? "" : "fp16";
  if (m.progress) {
    auto progress = m.progress;
    spec.progress = [progress, component](uint64_t done, uint64_t total) {
      progress(component, total ? double(done) / double(total) : 1.0);
    };
  }
  return spec;
}
} // namespace

std::pair<std::shared_ptr<const ClipTokenizer>, std::shared_ptr<const ClipTokenizer>>
loadTokenizers(const ModelSource& source) {
  // Single files carry no tokenizer: theirs is SDXL-base's, the built-in model's. A refiner's folder
  // has only the second; the first (SDXL-base's) still counts a prompt's tokens for people.
  const fs::path dir = source.kind == ModelSource::Kind::Folder ? source.folder : builtinTokenizerDir();
  const fs::path first = fs::exists(dir / "tokenizer") ? dir / "tokenizer" : builtinTokenizerDir() / "tokenizer";
  return {ClipTokenizer::fromFolder(first), ClipTokenizer::fromFolder(dir / "tokenizer_2")};
}

void SdxlModel::ensureTextEncoders() {
  if (textEncodersLoaded()) return;
  // Both or neither: a load interrupted between the two (cancel, a bad file) leaves none loaded.
  text::ClipTextModel first{nullptr}, second{nullptr};
  if (source.isRandom()) {
    first = io::randomClipTextModel(builtinName(source), "text_encoder", specFor(*this, "text_encoder"), kSeedTextEncoder1);
    second = io::randomClipTextModel(builtinName(source), "text_encoder_2", specFor(*this, "text_encoder_2"), kSeedTextEncoder2);
  } else {
    if (config.firstTextEncoder) first = io::loadClipTextModel(*files, "text_encoder", specFor(*this, "text_encoder"));
    second = io::loadClipTextModel(*files, "text_encoder_2", specFor(*this, "text_encoder_2"));
  }
  if (!first.is_empty()) {
    textEncoder1Placement = makePlacement(offload, *first, device);
    textLayers["text_encoder"] = loraLayerNames(*first);
  }
  textEncoder2Placement = makePlacement(offload, *second, device);
  textEncoder1 = first;
  textEncoder2 = second;
  textLayers["text_encoder_2"] = loraLayerNames(*second);
  loras.textEncodersReloaded(*this); // fresh weights are the model's own: the current LoRAs go back in
}

void SdxlModel::releaseTextEncoders() {
  textEncoder1Placement.reset();
  textEncoder2Placement.reset();
  textEncoder1 = text::ClipTextModel(nullptr);
  textEncoder2 = text::ClipTextModel(nullptr);
  releaseCachedMemory();
}

void SdxlModel::ensureTinyAutoencoder() {
  if (!vaeTiny.is_empty()) return;
  auto spec = specFor(*this, "vae_tiny");
  if (source.isRandom()) {
    vaeTiny = io::randomAutoencoderTiny(builtinName(source), spec, kSeedTinyVae);
  } else {
    const auto dir = files->tinyAutoencoderDir();
    if (!fs::exists(dir / "config.json"))
      throw Error(ErrorKind::ModelFormat,
                  QT_TRANSLATE_NOOP("sdxl", "the Tiny AutoEncoder is switched on, but %1 does not exist. Put TAESDXL "
                                            "there in diffusers' format (madebyollin/taesdxl: config.json and "
                                            "diffusion_pytorch_model.safetensors), or switch the Tiny AutoEncoder off."),
                  {dir.string()});
    vaeTiny = io::loadAutoencoderTiny(dir, spec);
  }
  if (vaeTinyDtype() != dtype) vaeTiny->to(vaeTinyDtype());
  // As the UNet: NHWC convolutions at TAESD's 64 channels, no transposes around cuDNN.
  if (nn::channelsLastOn(device)) nn::convertToChannelsLast(*vaeTiny);
  vaeTinyPlacement = makePlacement(offload, *vaeTiny, device);
}

torch::ScalarType SdxlModel::vaeDtypeFor(bool fp32Vae) const {
  if (dtype != torch::kHalf || !vae->config().forceUpcast) return dtype;
#ifdef SDXL_WITH_CUDA
  if (!fp32Vae && device.is_cuda() && at::cuda::getDeviceProperties(device.index() < 0 ? 0 : device.index())->major >= 8)
    return torch::kBFloat16;
#endif
  return torch::kFloat;
}

void SdxlModel::ensureVae(torch::ScalarType wanted) {
  if (!vae.is_empty() && wanted == vaeDtype) return;
  vaePlacement.reset();
  // Converted from the file's (or seed's) values, loaded in the run's precision: a VAE converted
  // before is loaded again, since converting bf16 weights back to fp32 would keep bf16's rounding.
  if (vae.is_empty() || vaeDtype != dtype) {
    vae = nn::AutoencoderKL(nullptr);
    if (source.isRandom()) vae = io::randomAutoencoderKL(builtinName(source), specFor(*this, "vae"), kSeedVae);
    else vae = io::loadAutoencoderKL(*files, specFor(*this, "vae"));
  }
  if (wanted != dtype) vae->to(wanted);
  // As the UNet: NHWC convolutions, no transposes around cuDNN (most of the decode's time is
  // convolutions at 512 and 1024 pixels).
  if (nn::channelsLastOn(device)) nn::convertToChannelsLast(*vae);
  vaeDtype = wanted;
  vaePlacement = makePlacement(offload, *vae, device);
}

torch::ScalarType dtypeOf(Precision precision) {
  switch (precision) {
  case Precision::FP32: return torch::kFloat;
  case Precision::FP16: return torch::kHalf;
  case Precision::BF16: return torch::kBFloat16;
  }
  return torch::kFloat;
}

void SdxlModel::changeOffload(Offload to) {
  if (to == offload) return;
  auto replace = [&](std::unique_ptr<Placement>& placement, torch::nn::Module* module) {
    if (!placement || !module) return;
    placement.reset(); // parameters stay where the old one left them (device or pinned host)
    placement = makePlacement(to, *module, device);
  };
  offload = to;
  replace(textEncoder1Placement, textEncoder1.is_empty() ? nullptr : textEncoder1.get());
  replace(textEncoder2Placement, textEncoder2.is_empty() ? nullptr : textEncoder2.get());
  replace(unetPlacement, unet.get());
  replace(vaePlacement, vae.is_empty() ? nullptr : vae.get());
  replace(vaeTinyPlacement, vaeTiny.is_empty() ? nullptr : vaeTiny.get());
  releaseCachedMemory();
}

std::unique_ptr<SdxlModel> loadSdxlModel(const ModelSource& source, torch::Device device, torch::ScalarType dtype,
                                         Offload offload, const LoadProgress& progress) {
  auto model = std::make_unique<SdxlModel>();
  auto& m = *model;
  m.source = source;
  m.device = device;
  m.dtype = dtype;
  m.offload = offload;
  m.progress = progress;
  if (!source.isRandom()) {
    m.files = io::openModelFiles(source, dtype == torch::kFloat ? "" : "fp16");
    m.config = m.files->pipelineConfig();
  }
  std::tie(m.tokenizer1, m.tokenizer2) = loadTokenizers(source);
  m.ensureTextEncoders();
  if (source.isRandom()) {
    m.unet = io::randomUNet(builtinName(source), specFor(m, "unet"), kSeedUNet);
    m.schedulerConfig = sched::SchedulerConfig::fromJson(io::builtinConfig(builtinName(source), "scheduler"));
  } else {
    m.unet = io::loadUNet(*m.files, specFor(m, "unet"));
    m.schedulerConfig = sched::SchedulerConfig::fromJson(m.files->schedulerConfig());
  }
  // SDXL's VAE overflows in fp16 (black or NaN images): see vaeDtypeFor().
  m.vaeDtype = dtype;
  m.ensureVae(dtype);
  m.ensureVae(m.vaeDtypeFor(false));
  if (nn::channelsLastOn(device)) nn::convertToChannelsLast(*m.unet);
  m.unetPlacement = makePlacement(offload, *m.unet, device);
  if (offload != Offload::None) releaseCachedMemory(); // the built-in model's draws
  if (progress) progress("done", 1.0);
  return model;
}

} // namespace sdxl::pipeline
