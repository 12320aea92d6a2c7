// How the parity tests judge our output against a reference library's: latents by their largest
// difference relative to the reference's scale, 8-bit images by the share of values within 1.
#pragma once

#include "sdxl/image.h"
#include "sdxl/request.h"

#include <nlohmann/json.hpp>

#include <torch/torch.h>

#include <vector>

namespace sdxl::test {

double relativeError(const at::Tensor& got, const at::Tensor& want); // max |got - want| / max |want|

struct ImageAgreement {
  double withinOne = 0; // share of 8-bit values within 1 of the reference's
  int64_t worst = 0;    // the largest difference
};
// `reference`: (n, h, w, 3) uint8, as the fixtures store diffusers' images.
ImageAgreement compareImages(const std::vector<Image>& ours, const at::Tensor& reference);

Image imageFromTensor(const at::Tensor& hwc); // (h, w, 3) uint8

// The fields every fixture case of cases.json has (prompt, size, seed, scheduler...), fp32.
GenerationRequest requestOfCase(const nlohmann::json& c);

// Image k of a batch made alone: its batch of one takes other matrix kernels than the batch, so
// the same image to within float rounding, which can move a value by one level. Expects at most
// one level anywhere and one value in a thousand moved.
void expectSameToOneLevel(const Image& alone, const Image& inBatch);

} // namespace sdxl::test
