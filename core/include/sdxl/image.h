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
