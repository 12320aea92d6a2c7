// Lanczos resampling exactly as Pillow does it (Resample.c): separable passes of 8 bits each, the
// kernel widened by the scale when shrinking, fixed-point weights; so an image resized here is
// the image diffusers' image processor (PIL) makes.
#include "sdxl/error.h"
#include "sdxl/image.h"

#include <algorithm>
#include <cmath>

namespace sdxl {

namespace {

// Pillow's Lanczos: sinc(x) sinc(x / 3) on [-3, 3).
double sinc(double x) {
  if (x == 0) return 1;
  const double px = M_PI * x;
  return std::sin(px) / px;
}
double lanczos3(double x) { return -3.0 <= x && x < 3.0 ? sinc(x) * sinc(x / 3) : 0.0; }
// Pillow's bicubic (a = -0.5), its resize()'s default: what diffusers' fill bands are stretched with.
double bicubic(double x) {
  constexpr double a = -0.5;
  x = std::abs(x);
  if (x < 1.0) return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
  if (x < 2.0) return (((x - 5) * x + 8) * x - 4) * a;
  return 0.0;
}
enum class Filter { Lanczos, Bicubic };

constexpr int kPrecisionBits = 32 - 8 - 2; // Pillow's fixed point for 8-bit images

// Pillow's precompute_coeffs and normalize_coeffs_8bpc: for each output pixel, the first input
// pixel and fixed-point weights over the source span [from, to) of `in` pixels.
struct Taps {
  std::vector<int> first;
  std::vector<std::vector<int32_t>> weights;
};
Taps taps(int in, double from, double to, int out, Filter filter) {
  const double scale = (to - from) / out, filterScale = std::max(scale, 1.0);
  const double support = (filter == Filter::Lanczos ? 3 : 2) * filterScale;
  const auto kernel = filter == Filter::Lanczos ? lanczos3 : bicubic;
  Taps t;
  for (int o = 0; o < out; ++o) {
    const double centre = from + (o + 0.5) * scale;
    const int lo = std::max(0, static_cast<int>(centre - support + 0.5));
    const int hi = std::min(in, static_cast<int>(centre + support + 0.5));
    std::vector<double> w;
    double sum = 0;
    for (int i = lo; i < hi; ++i) sum += w.emplace_back(kernel((i - centre + 0.5) / filterScale));
    std::vector<int32_t> fixed;
    for (double v : w) {
      const double k = (sum != 0 ? v / sum : v) * (1 << kPrecisionBits);
      fixed.push_back(static_cast<int32_t>(k < 0 ? k - 0.5 : k + 0.5));
    }
    t.first.push_back(lo);
    t.weights.push_back(std::move(fixed));
  }
  return t;
}

uint8_t clip8(int64_t v) {
  if (v >= (int64_t(1) << kPrecisionBits << 8)) return 255;
  if (v <= 0) return 0;
  return static_cast<uint8_t>(v >> kPrecisionBits);
}

// One pass along x (horizontal) or y, 8 bits in and out, as Pillow's two passes are.
Image pass(const Image& in, const Taps& t, bool horizontal) {
  const int outW = horizontal ? static_cast<int>(t.first.size()) : in.width;
  const int outH = horizontal ? in.height : static_cast<int>(t.first.size());
  Image out{outW, outH, std::vector<uint8_t>(std::size_t(outW) * outH * 3)};
  for (int y = 0; y < outH; ++y)
    for (int x = 0; x < outW; ++x) {
      const int o = horizontal ? x : y;
      for (int c = 0; c < 3; ++c) {
        int64_t acc = int64_t(1) << (kPrecisionBits - 1);
        for (std::size_t k = 0; k < t.weights[o].size(); ++k) {
          const int sx = horizontal ? t.first[o] + int(k) : x, sy = horizontal ? y : t.first[o] + int(k);
          acc += int64_t(in.rgb[(std::size_t(sy) * in.width + sx) * 3 + c]) * t.weights[o][k];
        }
        out.rgb[(std::size_t(y) * outW + x) * 3 + c] = clip8(acc);
      }
    }
  return out;
}

// Pillow's resize((width, height), filter, box=(x0, y0, x1, y1)): horizontal pass over the rows
// the vertical pass needs, then the vertical pass.
Image resample(const Image& in, double x0, double y0, double x1, double y1, int width, int height,
               Filter filter = Filter::Lanczos) {
  const auto tx = taps(in.width, x0, x1, width, filter);
  auto ty = taps(in.height, y0, y1, height, filter);
  const bool horizontal = width != in.width || x0 != 0 || x1 != width;
  const bool vertical = height != in.height || y0 != 0 || y1 != height;
  Image current = in;
  if (horizontal) {
    const int firstRow = ty.first.front();
    const int lastRow = ty.first.back() + static_cast<int>(ty.weights.back().size());
    Image rows{in.width, lastRow - firstRow, {}};
    rows.rgb.assign(in.rgb.begin() + std::size_t(firstRow) * in.width * 3, in.rgb.begin() + std::size_t(lastRow) * in.width * 3);
    for (auto& f : ty.first) f -= firstRow;
    current = pass(rows, tx, true);
  }
  if (vertical) current = pass(current, ty, false);
  return current;
}

// Pillow's paste of `from` at (x, y) into `into`, clipped to it.
void paste(Image& into, const Image& from, int x, int y) {
  for (int row = std::max(0, -y); row < from.height && row + y < into.height; ++row)
    for (int col = std::max(0, -x); col < from.width && col + x < into.width; ++col)
      std::copy_n(&from.rgb[(std::size_t(row) * from.width + col) * 3], 3,
                  &into.rgb[(std::size_t(row + y) * into.width + col + x) * 3]);
}

Image blank(int width, int height) { return {width, height, std::vector<uint8_t>(std::size_t(width) * height * 3)}; }

} // namespace

Image resizeImage(const Image& image, int width, int height, ImageFit fit) {
  if (fit == ImageFit::Resize) return resample(image, 0, 0, image.width, image.height, width, height);
  // diffusers' _resize_and_crop and _resize_and_fill, integer arithmetic and all.
  const double ratio = double(width) / height, source = double(image.width) / image.height;
  const bool crop = fit == ImageFit::Crop;
  const int sw = (crop ? ratio > source : ratio < source) ? width : image.width * height / image.height;
  const int sh = (crop ? ratio <= source : ratio >= source) ? height : image.height * width / image.width;
  const auto scaled = resample(image, 0, 0, image.width, image.height, sw, sh);
  auto out = blank(width, height);
  paste(out, scaled, width / 2 - sw / 2, height / 2 - sh / 2);
  if (crop) return out;
  // The bands left over get the first and last rows (or columns) stretched over them (bicubic:
  // diffusers leaves that resize at Pillow's default).
  if (ratio < source) {
    const int fill = height / 2 - sh / 2;
    if (fill > 0) {
      paste(out, resample(scaled, 0, 0, width, 0, width, fill, Filter::Bicubic), 0, 0);
      paste(out, resample(scaled, 0, scaled.height, width, scaled.height, width, fill, Filter::Bicubic), 0, fill + sh);
    }
  } else if (ratio > source) {
    const int fill = width / 2 - sw / 2;
    if (fill > 0) {
      paste(out, resample(scaled, 0, 0, 0, height, fill, height, Filter::Bicubic), 0, 0);
      paste(out, resample(scaled, scaled.width, 0, scaled.width, height, fill, height, Filter::Bicubic), fill + sw, 0);
    }
  }
  return out;
}

Image fitImage(const Image& image, int width, int height, ImageFit fit) {
  if (image.width < 1 || image.height < 1 || image.rgb.size() != static_cast<std::size_t>(image.width) * image.height * 3)
    throw Error(ErrorKind::InvalidRequest, QT_TRANSLATE_NOOP("sdxl", "the image is empty or its pixels do not match its size"), {});
  if (width < 1 || height < 1 || width > 16384 || height > 16384)
    throw Error(ErrorKind::InvalidRequest, QT_TRANSLATE_NOOP("sdxl", "cannot fit an image to %1x%2"),
                {std::to_string(width), std::to_string(height)});
  if (image.width == width && image.height == height) return image;
  if (fit == ImageFit::Crop && width <= image.width && height <= image.height && image.width - width < 8 &&
      image.height - height < 8) { // trimmed to multiples of 8: a cut, the pixels stay as they are
    Image out{width, height, {}};
    const int x0 = (image.width - width) / 2, y0 = (image.height - height) / 2;
    for (int y = 0; y < height; ++y) {
      const auto* row = image.rgb.data() + (static_cast<std::size_t>(y + y0) * image.width + x0) * 3;
      out.rgb.insert(out.rgb.end(), row, row + static_cast<std::size_t>(width) * 3);
    }
    return out;
  }
  return resizeImage(image, width, height, fit);
}

} // namespace sdxl
