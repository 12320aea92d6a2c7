// Leaf layers with diffusers'/transformers' parameter names ("weight", "bias"). Unlike
// torch::nn's, they allocate their parameters uninitialised, directly with the options given
// (device and dtype): a 2.6-billion-parameter UNet is never built twice or filled with random
// numbers only to be overwritten by the checkpoint. Built on the meta device they cost nothing,
// which is how absurd configs are refused before any allocation (see module_loading.h).
#pragma once

#include "nn/fp8_linear.h"
#include "nn/fused_ops.h"
#include "nn/gemm_epilogue.h"
#include "nn/weight_residency.h"

#include <torch/torch.h>

namespace sdxl::nn {

struct LinearImpl : torch::nn::Module {
  LinearImpl(int64_t in, int64_t out, bool bias, const torch::TensorOptions& options);
  at::Tensor forward(const at::Tensor& x) {
    announceUse(this);
    if (fp8Active())
      if (auto y = fp8Linear(x, weight, bias, m_fp8)) return *y;
    return linear(x, weight, bias);
  }
  // residual + forward(x) in one GEMM where it can (see gemm_epilogue.h); move the residual in
  // to let the sum overwrite it.
  at::Tensor forwardAdd(const at::Tensor& x, at::Tensor residual) {
    announceUse(this);
    if (fp8Active())
      if (auto y = fp8Linear(x, weight, bias, m_fp8)) return y->add_(residual);
    return linearAdd(x, weight, bias, std::move(residual));
  }
  // residual += forward(x), in place: the residual may be a slice of a larger tensor.
  void forwardAddInPlace(const at::Tensor& x, const at::Tensor& residual) {
    announceUse(this);
    if (fp8Active())
      if (auto y = fp8Linear(x, weight, bias, m_fp8)) {
        residual.add_(y->view(residual.sizes()));
        return;
      }
    linearAddInPlace(x, weight, bias, residual);
  }
  at::Tensor weight, bias;

private:
  Fp8Weight m_fp8; // the "FP8 products" switch's copy of the weight
};
TORCH_MODULE(Linear);

// A leaf that stores a parameter in another order than checkpoints do. The loader copies each
// checkpoint tensor into loadView(name, parameter): a view of the parameter in checkpoint order.
struct CheckpointOrder {
  virtual ~CheckpointOrder() = default;
  virtual at::Tensor loadView(const std::string& name, const at::Tensor& parameter) const = 0;
};

// diffusers' GEGLU (ff.net.0.proj and its gate): a projection to 2 * inner features, value then
// gate halves in checkpoints, stored with its rows interleaved (value j, gate j) so that a
// thread of the Hopper GEMM holds each value beside its gate and applies the gate before
// anything reaches memory (gegluLinear in fused_ops.h). One layout on every device.
struct GegluProjectionImpl : torch::nn::Module, CheckpointOrder {
  GegluProjectionImpl(int64_t in, int64_t inner, const torch::TensorOptions& options);
  at::Tensor forward(const at::Tensor& x) {
    announceUse(this);
    if (fp8Active())
      if (auto y = fp8Linear(x, weight, bias, m_fp8)) return geglu(*y, /*interleaved=*/true);
    return gegluLinear(x, weight, bias);
  }
  at::Tensor loadView(const std::string& name, const at::Tensor& parameter) const override;
  at::Tensor weight, bias; // (2 * inner, in) and (2 * inner), rows interleaved

private:
  Fp8Weight m_fp8;
};
TORCH_MODULE(GegluProjection);

struct Conv2dImpl : torch::nn::Module {
  Conv2dImpl(int64_t in, int64_t out, int64_t kernel, int64_t stride, int64_t padding, bool bias,
             const torch::TensorOptions& options);
  // conv2d(x, weight, bias). On CUDA the bias goes through addChannelBias: ATen adds it in a
  // broadcast pass of its own that does not vectorise over channels-last activations (3.6 ms of
  // a batch-8 SDXL step on an H200, for 51 convolutions).
  at::Tensor forward(const at::Tensor& x) {
    announceUse(this);
    if (!bias.defined() || !x.is_cuda()) return at::conv2d(x, weight, bias, m_stride, m_padding);
    return addChannelBias(at::conv2d(x, weight, {}, m_stride, m_padding), bias);
  }
  // The convolution without its bias, and the bias, for a caller that adds it in a pass it makes
  // anyway (a ResNet: inside GroupNorm, or in the residual sum). The bias is an alias taken now:
  // it stays on the GPU when sequential offload moves this layer's weights back to the host.
  struct Unbiased {
    at::Tensor output, bias;
  };
  Unbiased forwardUnbiased(const at::Tensor& x) {
    announceUse(this);
    return {at::conv2d(x, weight, {}, m_stride, m_padding), bias.defined() ? bias.detach() : at::Tensor()};
  }
  at::Tensor weight, bias;

private:
  int64_t m_stride, m_padding;
};
TORCH_MODULE(Conv2d);

struct GroupNormImpl : torch::nn::Module {
  GroupNormImpl(int64_t groups, int64_t channels, double eps, const torch::TensorOptions& options);
  // silu(group_norm(x + addend[:, :, None, None])): the SiLU and the per-(sample, channel) addend
  // (a ResNet's time embedding) ride along in the fused kernel instead of costing extra passes.
  at::Tensor forward(const at::Tensor& x, bool silu = false, const at::Tensor& addend = {}, bool mayOverwrite = false) {
    announceUse(this);
    return groupNorm(x, m_groups, weight, bias, m_eps, silu, addend, mayOverwrite);
  }
  at::Tensor weight, bias;

private:
  int64_t m_groups;
  double m_eps;
};
TORCH_MODULE(GroupNorm);

struct LayerNormImpl : torch::nn::Module {
  LayerNormImpl(int64_t dim, double eps, const torch::TensorOptions& options);
  at::Tensor forward(const at::Tensor& x) {
    announceUse(this);
    return layerNorm(x, weight, bias, m_eps);
  }
  at::Tensor weight, bias;

private:
  double m_eps;
};
TORCH_MODULE(LayerNorm);

struct EmbeddingImpl : torch::nn::Module {
  EmbeddingImpl(int64_t count, int64_t dim, const torch::TensorOptions& options);
  at::Tensor forward(const at::Tensor& ids) {
    announceUse(this);
    return at::embedding(weight, ids);
  }
  at::Tensor weight;
};
TORCH_MODULE(Embedding);

// Stores every 4-D parameter (convolution weights) channels-last: with channels-last
// activations cuDNN then runs NHWC kernels without transposing around each convolution.
void convertToChannelsLast(torch::nn::Module& module);

enum class Activation { SiLU, GELU, QuickGELU, ReLU };
Activation activationFromName(const std::string& name, const std::string& where);
at::Tensor activate(const at::Tensor& x, Activation activation);

} // namespace sdxl::nn
