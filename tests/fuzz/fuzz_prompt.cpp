// libFuzzer target for the prompt syntax and the chunking behind it: any bytes must parse (the
// parser is total), every span must lie inside the text in order, and both of SDXL's tokenizers
// must chunk the result into whole chunks of maxLength ids that start with BOS. Anything else (a
// crash, an overread caught by AddressSanitizer, undefined behaviour, an exception) is a bug.
// Needs SDXL_CLIP_TOKENIZER_DIR (the built-in tokenizer folders).
#include "sdxl/clip_tokenizer.h"
#include "sdxl/prompt.h"

#include <cstdlib>
#include <string_view>

namespace {
const sdxl::ClipTokenizer& tokenizer(int which) {
  static const auto dir = std::string(std::getenv("SDXL_CLIP_TOKENIZER_DIR") ? std::getenv("SDXL_CLIP_TOKENIZER_DIR") : "");
  static const auto first = sdxl::ClipTokenizer::fromFolder(dir + "/tokenizer");
  static const auto second = sdxl::ClipTokenizer::fromFolder(dir + "/tokenizer_2");
  return which == 0 ? *first : *second;
}
void check(bool ok) {
  if (!ok) std::abort();
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto parsed = sdxl::parsePrompt(text);
  check(!parsed.fragments.empty());
  std::size_t last = 0;
  for (const auto& s : parsed.spans) {
    check(s.begin < s.end && s.end <= size && s.begin >= last);
    last = s.end;
  }
  for (const auto& n : parsed.networks) check(n.begin < n.end && n.end <= size && text[n.begin] == '<' && text[n.end - 1] == '>');
  for (int which : {0, 1}) {
    const auto& t = tokenizer(which);
    const auto chunked = sdxl::chunkPrompt(parsed, t);
    check(!chunked.chunks.empty());
    int tokens = 0;
    for (const auto& c : chunked.chunks) {
      check(c.ids.size() == static_cast<std::size_t>(t.maxLength()) && c.weights.size() == c.ids.size());
      check(c.ids.front() == t.bosId() && c.tokens >= 0 && c.tokens <= t.maxLength() - 2);
      check(c.ids[static_cast<std::size_t>(c.tokens) + 1] == t.eosId());
      tokens += c.tokens;
    }
    check(tokens == chunked.tokenCount);
  }
  return 0;
}
