// GPU parity, our side: loads the full-size random-weight SDXL-base folder that diffusers saved,
// runs every component on the inputs of make_reference.py, and compares with diffusers' outputs.
//   sdxl_gpu_component_parity MODEL_DIR REFERENCE.safetensors fp32|fp16 [OUT.json]
#include "io/component_loader.h"
#include "nn/fused_ops.h"
#include "nn/layers.h"
#include "sdxl/safetensors.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <cstdio>
#include <fstream>
#include <iostream>

using namespace sdxl;

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: " << argv[0] << " MODEL_DIR REFERENCE.safetensors fp32|fp16 [OUT.json]\n";
    return 2;
  }
  const std::filesystem::path model = argv[1];
  const std::string dtypeName = argv[3];
  auto reference = SafetensorsFile::open(argv[2]);
  io::ComponentSpec spec;
  spec.device = torch::kCUDA;
  spec.dtype = dtypeName == "fp16" ? torch::kHalf : torch::kFloat;
  spec.variant = "fp16";
  const nn::ForwardOptions fwd{nn::AttentionBackend::Sdpa};
  c10::InferenceMode inference;

  auto in = [&](const std::string& k) {
    auto t = reference->tensor(k).to(torch::kCUDA);
    return t.is_floating_point() ? t.to(spec.dtype) : t;
  };
  nlohmann::json rows = nlohmann::json::array();
  auto compare = [&](const std::string& name, const at::Tensor& got, const std::string& referenceKey = "") {
    auto want = reference->tensor(referenceKey.empty() ? "out." + dtypeName + "." + name : referenceKey).to(torch::kCUDA);
    auto g = got.to(torch::kFloat);
    const double scale = want.abs().max().item<double>();
    const double maxErr = (g - want).abs().max().item<double>();
    const double meanErr = (g - want).abs().mean().item<double>();
    const double meanRef = want.abs().mean().item<double>();
    const int64_t nonFinite = (~torch::isfinite(g)).sum().item<int64_t>();
    std::printf("%-5s %-18s max_rel=%.3e mean_rel=%.3e (max_abs=%.3e scale=%.3e) non_finite=%lld\n", dtypeName.c_str(),
                name.c_str(), maxErr / scale, meanErr / meanRef, maxErr, scale, static_cast<long long>(nonFinite));
    rows.push_back({{"dtype", dtypeName}, {"output", name}, {"max_rel", maxErr / scale}, {"mean_rel", meanErr / meanRef},
                    {"max_abs", maxErr}, {"scale", scale}, {"non_finite", nonFinite}});
  };

  {
    auto te1 = io::loadClipTextModel(model / "text_encoder", spec);
    compare("te1.penultimate", te1(in("in.ids1"), fwd, false).hiddenStates[te1->layers.size() - 1]);
  }
  {
    auto te2 = io::loadClipTextModel(model / "text_encoder_2", spec);
    auto out = te2(in("in.ids2"), fwd, false);
    compare("te2.penultimate", out.hiddenStates[te2->layers.size() - 1]);
    compare("te2.text_embeds", out.textEmbeds);
  }
  {
    auto unet = io::loadUNet(model / "unet", spec);
    if (nn::channelsLastOn(torch::kCUDA)) nn::convertToChannelsLast(*unet); // as the pipeline does
    // As the pipeline runs it: cross-attention K and V once, row 0 (zeros) skipped.
    const auto context = in("in.unet.context");
    auto kv = unet->crossAttentionKV(context, /*zeroRows=*/1);
    auto unetFwd = fwd;
    unetFwd.crossKV = &kv;
    for (int t : {999, 500})
      compare("unet.t" + std::to_string(t),
              unet(in("in.unet.sample"), torch::tensor(static_cast<float>(t)).to(torch::kCUDA), context,
                   in("in.unet.text_embeds"), in("in.unet.time_ids"), unetFwd));
  }
  {
    auto vae = io::loadAutoencoderKL(model / "vae", spec);
    if (nn::channelsLastOn(torch::kCUDA)) nn::convertToChannelsLast(*vae); // as the pipeline does
    compare("vae.decoded", vae->decode(in("in.vae.latents"), fwd));
    compare("vae.mean", vae->encode(in("in.vae.image"), fwd).first);
    if (dtypeName == "fp16") { // the pipeline's fp16 decode: bf16 weights and activations, against fp32
      vae->to(torch::kBFloat16); // from the file's fp16 values, as the pipeline converts them
      compare("vae.decoded_bf16", vae->decode(in("in.vae.latents").to(torch::kBFloat16), fwd), "out.fp32.vae.decoded");
    }
  }
  {
    auto taesd = io::loadAutoencoderTiny(model / "vae_tiny", spec);
    if (nn::channelsLastOn(torch::kCUDA)) nn::convertToChannelsLast(*taesd);
    compare("taesd.decoded", taesd->decode(in("in.vae.latents")));
    compare("taesd.encoded", taesd->encode(in("in.vae.image")));
  }
  if (argc > 4) std::ofstream(argv[4]) << rows.dump(2);
  return 0;
}
