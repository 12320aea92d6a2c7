#include "sdxl/clip_tokenizer.h"

#include "sdxl/error.h"

#include <nlohmann/json.hpp>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <climits>
#include <fstream>
#include <mutex>
#include <sstream>

namespace sdxl {
namespace fs = std::filesystem;

namespace {

const std::string kBos = "<|startoftext|>";
const std::string kEos = "<|endoftext|>";
constexpr std::size_t kMaxCachedWords = 1 << 16;

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::ModelFormat, QT_TRANSLATE_NOOP("sdxl", "the tokenizer file %1 is missing or unreadable"), {path.string()});
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void appendUtf8(std::string& out, UChar32 c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// GPT-2's reversible map from bytes to printable characters: printable Latin-1 bytes map to
// themselves, the rest to U+0100 upwards in byte order.
const std::vector<std::string>& byteToSymbol() {
  static const std::vector<std::string> table = [] {
    std::vector<std::string> t(256);
    int next = 256;
    for (int b = 0; b < 256; ++b) {
      const bool printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
      appendUtf8(t[b], printable ? b : next++);
    }
    return t;
  }();
  return table;
}

std::u16string toUtf16(const std::string& utf8) {
  std::u16string out(utf8.size() + 1, u'\0');
  int32_t length = 0;
  UErrorCode status = U_ZERO_ERROR;
  // Invalid UTF-8 becomes U+FFFD, as Python's decoding with errors="replace" would.
  u_strFromUTF8WithSub(reinterpret_cast<UChar*>(out.data()), static_cast<int32_t>(out.size()), &length,
                       utf8.data(), static_cast<int32_t>(utf8.size()), 0xFFFD, nullptr, &status);
  if (U_FAILURE(status)) throw Error(ErrorKind::InvalidRequest, QT_TRANSLATE_NOOP("sdxl", "the prompt's text could not be decoded as UTF-8"), {});
  out.resize(static_cast<std::size_t>(length));
  return out;
}

// NFC, white-space runs to one space, lowercase: the normalizer of CLIP's fast tokenizer.
std::u16string normalize(const std::u16string& text) {
  if (text.empty()) return text;
  UErrorCode status = U_ZERO_ERROR;
  const UNormalizer2* nfc = unorm2_getNFCInstance(&status);
  std::u16string composed(text.size() * 3 + 16, u'\0');
  const int32_t composedLength =
      unorm2_normalize(nfc, reinterpret_cast<const UChar*>(text.data()), static_cast<int32_t>(text.size()),
                       reinterpret_cast<UChar*>(composed.data()), static_cast<int32_t>(composed.size()), &status);
  if (U_FAILURE(status)) throw Error(ErrorKind::Internal, "Unicode normalization failed");
  composed.resize(static_cast<std::size_t>(composedLength));

  std::u16string collapsed;
  collapsed.reserve(composed.size());
  bool inSpace = false;
  for (int32_t i = 0; i < static_cast<int32_t>(composed.size());) {
    UChar32 c;
    U16_NEXT(composed.data(), i, static_cast<int32_t>(composed.size()), c);
    if (u_isUWhiteSpace(c)) {
      if (!inSpace) collapsed += u' ';
      inSpace = true;
      continue;
    }
    inSpace = false;
    UChar units[2];
    int32_t n = 0;
    U16_APPEND_UNSAFE(units, n, c);
    collapsed.append(reinterpret_cast<const char16_t*>(units), static_cast<std::size_t>(n));
  }

  // Lowercase one code point at a time: the reference (Rust's char::to_lowercase) maps each
  // character without context, so a word-final capital sigma becomes σ, not ς as ICU's
  // string-level rule would make it.
  std::u16string lowered;
  lowered.reserve(collapsed.size());
  for (int32_t i = 0; i < static_cast<int32_t>(collapsed.size());) {
    const int32_t start = i;
    UChar32 c;
    U16_NEXT(collapsed.data(), i, static_cast<int32_t>(collapsed.size()), c);
    UChar buffer[8];
    status = U_ZERO_ERROR;
    const int32_t n = u_strToLower(buffer, 8, reinterpret_cast<const UChar*>(collapsed.data()) + start, i - start, "", &status);
    if (U_FAILURE(status) || n > 8) throw Error(ErrorKind::Internal, "lowercasing failed");
    lowered.append(reinterpret_cast<const char16_t*>(buffer), static_cast<std::size_t>(n));
  }
  return lowered;
}

bool isLetter(UChar32 c) { return (U_GET_GC_MASK(c) & U_GC_L_MASK) != 0; }
bool isNumber(UChar32 c) { return (U_GET_GC_MASK(c) & U_GC_N_MASK) != 0; }

// CLIP's pattern: <\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|
// [^\s\p{L}\p{N}]+ ; text between matches (white space) is dropped. The first two alternatives
// only see special-token text that the added-token matcher left alone (e.g. "<|ENDOFTEXT|>"
// lowercased); ByteLevel's GPT-2 pattern then splits such a piece into "<|", the letters and
// "|>". On every other piece of CLIP's pattern the GPT-2 pattern is a no-op.
std::vector<std::string> splitWords(const std::u16string& text) {
  std::vector<UChar32> cps;
  for (int32_t i = 0; i < static_cast<int32_t>(text.size());) {
    UChar32 c;
    U16_NEXT(text.data(), i, static_cast<int32_t>(text.size()), c);
    cps.push_back(c);
  }
  std::vector<std::string> words;
  const std::size_t n = cps.size();
  auto startsWith = [&](std::size_t at, const char* ascii) {
    for (std::size_t k = 0; ascii[k] != '\0'; ++k)
      if (at + k >= n || cps[at + k] != static_cast<UChar32>(ascii[k])) return false;
    return true;
  };
  std::size_t i = 0;
  while (i < n) {
    std::size_t end = i;
    bool specialText = false;
    for (const char* special : {"<|startoftext|>", "<|endoftext|>"}) {
      if (startsWith(i, special)) {
        const std::string text(special);
        words.push_back("<|");
        words.push_back(text.substr(2, text.size() - 4));
        words.push_back("|>");
        i += text.size();
        specialText = true;
        break;
      }
    }
    if (specialText) continue;
    if (cps[i] == '\'') {
      for (const char* contraction : {"'s", "'t", "'re", "'ve", "'m", "'ll", "'d"}) {
        if (startsWith(i, contraction)) {
          end = i + std::char_traits<char>::length(contraction);
          break;
        }
      }
    }
    if (end == i) {
      if (isLetter(cps[i])) {
        while (end < n && isLetter(cps[end])) ++end;
      } else if (isNumber(cps[i])) {
        end = i + 1;
      } else if (!u_isUWhiteSpace(cps[i])) {
        while (end < n && !u_isUWhiteSpace(cps[end]) && !isLetter(cps[end]) && !isNumber(cps[end])) ++end;
      } else {
        ++i; // white space separates words and is dropped
        continue;
      }
    }
    std::string word;
    for (std::size_t k = i; k < end; ++k) appendUtf8(word, cps[k]);
    words.push_back(std::move(word));
    i = end;
  }
  return words;
}

// Splits the raw text into plain runs and special tokens, as transformers' added-token matcher
// does: on the raw text, case-sensitive, earliest match first (the longest on a tie).
template <typename String, typename OnText, typename OnSpecial>
void splitSpecial(const String& text, const std::vector<String>& specials, OnText onText, OnSpecial onSpecial) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t next = String::npos;
    const String* match = nullptr;
    for (const auto& special : specials) {
      const auto at = text.find(special, pos);
      if (at < next || (at == next && at != String::npos && special.size() > match->size())) {
        next = at;
        match = &special;
      }
    }
    if (match == nullptr) {
      onText(text.substr(pos));
      return;
    }
    if (next > pos) onText(text.substr(pos, next - pos));
    onSpecial(*match);
    pos = next + match->size();
  }
}

} // namespace

struct ClipTokenizer::Cache {
  std::mutex mutex;
  std::unordered_map<std::string, std::vector<std::string>> words;
};

ClipTokenizer::ClipTokenizer() : m_cache(std::make_unique<Cache>()) {}
ClipTokenizer::~ClipTokenizer() = default;

namespace {

nlohmann::json parseJsonFile(const fs::path& path) {
  try {
    return nlohmann::json::parse(readFile(path));
  } catch (const nlohmann::json::exception& e) {
    throw Error(ErrorKind::ModelFormat, QT_TRANSLATE_NOOP("sdxl", "%1 is not valid JSON (%2)"), {path.string(), e.what()});
  }
}

// What a tokenizer folder says, in either of its two formats.
struct TokenizerFiles {
  nlohmann::json vocab;                                // token -> id
  std::vector<std::string> merges;                     // "left right", in rank order
  std::vector<std::pair<std::string, bool>> specials;  // content, matched on the normalized text
  std::string pad = kEos;
  int maxLength = 77;
};

void setSpecial(TokenizerFiles& files, const std::string& content, bool normalized) {
  for (auto& s : files.specials)
    if (s.first == content) {
      s.second = normalized;
      return;
    }
  files.specials.emplace_back(content, normalized);
}

// tokenizer.json (what transformers 5 saves): vocabulary, merges and the special tokens with
// their resolved matching rule.
void readTokenizerJson(const fs::path& path, TokenizerFiles& files) {
  const auto json = parseJsonFile(path);
  if (!json.is_object() || !json.contains("model") || !json["model"].is_object())
    throw Error(ErrorKind::ModelFormat, QT_TRANSLATE_NOOP("sdxl", "%1 has no BPE model"), {path.string()});
  const auto& model = json["model"];
  if (model.value("type", "") != "BPE") throw Error(ErrorKind::ModelFormat, QT_TRANSLATE_NOOP("sdxl", "%1 is not a BPE tokenizer"), {path.string()});
  files.vocab = model.value("vocab", nlohmann::json::object());
  for (const auto& merge : model.value("merges", nlohmann::json::array())) {
    if (merge.is_string()) files.merges.push_back(merge.get<std::string>());
    else if (merge.is_array() && merge.size() == 2 && merge[0].is_string() && merge[1].is_string())
      files.merges.push_back(merge[0].get<std::string>() + " " + merge[1].get<std::string>());
    else throw Error(ErrorKind::ModelFormat, QT_TRANSLATE_NOOP("sdxl", "%1: a merge is neither \"a b\" nor [\"a\", \"b\"]"), {path.string()});
  }
  for (const auto& added : json.value("added_tokens", nlohmann::json::array()))
    if (added.is_object() && added.value("special", false) && added.contains("content") && added["content"].is_string())
      setSpecial(files, added["content"].get<std::string>(), added.value("normalized", false));
}

// vocab.json + merges.txt (what the real SDXL-base folders hold); the special tokens come from
// special_tokens_map.json below.
void readVocabAndMerges(const fs::path& dir, TokenizerFiles& files) {
  files.vocab = parseJsonFile(dir / "vocab.json");
  std::istringstream merges(readFile(dir / "merges.txt"));
  std::string line;
  while (std::getline(merges, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line.rfind("#version", 0) == 0) continue;
    files.merges.push_back(line);
  }
  files.specials = {{kBos, true}, {kEos, true}};
}

// bos, eos, unk, pad in that order, a later entry overriding an earlier one for the same text,
// as transformers registers them. A plain string is matched on the raw text; an object says
// whether it is matched on the normalized (lowercased) text.
void readSpecialTokenFiles(const fs::path& dir, bool haveResolvedSpecials, TokenizerFiles& files) {
  for (const char* file : {"tokenizer_config.json", "special_tokens_map.json"}) {
    if (!fs::exists(dir / file)) continue;
    const auto config = parseJsonFile(dir / file);
    if (!config.is_object()) continue;
    if (config.contains("model_max_length") && config["model_max_length"].is_number_integer()) {
      const auto maxLength = config["model_max_length"].get<int64_t>();
      if (maxLength >= 2 && maxLength <= 4096) files.maxLength = static_cast<int>(maxLength);
    }
    for (const char* key : {"bos_token", "eos_token", "unk_token", "pad_token"}) {
      if (!config.contains(key)) continue;
      const auto& entry = config[key];
      std::string content;
      bool normalized = false;
      if (entry.is_string()) {
        content = entry.get<std::string>();
      } else if (entry.is_object() && entry.contains("content") && entry["content"].is_string()) {
        content = entry["content"].get<std::string>();
        normalized = entry.value("normalized", true);
      } else {
        continue;
      }
      if (content.empty()) continue;
      if (!haveResolvedSpecials) setSpecial(files, content, normalized);
      if (std::string(key) == "pad_token") files.pad = content;
    }
  }
}

} // namespace

std::shared_ptr<const ClipTokenizer> ClipTokenizer::fromFolder(const fs::path& dir) {
  // transformers prefers tokenizer.json when a folder has both formats; so do we.
  TokenizerFiles files;
  const bool fast = fs::exists(dir / "tokenizer.json");
  if (fast) readTokenizerJson(dir / "tokenizer.json", files);
  else readVocabAndMerges(dir, files);
  readSpecialTokenFiles(dir, fast, files);
  const std::string where = fast ? (dir / "tokenizer.json").string() : (dir / "vocab.json").string();

  std::shared_ptr<ClipTokenizer> tok(new ClipTokenizer());
  if (!files.vocab.is_object() || files.vocab.empty())
    throw Error(ErrorKind::ModelFormat, QT_TRANSLATE_NOOP("sdxl", "%1 has no token -> id vocabulary"), {where});
  for (const auto& item : files.vocab.items()) {
    if (!item.value().is_number_integer() || item.value().get<int64_t>() < 0 || item.value().get<int64_t>() > (1 << 24))
      throw Error(ErrorKind::ModelFormat, QT_TRANSLATE_NOOP("sdxl", "%1: the token '%2' has no valid id"), {where, item.key()});
    tok->m_vocab[item.key()] = item.value().get<int64_t>();
  }
  tok->m_idToToken.resize(tok->m_vocab.size());
  for (const auto& [token, id] : tok->m_vocab)
    if (static_cast<std::size_t>(id) < tok->m_idToToken.size()) tok->m_idToToken[static_cast<std::size_t>(id)] = token;
  int rank = 0;
  for (const auto& merge : files.merges) {
    const auto space = merge.find(' ');
    if (space == std::string::npos || space == 0 || space + 1 == merge.size() || merge.find(' ', space + 1) != std::string::npos)
      throw Error(ErrorKind::ModelFormat, QT_TRANSLATE_NOOP("sdxl", "%1: the merge '%2' is not two symbols"), {where, merge});
    tok->m_mergeRanks.emplace(merge, rank++);
  }
  auto idOf = [&](const std::string& token) {
    auto it = tok->m_vocab.find(token);
    if (it == tok->m_vocab.end()) throw Error(ErrorKind::ModelFormat, QT_TRANSLATE_NOOP("sdxl", "%1 lacks the token '%2'"), {where, token});
    return it->second;
  };
  tok->m_bos = idOf(kBos);
  tok->m_eos = idOf(kEos);
  tok->m_pad = idOf(files.pad);
  tok->m_maxLength = files.maxLength;
  for (const auto& [content, normalized] : files.specials) {
    idOf(content);
    if (normalized) tok->m_normalizedSpecials.push_back(normalize(toUtf16(content)));
    else tok->m_rawSpecials.push_back(content);
  }
  return tok;
}

std::vector<std::string> ClipTokenizer::bpe(const std::string& word) const {
  {
    std::lock_guard<std::mutex> lock(m_cache->mutex);
    auto it = m_cache->words.find(word);
    if (it != m_cache->words.end()) return it->second;
  }
  const auto& table = byteToSymbol();
  std::vector<std::string> symbols;
  for (unsigned char byte : word) symbols.push_back(table[byte]);
  if (symbols.empty()) return symbols;
  symbols.back() += "</w>";

  // Merge the pair of lowest rank, leftmost first, until no ranked pair is left.
  while (symbols.size() > 1) {
    int bestRank = INT_MAX;
    std::size_t bestAt = 0;
    for (std::size_t i = 0; i + 1 < symbols.size(); ++i) {
      auto it = m_mergeRanks.find(symbols[i] + " " + symbols[i + 1]);
      if (it != m_mergeRanks.end() && it->second < bestRank) {
        bestRank = it->second;
        bestAt = i;
      }
    }
    if (bestRank == INT_MAX) break;
    const std::string left = symbols[bestAt], right = symbols[bestAt + 1];
    std::vector<std::string> merged;
    merged.reserve(symbols.size());
    for (std::size_t i = 0; i < symbols.size();) {
      if (i + 1 < symbols.size() && symbols[i] == left && symbols[i + 1] == right) {
        merged.push_back(left + right);
        i += 2;
      } else {
        merged.push_back(symbols[i++]);
      }
    }
    symbols.swap(merged);
  }

  std::lock_guard<std::mutex> lock(m_cache->mutex);
  if (m_cache->words.size() >= kMaxCachedWords) m_cache->words.clear();
  m_cache->words.emplace(word, symbols);
  return symbols;
}

std::vector<std::string> ClipTokenizer::tokenStrings(const std::string& text) const {
  std::vector<std::string> out;
  auto onSpecial = [&](const auto& special) {
    std::string utf8;
    for (int32_t i = 0; i < static_cast<int32_t>(special.size());) {
      UChar32 c;
      U16_NEXT(special.data(), i, static_cast<int32_t>(special.size()), c);
      appendUtf8(utf8, c);
    }
    out.push_back(std::move(utf8));
  };
  splitSpecial(
      text, m_rawSpecials,
      [&](const std::string& plain) {
        splitSpecial(
            normalize(toUtf16(plain)), m_normalizedSpecials,
            [&](const std::u16string& normalized) {
              for (const auto& word : splitWords(normalized))
                for (auto& symbol : bpe(word)) out.push_back(std::move(symbol));
            },
            onSpecial);
      },
      [&](const std::string& special) { out.push_back(special); });
  return out;
}

int64_t ClipTokenizer::idOf(const std::string& token) const {
  const auto it = m_vocab.find(token);
  return it == m_vocab.end() ? -1 : it->second;
}

std::string ClipTokenizer::entryOf(int64_t id) const {
  return id >= 0 && static_cast<std::size_t>(id) < m_idToToken.size() ? m_idToToken[static_cast<std::size_t>(id)] : "";
}

std::vector<int64_t> ClipTokenizer::tokenize(const std::string& text) const {
  std::vector<int64_t> ids;
  for (const auto& symbol : tokenStrings(text)) {
    auto it = m_vocab.find(symbol);
    ids.push_back(it == m_vocab.end() ? m_eos : it->second); // CLIP's unknown token is <|endoftext|>
  }
  return ids;
}

TokenizedPrompt ClipTokenizer::encode(const std::string& text) const {
  const auto tokens = tokenize(text);
  TokenizedPrompt out;
  out.tokenCount = static_cast<int>(tokens.size());
  out.keptTokens = std::min(out.tokenCount, m_maxLength - 2);
  out.ids.assign(static_cast<std::size_t>(m_maxLength), m_pad);
  out.attentionMask.assign(static_cast<std::size_t>(m_maxLength), 0);
  out.ids[0] = m_bos;
  for (int i = 0; i < out.keptTokens; ++i) out.ids[static_cast<std::size_t>(i + 1)] = tokens[static_cast<std::size_t>(i)];
  out.ids[static_cast<std::size_t>(out.keptTokens + 1)] = m_eos;
  std::fill(out.attentionMask.begin(), out.attentionMask.begin() + out.keptTokens + 2, 1);
  return out;
}

} // namespace sdxl
