// safetensors files written by the reference Python package are read here exactly, and files
// written here are byte-identical to the package's (and read by it: see check_cpp_safetensors.py).
#include "sdxl/error.h"
#include "sdxl/safetensors.h"
#include "test_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <fstream>

using namespace sdxl;
namespace fs = std::filesystem;

namespace {

nlohmann::json expectedValues() {
  std::ifstream in(test::fixturesDir() / "safetensors" / "all_dtypes.json");
  return nlohmann::json::parse(in);
}

} // namespace

TEST(Safetensors, ReadsEveryDtypeWrittenByThePythonPackage) {
  auto file = SafetensorsFile::open(test::fixturesDir() / "safetensors" / "all_dtypes.safetensors");
  const auto expected = expectedValues();
  ASSERT_EQ(file->tensors().size(), expected.size());
  EXPECT_EQ(file->metadata().at("format"), "pt");
  for (const auto& item : expected.items()) {
    SCOPED_TRACE(item.key());
    auto t = file->tensor(item.key());
    EXPECT_EQ(t.sizes().vec(), item.value()["shape"].get<std::vector<int64_t>>());
    auto values = t.to(torch::kFloat64).flatten();
    const auto want = item.value()["values"].get<std::vector<double>>();
    ASSERT_EQ(values.numel(), static_cast<int64_t>(want.size()));
    for (std::size_t i = 0; i < want.size(); ++i) EXPECT_EQ(values[static_cast<int64_t>(i)].item<double>(), want[i]);
  }
  EXPECT_EQ(file->tensor("f16").scalar_type(), torch::kFloat16);
  EXPECT_EQ(file->tensor("bf16").scalar_type(), torch::kBFloat16);
  EXPECT_EQ(file->tensor("bool").scalar_type(), torch::kBool);
}

TEST(Safetensors, TensorsViewTheMappingWithoutCopyingAndKeepItAlive) {
  at::Tensor view;
  const void* mappedAt = nullptr;
  {
    auto file = SafetensorsFile::open(test::fixturesDir() / "safetensors" / "all_dtypes.safetensors");
    view = file->tensor("f32");
    mappedAt = file->tensor("f32").data_ptr();
  }
  // The file object is gone; the tensor still reads the mapped bytes (no copy was made).
  EXPECT_EQ(view.data_ptr(), mappedAt);
  auto again = SafetensorsFile::open(test::fixturesDir() / "safetensors" / "all_dtypes.safetensors");
  EXPECT_TRUE(torch::equal(view, again->tensor("f32")));
  // Copy-on-write: writing through a view changes neither the file nor other views.
  view.fill_(0);
  EXPECT_FALSE(torch::equal(view, again->tensor("f32")));
}

TEST(Safetensors, WritesBytesIdenticalToThePythonPackage) {
  auto reference = SafetensorsFile::open(test::fixturesDir() / "safetensors" / "all_dtypes.safetensors");
  std::vector<std::pair<std::string, at::Tensor>> tensors;
  for (const auto& info : reference->tensors()) tensors.emplace_back(info.name, reference->tensor(info.name).clone());
  const auto out = test::freshTempDir("st_identical") / "copy.safetensors";
  writeSafetensors(out, tensors, {{"format", "pt"}});
  EXPECT_EQ(test::readBytes(out), test::readBytes(reference->path()));
}

TEST(Safetensors, RoundTripsThroughTheWriter) {
  const auto out = test::freshTempDir("st_roundtrip") / "rt.safetensors";
  auto a = torch::randn({3, 5});
  auto b = torch::randn({2, 2}).to(torch::kBFloat16);
  writeSafetensors(out, {{"a", a}, {"b", b}, {"c", a.t()}}, {{"k", "v"}, {"x", "y"}});
  auto file = SafetensorsFile::open(out);
  EXPECT_TRUE(torch::equal(file->tensor("a"), a));
  EXPECT_TRUE(torch::equal(file->tensor("b"), b));
  EXPECT_TRUE(torch::equal(file->tensor("c"), a.t()));
  EXPECT_EQ(file->metadata().size(), 2u);
  EXPECT_FALSE(fs::exists(out.string() + ".partial"));
}

TEST(Safetensors, WriterRefusesDuplicateNames) {
  const auto out = test::freshTempDir("st_dup") / "dup.safetensors";
  EXPECT_THROW(writeSafetensors(out, {{"a", torch::zeros(1)}, {"a", torch::ones(1)}}), Error);
  EXPECT_FALSE(fs::exists(out));
}

// Writes the file that check_cpp_safetensors.py reads with the Python package (ctest runs both).
TEST(SafetensorsInterop, WriteForPython) {
  const auto base = test::tempRoot();
  fs::create_directories(base);
  auto m = torch::arange(12, torch::kFloat32).reshape({3, 4});
  writeSafetensors(base / "written_by_cpp.safetensors",
                   {{"a_f32", m},
                    {"b_f16", torch::tensor({0.5, -2.0, 65504.0}).to(torch::kFloat16)},
                    {"c_bf16", torch::tensor({{1.0, -1.0}}).to(torch::kBFloat16)},
                    {"d_i64", torch::tensor({-(int64_t{1} << 40), int64_t{0}, int64_t{1} << 40})},
                    {"e_u8", torch::tensor({0, 128, 255}).to(torch::kUInt8)},
                    {"f_bool", torch::tensor({true, false})},
                    {"g_strided", m.t()}},
                   {{"format", "pt"}, {"writer", "sdxl-studio"}, {"note", "ünïcode ✓"}});
}

TEST(SafetensorsCheckpoint, ReadsShardsThroughTheIndex) {
  const auto dir = test::fixturesDir() / "safetensors" / "sharded";
  auto checkpoint = SafetensorsCheckpoint::openComponent(dir, "diffusion_pytorch_model");
  EXPECT_EQ(checkpoint.files().size(), 2u);
  EXPECT_EQ(checkpoint.names(), (std::vector<std::string>{"down.bias", "down.weight", "up.weight"}));
  EXPECT_EQ(checkpoint.tensor("up.weight").scalar_type(), torch::kFloat32);
}

TEST(SafetensorsCheckpoint, PrefersTheRequestedVariant) {
  const auto dir = test::fixturesDir() / "safetensors" / "sharded";
  auto fp16 = SafetensorsCheckpoint::openComponent(dir, "diffusion_pytorch_model", "fp16");
  ASSERT_EQ(fp16.files().size(), 1u);
  EXPECT_EQ(fp16.files()[0]->path().filename(), "diffusion_pytorch_model.fp16.safetensors");
  auto plain = SafetensorsCheckpoint::openComponent(dir, "diffusion_pytorch_model");
  EXPECT_TRUE(torch::allclose(fp16.tensor("down.weight").to(torch::kFloat32), plain.tensor("down.weight"), 1e-3, 1e-3));
  // A variant that is absent falls back to the plain files.
  EXPECT_EQ(SafetensorsCheckpoint::openComponent(dir, "diffusion_pytorch_model", "bf16").files().size(), 2u);
}

TEST(SafetensorsCheckpoint, IndexNamingAMissingOrEscapingShardIsAnError) {
  const auto dir = test::freshTempDir("st_bad_index");
  std::ofstream(dir / "model.safetensors.index.json") << R"({"weight_map": {"a": "../../etc/passwd"}})";
  try {
    SafetensorsCheckpoint::openComponent(dir, "model");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("outside the folder"), std::string::npos) << e.what();
  }
  std::ofstream(dir / "model.safetensors.index.json", std::ios::trunc) << R"({"weight_map": {"a": "gone.safetensors"}})";
  EXPECT_THROW(SafetensorsCheckpoint::openComponent(dir, "model"), Error);
}

TEST(SafetensorsCheckpoint, RefusesPickleCheckpointsAndSaysWhy) {
  const auto dir = test::freshTempDir("st_pickle");
  std::ofstream(dir / "model.ckpt") << "not opened";
  std::ofstream(dir / "diffusion_pytorch_model.bin") << "not opened";
  for (const char* name : {"model.ckpt", "diffusion_pytorch_model.bin"}) {
    try {
      SafetensorsFile::open(dir / name);
      FAIL() << "expected an error";
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::ModelFormat);
      EXPECT_NE(std::string(e.what()).find("runs whatever code"), std::string::npos) << e.what();
    }
  }
  try {
    SafetensorsCheckpoint::openComponent(dir, "diffusion_pytorch_model");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("pickle"), std::string::npos) << e.what();
  }
}
