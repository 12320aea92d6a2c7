#include "pipeline/decoding.h"

#include "pipeline/placement.h"

namespace sdxl::pipeline {

at::Tensor decodeTiled(const std::function<at::Tensor(const at::Tensor&)>& decode, const at::Tensor& z, int64_t tile,
                       int64_t overlap, int64_t scale) {
  const int64_t h = z.size(2), w = z.size(3);
  if (h <= tile && w <= tile) return decode(z);
  auto starts = [&](int64_t size) {
    std::vector<int64_t> s;
    if (size <= tile) return std::vector<int64_t>{0};
    for (int64_t p = 0;; p += tile - overlap) {
      if (p + tile >= size) {
        s.push_back(size - tile);
        break;
      }
      s.push_back(p);
    }
    return s;
  };
  at::Tensor out, weights;
  for (int64_t y : starts(h)) {
    for (int64_t x : starts(w)) {
      const int64_t th = std::min(tile, h), tw = std::min(tile, w);
      auto pixels = decode(z.slice(2, y, y + th).slice(3, x, x + tw)).to(at::kFloat);
      // Weights ramp linearly over the overlap on sides that touch another tile.
      const int64_t ph = th * scale, pw = tw * scale, ramp = overlap * scale;
      auto ramp1d = [&](int64_t n, bool rampStart, bool rampEnd) {
        auto r = at::ones({n}, pixels.options());
        auto up = (at::arange(ramp, pixels.options()) + 0.5) / ramp;
        if (rampStart) r.slice(0, 0, ramp).mul_(up);
        if (rampEnd) r.slice(0, n - ramp, n).mul_(up.flip(0));
        return r;
      };
      auto wy = ramp1d(ph, y > 0, y + th < h), wx = ramp1d(pw, x > 0, x + tw < w);
      auto weight = wy.unsqueeze(1) * wx.unsqueeze(0);
      if (!out.defined()) {
        out = at::zeros({z.size(0), pixels.size(1), h * scale, w * scale}, pixels.options());
        weights = at::zeros({h * scale, w * scale}, pixels.options());
      }
      out.slice(2, y * scale, y * scale + ph).slice(3, x * scale, x * scale + pw).add_(pixels * weight);
      weights.slice(0, y * scale, y * scale + ph).slice(1, x * scale, x * scale + pw).add_(weight);
    }
  }
  return out / weights;
}

at::Tensor decodeLatents(SdxlModel& m, const at::Tensor& latents, const OptimizationOptions& o,
                         const nn::ForwardOptions& fwd) {
  const bool tiny = o.tinyAutoencoder;
  Placement& placement = tiny ? *m.vaeTinyPlacement : *m.vaePlacement;
  StageScope stage(placement);
  const auto dtype = tiny ? m.vaeTinyDtype() : m.vaeDtype;
  const double scaling = tiny ? m.vaeTiny->config().scalingFactor : m.vae->config().scalingFactor;
  const auto z = latents.to(dtype) / scaling;
  auto decodeOnce = [&](const at::Tensor& part) {
    PassScope pass(placement);
    return tiny ? m.vaeTiny->decode(part) : m.vae->decode(part, fwd);
  };
  auto decodeImageBatch = [&](const at::Tensor& part) {
    return o.vaeTiling ? decodeTiled(decodeOnce, part, kTileLatents, kOverlapLatents, m.vaeScaleFactor())
                       : decodeOnce(part);
  };
  // TAESD always decodes image by image: it is so fast that slicing costs nothing measurable,
  // and its full-resolution activations then never exist for the whole batch at once.
  if (!(o.vaeSlicing || tiny) || z.size(0) == 1) return decodeImageBatch(z);
  std::vector<at::Tensor> images;
  for (int64_t i = 0; i < z.size(0); ++i) images.push_back(decodeImageBatch(z.slice(0, i, i + 1)));
  return at::cat(images);
}

std::vector<Image> toImages(const at::Tensor& decoded) {
  // Computed where the images are, in fp32 even after a bf16 decode ((x / 2 + 0.5) in bf16 would
  // round to 1/256 steps near 1), and laid out (n, h, w, 3) there: only the bytes cross to the
  // host, not four times as many bytes of fp32 to be converted by the host's cores. Every step is
  // an elementwise fp32 operation, so the bytes do not depend on where it runs.
  auto pixels = (decoded.to(torch::kFloat) / 2 + 0.5).clamp(0, 1).mul(255).round().to(torch::kUInt8);
  pixels = pixels.permute({0, 2, 3, 1}).contiguous();
  if (!pixels.is_cpu()) {
    // Through page-locked memory (the allocator keeps it for the next request): the copy runs at
    // the bus's speed instead of through the driver's staging buffer.
    auto host = at::empty(pixels.sizes(), pixels.options().device(torch::kCPU).pinned_memory(true));
    pixels = host.copy_(pixels);
  }
  std::vector<Image> images;
  for (int64_t i = 0; i < pixels.size(0); ++i) {
    Image image;
    image.height = static_cast<int>(pixels.size(1));
    image.width = static_cast<int>(pixels.size(2));
    const auto* data = pixels[i].data_ptr<uint8_t>();
    image.rgb.assign(data, data + pixels[i].numel());
    images.push_back(std::move(image));
  }
  return images;
}

} // namespace sdxl::pipeline
