#include "nn/unet_2d_condition.h"

#include "sdxl/error.h"

#include <algorithm>
#include <atomic>
#include <cmath>

namespace sdxl::nn {

UNetConfig UNetConfig::fromJson(const ConfigReader& c) {
  UNetConfig u;
  u.inChannels = c.integer("in_channels", 4, 1, 64);
  u.outChannels = c.integer("out_channels", 4, 1, 64);
  u.blockOutChannels = c.integers("block_out_channels", 1, 8192);
  const auto n = u.blockOutChannels.size();
  u.downBlockTypes = c.strings("down_block_types");
  u.upBlockTypes = c.strings("up_block_types");
  if (u.downBlockTypes.size() != n || u.upBlockTypes.size() != n)
    c.fail("down_block_types", QT_TRANSLATE_NOOP("sdxl", "%1: \"%2\" and up_block_types need one entry per block_out_channels entry"));
  for (const auto& t : u.downBlockTypes)
    if (t != "DownBlock2D" && t != "CrossAttnDownBlock2D") c.fail("down_block_types", QT_TRANSLATE_NOOP("sdxl", "%1: \"%2\" holds '%3', which is not supported"), {t});
  for (const auto& t : u.upBlockTypes)
    if (t != "UpBlock2D" && t != "CrossAttnUpBlock2D") c.fail("up_block_types", QT_TRANSLATE_NOOP("sdxl", "%1: \"%2\" holds '%3', which is not supported"), {t});
  if (c.string("mid_block_type", "UNetMidBlock2DCrossAttn") != "UNetMidBlock2DCrossAttn")
    c.fail("mid_block_type", QT_TRANSLATE_NOOP("sdxl", "%1: \"%2\" must be UNetMidBlock2DCrossAttn"));
  u.layersPerBlock = c.integer("layers_per_block", 2, 1, 16);
  u.transformerLayersPerBlock = c.perBlock("transformer_layers_per_block", n, 1, 1, 64);
  // diffusers' historical naming: attention_head_dim holds the number of heads when
  // num_attention_heads is null (as in SDXL's config).
  u.heads = c.isNull("num_attention_heads") ? c.perBlock("attention_head_dim", n, 8, 1, 256)
                                            : c.perBlock("num_attention_heads", n, 8, 1, 256);
  for (std::size_t i = 0; i < n; ++i)
    if (u.blockOutChannels[i] % u.heads[i] != 0) c.fail("attention_head_dim", QT_TRANSLATE_NOOP("sdxl", "%1: \"%2\" does not divide block_out_channels"));
  u.crossAttentionDim = c.integer("cross_attention_dim", 2048, 1, 16384);
  u.useLinearProjection = c.boolean("use_linear_projection", false);
  const auto addition = c.string("addition_embed_type", "");
  if (!addition.empty() && addition != "text_time") c.fail("addition_embed_type", QT_TRANSLATE_NOOP("sdxl", "%1: \"%2\" must be text_time or null"));
  u.textTimeEmbedding = addition == "text_time";
  u.additionTimeEmbedDim = c.integer("addition_time_embed_dim", 256, 2, 4096);
  u.projectionClassEmbeddingsInputDim = c.integer("projection_class_embeddings_input_dim", 2816, 1, 65536);
  u.normNumGroups = c.integer("norm_num_groups", 32, 1, 1024);
  u.normEps = c.number("norm_eps", 1e-5);
  u.flipSinToCos = c.boolean("flip_sin_to_cos", true);
  u.freqShift = c.number("freq_shift", 0);
  for (const char* unsupportedIfSet : {"class_embed_type", "encoder_hid_dim_type", "time_cond_proj_dim"})
    if (!c.isNull(unsupportedIfSet)) c.fail(unsupportedIfSet, QT_TRANSLATE_NOOP("sdxl", "%1: \"%2\" is set; only null is supported"));
  if (c.string("time_embedding_type", "positional") != "positional") c.fail("time_embedding_type", QT_TRANSLATE_NOOP("sdxl", "%1: \"%2\" must be positional"));
  if (c.string("resnet_time_scale_shift", "default") != "default") c.fail("resnet_time_scale_shift", QT_TRANSLATE_NOOP("sdxl", "%1: \"%2\" must be default"));
  if (c.integer("conv_in_kernel", 3, 1, 7) != 3 || c.integer("conv_out_kernel", 3, 1, 7) != 3)
    c.fail("conv_in_kernel", QT_TRANSLATE_NOOP("sdxl", "%1: \"%2\" and conv_out_kernel must be 3"));
  if (c.string("act_fn", "silu") != "silu") c.fail("act_fn", QT_TRANSLATE_NOOP("sdxl", "%1: \"%2\" must be silu"));
  return u;
}

at::Tensor timestepEmbedding(const at::Tensor& timesteps, int64_t dim, bool flipSinToCos, double freqShift) {
  const int64_t half = dim / 2;
  auto exponent = -std::log(10000.0) * at::arange(half, timesteps.options().dtype(at::kFloat));
  exponent = exponent / (static_cast<double>(half) - freqShift);
  auto emb = timesteps.to(at::kFloat).unsqueeze(1) * at::exp(exponent).unsqueeze(0);
  emb = flipSinToCos ? at::cat({at::cos(emb), at::sin(emb)}, -1) : at::cat({at::sin(emb), at::cos(emb)}, -1);
  if (dim % 2 == 1) emb = at::constant_pad_nd(emb, {0, 1}, 0);
  return emb;
}

namespace {

template <typename T>
T addTo(torch::nn::Module& list, std::size_t index, T module) {
  return list.register_module(std::to_string(index), module);
}

} // namespace

UNet2DConditionModelImpl::UNet2DConditionModelImpl(UNetConfig config, const torch::TensorOptions& o)
    : m_config(std::move(config)) {
  const auto& c = m_config;
  const int64_t n = static_cast<int64_t>(c.blockOutChannels.size());
  const int64_t temb = c.blockOutChannels[0] * 4;
  const int64_t groups = c.normNumGroups;
  const double eps = c.normEps;

  convIn = register_module("conv_in", Conv2d(c.inChannels, c.blockOutChannels[0], 3, 1, 1, true, o));
  auto timeEmbedding = register_module("time_embedding", std::make_shared<torch::nn::Module>());
  timeLinear1 = timeEmbedding->register_module("linear_1", Linear(c.blockOutChannels[0], temb, true, o));
  timeLinear2 = timeEmbedding->register_module("linear_2", Linear(temb, temb, true, o));
  if (c.textTimeEmbedding) {
    auto add = register_module("add_embedding", std::make_shared<torch::nn::Module>());
    addLinear1 = add->register_module("linear_1", Linear(c.projectionClassEmbeddingsInputDim, temb, true, o));
    addLinear2 = add->register_module("linear_2", Linear(temb, temb, true, o));
  }

  auto transformer = [&](int64_t channels, int64_t heads, int64_t layers) {
    return Transformer2DModel(channels, heads, channels / heads, layers, c.crossAttentionDim, groups,
                              c.useLinearProjection, o);
  };

  auto downList = register_module("down_blocks", std::make_shared<torch::nn::Module>());
  int64_t out = c.blockOutChannels[0];
  for (int64_t i = 0; i < n; ++i) {
    const int64_t in = out;
    out = c.blockOutChannels[i];
    const bool cross = c.downBlockTypes[i] == "CrossAttnDownBlock2D";
    auto block = addTo(*downList, i, UNetBlock());
    auto resnets = block->register_module("resnets", std::make_shared<torch::nn::Module>());
    auto attentions = cross ? block->register_module("attentions", std::make_shared<torch::nn::Module>()) : nullptr;
    for (int64_t j = 0; j < c.layersPerBlock; ++j) {
      block->resnets.push_back(addTo(*resnets, j, ResnetBlock2D(j == 0 ? in : out, out, temb, groups, eps, o)));
      if (cross) block->attentions.push_back(addTo(*attentions, j, transformer(out, c.heads[i], c.transformerLayersPerBlock[i])));
    }
    if (i != n - 1) {
      auto down = block->register_module("downsamplers", std::make_shared<torch::nn::Module>());
      block->downsampler = addTo(*down, 0, Downsample2D(out, 1, o));
    }
    downBlocks.push_back(block);
  }

  const int64_t last = c.blockOutChannels.back();
  midBlock = register_module("mid_block", UNetBlock());
  {
    auto resnets = midBlock->register_module("resnets", std::make_shared<torch::nn::Module>());
    auto attentions = midBlock->register_module("attentions", std::make_shared<torch::nn::Module>());
    midBlock->resnets.push_back(addTo(*resnets, 0, ResnetBlock2D(last, last, temb, groups, eps, o)));
    midBlock->attentions.push_back(addTo(*attentions, 0, transformer(last, c.heads.back(), c.transformerLayersPerBlock.back())));
    midBlock->resnets.push_back(addTo(*resnets, 1, ResnetBlock2D(last, last, temb, groups, eps, o)));
  }

  auto upList = register_module("up_blocks", std::make_shared<torch::nn::Module>());
  std::vector<int64_t> rev(c.blockOutChannels.rbegin(), c.blockOutChannels.rend());
  std::vector<int64_t> revHeads(c.heads.rbegin(), c.heads.rend());
  std::vector<int64_t> revLayers(c.transformerLayersPerBlock.rbegin(), c.transformerLayersPerBlock.rend());
  int64_t prevOut = rev[0];
  for (int64_t i = 0; i < n; ++i) {
    const int64_t blockOut = rev[i];
    const int64_t blockIn = rev[std::min(i + 1, n - 1)];
    const bool cross = c.upBlockTypes[i] == "CrossAttnUpBlock2D";
    auto block = addTo(*upList, i, UNetBlock());
    auto resnets = block->register_module("resnets", std::make_shared<torch::nn::Module>());
    auto attentions = cross ? block->register_module("attentions", std::make_shared<torch::nn::Module>()) : nullptr;
    const int64_t layers = c.layersPerBlock + 1;
    for (int64_t j = 0; j < layers; ++j) {
      const int64_t skip = j == layers - 1 ? blockIn : blockOut;
      const int64_t resIn = j == 0 ? prevOut : blockOut;
      block->resnets.push_back(addTo(*resnets, j, ResnetBlock2D(resIn + skip, blockOut, temb, groups, eps, o)));
      if (cross) block->attentions.push_back(addTo(*attentions, j, transformer(blockOut, revHeads[i], revLayers[i])));
    }
    if (i != n - 1) {
      auto up = block->register_module("upsamplers", std::make_shared<torch::nn::Module>());
      block->upsampler = addTo(*up, 0, Upsample2D(blockOut, o));
    }
    upBlocks.push_back(block);
    prevOut = blockOut;
  }

  convNormOut = register_module("conv_norm_out", GroupNorm(groups, c.blockOutChannels[0], eps, o));
  convOut = register_module("conv_out", Conv2d(c.blockOutChannels[0], c.outChannels, 3, 1, 1, true, o));
}

CrossAttentionKV UNet2DConditionModelImpl::crossAttentionKV(const at::Tensor& context, int64_t zeroRows) {
  static std::atomic<uint64_t> nextId{1};
  CrossAttentionKV kv;
  kv.id = nextId++;
  auto blocks = downBlocks;
  blocks.push_back(midBlock);
  blocks.insert(blocks.end(), upBlocks.begin(), upBlocks.end());
  std::vector<AttentionImpl*> layers;
  for (auto& block : blocks)
    for (auto& transformer : block->attentions)
      for (auto& layer : transformer->blocks) layers.push_back(layer->attn2.get());
  const bool biasFree = std::none_of(layers.begin(), layers.end(), [](const AttentionImpl* a) {
    return a->toK->bias.defined() || a->toV->bias.defined();
  });
  kv.zeroRows = biasFree && zeroRows > 0 && zeroRows < context.size(0) ? zeroRows : 0;
  const auto live = context.narrow(0, kv.zeroRows, context.size(0) - kv.zeroRows);
  for (auto* attention : layers) kv.layers[attention] = {attention->toK(live), attention->toV(live)};
  return kv;
}

at::Tensor UNet2DConditionModelImpl::forward(const at::Tensor& sample, const at::Tensor& timestep, const at::Tensor& context,
                                             const at::Tensor& textEmbeds, const at::Tensor& timeIds,
                                             const ForwardOptions& fwd) {
  const auto& c = m_config;
  const int64_t batch = sample.size(0);
  Fp8Scope fp8(fwd.fp8);
  auto t = timestep.dim() == 0 ? timestep.expand({batch}) : timestep;
  auto emb = timestepEmbedding(t, c.blockOutChannels[0], c.flipSinToCos, c.freqShift).to(sample.scalar_type());
  emb = timeLinear2(at::silu(timeLinear1(emb)));
  if (c.textTimeEmbedding) {
    auto timeEmbeds = timestepEmbedding(timeIds.flatten(), c.additionTimeEmbedDim, c.flipSinToCos, c.freqShift);
    timeEmbeds = timeEmbeds.reshape({textEmbeds.size(0), -1});
    auto addEmbeds = at::cat({textEmbeds.to(at::kFloat), timeEmbeds}, -1).to(emb.scalar_type());
    emb = emb + addLinear2(at::silu(addLinear1(addEmbeds)));
  }

  // On CUDA the activations flow channels-last (convertToChannelsLast() stored the weights so):
  // cuDNN's NHWC kernels need no transposes, and the transformers' token view is free.
  auto h = convIn(channelsLastOn(sample.device()) ? sample.contiguous(at::MemoryFormat::ChannelsLast) : sample);
  StepCache* cache = fwd.stepCache;
  const bool reuse = cache && cache->reuse;
  TORCH_CHECK(!reuse || (cache->features.defined() && cache->features.size(0) == batch),
              "the step cache has no features for this batch to reuse");
  std::vector<at::Tensor> skips{h};
  for (auto& block : downBlocks) {
    for (std::size_t j = 0; j < block->resnets.size(); ++j) {
      h = block->resnets[j](h, emb);
      if (!block->attentions.empty()) h = block->attentions[j](std::move(h), context, fwd);
      skips.push_back(h);
    }
    if (reuse) break; // the shallow branch only: its skips feed the last up block
    if (block->downsampler) {
      h = block->downsampler(h);
      skips.push_back(h);
    }
  }

  auto upBlock = [&](UNetBlockImpl& block) {
    for (std::size_t j = 0; j < block.resnets.size(); ++j) {
      // Concatenated, then both halves dropped before the block runs: it owns its input.
      auto joined = concatChannels(h, skips.back());
      h.reset();
      skips.pop_back();
      h = block.resnets[j](std::move(joined), emb);
      if (!block.attentions.empty()) h = block.attentions[j](std::move(h), context, fwd);
    }
    // Upsample to the next skip's size: odd latent sizes (e.g. 1016 px) do not double exactly.
    if (block.upsampler) h = block.upsampler(h, skips.back().sizes().slice(2));
  };
  if (reuse) {
    h = cache->features;
  } else {
    h = midBlock->resnets[0](h, emb);
    h = midBlock->attentions[0](std::move(h), context, fwd);
    h = midBlock->resnets[1](h, emb);
    for (std::size_t b = 0; b + 1 < upBlocks.size(); ++b) upBlock(*upBlocks[b]);
    if (cache) { // in place when it can: a CUDA graph's replays must write where the other graph reads
      if (cache->features.defined() && cache->features.sizes() == h.sizes() && cache->features.dtype() == h.dtype())
        cache->features.copy_(h);
      else
        cache->features = h.clone();
    }
  }
  upBlock(*upBlocks.back());
  return convOut(convNormOut(h, /*silu=*/true)).contiguous();
}

} // namespace sdxl::nn
