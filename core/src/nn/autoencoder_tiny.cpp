#include "nn/autoencoder_tiny.h"

namespace sdxl::nn {

AutoencoderTinyConfig AutoencoderTinyConfig::fromJson(const ConfigReader& c) {
  AutoencoderTinyConfig t;
  t.inChannels = c.integer("in_channels", 3, 1, 64);
  t.outChannels = c.integer("out_channels", 3, 1, 64);
  t.latentChannels = c.integer("latent_channels", 4, 1, 256);
  t.encoderBlockOutChannels = c.integers("encoder_block_out_channels", 1, 4096);
  t.decoderBlockOutChannels = c.integers("decoder_block_out_channels", 1, 4096);
  t.numEncoderBlocks = c.integers("num_encoder_blocks", 0, 64);
  t.numDecoderBlocks = c.integers("num_decoder_blocks", 0, 64);
  if (t.numEncoderBlocks.size() != t.encoderBlockOutChannels.size())
    c.fail("num_encoder_blocks", QT_TRANSLATE_NOOP("sdxl", "%1: \"%2\" needs one entry per encoder_block_out_channels entry"));
  if (t.numDecoderBlocks.size() != t.decoderBlockOutChannels.size())
    c.fail("num_decoder_blocks", QT_TRANSLATE_NOOP("sdxl", "%1: \"%2\" needs one entry per decoder_block_out_channels entry"));
  t.upsamplingScalingFactor = c.integer("upsampling_scaling_factor", 2, 1, 8);
  t.latentMagnitude = c.number("latent_magnitude", 3.0);
  t.latentShift = c.number("latent_shift", 0.5);
  t.scalingFactor = c.number("scaling_factor", 1.0);
  t.activation = activationFromName(c.string("act_fn", "relu"), c.where());
  return t;
}

at::Tensor TinyStackImpl::forward(const at::Tensor& input) {
  auto x = input;
  for (auto& layer : layers) {
    switch (layer.kind) {
    case TinyLayer::Conv: x = layer.conv(x); break;
    case TinyLayer::Act: x = activate(x, activation); break;
    case TinyLayer::Upsample:
      x = upsampleNearest(x, std::vector<int64_t>{x.size(2) * upsampleFactor, x.size(3) * upsampleFactor});
      break;
    case TinyLayer::Block: {
      auto h = layer.blockConv4(activate(layer.blockConv2(activate(layer.blockConv0(x), activation)), activation));
      x = at::relu(h + (layer.blockSkip ? layer.blockSkip(x) : x)); // "fuse" is a ReLU in diffusers
      break;
    }
    }
  }
  return x;
}

namespace {

void addConv(TinyStackImpl& stack, int64_t in, int64_t out, int64_t stride, bool bias, const torch::TensorOptions& o) {
  TinyLayer layer{TinyLayer::Conv};
  layer.conv = stack.register_module(std::to_string(stack.layers.size()), Conv2d(in, out, 3, stride, 1, bias, o));
  stack.layers.push_back(layer);
}

void addBlock(TinyStackImpl& stack, int64_t in, int64_t out, const torch::TensorOptions& o) {
  TinyLayer layer{TinyLayer::Block};
  auto block = stack.register_module(std::to_string(stack.layers.size()), std::make_shared<torch::nn::Module>());
  auto conv = block->register_module("conv", std::make_shared<torch::nn::Module>());
  layer.blockConv0 = conv->register_module("0", Conv2d(in, out, 3, 1, 1, true, o));
  layer.blockConv2 = conv->register_module("2", Conv2d(out, out, 3, 1, 1, true, o));
  layer.blockConv4 = conv->register_module("4", Conv2d(out, out, 3, 1, 1, true, o));
  if (in != out) layer.blockSkip = block->register_module("skip", Conv2d(in, out, 1, 1, 0, false, o));
  stack.layers.push_back(layer);
}

void addStep(TinyStackImpl& stack, TinyLayer::Kind kind) { stack.layers.push_back(TinyLayer{kind}); }

} // namespace

AutoencoderTinyImpl::AutoencoderTinyImpl(AutoencoderTinyConfig config, const torch::TensorOptions& o)
    : m_config(std::move(config)) {
  const auto& c = m_config;
  // Both stacks hold their layers in a child named "layers", as diffusers' Sequential does.
  auto encoderRoot = register_module("encoder", std::make_shared<torch::nn::Module>());
  encoder = encoderRoot->register_module("layers", TinyStack());
  encoder->activation = c.activation;
  for (std::size_t i = 0; i < c.numEncoderBlocks.size(); ++i) {
    const int64_t ch = c.encoderBlockOutChannels[i];
    if (i == 0) addConv(*encoder, c.inChannels, ch, 1, true, o);
    else addConv(*encoder, ch, ch, 2, false, o);
    for (int64_t b = 0; b < c.numEncoderBlocks[i]; ++b) addBlock(*encoder, ch, ch, o);
  }
  addConv(*encoder, c.encoderBlockOutChannels.back(), c.latentChannels, 1, true, o);

  auto decoderRoot = register_module("decoder", std::make_shared<torch::nn::Module>());
  decoder = decoderRoot->register_module("layers", TinyStack());
  decoder->activation = c.activation;
  decoder->upsampleFactor = c.upsamplingScalingFactor;
  addConv(*decoder, c.latentChannels, c.decoderBlockOutChannels[0], 1, true, o);
  addStep(*decoder, TinyLayer::Act);
  for (std::size_t i = 0; i < c.numDecoderBlocks.size(); ++i) {
    const bool last = i + 1 == c.numDecoderBlocks.size();
    const int64_t ch = c.decoderBlockOutChannels[i];
    for (int64_t b = 0; b < c.numDecoderBlocks[i]; ++b) addBlock(*decoder, ch, ch, o);
    if (!last) addStep(*decoder, TinyLayer::Upsample);
    addConv(*decoder, ch, last ? c.outChannels : ch, 1, last, o);
  }
}

at::Tensor AutoencoderTinyImpl::encode(const at::Tensor& images) { return encoder(images.add(1).div(2)); }

at::Tensor AutoencoderTinyImpl::decode(const at::Tensor& latents) {
  // On CUDA the pipeline stores the weights channels-last (sdxl_model.cpp); the activations follow.
  auto z = channelsLastOn(latents.device()) ? latents.contiguous(at::MemoryFormat::ChannelsLast) : latents;
  return decoder(at::tanh(z / 3) * 3).mul(2).sub(1);
}

} // namespace sdxl::nn
