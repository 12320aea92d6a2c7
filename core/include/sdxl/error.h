// Errors of the core. Every failure a person can meet carries a message they can act on
// (what went wrong, which file or tensor, what to do), and a kind that callers branch on
// without parsing text. Throwing one never leaves the pipeline unusable.
#pragma once

#include <stdexcept>
#include <string>

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
  ErrorKind kind() const noexcept { return m_kind; }

private:
  ErrorKind m_kind;
};

} // namespace sdxl
