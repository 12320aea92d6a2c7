#include "io/sgm_layout.h"

#include <memory>
#include <utility>

namespace sdxl::io {

namespace {

bool startsWith(const std::string& s, const std::string& prefix) { return s.compare(0, prefix.size(), prefix) == 0; }

// The names inside a block, where they differ (first match wins); `squeeze` marks the renamed
// weights stored as 1x1 convolutions.
struct InnerName {
  const char* from;
  const char* to;
  bool squeeze = false;
};
using InnerNames = std::vector<InnerName>;

const InnerNames kUNetResnet = {{"in_layers.0.", "norm1."},       {"in_layers.2.", "conv1."},
                                {"emb_layers.1.", "time_emb_proj."}, {"out_layers.0.", "norm2."},
                                {"out_layers.3.", "conv2."},      {"skip_connection.", "conv_shortcut."}};
const InnerNames kVaeResnet = {{"norm1.", "norm1."}, {"conv1.", "conv1."}, {"norm2.", "norm2."},
                               {"conv2.", "conv2."}, {"nin_shortcut.", "conv_shortcut."}};
const InnerNames kVaeAttention = {{"norm.", "group_norm."},
                                  {"q.", "to_q.", true},
                                  {"k.", "to_k.", true},
                                  {"v.", "to_v.", true},
                                  {"proj_out.", "to_out.0.", true}};
const InnerNames kSame = {}; // everything below the prefix keeps its name

// Stored prefix -> our prefix, with the block's inner names. Block prefixes end in '.', so the
// longest rule that matches is the one meant ("input_blocks.1." is not "input_blocks.10.").
class PrefixRules final : public SgmNames {
public:
  void add(std::string from, std::string to, const InnerNames* inner = nullptr) {
    m_rules.push_back({std::move(from), std::move(to), inner});
  }
  std::vector<SgmTarget> convert(const std::string& key) const override {
    const Rule* best = nullptr;
    for (const auto& r : m_rules)
      if (startsWith(key, r.from) && (!best || r.from.size() > best->from.size())) best = &r;
    if (!best) return {};
    const auto rest = key.substr(best->from.size());
    if (!best->inner) return {{best->to + rest}};
    for (const auto& n : *best->inner)
      if (startsWith(rest, n.from)) {
        const auto tail = rest.substr(std::char_traits<char>::length(n.from));
        return {{best->to + n.to + tail, n.squeeze && tail == "weight" ? Reshape::Squeeze1x1 : Reshape::None}};
      }
    return best->inner == &kSame ? std::vector<SgmTarget>{{best->to + rest}} : std::vector<SgmTarget>{};
  }
  std::string toStored(const std::string& module) const override {
    const auto ours = module + ".";
    const Rule* best = nullptr;
    for (const auto& r : m_rules)
      if (startsWith(ours, r.to) && (!best || r.to.size() > best->to.size())) best = &r;
    if (!best) return {};
    auto rest = ours.substr(best->to.size());
    if (best->inner && best->inner != &kSame) {
      bool renamed = false;
      for (const auto& n : *best->inner)
        if (startsWith(rest, n.to)) {
          rest = n.from + rest.substr(std::char_traits<char>::length(n.to));
          renamed = true;
          break;
        }
      if (!renamed) return {};
    }
    const auto stored = best->from + rest;
    return stored.substr(0, stored.size() - 1); // without the closing '.'
  }

private:
  struct Rule {
    std::string from, to;
    const InnerNames* inner;
  };
  std::vector<Rule> m_rules;
};

std::string n(std::size_t i) { return std::to_string(i); }

class ClipNames final : public SgmNames {
public:
  std::vector<SgmTarget> convert(const std::string& key) const override {
    if (startsWith(key, "text_model.")) return {{key}};
    return {};
  }
  bool ignored(const std::string& key) const override { return key == "text_model.embeddings.position_ids"; }
};

class OpenClipNames final : public SgmNames {
public:
  std::vector<SgmTarget> convert(const std::string& key) const override {
    static const std::vector<std::pair<std::string, std::string>> top = {
        {"token_embedding.weight", "text_model.embeddings.token_embedding.weight"},
        {"positional_embedding", "text_model.embeddings.position_embedding.weight"},
        {"ln_final.weight", "text_model.final_layer_norm.weight"},
        {"ln_final.bias", "text_model.final_layer_norm.bias"}};
    for (const auto& [from, to] : top)
      if (key == from) return {{to}};
    if (key == "text_projection") return {{"text_projection.weight", Reshape::Transpose}};
    const std::string blocks = "transformer.resblocks.";
    if (!startsWith(key, blocks)) return {};
    const auto dot = key.find('.', blocks.size());
    if (dot == std::string::npos) return {};
    const auto layer = "text_model.encoder.layers." + key.substr(blocks.size(), dot - blocks.size()) + ".";
    const auto rest = key.substr(dot + 1);
    for (const char* kind : {"weight", "bias"})
      if (rest == std::string("attn.in_proj_") + kind)
        return {{layer + "self_attn.q_proj." + kind, Reshape::Part0},
                {layer + "self_attn.k_proj." + kind, Reshape::Part1},
                {layer + "self_attn.v_proj." + kind, Reshape::Part2}};
    static const InnerNames inner = {{"attn.out_proj.", "self_attn.out_proj."}, {"ln_1.", "layer_norm1."},
                                     {"ln_2.", "layer_norm2."},                {"mlp.c_fc.", "mlp.fc1."},
                                     {"mlp.c_proj.", "mlp.fc2."}};
    for (const auto& r : inner)
      if (startsWith(rest, r.from)) return {{layer + r.to + rest.substr(std::char_traits<char>::length(r.from))}};
    return {};
  }
  bool ignored(const std::string& key) const override { return key == "logit_scale" || key.find("attn_mask") != std::string::npos; }
};

} // namespace

std::unique_ptr<SgmNames> sgmUNetNames(const SgmUNetLayout& c) {
  auto rules = std::make_unique<PrefixRules>();
  rules->add("input_blocks.0.0.", "conv_in.");
  rules->add("time_embed.0.", "time_embedding.linear_1.");
  rules->add("time_embed.2.", "time_embedding.linear_2.");
  rules->add("label_emb.0.0.", "add_embedding.linear_1.");
  rules->add("label_emb.0.2.", "add_embedding.linear_2.");
  rules->add("out.0.", "conv_norm_out.");
  rules->add("out.2.", "conv_out.");
  const std::size_t blocks = c.downAttention.size(), layers = c.layersPerBlock;
  // The input blocks count on from 1: each down block's resnets (with their attentions), then its
  // downsampler as a block of its own.
  std::size_t input = 1;
  for (std::size_t b = 0; b < blocks; ++b) {
    const bool attention = c.downAttention[b];
    const auto down = "down_blocks." + n(b) + ".";
    for (std::size_t j = 0; j < layers; ++j, ++input) {
      rules->add("input_blocks." + n(input) + ".0.", down + "resnets." + n(j) + ".", &kUNetResnet);
      if (attention) rules->add("input_blocks." + n(input) + ".1.", down + "attentions." + n(j) + ".", &kSame);
    }
    if (b + 1 < blocks) rules->add("input_blocks." + n(input++) + ".0.op.", down + "downsamplers.0.conv.");
  }
  rules->add("middle_block.0.", "mid_block.resnets.0.", &kUNetResnet);
  rules->add("middle_block.1.", "mid_block.attentions.0.", &kSame);
  rules->add("middle_block.2.", "mid_block.resnets.1.", &kUNetResnet);
  // Each up block has one resnet more; its upsampler sits in its last output block, after the
  // attention where there is one.
  std::size_t output = 0;
  for (std::size_t b = 0; b < blocks; ++b) {
    const bool attention = b < c.upAttention.size() && c.upAttention[b];
    const auto up = "up_blocks." + n(b) + ".";
    for (std::size_t j = 0; j <= layers; ++j, ++output) {
      rules->add("output_blocks." + n(output) + ".0.", up + "resnets." + n(j) + ".", &kUNetResnet);
      if (attention) rules->add("output_blocks." + n(output) + ".1.", up + "attentions." + n(j) + ".", &kSame);
      if (j == layers && b + 1 < blocks)
        rules->add("output_blocks." + n(output) + (attention ? ".2." : ".1.") + "conv.", up + "upsamplers.0.conv.");
    }
  }
  return rules;
}

std::unique_ptr<SgmNames> sgmVaeNames(const SgmVaeLayout& c) {
  auto rules = std::make_unique<PrefixRules>();
  for (const char* same : {"quant_conv.", "post_quant_conv.", "encoder.conv_in.", "encoder.conv_out.",
                           "decoder.conv_in.", "decoder.conv_out."})
    rules->add(same, same);
  const std::size_t blocks = c.blocks, layers = c.layersPerBlock;
  for (const std::string part : {"encoder", "decoder"}) {
    rules->add(part + ".norm_out.", part + ".conv_norm_out.");
    rules->add(part + ".mid.block_1.", part + ".mid_block.resnets.0.", &kVaeResnet);
    rules->add(part + ".mid.block_2.", part + ".mid_block.resnets.1.", &kVaeResnet);
    rules->add(part + ".mid.attn_1.", part + ".mid_block.attentions.0.", &kVaeAttention);
  }
  for (std::size_t i = 0; i < blocks; ++i) {
    const auto down = "encoder.down_blocks." + n(i) + ".";
    for (std::size_t j = 0; j < layers; ++j)
      rules->add("encoder.down." + n(i) + ".block." + n(j) + ".", down + "resnets." + n(j) + ".", &kVaeResnet);
    if (i + 1 < blocks) rules->add("encoder.down." + n(i) + ".downsample.conv.", down + "downsamplers.0.conv.");
    // The decoder's blocks are stored from the lowest resolution's index down: up.0 is our last.
    const auto up = "decoder.up_blocks." + n(blocks - 1 - i) + ".";
    for (std::size_t j = 0; j <= layers; ++j)
      rules->add("decoder.up." + n(i) + ".block." + n(j) + ".", up + "resnets." + n(j) + ".", &kVaeResnet);
    if (i > 0) rules->add("decoder.up." + n(i) + ".upsample.conv.", up + "upsamplers.0.conv.");
  }
  return rules;
}

std::unique_ptr<SgmNames> sgmClipNames() { return std::make_unique<ClipNames>(); }
std::unique_ptr<SgmNames> sgmOpenClipNames() { return std::make_unique<OpenClipNames>(); }

std::vector<int64_t> reshapedShape(const std::vector<int64_t>& s, Reshape reshape) {
  switch (reshape) {
  case Reshape::None: return s;
  case Reshape::Transpose: return s.size() == 2 ? std::vector<int64_t>{s[1], s[0]} : s;
  case Reshape::Squeeze1x1: return s.size() == 4 && s[2] == 1 && s[3] == 1 ? std::vector<int64_t>{s[0], s[1]} : s;
  case Reshape::Part0: case Reshape::Part1: case Reshape::Part2: {
    auto out = s;
    if (!out.empty()) out[0] /= 3;
    return out;
  }
  }
  return s;
}

} // namespace sdxl::io
