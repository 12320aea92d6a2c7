// What comes from outside before any work: text that must be UTF-8, seeds of all 64 bits, and
// the metadata that carries both into the saved images and back.
#include "sdxl/error.h"
#include "sdxl/metadata.h"
#include "sdxl/request.h"
#include "sdxl/utf8.h"

#include <gtest/gtest.h>

#include <limits>

using namespace sdxl;

TEST(Utf8, WellFormedTextIsAcceptedAndEveryIllFormedSequenceIsFound) {
  for (const char* ok : {"", "a lighthouse", "富士山と朝焼け", "👩‍🚀 🇯🇵", "\xc2\x80", "\xef\xbf\xbf", "\xf4\x8f\xbf\xbf"})
    EXPECT_TRUE(isValidUtf8(ok)) << ok;
  const std::pair<const char*, std::size_t> bad[] = {
      {"\xff\xfe", 0},             // bytes that never occur in UTF-8
      {"ab\x80", 2},               // a continuation byte alone
      {"\xc0\xaf", 0},             // overlong "/"
      {"\xe0\x80\xaf", 0},         // overlong, three bytes
      {"\xed\xa0\x80", 0},         // a UTF-16 surrogate
      {"\xf4\x90\x80\x80", 0},     // past U+10FFFF
      {"x\xe6\x97", 1},            // cut off in the middle of a character
      {"\xe6\x97\xa5\xe6\x41", 3}, // a character, then one whose continuation is missing
  };
  for (const auto& [text, at] : bad) {
    const auto found = firstInvalidUtf8(text);
    ASSERT_TRUE(found.has_value()) << text;
    EXPECT_EQ(*found, at);
  }
}

TEST(Request, APromptThatIsNotUtf8IsRefusedBeforeAnyWork) {
  for (bool negative : {false, true}) {
    GenerationRequest r;
    (negative ? r.negativePrompt : r.prompt) = "cat \xff\xfe";
    try {
      validate(r);
      FAIL() << "accepted bytes that are not UTF-8";
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::InvalidRequest);
      EXPECT_NE(std::string(e.what()).find("UTF-8"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find(negative ? "negative prompt" : "the prompt"), std::string::npos) << e.what();
    }
  }
}

TEST(Metadata, TextThatIsNotUtf8IsStoredReplacedNeverThrown) {
  GenerationRequest r;
  r.prompt = "cat \xff\xfe";
  std::string json;
  ASSERT_NO_THROW(json = requestToJson(r, "builtin:tiny", 0));
  EXPECT_EQ(requestFromJson(json).prompt, "cat \xef\xbf\xbd\xef\xbf\xbd"); // U+FFFD twice
}

TEST(Metadata, EverySeedOf64BitsRoundTrips) {
  for (const uint64_t seed : {uint64_t{0}, uint64_t{2147483648u}, uint64_t{1} << 63, std::numeric_limits<uint64_t>::max()}) {
    GenerationRequest r;
    r.seed = seed;
    EXPECT_EQ(requestFromJson(requestToJson(r, "m", 0)).seed, seed);
    EXPECT_NE(a1111Parameters(r, "m", 0).find("Seed: " + std::to_string(seed) + ","), std::string::npos);
  }
}

TEST(Metadata, RecordsHowAnEmptyNegativePromptWasMade) {
  GenerationRequest r;
  EXPECT_NE(requestToJson(r, "m", 0).find("\"empty_negative_prompt\":\"zeros\""), std::string::npos);
  EXPECT_FALSE(requestFromJson(requestToJson(r, "m", 0)).encodeEmptyNegative);
  r.encodeEmptyNegative = true;
  EXPECT_NE(requestToJson(r, "m", 0).find("\"empty_negative_prompt\":\"encoded\""), std::string::npos);
  EXPECT_TRUE(requestFromJson(requestToJson(r, "m", 0)).encodeEmptyNegative);
  EXPECT_NE(a1111Parameters(r, "m", 0).find("Empty negative prompt: encoded"), std::string::npos);
}
