#include "sdxl/error.h"

#include <cstdio>

namespace sdxl {

const char* toString(ErrorKind kind) {
  switch (kind) {
  case ErrorKind::InvalidRequest: return "invalid request";
  case ErrorKind::ModelFormat: return "model format";
  case ErrorKind::Io: return "i/o";
  case ErrorKind::OutOfMemory: return "out of memory";
  case ErrorKind::Cancelled: return "cancelled";
  case ErrorKind::Internal: return "internal";
  }
  return "unknown";
}

std::string formatMessage(const std::string& text, const std::vector<std::string>& args) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char next = i + 1 < text.size() ? text[i + 1] : '\0';
    if (text[i] == '%' && next >= '1' && next <= '9' && static_cast<std::size_t>(next - '1') < args.size()) {
      out += args[next - '1'];
      ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string numberText(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  return buffer;
}

Error::Error(ErrorKind kind, const char* text, std::vector<std::string> args)
    : std::runtime_error(formatMessage(text, args)), m_kind(kind), m_text(text), m_args(std::move(args)) {}

} // namespace sdxl
