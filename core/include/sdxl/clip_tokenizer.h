// CLIP's byte-level BPE tokenizer, as the CLIPTokenizer of transformers (the one diffusers'
// SDXL pipeline uses) computes it:
//   raw text -> split out the special tokens (<|startoftext|>, <|endoftext|>, the pad token;
//   each on the raw or on the normalized text, as special_tokens_map.json says) -> NFC -> runs of white space to one space -> lowercase -> CLIP's split
//   pattern ('s 't 're 've 'm 'll 'd | letters+ | one digit | other non-space+) -> UTF-8 bytes
//   mapped to printable characters -> BPE with "</w>" closing each word -> ids.
// Then BOS + at most 75 tokens + EOS, padded to 77 with the pad token (SDXL's first
// tokenizer pads with <|endoftext|>, the second with "!").
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace sdxl {

struct TokenizedPrompt {
  std::vector<int64_t> ids;           // maxLength ids: BOS, tokens, EOS, padding
  std::vector<int64_t> attentionMask; // 1 for BOS, tokens and EOS, 0 for padding
  int tokenCount = 0;                 // tokens of the text before truncation, without BOS/EOS
  int keptTokens = 0;                 // how many of them the model sees (at most maxLength - 2)
  bool truncated() const { return keptTokens < tokenCount; }
};

class ClipTokenizer {
public:
  // Loads a tokenizer folder: tokenizer.json (as transformers 5 saves it) or vocab.json +
  // merges.txt (as the SDXL-base repository has it), and the pad token and special-token
  // rules from tokenizer_config.json / special_tokens_map.json.
  static std::shared_ptr<const ClipTokenizer> fromFolder(const std::filesystem::path& dir);

  // The token ids of `text` without BOS/EOS, untruncated.
  std::vector<int64_t> tokenize(const std::string& text) const;
  // What the text encoder receives.
  TokenizedPrompt encode(const std::string& text) const;
  // The text as the tokenizer splits it, one string per token (for the UI's truncation mark).
  std::vector<std::string> tokenStrings(const std::string& text) const;

  // The id of a vocabulary entry ("," is ",</w>"), or -1; and the entry of an id ("" if none).
  int64_t idOf(const std::string& token) const;
  std::string entryOf(int64_t id) const;

  int64_t bosId() const { return m_bos; }
  int64_t eosId() const { return m_eos; }
  int64_t padId() const { return m_pad; }
  int maxLength() const { return m_maxLength; }
  std::size_t vocabSize() const { return m_vocab.size(); }

  ClipTokenizer(const ClipTokenizer&) = delete;
  ~ClipTokenizer();

private:
  ClipTokenizer();
  std::vector<std::string> bpe(const std::string& word) const; // word: byte-mapped UTF-8
  std::unordered_map<std::string, int64_t> m_vocab;
  std::vector<std::string> m_idToToken;
  std::unordered_map<std::string, int> m_mergeRanks; // "left right" -> rank
  std::vector<std::string> m_rawSpecials;           // special tokens matched on the raw text
  std::vector<std::u16string> m_normalizedSpecials; // ... and on the normalized text
  int64_t m_bos = 0, m_eos = 0, m_pad = 0;
  int m_maxLength = 77;
  struct Cache;
  std::unique_ptr<Cache> m_cache; // word -> BPE symbols; guarded, so encode() is thread-safe
};

} // namespace sdxl
