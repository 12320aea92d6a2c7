// Single-file SDXL checkpoints in the original layout (tests/fixtures/single_file.py): what a file
// is from its header, the name tables on their own and at SDXL base's full size, the same weights
// as the diffusers folder they were written from, and diffusers' from_single_file's images.
#include "io/component_loader.h"
#include "io/model_files.h"
#include "io/sgm_layout.h"
#include "io/sha256.h"
#include "io/single_file.h"
#include "nn/layers.h"
#include "sdxl/error.h"
#include "sdxl/model_library.h"
#include "sdxl/model_source.h"
#include "sdxl/pipeline.h"
#include "sdxl/safetensors.h"
#include "test_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <fstream>

using namespace sdxl;

namespace {

std::filesystem::path dir() { return test::fixturesDir() / "single_file"; }

ModelSource singleFile(const std::string& name) {
  auto source = ModelSource::parse((dir() / name).string());
  source.configs = dir() / "config";
  return source;
}

io::SgmTarget one(const io::SgmNames& names, const std::string& key) {
  const auto targets = names.convert(key);
  EXPECT_EQ(targets.size(), 1u) << key;
  return targets.empty() ? io::SgmTarget{} : targets[0];
}

} // namespace

TEST(SingleFile, WhatAFileIsComesFromItsHeader) {
  const std::pair<const char*, CheckpointKind> files[] = {
      {"sdxl_fp32.safetensors", CheckpointKind::SdxlBase},
      {"sdxl_inpainting.safetensors", CheckpointKind::SdxlInpainting},
      {"not_sdxl_sd1.safetensors", CheckpointKind::Sd1},
      {"not_sdxl_lora.safetensors", CheckpointKind::Lora},
      {"not_sdxl_vae.safetensors", CheckpointKind::Vae},
      {"vae_other.safetensors", CheckpointKind::Vae},
      {"not_sdxl_unet.safetensors", CheckpointKind::DiffusersComponent},
  };
  for (const auto& [name, kind] : files) {
    const auto report = inspectCheckpointFile(dir() / name);
    EXPECT_EQ(report.kind, kind) << name << ": " << report.description;
    EXPECT_EQ(report.usable(), kind == CheckpointKind::SdxlBase || kind == CheckpointKind::SdxlInpainting) << name;
    for (const auto& p : report.problems) EXPECT_NE(p.find(report.description), std::string::npos) << p;
  }
  EXPECT_NE(inspectCheckpointFile(dir() / "not_sdxl_lora.safetensors").description.find("a LoRA"), std::string::npos);
  // A pickle under a safetensors name is refused as a pickle, never read.
  const auto pickle = inspectCheckpointFile(dir() / "pickle.safetensors");
  ASSERT_EQ(pickle.problems.size(), 1u);
  EXPECT_NE(pickle.problems[0].find("pickle"), std::string::npos) << pickle.problems[0];
  try {
    Pipeline(singleFile("not_sdxl_sd1.safetensors"), "cpu").generate({});
    FAIL() << "generated with an SD 1.x checkpoint";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::ModelFormat);
    EXPECT_NE(std::string(e.what()).find("Stable Diffusion 1.x"), std::string::npos) << e.what();
  }
}

TEST(SingleFile, NameTablesFollowTheOriginalNumbering) {
  const auto unet = io::sgmUNetNames(io::sgmLayoutOf(nn::UNetConfig::fromJson(io::builtinConfig("sdxl-base", "unet"))));
  const std::pair<const char*, const char*> unetNames[] = {
      {"input_blocks.0.0.weight", "conv_in.weight"},
      {"input_blocks.1.0.in_layers.2.weight", "down_blocks.0.resnets.0.conv1.weight"},
      {"input_blocks.3.0.op.bias", "down_blocks.0.downsamplers.0.conv.bias"},
      {"input_blocks.4.0.skip_connection.weight", "down_blocks.1.resnets.0.conv_shortcut.weight"},
      {"input_blocks.5.1.transformer_blocks.1.attn2.to_k.weight", "down_blocks.1.attentions.1.transformer_blocks.1.attn2.to_k.weight"},
      {"input_blocks.6.0.op.weight", "down_blocks.1.downsamplers.0.conv.weight"},
      {"input_blocks.8.1.transformer_blocks.9.ff.net.0.proj.weight", "down_blocks.2.attentions.1.transformer_blocks.9.ff.net.0.proj.weight"},
      {"middle_block.1.proj_out.bias", "mid_block.attentions.0.proj_out.bias"},
      {"middle_block.2.emb_layers.1.weight", "mid_block.resnets.1.time_emb_proj.weight"},
      {"output_blocks.2.2.conv.weight", "up_blocks.0.upsamplers.0.conv.weight"},
      {"output_blocks.5.1.norm.weight", "up_blocks.1.attentions.2.norm.weight"},
      {"output_blocks.5.2.conv.bias", "up_blocks.1.upsamplers.0.conv.bias"},
      {"output_blocks.8.0.out_layers.3.weight", "up_blocks.2.resnets.2.conv2.weight"},
      {"label_emb.0.2.weight", "add_embedding.linear_2.weight"},
      {"out.0.weight", "conv_norm_out.weight"},
  };
  for (const auto& [from, to] : unetNames) EXPECT_EQ(one(*unet, from).name, to) << from;
  for (const char* notOurs : {"input_blocks.9.0.in_layers.0.weight", "output_blocks.8.1.norm.weight",
                              "output_blocks.8.2.conv.weight", "input_blocks.1.1.norm.weight", "betas"})
    EXPECT_TRUE(unet->convert(notOurs).empty()) << notOurs;

  const auto vae = io::sgmVaeNames(io::sgmLayoutOf(nn::AutoencoderKLConfig::fromJson(io::builtinConfig("sdxl-base", "vae"))));
  EXPECT_EQ(one(*vae, "decoder.up.3.block.0.conv1.weight").name, "decoder.up_blocks.0.resnets.0.conv1.weight");
  EXPECT_EQ(one(*vae, "decoder.up.3.upsample.conv.weight").name, "decoder.up_blocks.0.upsamplers.0.conv.weight");
  EXPECT_EQ(one(*vae, "decoder.up.0.block.2.nin_shortcut.bias").name, "decoder.up_blocks.3.resnets.2.conv_shortcut.bias");
  EXPECT_TRUE(vae->convert("decoder.up.0.upsample.conv.weight").empty()); // the last block has none
  const auto q = one(*vae, "encoder.mid.attn_1.q.weight");
  EXPECT_EQ(q.name, "encoder.mid_block.attentions.0.to_q.weight");
  EXPECT_EQ(q.reshape, io::Reshape::Squeeze1x1);
  EXPECT_EQ(one(*vae, "encoder.mid.attn_1.q.bias").reshape, io::Reshape::None);
  EXPECT_EQ(one(*vae, "decoder.mid.attn_1.proj_out.weight").name, "decoder.mid_block.attentions.0.to_out.0.weight");

  const auto openClip = io::sgmOpenClipNames();
  const auto fused = openClip->convert("transformer.resblocks.31.attn.in_proj_weight");
  ASSERT_EQ(fused.size(), 3u);
  EXPECT_EQ(fused[1].name, "text_model.encoder.layers.31.self_attn.k_proj.weight");
  EXPECT_EQ(fused[2].reshape, io::Reshape::Part2);
  EXPECT_EQ(one(*openClip, "text_projection").reshape, io::Reshape::Transpose);
  EXPECT_EQ(one(*openClip, "transformer.resblocks.0.mlp.c_proj.bias").name, "text_model.encoder.layers.0.mlp.fc2.bias");
  EXPECT_TRUE(openClip->ignored("logit_scale"));
}

// Every name of a full-size SDXL base checkpoint (written by the fixture from the real configs)
// lands on a parameter of ours with its shape, and every parameter of ours gets one.
TEST(SingleFile, EveryNameOfAFullSizeSdxlCheckpointHasItsParameter) {
  std::ifstream in(dir() / "sdxl_base_sgm_names.json");
  const auto names = nlohmann::json::parse(in);
  const auto meta = torch::TensorOptions().device(torch::kMeta);
  struct Part {
    const char* prefix;
    std::unique_ptr<io::SgmNames> names;
    std::shared_ptr<torch::nn::Module> module;
  };
  std::vector<Part> parts;
  parts.push_back({io::kSgmUNet, io::sgmUNetNames(io::sgmLayoutOf(nn::UNetConfig::fromJson(io::builtinConfig("sdxl-base", "unet")))),
                   nn::UNet2DConditionModel(nn::UNetConfig::fromJson(io::builtinConfig("sdxl-base", "unet")), meta).ptr()});
  parts.push_back({io::kSgmVae, io::sgmVaeNames(io::sgmLayoutOf(nn::AutoencoderKLConfig::fromJson(io::builtinConfig("sdxl-base", "vae")))),
                   nn::AutoencoderKL(nn::AutoencoderKLConfig::fromJson(io::builtinConfig("sdxl-base", "vae")), meta).ptr()});
  parts.push_back({io::kSgmClip, io::sgmClipNames(),
                   text::ClipTextModel(text::ClipTextConfig::fromJson(io::builtinConfig("sdxl-base", "text_encoder")), meta).ptr()});
  parts.push_back({io::kSgmOpenClip, io::sgmOpenClipNames(),
                   text::ClipTextModel(text::ClipTextConfig::fromJson(io::builtinConfig("sdxl-base", "text_encoder_2")), meta).ptr()});
  std::size_t matched = 0;
  for (auto& part : parts) {
    std::map<std::string, std::vector<int64_t>> ours;
    for (const auto& p : part.module->named_parameters(true)) ours[p.key()] = p.value().sizes().vec();
    std::set<std::string> filled;
    for (const auto& [key, shape] : names.items()) {
      if (key.rfind(part.prefix, 0) != 0) continue;
      const auto rest = key.substr(std::string(part.prefix).size());
      if (part.names->ignored(rest)) continue;
      const auto targets = part.names->convert(rest);
      ASSERT_FALSE(targets.empty()) << key << " has no parameter of ours";
      for (const auto& t : targets) {
        ASSERT_TRUE(ours.count(t.name)) << key << " -> " << t.name << ", which we do not have";
        EXPECT_EQ(io::reshapedShape(shape.get<std::vector<int64_t>>(), t.reshape), ours[t.name]) << key;
        filled.insert(t.name);
        ++matched;
      }
    }
    for (const auto& [name, shape] : ours) EXPECT_TRUE(filled.count(name)) << part.prefix << ": nothing fills " << name;
  }
  EXPECT_GT(matched, 2500u);
}

// The single file and the diffusers folder it was written from give every component the very
// same weights.
TEST(SingleFile, LoadsTheSameWeightsAsTheDiffusersFolder) {
  const auto file = io::openModelFiles(singleFile("sdxl_fp32.safetensors"), "");
  auto folder = ModelSource::parse((dir() / "config").string());
  const auto folderFiles = io::openModelFiles(folder, "");
  auto same = [](const torch::nn::Module& a, const torch::nn::Module& b) {
    const auto pa = a.named_parameters(true), pb = b.named_parameters(true);
    EXPECT_EQ(pa.size(), pb.size());
    for (const auto& p : pa) EXPECT_TRUE(torch::equal(p.value(), pb[p.key()])) << p.key();
  };
  same(*io::loadUNet(*file, {}), *io::loadUNet(*folderFiles, {}));
  same(*io::loadAutoencoderKL(*file, {}), *io::loadAutoencoderKL(*folderFiles, {}));
  for (const char* te : {"text_encoder", "text_encoder_2"})
    same(*io::loadClipTextModel(*file, te, {}), *io::loadClipTextModel(*folderFiles, te, {}));
}

// diffusers' from_single_file and ours on the same files: fp32, bf16 and fp8 (F8_E4M3) storage,
// upcast to fp32 on both sides; and with another VAE from a file of its own (AutoencoderKL's
// from_single_file on diffusers' side).
TEST(SingleFile, GivesDiffusersImagesFromTheSameFile) {
  auto reference = SafetensorsFile::open(dir() / "reference.safetensors");
  std::ifstream in(dir() / "single_file_cases.json");
  for (const auto& c : nlohmann::json::parse(in)) {
    const std::string name = c["name"];
    SCOPED_TRACE(name);
    auto source = singleFile(c["file"]);
    if (!c["vae"].is_null()) source.vae = dir() / c["vae"].get<std::string>(); // a VAE file of its own
    Pipeline pipeline(source, "cpu");
    GenerationRequest r;
    r.prompt = c["prompt"];
    r.negativePrompt = c["negative"];
    r.steps = c["steps"];
    r.seed = c["seed"];
    r.images = c["images"];
    r.width = c["width"];
    r.height = c["height"];
    r.guidance = c["guidance"];
    r.seedMode = SeedMode::Batch;
    r.optimizations.precision = Precision::FP32;
    const auto result = pipeline.generate(r);
    const auto want = reference->tensor(name + ".latents");
    const double rel = ((*result.finalLatents - want).abs().max() / want.abs().max()).item<double>();
    const auto images = reference->tensor(name + ".images");
    int worst = 0;
    for (std::size_t i = 0; i < result.images.size(); ++i) {
      auto ours = torch::from_blob(const_cast<uint8_t*>(result.images[i].rgb.data()), {64, 64, 3}, torch::kUInt8).to(torch::kInt);
      worst = std::max(worst, (ours - images[static_cast<int64_t>(i)].to(torch::kInt)).abs().max().item<int>());
    }
    std::printf("single file %-8s latents rel=%.3e worst pixel %d\n", name.c_str(), rel, worst);
    EXPECT_LE(rel, 1e-3);
    EXPECT_LE(worst, 1);
  }
}

// A VAE from a folder in diffusers' format, or from a file: the fp16-fix VAE (named so) decodes
// fp16 runs in fp16; others keep force_upcast; a file that is no VAE is refused with what it is.
TEST(SingleFile, AVaeOfItsOwnFromAFolderOrAFile) {
  auto source = singleFile("sdxl_fp32.safetensors");
  source.vae = dir() / "config" / "vae";
  EXPECT_TRUE(io::openModelFiles(source, "")->config("vae").boolean("force_upcast", false));
  const auto fix = test::freshTempDir("vae_fix") / "sdxl-vae-fp16-fix.safetensors";
  std::filesystem::copy_file(dir() / "vae_other.safetensors", fix);
  source.vae = fix;
  const auto files = io::openModelFiles(source, "");
  EXPECT_FALSE(files->config("vae").boolean("force_upcast", true));
  auto fromFile = io::loadAutoencoderKL(*files, {});
  source.vae = dir() / "vae_other.safetensors";
  auto same = io::loadAutoencoderKL(*io::openModelFiles(source, ""), {});
  for (const auto& p : fromFile->named_parameters(true)) EXPECT_TRUE(torch::equal(p.value(), same->named_parameters(true)[p.key()]));
  source.vae = dir() / "not_sdxl_lora.safetensors";
  try {
    io::openModelFiles(source, "");
    FAIL() << "took a LoRA for a VAE";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("not a VAE"), std::string::npos) << e.what();
  }
}

TEST(ModelLibrary, ScansAFolderByHeaderWithA1111sShortHashes) {
  io::Sha256 abc;
  abc.update("abc", 3);
  EXPECT_EQ(io::Sha256::hex(abc.digest()), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  io::Sha256 empty;
  EXPECT_EQ(io::Sha256::hex(empty.digest()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  std::ifstream in(dir() / "short_hashes.json");
  const auto hashes = nlohmann::json::parse(in);
  const auto entries = scanModelLibrary(dir());
  std::map<std::string, const LibraryEntry*> byName;
  for (const auto& e : entries) byName[e.name] = &e;
  ASSERT_TRUE(byName.count("sdxl_fp32") && byName.count("config") && byName.count("vae_other"));
  EXPECT_EQ(byName["sdxl_fp32"]->kind, LibraryEntry::Kind::Model);
  EXPECT_TRUE(byName["sdxl_fp32"]->usable());
  EXPECT_EQ(byName["sdxl_fp32"]->precision, "F32");
  EXPECT_EQ(byName["sdxl_bf16"]->precision, "BF16");
  EXPECT_EQ(byName["config"]->kind, LibraryEntry::Kind::Model); // the diffusers folder, not its parts
  EXPECT_EQ(byName["config"]->description, "a diffusers SDXL folder");
  EXPECT_EQ(byName["vae_other"]->kind, LibraryEntry::Kind::Vae);
  EXPECT_EQ(byName["not_sdxl_lora"]->kind, LibraryEntry::Kind::Lora);
  EXPECT_EQ(byName["not_sdxl_sd1"]->kind, LibraryEntry::Kind::Other);
  EXPECT_FALSE(byName["not_sdxl_sd1"]->usable());
  EXPECT_TRUE(byName["sdxl_inpainting"]->usable()) << byName["sdxl_inpainting"]->problems.size(); // an inpainting model
  for (const auto& [file, hash] : hashes.items()) {
    const auto name = std::filesystem::path(file).stem().string();
    ASSERT_TRUE(byName.count(name)) << file;
    EXPECT_EQ(byName[name]->hash, hash.get<std::string>()) << file;
  }
}
