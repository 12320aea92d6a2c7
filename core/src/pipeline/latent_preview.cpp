#include "sdxl/image.h"

#include <torch/torch.h>

namespace sdxl {

Image latentPreview(const at::Tensor& latents, int index) {
  // Least-squares fit of RGB from SDXL's 4 latent channels (as ComfyUI's latent_formats.SDXL).
  static const float factors[4][3] = {
      {0.3651f, 0.4232f, 0.4341f}, {-0.2533f, -0.0042f, 0.1068f}, {0.1076f, 0.1111f, -0.0362f}, {-0.3165f, -0.2492f, -0.2188f}};
  static const float bias[3] = {0.1084f, -0.0175f, -0.0011f};
  c10::InferenceMode guard;
  auto z = latents[index].to(torch::kCPU, torch::kFloat); // (4, h, w)
  auto m = torch::from_blob(const_cast<float*>(&factors[0][0]), {4, 3}).clone();
  auto rgb = at::einsum("chw,cr->hwr", {z.slice(0, 0, 4), m}) + torch::from_blob(const_cast<float*>(bias), {3}).clone();
  rgb = ((rgb + 1) * 127.5).clamp(0, 255).round().to(torch::kUInt8).contiguous();
  Image image;
  image.height = static_cast<int>(rgb.size(0));
  image.width = static_cast<int>(rgb.size(1));
  image.rgb.assign(rgb.data_ptr<uint8_t>(), rgb.data_ptr<uint8_t>() + rgb.numel());
  return image;
}

} // namespace sdxl
