// A1111's chunking of a parsed prompt (modules/sd_hijack_clip.py, tokenize_line): fragments are
// tokenized one by one, tokens fill chunks of 75, a BREAK ends the chunk (even an empty one), and
// a chunk that fills up within kCommaBacktrack tokens of its last comma moves the tokens after
// that comma to the next chunk. Each chunk is then BOS, its tokens, EOS and padding, as the
// tokenizer pads (SDXL's first encoder with EOS, the second with "!").
#include "sdxl/prompt.h"

namespace sdxl {

namespace {

PromptChunk finish(const ClipTokenizer& t, const std::vector<int64_t>& ids, const std::vector<float>& weights) {
  PromptChunk chunk;
  chunk.tokens = static_cast<int>(ids.size());
  const auto length = static_cast<std::size_t>(t.maxLength());
  chunk.ids.reserve(length);
  chunk.ids.push_back(t.bosId());
  chunk.ids.insert(chunk.ids.end(), ids.begin(), ids.end());
  chunk.ids.push_back(t.eosId());
  chunk.ids.resize(length, t.padId());
  chunk.weights.assign(length, 1.0f);
  std::copy(weights.begin(), weights.end(), chunk.weights.begin() + 1);
  return chunk;
}

} // namespace

PromptChunk emptyChunk(const ClipTokenizer& tokenizer) { return finish(tokenizer, {}, {}); }

ChunkedPrompt chunkPrompt(const ParsedPrompt& prompt, const ClipTokenizer& tokenizer) {
  const auto capacity = static_cast<std::size_t>(tokenizer.maxLength() - 2);
  const int64_t comma = tokenizer.idOf(",</w>");
  ChunkedPrompt out;
  std::vector<int64_t> ids;
  std::vector<float> weights;
  std::ptrdiff_t lastComma = -1;
  auto next = [&] {
    out.chunks.push_back(finish(tokenizer, ids, weights));
    ids.clear();
    weights.clear();
    lastComma = -1;
  };
  for (const auto& fragment : prompt.fragments) {
    if (fragment.chunkBreak) {
      next();
      continue;
    }
    for (const int64_t token : tokenizer.tokenize(fragment.text)) {
      ++out.tokenCount;
      if (token == comma) {
        lastComma = static_cast<std::ptrdiff_t>(ids.size());
      } else if (ids.size() == capacity && lastComma != -1 &&
                 static_cast<std::ptrdiff_t>(ids.size()) - lastComma <= kCommaBacktrack) {
        const auto cut = static_cast<std::size_t>(lastComma + 1);
        std::vector<int64_t> movedIds(ids.begin() + static_cast<std::ptrdiff_t>(cut), ids.end());
        std::vector<float> movedWeights(weights.begin() + static_cast<std::ptrdiff_t>(cut), weights.end());
        ids.resize(cut);
        weights.resize(cut);
        next();
        ids = std::move(movedIds);
        weights = std::move(movedWeights);
      }
      if (ids.size() == capacity) next();
      ids.push_back(token);
      weights.push_back(static_cast<float>(fragment.weight));
    }
  }
  if (!ids.empty() || out.chunks.empty()) next();
  return out;
}

} // namespace sdxl
