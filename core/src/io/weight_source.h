// What a loader fills a network from: tensors named as our networks name their parameters
// (diffusers' and transformers' names), with their shapes known before anything is read. A
// diffusers component folder is one (its safetensors files as they are); a single-file checkpoint
// in the original layout is another, its names converted and its fused or transposed tensors
// taken apart as views while loading, so no converted copy is ever written or held.
#pragma once

#include "sdxl/safetensors.h"

#include <torch/torch.h>

#include <string>
#include <vector>

namespace sdxl::io {

class WeightSource {
public:
  virtual ~WeightSource() = default;
  virtual std::vector<std::string> names() const = 0;
  virtual bool contains(const std::string& name) const = 0;
  virtual std::vector<int64_t> shape(const std::string& name) const = 0; // as the network holds it
  virtual uint64_t bytes(const std::string& name) const = 0;             // read from the file for it
  // A CPU tensor of `shape(name)` (any dtype; a view where it can be).
  virtual at::Tensor tensor(const std::string& name) const = 0;
};

// A component's safetensors files (one, or shards) as they are.
class CheckpointSource final : public WeightSource {
public:
  explicit CheckpointSource(SafetensorsCheckpoint checkpoint) : m_checkpoint(std::move(checkpoint)) {}
  std::vector<std::string> names() const override { return m_checkpoint.names(); }
  bool contains(const std::string& name) const override { return m_checkpoint.contains(name); }
  std::vector<int64_t> shape(const std::string& name) const override { return m_checkpoint.info(name).shape; }
  uint64_t bytes(const std::string& name) const override {
    const auto& info = m_checkpoint.info(name);
    return info.end - info.begin;
  }
  at::Tensor tensor(const std::string& name) const override { return m_checkpoint.tensor(name); }

private:
  SafetensorsCheckpoint m_checkpoint;
};

} // namespace sdxl::io
