#include "sdxl/image.h"

namespace sdxl {

std::vector<uint8_t> maskCoverage(const Image& mask) {
  std::vector<uint8_t> covered(static_cast<std::size_t>(mask.width) * mask.height);
  for (std::size_t p = 0; p < covered.size() && 3 * p + 2 < mask.rgb.size(); ++p) {
    const uint32_t r = mask.rgb[3 * p], g = mask.rgb[3 * p + 1], b = mask.rgb[3 * p + 2];
    // PIL's convert("L"), then diffusers' binarisation at 0.5 (127.5 of 255).
    const uint32_t gray = (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16;
    covered[p] = gray >= 128 ? 1 : 0;
  }
  return covered;
}

} // namespace sdxl
