// A1111's prompt syntax: its documented examples (modules/prompt_parser.py's doctests and the
// wiki's "Attention/emphasis" and "BREAK" sections), then every edge we could think of, then
// A1111's chunking of the tokens.
#include "sdxl/pipeline.h"
#include "sdxl/prompt.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>

using namespace sdxl;

namespace {

using Expected = std::vector<std::pair<std::string, double>>;

// Fragments as (text, weight), a BREAK as ("BREAK", -1) the way A1111's parser lists it.
Expected fragmentsOf(const std::string& prompt) {
  Expected out;
  for (const auto& f : parsePrompt(prompt).fragments) out.push_back(f.chunkBreak ? std::pair{std::string("BREAK"), -1.0} : std::pair{f.text, f.weight});
  return out;
}

void expectFragments(const std::string& prompt, const Expected& want) {
  const auto got = fragmentsOf(prompt);
  ASSERT_EQ(got.size(), want.size()) << prompt;
  for (std::size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].first, want[i].first) << prompt << " fragment " << i;
    EXPECT_NEAR(got[i].second, want[i].second, 1e-12) << prompt << " fragment " << i;
  }
}

const ClipTokenizer& tokenizer() {
  static const auto t = ClipTokenizer::fromFolder(builtinTokenizerDir() / "tokenizer");
  return *t;
}

} // namespace

TEST(PromptSyntax, A1111sDocumentedExamples) {
  expectFragments("normal text", {{"normal text", 1.0}});
  expectFragments("an (important) word", {{"an ", 1.0}, {"important", 1.1}, {" word", 1.0}});
  expectFragments("(unbalanced", {{"unbalanced", 1.1}});
  expectFragments("\\(literal\\]", {{"(literal]", 1.0}});
  expectFragments("(unnecessary)(parens)", {{"unnecessaryparens", 1.1}});
  expectFragments("a (((house:1.3)) [on] a (hill:0.5), sun, (((sky))).",
                  {{"a ", 1.0}, {"house", 1.573}, {" ", 1.1}, {"on", 1.0}, {" a ", 1.1}, {"hill", 0.55},
                   {", sun, ", 1.1}, {"sky", 1.4641}, {".", 1.1}});
  // The wiki's list.
  expectFragments("a (word)", {{"a ", 1.0}, {"word", 1.1}});
  expectFragments("a ((word))", {{"a ", 1.0}, {"word", 1.21}});
  expectFragments("a [word]", {{"a ", 1.0}, {"word", 1 / 1.1}});
  expectFragments("a (word:1.5)", {{"a ", 1.0}, {"word", 1.5}});
  expectFragments("a (word:0.25)", {{"a ", 1.0}, {"word", 0.25}});
  expectFragments("a \\(word\\)", {{"a (word)", 1.0}});
}

TEST(PromptSyntax, BreakIsAnUpperCaseWordBetweenChunks) {
  expectFragments("a cat BREAK a dog", {{"a cat", 1.0}, {"BREAK", -1}, {"a dog", 1.0}});
  expectFragments("a cat\nBREAK\n\ta dog", {{"a cat", 1.0}, {"BREAK", -1}, {"a dog", 1.0}});
  expectFragments("BREAK", {{"", 1.0}, {"BREAK", -1}, {"", 1.0}});
  expectFragments("a BREAK BREAK b", {{"a", 1.0}, {"BREAK", -1}, {"", 1.0}, {"BREAK", -1}, {"b", 1.0}});
  expectFragments("cat,BREAK,dog", {{"cat,", 1.0}, {"BREAK", -1}, {",dog", 1.0}});
  for (const char* notABreak : {"BREAKFAST", "xBREAK", "break", "Break", "BREAK_", "_BREAK", "BREAK2", "日本BREAK"})
    expectFragments(notABreak, {{notABreak, 1.0}});
  expectFragments("日本 BREAK 東京", {{"日本", 1.0}, {"BREAK", -1}, {"東京", 1.0}});
  // Unlike A1111, where it becomes the word "break" with weight -1.1, a BREAK in brackets breaks.
  expectFragments("(a BREAK b)", {{"a", 1.1}, {"BREAK", -1}, {"b", 1.1}});
}

TEST(PromptSyntax, BracketsThatDoNotPairDegradeAsInA1111) {
  expectFragments(")", {{")", 1.0}});
  expectFragments("]x[", {{"]x", 1.0}});
  expectFragments("a)(b", {{"a)", 1.0}, {"b", 1.1}});
  expectFragments("((a)", {{"a", 1.21}});
  expectFragments("[[a]]", {{"a", 1 / 1.1 / 1.1}});
  expectFragments("( [ a ) ]", {{" ", 1.1}, {" a ", 1.0}, {" ", 1 / 1.1}}); // the stacks are separate
  expectFragments("(a:1.2", {{"a:1.2", 1.1}});                            // no closer: text, and the ( stays open
  expectFragments("a:1.2)", {{"a:1.2)", 1.0}});                           // a weight closer with nothing open is text
  expectFragments("(a:1.2.3)", {{"a:1.2.3)", 1.1}});                      // not a number: text (A1111 fails here)
  expectFragments("(a:.)", {{"a:.)", 1.1}});
  expectFragments("(a: 1.2 )", {{"a", 1.2}});
  expectFragments("(a:-1)", {{"a", -1.0}});
  expectFragments("(a:+.5)", {{"a", 0.5}});
  expectFragments("(a:5.)", {{"a", 5.0}});
  expectFragments("(a:0)", {{"a", 0.0}});
  expectFragments("((a:2):3)", {{"a", 6.0}});
  expectFragments("a:b", {{"a:b", 1.0}});
  expectFragments("", {{"", 1.0}});
  expectFragments("()", {{"", 1.0}});
  expectFragments("(((", {{"", 1.0}});
}

TEST(PromptSyntax, EscapesAndLoneBackslashes) {
  expectFragments("\\\\", {{"\\", 1.0}});
  expectFragments("a\\b", {{"ab", 1.0}}); // a lone backslash is dropped, as A1111 drops it
  expectFragments("(a\\)b)", {{"a)b", 1.1}});
  expectFragments("\\[x\\]", {{"[x]", 1.0}});
  expectFragments("x\\", {{"x", 1.0}});
}

TEST(PromptSyntax, ExtraNetworkTagsAreTakenOut) {
  const auto p = parsePrompt("<lora:film grain:0.8> a cat, <lora:detail:1.2:0.5>(best:1.2)<lyco:x>");
  ASSERT_EQ(p.networks.size(), 3u);
  EXPECT_EQ(p.networks[0].type, "lora");
  EXPECT_EQ(p.networks[0].name, "film grain");
  EXPECT_DOUBLE_EQ(p.networks[0].textWeight, 0.8);
  EXPECT_DOUBLE_EQ(p.networks[0].unetWeight, 0.8);
  EXPECT_EQ(p.networks[0].begin, 0u);
  EXPECT_EQ(p.networks[0].end, 21u);
  EXPECT_DOUBLE_EQ(p.networks[1].textWeight, 1.2);
  EXPECT_DOUBLE_EQ(p.networks[1].unetWeight, 0.5);
  EXPECT_EQ(p.networks[2].type, "lyco");
  EXPECT_DOUBLE_EQ(p.networks[2].textWeight, 1.0);
  for (const auto& n : p.networks) EXPECT_TRUE(n.problem.empty()) << n.problem;
  expectFragments("<lora:film grain:0.8> a cat, <lora:detail:1.2:0.5>(best:1.2)<lyco:x>",
                  {{" a cat, ", 1.0}, {"best", 1.2}});
  EXPECT_EQ(parsePrompt("<lora:x:te=0.3:unet=0.7>").networks.at(0).unetWeight, 0.7);
  EXPECT_FALSE(parsePrompt("<lora:x:strong>").networks.at(0).problem.empty());
  EXPECT_FALSE(parsePrompt("<lora::1>").networks.at(0).problem.empty());
  // Not tags: they stay text.
  for (const char* text : {"<tag>", "<lora>", "<lora:>", "< lora:x>", "<lora:x", "a < b > c"})
    EXPECT_TRUE(parsePrompt(text).networks.empty()) << text;
  expectFragments("red<lora:x:1>fox", {{"redfox", 1.0}}); // A1111 joins what was around the tag
}

TEST(PromptSyntax, SpansPointIntoTheSourceWithTheirWeights) {
  const std::string text = "a <lora:x:1>(b)\\(c";
  const auto p = parsePrompt(text);
  std::vector<std::tuple<std::string, double>> spans;
  for (const auto& s : p.spans) spans.emplace_back(text.substr(s.begin, s.end - s.begin), s.weight);
  const std::vector<std::tuple<std::string, double>> want = {{"a ", 1.0}, {"b", 1.1}, {"\\(", 1.0}, {"c", 1.0}};
  EXPECT_EQ(spans, want);
  EXPECT_TRUE(p.weighted());
  EXPECT_FALSE(parsePrompt("a plain prompt").weighted());
}

TEST(PromptSyntax, AnyBytesParseInLinearTime) {
  EXPECT_NO_THROW(parsePrompt(std::string("\xff\xfe(\xc0[:1\x80)BREAK\xed\xa0", 15)));
  // Deep nesting over many pieces: multiplying every piece again at each closer, as A1111 does,
  // is quadratic here; four times the text must cost about four times the time, not sixteen.
  auto adversarial = [](int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += "a(";
    for (int i = 0; i < n; ++i) s += ":1.01)";
    return s;
  };
  auto seconds = [](const std::string& s) {
    const auto start = std::chrono::steady_clock::now();
    const auto p = parsePrompt(s);
    EXPECT_FALSE(p.fragments.empty());
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  const auto small = adversarial(40000), large = adversarial(160000);
  seconds(small); // warm up the allocator
  // The fastest of three: another process on the same cores (ctest -j) only ever adds time.
  auto fastest = [&](const std::string& s) { return std::min({seconds(s), seconds(s), seconds(s)}); };
  const double t1 = fastest(small), t4 = fastest(large);
  EXPECT_LT(t4, 8 * t1 + 0.05) << "parse of " << small.size() << " bytes: " << t1 << " s; of " << large.size()
                               << " bytes: " << t4 << " s";
}

TEST(PromptChunks, ShortPromptsAreOneChunkAsDiffusersTokenizesThem) {
  for (const char* text : {"", "a photo of a cat", "富士山と朝焼け, 8k"}) {
    const auto chunked = chunkPrompt(parsePrompt(text), tokenizer());
    ASSERT_EQ(chunked.chunks.size(), 1u) << text;
    EXPECT_EQ(chunked.chunks[0].ids, tokenizer().encode(text).ids) << text;
    EXPECT_EQ(chunked.chunks[0].weights, std::vector<float>(77, 1.0f));
  }
}

TEST(PromptChunks, LongPromptsFillChunksOf75AndCarryWeights) {
  std::string text;
  for (int i = 0; i < 160; ++i) text += "cat ";
  text += "(dog:1.5)";
  const auto chunked = chunkPrompt(parsePrompt(text), tokenizer());
  ASSERT_EQ(chunked.chunks.size(), 3u); // 75 + 75 + 11
  EXPECT_EQ(chunked.tokenCount, 161);
  const auto cat = tokenizer().tokenize("cat").at(0), dog = tokenizer().tokenize("dog").at(0);
  for (const auto& c : chunked.chunks) {
    ASSERT_EQ(c.ids.size(), 77u);
    EXPECT_EQ(c.ids.front(), tokenizer().bosId());
  }
  EXPECT_EQ(chunked.chunks[0].tokens, 75);
  EXPECT_EQ(chunked.chunks[0].ids[76], tokenizer().eosId());
  EXPECT_EQ(chunked.chunks[2].tokens, 11);
  EXPECT_EQ(chunked.chunks[2].ids[10], cat);
  EXPECT_EQ(chunked.chunks[2].ids[11], dog);
  EXPECT_FLOAT_EQ(chunked.chunks[2].weights[11], 1.5f);
  EXPECT_FLOAT_EQ(chunked.chunks[2].weights[10], 1.0f);
  EXPECT_EQ(chunked.chunks[2].ids[12], tokenizer().eosId());
}

TEST(PromptChunks, BreakEndsAChunkAndACommaNearTheEndMovesTheRest) {
  auto chunks = chunkPrompt(parsePrompt("a cat BREAK a dog"), tokenizer()).chunks;
  ASSERT_EQ(chunks.size(), 2u);
  EXPECT_EQ(chunks[0].ids, tokenizer().encode("a cat").ids);
  EXPECT_EQ(chunks[1].ids, tokenizer().encode("a dog").ids);
  EXPECT_EQ(chunkPrompt(parsePrompt("BREAK"), tokenizer()).chunks.size(), 1u);       // as A1111: one empty chunk
  EXPECT_EQ(chunkPrompt(parsePrompt("BREAK BREAK a"), tokenizer()).chunks.size(), 3u); // two empty, then "a"
  // 70 words, a comma, 10 words: the chunk fills 4 tokens after the comma, so those move on.
  std::string text;
  for (int i = 0; i < 70; ++i) text += "cat ";
  text += ", ";
  for (int i = 0; i < 10; ++i) text += "dog ";
  chunks = chunkPrompt(parsePrompt(text), tokenizer()).chunks;
  ASSERT_EQ(chunks.size(), 2u);
  EXPECT_EQ(chunks[0].tokens, 71); // the cats and the comma
  EXPECT_EQ(chunks[1].tokens, 10);
  // 40 words, a comma, 40 words: the comma is too far back (35 > 20 tokens), so the chunk is cut at 75.
  text.clear();
  for (int i = 0; i < 40; ++i) text += "cat ";
  text += ", ";
  for (int i = 0; i < 40; ++i) text += "dog ";
  chunks = chunkPrompt(parsePrompt(text), tokenizer()).chunks;
  ASSERT_EQ(chunks.size(), 2u);
  EXPECT_EQ(chunks[0].tokens, 75);
  EXPECT_EQ(chunks[1].tokens, 6);
}

TEST(PromptChunks, TheSecondTokenizerPadsWithItsOwnPadToken) {
  const auto second = ClipTokenizer::fromFolder(builtinTokenizerDir() / "tokenizer_2");
  const auto chunk = chunkPrompt(parsePrompt("a cat"), *second).chunks.at(0);
  EXPECT_EQ(chunk.ids, second->encode("a cat").ids);
  EXPECT_EQ(emptyChunk(*second).ids, second->encode("").ids);
}
