// Lanczos resampling as Pillow does it: separable passes, the kernel widened by the scale when
// shrinking (so shrinking averages rather than skips pixels), weights normalised per pixel.
#include "sdxl/error.h"
#include "sdxl/image.h"

#include <algorithm>
#include <cmath>

namespace sdxl {

namespace {

double lanczos3(double x) {
  if (x == 0) return 1;
  if (x <= -3 || x >= 3) return 0;
  const double px = M_PI * x;
  return 3 * std::sin(px) * std::sin(px / 3) / (px * px);
}

// Resamples the source span [from, from + span) of `in` (in pixels along one axis) to `out` pixels.
struct Taps {
  std::vector<int> first;
  std::vector<std::vector<double>> weights;
};
Taps taps(int in, double from, double span, int out) {
  const double scale = span / out, filterScale = std::max(scale, 1.0), support = 3 * filterScale;
  Taps t;
  for (int o = 0; o < out; ++o) {
    const double centre = from + (o + 0.5) * scale;
    const int lo = std::max(0, static_cast<int>(centre - support + 0.5));
    const int hi = std::min(in, static_cast<int>(centre + support + 0.5));
    std::vector<double> w;
    double sum = 0;
    for (int i = lo; i < hi; ++i) sum += w.emplace_back(lanczos3((i - centre + 0.5) / filterScale));
    for (auto& v : w) v = sum != 0 ? v / sum : 0;
    t.first.push_back(lo);
    t.weights.push_back(std::move(w));
  }
  return t;
}

Image resample(const Image& in, double x0, double y0, double spanX, double spanY, int width, int height) {
  const auto tx = taps(in.width, x0, spanX, width), ty = taps(in.height, y0, spanY, height);
  std::vector<double> rows(static_cast<std::size_t>(in.height) * width * 3);
  for (int y = 0; y < in.height; ++y)
    for (int x = 0; x < width; ++x)
      for (int c = 0; c < 3; ++c) {
        double v = 0;
        for (std::size_t k = 0; k < tx.weights[x].size(); ++k)
          v += tx.weights[x][k] * in.rgb[(static_cast<std::size_t>(y) * in.width + tx.first[x] + k) * 3 + c];
        rows[(static_cast<std::size_t>(y) * width + x) * 3 + c] = v;
      }
  Image out;
  out.width = width;
  out.height = height;
  out.rgb.resize(static_cast<std::size_t>(width) * height * 3);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x)
      for (int c = 0; c < 3; ++c) {
        double v = 0;
        for (std::size_t k = 0; k < ty.weights[y].size(); ++k)
          v += ty.weights[y][k] * rows[((ty.first[y] + k) * width + x) * 3 + c];
        out.rgb[(static_cast<std::size_t>(y) * width + x) * 3 + c] =
            static_cast<uint8_t>(std::clamp(std::lround(v), 0L, 255L));
      }
  return out;
}

} // namespace

Image fitImage(const Image& image, int width, int height, ImageFit fit) {
  if (image.width < 1 || image.height < 1 || image.rgb.size() != static_cast<std::size_t>(image.width) * image.height * 3)
    throw Error(ErrorKind::InvalidRequest, "the image is empty or its pixels do not match its size");
  if (width < 1 || height < 1 || width > 16384 || height > 16384)
    throw Error(ErrorKind::InvalidRequest, "cannot fit an image to " + std::to_string(width) + "x" + std::to_string(height));
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
  if (fit == ImageFit::Resize) return resample(image, 0, 0, image.width, image.height, width, height);
  // Crop: the largest centred region of the target's aspect ratio, then scaled to the target.
  const double aspect = static_cast<double>(width) / height;
  double spanX = image.width, spanY = image.height;
  if (spanX / spanY > aspect) spanX = spanY * aspect;
  else spanY = spanX / aspect;
  return resample(image, (image.width - spanX) / 2, (image.height - spanY) / 2, spanX, spanY, width, height);
}

} // namespace sdxl
