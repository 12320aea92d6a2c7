#include "nn/autoencoder_kl.h"

namespace sdxl::nn {

namespace {
constexpr double kVaeEps = 1e-6;

std::shared_ptr<torch::nn::Module> list(torch::nn::Module& parent, const std::string& name) {
  return parent.register_module(name, std::make_shared<torch::nn::Module>());
}
} // namespace

AutoencoderKLConfig AutoencoderKLConfig::fromJson(const ConfigReader& c) {
  AutoencoderKLConfig v;
  v.inChannels = c.integer("in_channels", 3, 1, 64);
  v.outChannels = c.integer("out_channels", 3, 1, 64);
  v.latentChannels = c.integer("latent_channels", 4, 1, 256);
  v.blockOutChannels = c.integers("block_out_channels", 1, 8192);
  v.layersPerBlock = c.integer("layers_per_block", 2, 1, 16);
  v.normNumGroups = c.integer("norm_num_groups", 32, 1, 1024);
  v.scalingFactor = c.number("scaling_factor", 0.18215);
  v.forceUpcast = c.boolean("force_upcast", true);
  v.useQuantConv = c.boolean("use_quant_conv", true);
  v.usePostQuantConv = c.boolean("use_post_quant_conv", true);
  const auto n = v.blockOutChannels.size();
  if (c.json().contains("down_block_types") && c.strings("down_block_types").size() != n)
    c.fail("down_block_types", QT_TRANSLATE_NOOP("sdxl", "%1: \"%2\" needs one entry per block_out_channels entry"));
  for (const auto& t : c.isNull("down_block_types") ? std::vector<std::string>{} : c.strings("down_block_types"))
    if (t != "DownEncoderBlock2D") c.fail("down_block_types", QT_TRANSLATE_NOOP("sdxl", "%1: \"%2\" holds '%3'; only %4 is supported"), {t, "DownEncoderBlock2D"});
  for (const auto& t : c.isNull("up_block_types") ? std::vector<std::string>{} : c.strings("up_block_types"))
    if (t != "UpDecoderBlock2D") c.fail("up_block_types", QT_TRANSLATE_NOOP("sdxl", "%1: \"%2\" holds '%3'; only %4 is supported"), {t, "UpDecoderBlock2D"});
  if (c.string("act_fn", "silu") != "silu") c.fail("act_fn", QT_TRANSLATE_NOOP("sdxl", "%1: \"%2\" must be silu"));
  if (!c.boolean("mid_block_add_attention", true)) c.fail("mid_block_add_attention", QT_TRANSLATE_NOOP("sdxl", "%1: \"%2\" must be true"));
  return v;
}

VaeMidBlockImpl::VaeMidBlockImpl(int64_t ch, int64_t groups, const torch::TensorOptions& o) {
  auto resnets = list(*this, "resnets");
  resnet0 = resnets->register_module("0", ResnetBlock2D(ch, ch, 0, groups, kVaeEps, o));
  resnet1 = resnets->register_module("1", ResnetBlock2D(ch, ch, 0, groups, kVaeEps, o));
  auto attentions = list(*this, "attentions");
  // One head as wide as the channels; diffusers upcasts its softmax.
  attention = attentions->register_module("0", Attention(ch, ch, 1, ch, true, o));
  attnNorm = attention->register_module("group_norm", GroupNorm(groups, ch, kVaeEps, o));
}

at::Tensor VaeMidBlockImpl::forward(const at::Tensor& x, const ForwardOptions& fwd) {
  auto h = resnet0(x, at::Tensor());
  const int64_t b = h.size(0), c = h.size(1), hh = h.size(2), w = h.size(3);
  // (b, c, h, w) -> (b, hw, c) tokens and back: free views when h is channels-last (on CUDA),
  // a transpose copy on the way back when it is NCHW (CPU).
  auto tokens = attnNorm(h).flatten(2).transpose(1, 2);
  auto attended = attention(tokens, at::Tensor(), fwd).transpose(1, 2).reshape({b, c, hh, w});
  return resnet1(h + attended, at::Tensor());
}

VaeEncoderImpl::VaeEncoderImpl(const AutoencoderKLConfig& c, const torch::TensorOptions& o) {
  const auto& ch = c.blockOutChannels;
  const int64_t groups = c.normNumGroups;
  convIn = register_module("conv_in", Conv2d(c.inChannels, ch[0], 3, 1, 1, true, o));
  auto blocks = list(*this, "down_blocks");
  int64_t out = ch[0];
  for (std::size_t i = 0; i < ch.size(); ++i) {
    const int64_t in = out;
    out = ch[i];
    auto block = list(*blocks, std::to_string(i));
    auto rs = list(*block, "resnets");
    resnets.emplace_back();
    for (int64_t j = 0; j < c.layersPerBlock; ++j)
      resnets.back().push_back(rs->register_module(std::to_string(j), ResnetBlock2D(j == 0 ? in : out, out, 0, groups, kVaeEps, o)));
    if (i + 1 != ch.size())
      downsamplers.push_back(list(*block, "downsamplers")->register_module("0", Downsample2D(out, 0, o)));
  }
  mid = register_module("mid_block", VaeMidBlock(ch.back(), groups, o));
  normOut = register_module("conv_norm_out", GroupNorm(groups, ch.back(), kVaeEps, o));
  convOut = register_module("conv_out", Conv2d(ch.back(), 2 * c.latentChannels, 3, 1, 1, true, o));
}

at::Tensor VaeEncoderImpl::forward(const at::Tensor& x, const ForwardOptions& fwd) {
  auto h = convIn(x);
  for (std::size_t i = 0; i < resnets.size(); ++i) {
    for (auto& r : resnets[i]) h = r(std::move(h), at::Tensor());
    if (i < downsamplers.size()) h = downsamplers[i](h);
  }
  h = mid(h, fwd);
  return convOut(normOut(h, /*silu=*/true));
}

VaeDecoderImpl::VaeDecoderImpl(const AutoencoderKLConfig& c, const torch::TensorOptions& o) {
  std::vector<int64_t> rev(c.blockOutChannels.rbegin(), c.blockOutChannels.rend());
  const int64_t groups = c.normNumGroups;
  convIn = register_module("conv_in", Conv2d(c.latentChannels, rev[0], 3, 1, 1, true, o));
  mid = register_module("mid_block", VaeMidBlock(rev[0], groups, o));
  auto blocks = list(*this, "up_blocks");
  int64_t out = rev[0];
  for (std::size_t i = 0; i < rev.size(); ++i) {
    const int64_t prev = out;
    out = rev[i];
    auto block = list(*blocks, std::to_string(i));
    auto rs = list(*block, "resnets");
    resnets.emplace_back();
    for (int64_t j = 0; j < c.layersPerBlock + 1; ++j)
      resnets.back().push_back(rs->register_module(std::to_string(j), ResnetBlock2D(j == 0 ? prev : out, out, 0, groups, kVaeEps, o)));
    if (i + 1 != rev.size()) upsamplers.push_back(list(*block, "upsamplers")->register_module("0", Upsample2D(out, o)));
  }
  normOut = register_module("conv_norm_out", GroupNorm(groups, rev.back(), kVaeEps, o));
  convOut = register_module("conv_out", Conv2d(rev.back(), c.outChannels, 3, 1, 1, true, o));
}

at::Tensor VaeDecoderImpl::forward(const at::Tensor& z, const ForwardOptions& fwd) {
  return upBlocks(0, mid(convIn(z), fwd), false);
}

at::Tensor VaeDecoderImpl::upBlocks(std::size_t first, at::Tensor h, bool upsampleFirst) {
  for (std::size_t i = first; i < resnets.size(); ++i) {
    if (!(upsampleFirst && i == first))
      for (auto& r : resnets[i]) h = r(std::move(h), at::Tensor());
    if (i >= upsamplers.size()) continue;
    if (h.size(0) > 1 && 4 * static_cast<int64_t>(h.nbytes()) > imageByImageAboveBytes) {
      std::vector<at::Tensor> images;
      for (int64_t j = 0; j < h.size(0); ++j) images.push_back(upBlocks(i, h.slice(0, j, j + 1), true));
      h.reset();
      return at::cat(images);
    }
    h = upsamplers[i](h);
  }
  return convOut(normOut(h, /*silu=*/true));
}

AutoencoderKLImpl::AutoencoderKLImpl(AutoencoderKLConfig config, const torch::TensorOptions& o) : m_config(std::move(config)) {
  encoder = register_module("encoder", VaeEncoder(m_config, o));
  decoder = register_module("decoder", VaeDecoder(m_config, o));
  const int64_t l = m_config.latentChannels;
  if (m_config.useQuantConv) quantConv = register_module("quant_conv", Conv2d(2 * l, 2 * l, 1, 1, 0, true, o));
  if (m_config.usePostQuantConv) postQuantConv = register_module("post_quant_conv", Conv2d(l, l, 1, 1, 0, true, o));
}

std::pair<at::Tensor, at::Tensor> AutoencoderKLImpl::encode(const at::Tensor& images, const ForwardOptions& fwd) {
  auto moments = encoder(images, fwd);
  if (quantConv) moments = quantConv(moments);
  auto parts = moments.chunk(2, 1);
  return {parts[0], parts[1].clamp(-30.0, 20.0)};
}

at::Tensor AutoencoderKLImpl::decode(const at::Tensor& latents, const ForwardOptions& fwd) {
  // On CUDA the pipeline stores the weights channels-last (sdxl_model.cpp) and the activations
  // follow: cuDNN's NHWC kernels need no transposes around each of the decoder's convolutions.
  const auto z = channelsLastOn(latents.device()) ? latents.contiguous(at::MemoryFormat::ChannelsLast) : latents;
  return decoder(postQuantConv ? postQuantConv(z) : z, fwd);
}

} // namespace sdxl::nn
