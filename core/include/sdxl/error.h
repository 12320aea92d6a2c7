// Errors of the core. Every failure a person can meet carries a message they can act on
// (what went wrong, which file or tensor, what to do), and a kind that callers branch on
// without parsing text. Throwing one never leaves the pipeline unusable.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

// The messages a person reads are written as templates with %1..%9 and arguments: what() is the
// English, and the studio shows the template in its language (ui/core_messages.cpp). lupdate
// collects the templates from QT_TRANSLATE_NOOP("sdxl", ...); the core has no Qt, so it is
// defined here exactly as Qt defines it.
#ifndef QT_TRANSLATE_NOOP
#define QT_TRANSLATE_NOOP(scope, x) x
#endif

namespace sdxl {

enum class ErrorKind {
  InvalidRequest, // the request or an argument cannot be honoured (size, steps, options)
  ModelFormat,    // a model file or folder is missing, malformed, hostile or unsupported
  Io,             // the operating system refused a read or write
  OutOfMemory,    // the device or host ran out of memory; the message says what to switch
  Cancelled,      // the observer asked to stop
  Internal,       // a bug: an invariant of ours did not hold
};

const char* toString(ErrorKind kind);

class Error : public std::runtime_error {
public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), m_kind(kind) {}
  // `text` is a QT_TRANSLATE_NOOP("sdxl", ...) literal; %1 is args[0] and so on.
  Error(ErrorKind kind, const char* text, std::vector<std::string> args);
  ErrorKind kind() const noexcept { return m_kind; }
  // The untranslated template, or nullptr for a message that is English only.
  const char* text() const noexcept { return m_text; }
  const std::vector<std::string>& args() const noexcept { return m_args; }

private:
  ErrorKind m_kind;
  const char* m_text = nullptr;
  std::vector<std::string> m_args;
};

// Puts args into a template's %1..%9 in one pass (an argument's own "%2" stays as it is).
std::string formatMessage(const std::string& text, const std::vector<std::string>& args);
// A number as a person writes it: 0.5, 30, 1e-06 (std::to_string writes 0.500000).
std::string numberText(double value);

} // namespace sdxl
