#include "parity_support.h"

#include <gtest/gtest.h>

namespace sdxl::test {

double relativeError(const at::Tensor& got, const at::Tensor& want) {
  return (got.to(at::kFloat) - want.to(at::kFloat)).abs().max().item<double>() / want.abs().max().item<double>();
}

ImageAgreement compareImages(const std::vector<Image>& ours, const at::Tensor& reference) {
  int64_t total = 0, within = 0, worst = 0;
  for (std::size_t i = 0; i < ours.size(); ++i) {
    auto mine = torch::from_blob(const_cast<uint8_t*>(ours[i].rgb.data()), {ours[i].height, ours[i].width, 3},
                                 torch::kUInt8)
                    .to(torch::kInt);
    auto diff = (mine - reference[static_cast<int64_t>(i)].to(torch::kInt)).abs();
    total += diff.numel();
    within += (diff <= 1).sum().item<int64_t>();
    worst = std::max<int64_t>(worst, diff.max().item<int64_t>());
  }
  return {total ? double(within) / double(total) : 0.0, worst};
}

void expectSameToOneLevel(const Image& alone, const Image& inBatch) {
  ASSERT_EQ(alone.rgb.size(), inBatch.rgb.size());
  int worst = 0, differ = 0;
  for (std::size_t i = 0; i < alone.rgb.size(); ++i) {
    const int d = std::abs(int(alone.rgb[i]) - int(inBatch.rgb[i]));
    worst = std::max(worst, d);
    differ += d != 0;
  }
  std::printf("an image alone against its batch: %d of %zu values differ, by %d at most\n", differ, alone.rgb.size(), worst);
  EXPECT_LE(worst, 1);
  EXPECT_LE(differ, int(alone.rgb.size() / 1000));
}

GenerationRequest requestOfCase(const nlohmann::json& c) {
  GenerationRequest r;
  r.prompt = c["prompt"];
  r.negativePrompt = c["negative"];
  r.width = c["width"];
  r.height = c["height"];
  r.images = c["images"];
  r.guidance = c["guidance"];
  r.seed = c["seed"];
  r.seedMode = *seedModeFromName(c["seed_mode"]);
  r.steps = c["steps"];
  r.scheduler = *schedulerFromName(c["scheduler"]);
  r.optimizations.precision = Precision::FP32;
  return r;
}

Image imageFromTensor(const at::Tensor& hwc) {
  const auto bytes = hwc.contiguous();
  Image image{static_cast<int>(bytes.size(1)), static_cast<int>(bytes.size(0)), {}};
  image.rgb.assign(bytes.data_ptr<uint8_t>(), bytes.data_ptr<uint8_t>() + bytes.numel());
  return image;
}

} // namespace sdxl::test
