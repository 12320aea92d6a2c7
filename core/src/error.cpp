#include "sdxl/error.h"

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

} // namespace sdxl
