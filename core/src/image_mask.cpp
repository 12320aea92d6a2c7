#include "sdxl/image.h"

#include <algorithm>
#include <cmath>

namespace sdxl {

namespace {

uint8_t grayOf(const uint8_t* rgb) { // PIL's convert("L")
  return static_cast<uint8_t>((uint32_t{rgb[0]} * 19595 + uint32_t{rgb[1]} * 38470 + uint32_t{rgb[2]} * 7471 + 0x8000) >> 16);
}

// Pillow's ImagingLineBoxBlur8: a box of radius r + a fraction, as 8.24 fixed-point weights (the
// fraction on the two far pixels), edges extended.
void boxBlurLine(uint8_t* out, const uint8_t* in, int length, float floatRadius) {
  const int radius = static_cast<int>(floatRadius);
  const auto ww = static_cast<uint32_t>(static_cast<float>(1 << 24) / (floatRadius * 2 + 1));
  const uint32_t fw = ((1u << 24) - static_cast<uint32_t>(radius * 2 + 1) * ww) / 2;
  const int last = length - 1;
  auto at = [&](int x) { return uint32_t{in[std::clamp(x, 0, last)]}; };
  // The window [x - radius, x + radius] with edges repeated, kept as a running sum.
  uint32_t acc = 0;
  for (int x = -radius - 1; x < radius; ++x) acc += at(x);
  for (int x = 0; x <= last; ++x) {
    acc += at(x + radius) - at(x - radius - 1);
    const uint32_t bulk = acc * ww + (at(x - radius - 1) + at(x + radius + 1)) * fw;
    out[x] = static_cast<uint8_t>((bulk + (1u << 23)) >> 24);
  }
}

} // namespace

Image blurMask(const Image& mask, double radius) {
  Image out{mask.width, mask.height, std::vector<uint8_t>(static_cast<std::size_t>(mask.width) * mask.height * 3)};
  const std::size_t w = static_cast<std::size_t>(mask.width), h = static_cast<std::size_t>(mask.height);
  std::vector<uint8_t> gray(w * h), line(std::max(w, h)), blurred(std::max(w, h));
  for (std::size_t p = 0; p < w * h && 3 * p + 2 < mask.rgb.size(); ++p) gray[p] = grayOf(&mask.rgb[3 * p]);
  if (radius > 0 && w > 0 && h > 0) {
    // ImagingGaussianBlur: the box radius whose three passes have the Gaussian's variance (Gwosdek et al.).
    constexpr int kPasses = 3;
    const float r = static_cast<float>(radius);
    const float sigma2 = r * r / kPasses;
    const float length = static_cast<float>(std::sqrt(12.0 * sigma2 + 1.0)); // Pillow's own mix of float and double
    const float whole = static_cast<float>(std::floor((length - 1.0) / 2.0));
    float fraction = (2 * whole + 1) * (whole * (whole + 1) - 3 * sigma2);
    fraction /= 6 * (sigma2 - (whole + 1) * (whole + 1));
    const float box = whole + fraction;
    for (int pass = 0; pass < kPasses; ++pass) // rows, as Pillow: all horizontal passes first
      for (std::size_t y = 0; y < h; ++y) {
        boxBlurLine(blurred.data(), &gray[y * w], static_cast<int>(w), box);
        std::copy_n(blurred.begin(), w, gray.begin() + static_cast<std::ptrdiff_t>(y * w));
      }
    for (int pass = 0; pass < kPasses; ++pass)
      for (std::size_t x = 0; x < w; ++x) {
        for (std::size_t y = 0; y < h; ++y) line[y] = gray[y * w + x];
        boxBlurLine(blurred.data(), line.data(), static_cast<int>(h), box);
        for (std::size_t y = 0; y < h; ++y) gray[y * w + x] = blurred[y];
      }
  }
  for (std::size_t p = 0; p < w * h; ++p) out.rgb[3 * p] = out.rgb[3 * p + 1] = out.rgb[3 * p + 2] = gray[p];
  return out;
}

std::vector<uint8_t> maskCoverage(const Image& mask) {
  std::vector<uint8_t> covered(static_cast<std::size_t>(mask.width) * mask.height);
  for (std::size_t p = 0; p < covered.size() && 3 * p + 2 < mask.rgb.size(); ++p) {
    covered[p] = grayOf(&mask.rgb[3 * p]) >= 128 ? 1 : 0; // diffusers' binarisation at 0.5 (127.5 of 255)
  }
  return covered;
}

} // namespace sdxl
