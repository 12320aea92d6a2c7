// The CLIP tokenizer against transformers' CLIPTokenizer on a corpus of over 2,000 prompts
// (made by tests/fixtures/make_fixtures.py with the built-in tokenizer, SDXL-base's files).
#include "sdxl/clip_tokenizer.h"
#include "sdxl/error.h"
#include "sdxl/pipeline.h"
#include "test_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>

using namespace sdxl;

namespace {

struct Tokenizers {
  std::shared_ptr<const ClipTokenizer> first, second;
};

const Tokenizers& tokenizers() {
  static const Tokenizers t{ClipTokenizer::fromFolder(builtinTokenizerDir() / "tokenizer"),
                            ClipTokenizer::fromFolder(builtinTokenizerDir() / "tokenizer_2")};
  return t;
}

std::vector<nlohmann::json> corpus() {
  std::ifstream in(test::fixturesDir() / "tokenizer" / "tokenizer_corpus.jsonl");
  std::vector<nlohmann::json> rows;
  std::string line;
  while (std::getline(in, line)) rows.push_back(nlohmann::json::parse(line));
  return rows;
}

} // namespace

TEST(ClipTokenizer, LoadsSdxlsTwoTokenizersWithTheirPadTokens) {
  const auto& t = tokenizers();
  EXPECT_EQ(t.first->vocabSize(), 49408u);
  EXPECT_EQ(t.first->bosId(), 49406);
  EXPECT_EQ(t.first->eosId(), 49407);
  EXPECT_EQ(t.first->padId(), 49407); // <|endoftext|>
  EXPECT_EQ(t.second->padId(), 0);    // "!"
  EXPECT_EQ(t.first->maxLength(), 77);
}

TEST(ClipTokenizer, MatchesTransformersOnTheWholeCorpus) {
  const auto rows = corpus();
  ASSERT_GE(rows.size(), 2000u);
  const auto& t = tokenizers();
  int mismatches = 0;
  for (const auto& row : rows) {
    const auto prompt = row["prompt"].get<std::string>();
    const auto tokens = t.first->tokenize(prompt);
    const auto e1 = t.first->encode(prompt);
    const auto e2 = t.second->encode(prompt);
    const bool same = tokens == row["tokens"].get<std::vector<int64_t>>() &&
                      e1.ids == row["ids1"].get<std::vector<int64_t>>() &&
                      e1.attentionMask == row["mask1"].get<std::vector<int64_t>>() &&
                      e2.ids == row["ids2"].get<std::vector<int64_t>>() &&
                      e2.attentionMask == row["mask2"].get<std::vector<int64_t>>() &&
                      t.second->tokenize(prompt) == row["tokens2"].get<std::vector<int64_t>>() &&
                      e1.tokenCount == static_cast<int>(row["tokens"].size()) &&
                      e2.tokenCount == static_cast<int>(row["tokens2"].size());
    if (!same && ++mismatches <= 10) ADD_FAILURE() << "differs from transformers on: " << row["prompt"].dump();
  }
  EXPECT_EQ(mismatches, 0) << "of " << rows.size() << " prompts";
}

TEST(ClipTokenizer, TheSecondTokenizersPadTokenIsSpecialInPrompts) {
  // "!" pads SDXL's second tokenizer and so is matched as a special token in the text itself.
  EXPECT_EQ(tokenizers().second->tokenize("hi!!"), (std::vector<int64_t>{1883, 0, 0}));
  EXPECT_EQ(tokenizers().first->tokenize("hi!!"), (std::vector<int64_t>{1883, 748}));
}

TEST(ClipTokenizer, CountsTokensPastTheLimitAndMarksTruncation) {
  std::string longPrompt;
  for (int i = 0; i < 100; ++i) longPrompt += "cat ";
  const auto e = tokenizers().first->encode(longPrompt);
  EXPECT_EQ(e.tokenCount, 100);
  EXPECT_EQ(e.keptTokens, 75);
  EXPECT_TRUE(e.truncated());
  EXPECT_EQ(e.ids.back(), tokenizers().first->eosId());
  const auto shortOne = tokenizers().first->encode("a cat");
  EXPECT_FALSE(shortOne.truncated());
  EXPECT_EQ(shortOne.tokenCount, 2);
}

TEST(ClipTokenizer, IsSafeToUseFromSeveralThreads) {
  const auto& t = tokenizers();
  const auto expected = t.first->tokenize("a lighthouse in a storm, oil painting");
  std::vector<std::thread> threads;
  std::atomic<int> wrong{0};
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&] {
      for (int k = 0; k < 200; ++k)
        if (t.first->tokenize("a lighthouse in a storm, oil painting") != expected) ++wrong;
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(wrong.load(), 0);
}

TEST(ClipTokenizer, InvalidUtf8IsReplacedNotFatal) {
  const auto ids = tokenizers().first->tokenize(std::string("caf\xff\xfe"));
  EXPECT_FALSE(ids.empty());
}

TEST(ClipTokenizer, BrokenFolderGivesAnErrorNamingTheFile) {
  const auto dir = test::freshTempDir("tok_broken");
  try {
    ClipTokenizer::fromFolder(dir);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("vocab.json"), std::string::npos) << e.what();
  }
  std::ofstream(dir / "vocab.json") << "{\"a\": 0,";
  EXPECT_THROW(ClipTokenizer::fromFolder(dir), Error);
}
