// Prompts as people write them, in AUTOMATIC1111's syntax (the one copied from model pages):
//   (text) weighs 1.1, ((text)) 1.21, [text] 1/1.1, (text:1.3) 1.3; nesting multiplies;
//   \( \) \[ \] \\ are literal characters, a lone backslash is dropped; brackets left open apply
//   to the end of the prompt and closers without an opener are text (A1111's way: never an
//   error); BREAK, in capitals and as a word, starts a new 75-token chunk; <lora:NAME:W> tags
//   (and A1111's other <type:args> tags) are taken out of the text the encoders see.
// Then A1111's chunking: each encoder sees chunks of 75 tokens between BOS and EOS; a BREAK ends
// a chunk, and a chunk that fills up within 20 tokens after a comma moves what follows the comma
// to the next chunk.
//
// Where this differs from A1111: a BREAK inside brackets still breaks (A1111 turns it into the
// word "break" with weight -1.1); a weight that is not a number, "(a:1.2.3)", is text (A1111
// fails); weights are the product of the enclosing brackets' factors from the outermost in,
// where A1111 multiplies in the order the brackets close (the same value to the last bit or two,
// in linear time rather than quadratic). A1111's prompt editing ([a:b:0.5], [a|b]) and AND are
// not parsed: they stay text and brackets.
#pragma once

#include "sdxl/clip_tokenizer.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sdxl {

// A run of text with one weight, as the tokenizer sees it (adjacent runs of equal weight merged,
// as A1111 merges them: each fragment is tokenized on its own).
struct PromptFragment {
  std::string text;
  double weight = 1.0;
  bool chunkBreak = false; // BREAK: no text, the next fragment starts a new chunk
};

// A piece of the source text that reaches the encoders, with its weight: byte offsets into the
// prompt as given, for the studio to highlight.
struct PromptSpan {
  std::size_t begin = 0, end = 0;
  double weight = 1.0;
};

// <lora:NAME:W>, <lora:NAME:W_TEXT:W_UNET> or <lora:NAME> (weight 1); other types as written.
struct ExtraNetworkTag {
  std::string type, name;
  double textWeight = 1.0, unetWeight = 1.0;
  std::size_t begin = 0, end = 0; // the whole tag in the source
  std::string problem;            // non-empty when its arguments could not be read (says why)
};

struct ParsedPrompt {
  std::vector<PromptFragment> fragments; // never empty: an empty prompt is one empty fragment
  std::vector<PromptSpan> spans;
  std::vector<ExtraNetworkTag> networks;
  bool weighted() const; // any weight other than 1
};

// Pure, total and linear in the length of the text; the text should be UTF-8 (request
// validation guarantees it), but any bytes are accepted.
ParsedPrompt parsePrompt(std::string_view text);

// One chunk as an encoder receives it: maxLength ids (BOS, up to 75 tokens, EOS, padding) and a
// weight for each (1 for BOS, EOS and padding).
struct PromptChunk {
  std::vector<int64_t> ids;
  std::vector<float> weights;
  int tokens = 0; // the prompt's tokens in this chunk
};

struct ChunkedPrompt {
  std::vector<PromptChunk> chunks; // at least one
  int tokenCount = 0;              // the prompt's tokens, padding excluded
};

inline constexpr int kCommaBacktrack = 20; // A1111's comma_padding_backtrack default

ChunkedPrompt chunkPrompt(const ParsedPrompt& prompt, const ClipTokenizer& tokenizer);
// The chunk of an empty prompt: what a shorter prompt is padded with.
PromptChunk emptyChunk(const ClipTokenizer& tokenizer);

} // namespace sdxl
