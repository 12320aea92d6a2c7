// A1111's prompt syntax (see sdxl/prompt.h), in one pass over the text with two bracket stacks.
// Every text piece remembers the innermost open bracket of each stack; once the closers are
// known, a bracket's weight is its parent's times its own factor, and a piece's weight is the
// product of its two innermost brackets' weights: linear, where multiplying every piece again at
// each closer (A1111's way) is quadratic in the nesting.
#include "sdxl/prompt.h"

#include <unicode/uchar.h>

#include <charconv>
#include <optional>
#include <system_error>

namespace sdxl {

namespace {

constexpr double kRoundFactor = 1.1;
constexpr double kSquareFactor = 1 / 1.1;

// One code point at `at` (or U+FFFD for a byte that starts no well-formed sequence) and its length.
std::pair<char32_t, std::size_t> decodeAt(std::string_view s, std::size_t at) {
  const auto c = static_cast<unsigned char>(s[at]);
  std::size_t length = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
  if (length == 0 || at + length > s.size()) return {0xFFFD, 1};
  char32_t cp = length == 1 ? c : c & (0x7F >> length);
  for (std::size_t k = 1; k < length; ++k) {
    const auto b = static_cast<unsigned char>(s[at + k]);
    if ((b & 0xC0) != 0x80) return {0xFFFD, 1};
    cp = (cp << 6) | (b & 0x3F);
  }
  return {cp, length};
}

// Where the code point that ends just before `at` starts, and what it is.
std::pair<char32_t, std::size_t> decodeBefore(std::string_view s, std::size_t at) {
  std::size_t start = at - 1;
  while (start > 0 && at - start < 4 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
  const auto [cp, length] = decodeAt(s, start);
  if (start + length == at) return {cp, start};
  return {0xFFFD, at - 1};
}

// Python's \w for str patterns: letters, numbers and the underscore.
bool isWordChar(char32_t c) {
  if (c == U'_') return true;
  if (c < 0x80) return (c >= U'0' && c <= U'9') || (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z');
  switch (u_charType(static_cast<UChar32>(c))) {
  case U_UPPERCASE_LETTER: case U_LOWERCASE_LETTER: case U_TITLECASE_LETTER: case U_MODIFIER_LETTER:
  case U_OTHER_LETTER: case U_DECIMAL_DIGIT_NUMBER: case U_LETTER_NUMBER: case U_OTHER_NUMBER: return true;
  default: return false;
  }
}

// Python's \s for str patterns (str.isspace()).
bool isSpace(char32_t c) {
  return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

std::size_t skipSpaces(std::string_view s, std::size_t at) {
  while (at < s.size()) {
    const auto [cp, length] = decodeAt(s, at);
    if (!isSpace(cp)) break;
    at += length;
  }
  return at;
}

// Python's float() of what [+-]?[.\d]+ matched: digits with at most one point, at least one digit.
std::optional<double> parseNumber(std::string_view digits) {
  std::size_t points = 0, count = 0;
  for (char c : digits) {
    if (c == '.') ++points;
    else if (c >= '0' && c <= '9') ++count;
  }
  if (points > 1 || count == 0) return std::nullopt;
  double value = 0; // from_chars: strtod would follow the C locale's decimal point, which Qt sets
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return value;
}

std::optional<double> parseFloat(std::string_view text) {
  if (text.empty()) return std::nullopt;
  std::size_t i = text[0] == '+' || text[0] == '-' ? 1 : 0;
  if (i == text.size() || text.find_first_not_of("0123456789.", i) != std::string_view::npos) return std::nullopt;
  auto value = parseNumber(text.substr(i));
  if (value && text[0] == '-') *value = -*value;
  return value;
}

// The prompt without its <type:args> tags, and where each remaining byte came from.
struct Cleaned {
  std::string text;
  std::vector<std::size_t> source; // source[i]: offset in the prompt of text[i]; source[size] = end
};

ExtraNetworkTag readTag(std::string_view type, std::string_view args, std::size_t begin, std::size_t end) {
  ExtraNetworkTag tag;
  tag.type = std::string(type);
  tag.begin = begin;
  tag.end = end;
  std::vector<std::string_view> positional;
  std::size_t from = 0;
  for (;;) {
    const auto colon = args.find(':', from);
    const auto item = args.substr(from, colon == std::string_view::npos ? std::string_view::npos : colon - from);
    const auto equals = item.find('=');
    if (equals == std::string_view::npos) {
      positional.push_back(item);
    } else {
      const auto key = item.substr(0, equals);
      const auto value = parseFloat(item.substr(equals + 1));
      if (!value) tag.problem = "'" + std::string(item) + "' is not a weight";
      else if (key == "te") tag.textWeight = *value;
      else if (key == "unet") tag.unetWeight = *value;
    }
    if (colon == std::string_view::npos) break;
    from = colon + 1;
  }
  tag.name = std::string(positional.empty() ? std::string_view() : positional[0]);
  if (positional.size() > 1) {
    if (const auto w = parseFloat(positional[1])) tag.textWeight = tag.unetWeight = *w;
    else tag.problem = "'" + std::string(positional[1]) + "' is not a weight";
  }
  if (positional.size() > 2) {
    if (const auto w = parseFloat(positional[2])) tag.unetWeight = *w;
    else tag.problem = "'" + std::string(positional[2]) + "' is not a weight";
  }
  if (tag.name.empty()) tag.problem = "the tag names nothing";
  return tag;
}

// A1111 takes out every match of <(\w+):([^>]+)> before it reads the brackets.
Cleaned removeTags(std::string_view s, std::vector<ExtraNetworkTag>& tags) {
  std::vector<std::size_t> nextClose(s.size() + 1, std::string_view::npos);
  for (std::size_t i = s.size(); i-- > 0;) nextClose[i] = s[i] == '>' ? i : nextClose[i + 1];
  Cleaned out;
  out.text.reserve(s.size());
  out.source.reserve(s.size() + 1);
  std::size_t i = 0;
  while (i < s.size()) {
    if (s[i] == '<') {
      std::size_t j = i + 1;
      while (j < s.size()) {
        const auto [cp, length] = decodeAt(s, j);
        if (!isWordChar(cp)) break;
        j += length;
      }
      if (j > i + 1 && j < s.size() && s[j] == ':' && j + 1 < s.size()) {
        const auto close = nextClose[j + 1];
        if (close != std::string_view::npos && close > j + 1) {
          tags.push_back(readTag(s.substr(i + 1, j - i - 1), s.substr(j + 1, close - j - 1), i, close + 1));
          i = close + 1;
          continue;
        }
      }
    }
    out.text.push_back(s[i]);
    out.source.push_back(i);
    ++i;
  }
  out.source.push_back(s.size());
  return out;
}

struct Bracket {
  int parent = -1; // the bracket below it on its stack when it opened
  double factor = 1;
  double weight = 1; // product of the factors from the outermost bracket to this one
};

struct Piece {
  std::size_t begin = 0, end = 0; // in the cleaned text
  std::string text;
  int round = -1, square = -1; // innermost open brackets when it was read
  bool chunkBreak = false;
};

class Parser {
public:
  explicit Parser(const Cleaned& c) : m_c(c), m_s(c.text) {}

  ParsedPrompt run(std::vector<ExtraNetworkTag> tags) {
    std::size_t i = 0;
    while (i < m_s.size()) i = step(i);
    // Brackets still open apply to the end of the prompt with their default factors.
    for (int id : m_roundStack) m_brackets[static_cast<std::size_t>(id)].factor = kRoundFactor;
    for (int id : m_squareStack) m_brackets[static_cast<std::size_t>(id)].factor = kSquareFactor;
    for (auto& b : m_brackets) // parents come first: they opened earlier
      b.weight = (b.parent < 0 ? 1.0 : m_brackets[static_cast<std::size_t>(b.parent)].weight) * b.factor;
    return assemble(std::move(tags));
  }

private:
  std::size_t step(std::size_t i) {
    const char c = m_s[i];
    if (c == '\\') {
      const bool escape = i + 1 < m_s.size() && std::string_view("()[]\\").find(m_s[i + 1]) != std::string_view::npos;
      addText(i, escape ? i + 2 : i + 1, escape ? std::string(1, m_s[i + 1]) : std::string());
      return escape ? i + 2 : i + 1;
    }
    if (c == '(' || c == '[') {
      auto& stack = c == '(' ? m_roundStack : m_squareStack;
      m_brackets.push_back({stack.empty() ? -1 : stack.back(), 1, 1});
      stack.push_back(static_cast<int>(m_brackets.size()) - 1);
      return i + 1;
    }
    if (c == ':') {
      if (auto end = weightCloser(i)) return *end;
      addText(i, i + 1, ":");
      return i + 1;
    }
    if (c == ')' || c == ']') {
      auto& stack = c == ')' ? m_roundStack : m_squareStack;
      if (stack.empty()) {
        addText(i, i + 1, std::string(1, c));
      } else {
        m_brackets[static_cast<std::size_t>(stack.back())].factor = c == ')' ? kRoundFactor : kSquareFactor;
        stack.pop_back();
      }
      return i + 1;
    }
    std::size_t end = i;
    while (end < m_s.size() && std::string_view("\\()[]:").find(m_s[end]) == std::string_view::npos) ++end;
    addRun(i, end);
    return end;
  }

  // :\s*([+-]?[.\d]+)\s*\) closing the innermost round bracket; its end, or nullopt when the text
  // at `i` is not one (or no round bracket is open, or the number is none: then it is text).
  std::optional<std::size_t> weightCloser(std::size_t i) {
    std::size_t j = skipSpaces(m_s, i + 1);
    const std::size_t numberBegin = j;
    if (j < m_s.size() && (m_s[j] == '+' || m_s[j] == '-')) ++j;
    const std::size_t digitsBegin = j;
    while (j < m_s.size() && (m_s[j] == '.' || (m_s[j] >= '0' && m_s[j] <= '9'))) ++j;
    if (j == digitsBegin) return std::nullopt;
    const auto number = std::string_view(m_s).substr(numberBegin, j - numberBegin);
    j = skipSpaces(m_s, j);
    if (j >= m_s.size() || m_s[j] != ')') return std::nullopt;
    const auto factor = parseFloat(number);
    if (m_roundStack.empty() || !factor) {
      addRun(i, j + 1); // A1111's text branch: the whole match is text
      return j + 1;
    }
    m_brackets[static_cast<std::size_t>(m_roundStack.back())].factor = *factor;
    m_roundStack.pop_back();
    return j + 1;
  }

  // A run of plain text, split where BREAK stands as a word (with the white space around it).
  void addRun(std::size_t begin, std::size_t end) {
    std::size_t partBegin = begin, at = begin;
    while (true) {
      const auto found = std::string_view(m_s).substr(0, end).find("BREAK", at);
      if (found == std::string_view::npos) break;
      const std::size_t after = found + 5;
      const bool wordBefore = found > begin && isWordChar(decodeBefore(m_s, found).first);
      const bool wordAfter = after < end && isWordChar(decodeAt(m_s, after).first);
      if (wordBefore || wordAfter) {
        at = found + 1;
        continue;
      }
      std::size_t left = found;
      while (left > partBegin) {
        const auto [cp, start] = decodeBefore(m_s, left);
        if (!isSpace(cp) || start < partBegin) break;
        left = start;
      }
      addText(partBegin, left, m_s.substr(partBegin, left - partBegin));
      m_pieces.push_back({left, left, {}, -1, -1, true});
      partBegin = at = std::min(skipSpaces(m_s, after), end);
    }
    addText(partBegin, end, m_s.substr(partBegin, end - partBegin));
  }

  void addText(std::size_t begin, std::size_t end, std::string text) {
    m_pieces.push_back({begin, end, std::move(text), m_roundStack.empty() ? -1 : m_roundStack.back(),
                        m_squareStack.empty() ? -1 : m_squareStack.back(), false});
  }

  double weightOf(const Piece& p) const {
    const double r = p.round < 0 ? 1.0 : m_brackets[static_cast<std::size_t>(p.round)].weight;
    const double s = p.square < 0 ? 1.0 : m_brackets[static_cast<std::size_t>(p.square)].weight;
    return r * s;
  }

  // Spans in source offsets, split where a removed tag lay inside a piece.
  void addSpans(const Piece& p, double weight, std::vector<PromptSpan>& spans) const {
    std::size_t from = p.begin;
    for (std::size_t k = p.begin; k < p.end; ++k) {
      if (k + 1 == p.end || m_c.source[k + 1] != m_c.source[k] + 1) {
        spans.push_back({m_c.source[from], m_c.source[k] + 1, weight});
        from = k + 1;
      }
    }
  }

  ParsedPrompt assemble(std::vector<ExtraNetworkTag> tags) const {
    ParsedPrompt out;
    out.networks = std::move(tags);
    for (const auto& p : m_pieces) {
      if (p.chunkBreak) {
        out.fragments.push_back({{}, 1.0, true});
        continue;
      }
      const double weight = weightOf(p);
      if (!p.text.empty()) addSpans(p, weight, out.spans);
      auto& f = out.fragments;
      if (!f.empty() && !f.back().chunkBreak && f.back().weight == weight) f.back().text += p.text; // A1111 merges runs
      else f.push_back({p.text, weight, false});
    }
    if (out.fragments.empty()) out.fragments.push_back({});
    return out;
  }

  const Cleaned& m_c;
  const std::string& m_s;
  std::vector<Bracket> m_brackets;
  std::vector<int> m_roundStack, m_squareStack;
  std::vector<Piece> m_pieces;
};

} // namespace

bool ParsedPrompt::weighted() const {
  for (const auto& f : fragments)
    if (!f.chunkBreak && f.weight != 1.0) return true;
  return false;
}

ParsedPrompt parsePrompt(std::string_view text) {
  std::vector<ExtraNetworkTag> tags;
  const auto cleaned = removeTags(text, tags);
  return Parser(cleaned).run(std::move(tags));
}

} // namespace sdxl
