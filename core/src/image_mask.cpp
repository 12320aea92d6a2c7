// What a mask means, as diffusers reads one: its grayscale and threshold, Pillow's GaussianBlur
// (mask_processor.blur), and A1111's "Only masked" inpainting as diffusers' padding_mask_crop does
// it (get_crop_region's box, apply_overlay's paste: Pillow's premultiplied paste, its conversion
// back and its alpha_composite), all to the byte.
#include "sdxl/error.h"
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

uint32_t div255(uint32_t a) { // Pillow's DIV255: a / 255, rounded
  const uint32_t t = a + 128;
  return ((t >> 8) + t) >> 8;
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

PixelBox maskedArea(const Image& mask, int width, int height, int padding) {
  const int w = mask.width, h = mask.height;
  std::vector<bool> anyInColumn(static_cast<std::size_t>(w)), anyInRow(static_cast<std::size_t>(h));
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      if (grayOf(&mask.rgb[(std::size_t(y) * w + x) * 3]) != 0) anyInColumn[std::size_t(x)] = anyInRow[std::size_t(y)] = true;
  int left = 0, right = 0, top = 0, bottom = 0; // blank columns and rows on each side
  while (left < w && !anyInColumn[std::size_t(left)]) ++left;
  while (right < w && !anyInColumn[std::size_t(w - 1 - right)]) ++right;
  while (top < h && !anyInRow[std::size_t(top)]) ++top;
  while (bottom < h && !anyInRow[std::size_t(h - 1 - bottom)]) ++bottom;
  if (left == w)
    throw Error(ErrorKind::InvalidRequest,
                QT_TRANSLATE_NOOP("sdxl", "the mask is empty: paint white where the image should change"), {});
  PixelBox b{std::max(left - padding, 0), std::max(top - padding, 0), std::min(w - right + padding, w),
             std::min(h - bottom + padding, h)};
  // Widened to the processing aspect, in get_crop_region's order of steps (Python's int() and //).
  const double region = double(b.width()) / b.height(), processing = double(width) / height;
  auto widen = [](int& lo, int& hi, int diff, int limit) {
    lo -= diff / 2;
    hi += diff - diff / 2;
    if (hi >= limit) {
      const int over = hi - limit;
      hi -= over;
      lo -= over;
    }
    if (lo < 0) {
      hi -= lo;
      lo = 0;
    }
    if (hi >= limit) hi = limit;
  };
  if (region > processing) widen(b.y0, b.y1, static_cast<int>(b.width() / processing - b.height()), h);
  else widen(b.x0, b.x1, static_cast<int>(b.height() * processing - b.width()), w);
  return b;
}

Image cropImage(const Image& image, const PixelBox& box) {
  Image out{box.width(), box.height(), {}};
  for (int y = box.y0; y < box.y1; ++y) {
    const auto* row = &image.rgb[(std::size_t(y) * image.width + box.x0) * 3];
    out.rgb.insert(out.rgb.end(), row, row + std::size_t(box.width()) * 3);
  }
  return out;
}

Image pasteMaskedArea(const Image& original, const Image& mask, const Image& result, const PixelBox& box) {
  // The result scaled to the box (resize_mode "crop") on black, where apply_overlay pastes it.
  Image out{original.width, original.height, std::vector<uint8_t>(original.rgb.size())};
  const auto scaled = resizeImage(result, box.width(), box.height(), ImageFit::Crop);
  for (int y = 0; y < scaled.height; ++y)
    std::copy_n(&scaled.rgb[std::size_t(y) * scaled.width * 3], std::size_t(scaled.width) * 3,
                &out.rgb[(std::size_t(y + box.y0) * out.width + box.x0) * 3]);
  for (std::size_t p = 0; p < std::size_t(original.width) * original.height; ++p) {
    // The original where the mask is not painted: pasted premultiplied with the inverted gray as
    // alpha, un-premultiplied, then composited over the result (whose alpha is 255).
    const uint32_t a = 255 - grayOf(&mask.rgb[3 * p]);
    if (a == 0) continue;
    const uint32_t coef1 = a * 255 * 255 * 128 / (a * 255 + 255 * (255 - a)), coef2 = 255 * 128 - coef1;
    for (int c = 0; c < 3; ++c) {
      uint32_t src = div255(original.rgb[3 * p + c] * a);
      if (a != 255) src = std::min<uint32_t>(255 * src / a, 255);
      const uint32_t t = src * coef1 + out.rgb[3 * p + c] * coef2 + (0x80 << 7);
      out.rgb[3 * p + c] = static_cast<uint8_t>((((t >> 8) + t) >> 8) >> 7);
    }
  }
  return out;
}

} // namespace sdxl
