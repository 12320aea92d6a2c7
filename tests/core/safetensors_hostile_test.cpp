// Hostile or broken safetensors files: each gives a ModelFormat error that names the file (and
// the tensor, where one is at fault), never a crash or a read outside the buffer. The buffers
// are exact-size heap copies, so AddressSanitizer builds would catch any overread.
#include "sdxl/error.h"
#include "sdxl/safetensors.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <cstring>

using namespace sdxl;

namespace {

std::vector<uint8_t> makeFile(const std::string& header, std::size_t dataBytes, uint64_t claimedLength = UINT64_MAX) {
  const uint64_t length = claimedLength == UINT64_MAX ? header.size() : claimedLength;
  std::vector<uint8_t> bytes(8 + header.size() + dataBytes, 0x5A);
  for (int i = 0; i < 8; ++i) bytes[static_cast<std::size_t>(i)] = static_cast<uint8_t>(length >> (8 * i));
  std::memcpy(bytes.data() + 8, header.data(), header.size());
  return bytes;
}

// Parses and returns the error message; fails the test if parsing succeeds.
std::string parseError(const std::vector<uint8_t>& bytes) {
  auto exact = std::make_unique<uint8_t[]>(bytes.size() ? bytes.size() : 1);
  std::memcpy(exact.get(), bytes.data(), bytes.size());
  try {
    parseSafetensorsHeader(exact.get(), bytes.size(), "evil.safetensors");
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::ModelFormat);
    return e.what();
  }
  ADD_FAILURE() << "a hostile header was accepted";
  return {};
}

void expectMentions(const std::string& message, std::initializer_list<const char*> words) {
  for (const char* w : words) EXPECT_NE(message.find(w), std::string::npos) << "'" << w << "' missing from: " << message;
}

const std::string kGood = R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})";

} // namespace

TEST(SafetensorsHostile, AcceptsTheWellFormedControl) {
  auto bytes = makeFile(kGood, 8);
  const auto header = parseSafetensorsHeader(bytes.data(), bytes.size(), "good");
  ASSERT_EQ(header.tensors.size(), 1u);
  EXPECT_EQ(header.dataOffset, 8 + kGood.size());
}

TEST(SafetensorsHostile, TruncatedBeforeTheLengthField) {
  expectMentions(parseError({1, 2, 3}), {"evil.safetensors", "too short"});
  expectMentions(parseError({}), {"evil.safetensors", "too short"});
}

TEST(SafetensorsHostile, HeaderLengthBeyondTheFile) {
  expectMentions(parseError(makeFile(kGood, 8, kGood.size() + 100)), {"evil.safetensors", "truncated"});
}

TEST(SafetensorsHostile, AbsurdHeaderSize) {
  expectMentions(parseError(makeFile(kGood, 8, uint64_t{1} << 62)), {"more than"});
  expectMentions(parseError(makeFile(kGood, 8, UINT64_MAX - 1)), {"more than"});
}

TEST(SafetensorsHostile, TruncatedData) {
  expectMentions(parseError(makeFile(kGood, 4)), {"evil.safetensors", "'a'", "past the"});
}

TEST(SafetensorsHostile, OffsetsOutOfRange) {
  expectMentions(parseError(makeFile(R"({"a":{"dtype":"U8","shape":[4],"data_offsets":[18446744073709551611,18446744073709551615]}})", 8)),
                 {"'a'"});
  expectMentions(parseError(makeFile(R"({"a":{"dtype":"U8","shape":[4],"data_offsets":[8,4]}})", 8)), {"'a'", "end before"});
}

TEST(SafetensorsHostile, OverlappingTensors) {
  const std::string h = R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}})";
  expectMentions(parseError(makeFile(h, 12)), {"'b'", "overlap"});
}

TEST(SafetensorsHostile, GapsAndTrailingBytes) {
  const std::string h = R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})";
  expectMentions(parseError(makeFile(h, 8)), {"'a'", "gap"});
  expectMentions(parseError(makeFile(kGood, 12)), {"belong to none"});
}

TEST(SafetensorsHostile, ShapeTimesDtypeDisagreesWithOffsets) {
  const std::string h = R"({"w":{"dtype":"F16","shape":[3,3],"data_offsets":[0,8]}})";
  expectMentions(parseError(makeFile(h, 8)), {"'w'", "18 bytes", "span 8"});
}

TEST(SafetensorsHostile, ShapeThatOverflows) {
  const std::string h = R"({"w":{"dtype":"F64","shape":[4294967296,4294967296,16],"data_offsets":[0,8]}})";
  expectMentions(parseError(makeFile(h, 8)), {"'w'", "absurdly large"});
  expectMentions(parseError(makeFile(R"({"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}})", 4)), {"'w'", "non-negative"});
  expectMentions(parseError(makeFile(R"({"w":{"dtype":"F32","shape":[1.5],"data_offsets":[0,4]}})", 4)), {"'w'"});
}

TEST(SafetensorsHostile, UnknownDtype) {
  expectMentions(parseError(makeFile(R"({"q":{"dtype":"F8_E8M0","shape":[4],"data_offsets":[0,4]}})", 4)),
                 {"'q'", "unsupported dtype 'F8_E8M0'"});
}

TEST(SafetensorsHostile, DuplicateNames) {
  const std::string h = R"({"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]},"a":{"dtype":"U8","shape":[1],"data_offsets":[1,2]}})";
  expectMentions(parseError(makeFile(h, 2)), {"'a' twice"});
}

TEST(SafetensorsHostile, InvalidJsonAndUtf8) {
  expectMentions(parseError(makeFile(R"({"a":{"dtype":"F32",)", 0)), {"not valid JSON"});
  expectMentions(parseError(makeFile("{\"\xff\xfe\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1]}}", 1)), {"not valid JSON"});
  expectMentions(parseError(makeFile("[1,2,3]", 0)), {"start with '{'"});
  expectMentions(parseError(makeFile(R"({"a":[1,2]})", 0)), {"'a'", "not an object"});
  expectMentions(parseError(makeFile(R"({"__metadata__":{"k":1}})", 0)), {"__metadata__"});
}

TEST(SafetensorsHostile, UnknownFieldsAndMissingOnes) {
  expectMentions(parseError(makeFile(R"({"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1],"evil":1}})", 1)),
                 {"'a'", "unknown field 'evil'"});
  expectMentions(parseError(makeFile(R"({"a":{"dtype":"U8","shape":[1]}})", 1)), {"'a'", "data_offsets"});
}

TEST(SafetensorsHostile, DeeplyNestedJsonDoesNotOverflowTheStack) {
  std::string h = "{\"a\":" + std::string(100000, '[') + std::string(100000, ']') + "}";
  parseError(makeFile(h, 0));
}

TEST(SafetensorsHostile, TruncatedFileOnDiskNamesTheFile) {
  const auto dir = test::freshTempDir("st_hostile_disk");
  auto bytes = makeFile(kGood, 8);
  bytes.resize(bytes.size() - 3);
  test::writeBytes(dir / "cut.safetensors", bytes);
  try {
    SafetensorsFile::open(dir / "cut.safetensors");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    expectMentions(e.what(), {"cut.safetensors", "'a'", "truncated"});
  }
  test::writeBytes(dir / "empty.safetensors", {});
  EXPECT_THROW(SafetensorsFile::open(dir / "empty.safetensors"), Error);
}
