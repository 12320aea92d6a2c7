#include "nn/layers.h"

#include "sdxl/error.h"

namespace sdxl::nn {

WeightResidency*& currentResidency() {
  thread_local WeightResidency* residency = nullptr;
  return residency;
}

LinearImpl::LinearImpl(int64_t in, int64_t out, bool hasBias, const torch::TensorOptions& options) {
  weight = register_parameter("weight", torch::empty({out, in}, options), false);
  if (hasBias) bias = register_parameter("bias", torch::empty({out}, options), false);
}

GegluProjectionImpl::GegluProjectionImpl(int64_t in, int64_t inner, const torch::TensorOptions& options) {
  weight = register_parameter("weight", torch::empty({2 * inner, in}, options), false);
  bias = register_parameter("bias", torch::empty({2 * inner}, options), false);
}

at::Tensor GegluProjectionImpl::loadView(const std::string& /*name*/, const at::Tensor& parameter) const {
  return gegluCheckpointView(parameter);
}

Conv2dImpl::Conv2dImpl(int64_t in, int64_t out, int64_t kernel, int64_t stride, int64_t padding, bool hasBias,
                       const torch::TensorOptions& options)
    : m_stride(stride), m_padding(padding) {
  weight = register_parameter("weight", torch::empty({out, in, kernel, kernel}, options), false);
  if (hasBias) bias = register_parameter("bias", torch::empty({out}, options), false);
}

GroupNormImpl::GroupNormImpl(int64_t groups, int64_t channels, double eps, const torch::TensorOptions& options)
    : m_groups(groups), m_eps(eps) {
  if (groups <= 0 || channels % groups != 0)
    throw Error(ErrorKind::ModelFormat, "GroupNorm: " + std::to_string(channels) + " channels do not split into " +
                                            std::to_string(groups) + " groups (check norm_num_groups in config.json)");
  weight = register_parameter("weight", torch::empty({channels}, options), false);
  bias = register_parameter("bias", torch::empty({channels}, options), false);
}

LayerNormImpl::LayerNormImpl(int64_t dim, double eps, const torch::TensorOptions& options) : m_eps(eps) {
  weight = register_parameter("weight", torch::empty({dim}, options), false);
  bias = register_parameter("bias", torch::empty({dim}, options), false);
}

EmbeddingImpl::EmbeddingImpl(int64_t count, int64_t dim, const torch::TensorOptions& options) {
  weight = register_parameter("weight", torch::empty({count, dim}, options), false);
}

void convertToChannelsLast(torch::nn::Module& module) {
  for (auto& p : module.parameters(true))
    if (p.dim() == 4) p.set_data(p.contiguous(at::MemoryFormat::ChannelsLast));
}

Activation activationFromName(const std::string& name, const std::string& where) {
  if (name == "silu" || name == "swish") return Activation::SiLU;
  if (name == "gelu") return Activation::GELU;
  if (name == "quick_gelu") return Activation::QuickGELU;
  if (name == "relu") return Activation::ReLU;
  throw Error(ErrorKind::ModelFormat, where + ": activation '" + name + "' is not supported");
}

at::Tensor activate(const at::Tensor& x, Activation activation) {
  switch (activation) {
  case Activation::SiLU: return at::silu(x);
  case Activation::GELU: return at::gelu(x);
  case Activation::QuickGELU: return x * at::sigmoid(1.702 * x);
  case Activation::ReLU: return at::relu(x);
  }
  return x;
}

} // namespace sdxl::nn
