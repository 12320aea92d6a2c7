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

// How an image of another size becomes width x height for img2img and inpainting, as diffusers'
// image processor resizes (resize_mode "default", "crop", "fill"; A1111's "Just resize", "Crop and
// resize", "Resize and fill"): stretched; scaled to cover the target and cut at the centre; or
// scaled to fit inside it, the rest filled with its edges stretched. Lanczos (a = 3) as Pillow's.
enum class ImageFit { Resize, Crop, Fill };
// resizeImage, except that an image at most 7 pixels larger each way is only cut (trimmed to
// multiples of 8), never resampled.
Image fitImage(const Image& image, int width, int height, ImageFit fit);
// diffusers' VaeImageProcessor.resize(image, height, width, resize_mode) to the byte.
Image resizeImage(const Image& image, int width, int height, ImageFit fit);

// A1111's "Only masked" inpainting (diffusers' padding_mask_crop): the box around the mask's
// painted pixels (any non-black), widened by `padding` and to the aspect of width x height, within
// the image (diffusers' get_crop_region); then the result, scaled back to the box, pasted over the
// original where the mask is painted, blended by its gray (diffusers' apply_overlay).
struct PixelBox {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  int width() const { return x1 - x0; }
  int height() const { return y1 - y0; }
};
PixelBox maskedArea(const Image& mask, int width, int height, int padding);
Image cropImage(const Image& image, const PixelBox& box);
Image pasteMaskedArea(const Image& original, const Image& mask, const Image& result, const PixelBox& box);

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
