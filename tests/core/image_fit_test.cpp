// fitImage: any image to the request's size, stretched or cut to its aspect; the mask reading.
#include "sdxl/error.h"
#include "sdxl/image.h"

#include <gtest/gtest.h>

using namespace sdxl;

namespace {
Image gradient(int w, int h) {
  Image image{w, h, {}};
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      image.rgb.insert(image.rgb.end(), {static_cast<uint8_t>(x * 255 / (w - 1)), static_cast<uint8_t>(y * 255 / (h - 1)), 77});
  return image;
}
uint8_t pixel(const Image& image, int x, int y, int c) { return image.rgb[(static_cast<std::size_t>(y) * image.width + x) * 3 + c]; }
} // namespace

TEST(ImageFit, ASizeAlreadyRightIsKeptExactly) {
  const auto image = gradient(64, 40);
  EXPECT_EQ(fitImage(image, 64, 40, ImageFit::Resize).rgb, image.rgb);
  EXPECT_EQ(fitImage(image, 64, 40, ImageFit::Crop).rgb, image.rgb);
}

TEST(ImageFit, CuttingToMultiplesOfEightKeepsPixels) {
  const auto image = gradient(69, 43);
  const auto cut = fitImage(image, 64, 40, ImageFit::Crop);
  ASSERT_EQ(cut.width, 64);
  ASSERT_EQ(cut.height, 40);
  EXPECT_EQ(pixel(cut, 0, 0, 0), pixel(image, 2, 1, 0)); // centred: 5 columns and 3 rows go, split
  EXPECT_EQ(pixel(cut, 63, 39, 1), pixel(image, 65, 40, 1));
}

TEST(ImageFit, ResizingStretchesAndCroppingKeepsTheAspect) {
  const auto image = gradient(200, 100);
  const auto stretched = fitImage(image, 64, 64, ImageFit::Resize);
  const auto cropped = fitImage(image, 64, 64, ImageFit::Crop);
  ASSERT_EQ(stretched.rgb.size(), 64u * 64 * 3);
  // Stretched spans the whole gradient; cropped only its middle half.
  EXPECT_LE(pixel(stretched, 0, 32, 0), 4);
  EXPECT_GE(pixel(stretched, 63, 32, 0), 251);
  EXPECT_NEAR(pixel(cropped, 0, 32, 0), 64, 4);
  EXPECT_NEAR(pixel(cropped, 63, 32, 0), 191, 4);
  for (const auto& fitted : {stretched, cropped}) EXPECT_EQ(pixel(fitted, 10, 10, 2), 77); // a flat channel stays flat
}

TEST(ImageFit, FillingKeepsTheWholeImageAndStretchesItsEdgesOverTheBands) {
  const auto image = gradient(200, 100);
  const auto filled = fitImage(image, 64, 64, ImageFit::Fill);
  ASSERT_EQ(filled.rgb.size(), 64u * 64 * 3);
  EXPECT_LE(pixel(filled, 0, 32, 0), 4); // the whole width is there
  EXPECT_GE(pixel(filled, 63, 32, 0), 251);
  for (int y = 1; y < 16; ++y) EXPECT_EQ(pixel(filled, 30, y, 1), pixel(filled, 30, 0, 1)) << y; // one band, one row
  EXPECT_LE(pixel(filled, 30, 0, 1), 8);    // the top edge's green
  EXPECT_GE(pixel(filled, 30, 63, 1), 247); // the bottom edge's
}

TEST(ImageFit, EmptyImagesAndImpossibleSizesAreRefused) {
  EXPECT_THROW(fitImage(Image{}, 64, 64, ImageFit::Resize), Error);
  EXPECT_THROW(fitImage(Image{4, 4, std::vector<uint8_t>(5)}, 64, 64, ImageFit::Resize), Error);
  EXPECT_THROW(fitImage(gradient(8, 8), 0, 64, ImageFit::Crop), Error);
}

TEST(ImageFit, AMaskIsReadAsPilGrayscaleAtOneHalf) {
  Image mask{5, 1, {255, 255, 255, 128, 128, 128, 127, 127, 127, 200, 100, 50, 60, 200, 120}};
  EXPECT_EQ(maskCoverage(mask), (std::vector<uint8_t>{1, 1, 0, 0, 1}));
}
