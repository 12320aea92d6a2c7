// 8-bit RGB images and PNG files that carry their generation parameters.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace sdxl {

struct Image {
  int width = 0, height = 0;
  std::vector<uint8_t> rgb; // row-major, 3 bytes a pixel
};

// Writes a PNG with tEXt/iTXt chunks (key -> UTF-8 text). Refuses to overwrite an existing
// file unless `overwrite`; writes to a temporary name first so a failure leaves nothing behind.
void savePng(const Image& image, const std::filesystem::path& path, const std::map<std::string, std::string>& text,
             bool overwrite = false);
Image loadPng(const std::filesystem::path& path, std::map<std::string, std::string>* text = nullptr);

// How an image of another size becomes width x height for img2img and inpainting (A1111's
// "Just resize" and "Crop and resize"): stretched, or cut at the centre to the target's aspect and
// scaled. Resampling is Lanczos (a = 3), as diffusers' image processor resizes; an image at most 7
// pixels larger each way is only cut (trimmed to multiples of 8), never resampled.
enum class ImageFit { Resize, Crop };
Image fitImage(const Image& image, int width, int height, ImageFit fit);

// A mask's pixels that are repainted, 1 each (else 0), as diffusers' mask processor reads a mask:
// PIL's grayscale of the pixel, at least one half.
std::vector<uint8_t> maskCoverage(const Image& mask);

// The mask's grayscale blurred as diffusers' mask_processor.blur(mask, radius) blurs it (Pillow's
// GaussianBlur: three box blurs each way, 8-bit between passes), as gray RGB; A1111's mask blur.
Image blurMask(const Image& mask, double radius);

// The next free "prefix-00001.png" style name in `dir`.
std::filesystem::path nextFreeImagePath(const std::filesystem::path& dir, const std::string& prefix);

} // namespace sdxl

namespace at {
class Tensor;
}

namespace sdxl {

// A cheap preview of SDXL latents without the VAE: a fixed linear map from the 4 latent channels
// to RGB (the factors community tools use for SDXL), at latent resolution. `index` picks the image.
Image latentPreview(const at::Tensor& latents, int index);

} // namespace sdxl
