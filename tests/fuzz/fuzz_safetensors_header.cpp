// libFuzzer target for the safetensors header parser: any input must either parse into a
// header whose tensors lie inside the buffer, or throw sdxl::Error. Anything else (a crash,
// an overread caught by AddressSanitizer, another exception type) is a bug.
#include "sdxl/error.h"
#include "sdxl/safetensors.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    const auto header = sdxl::parseSafetensorsHeader(data, size, "fuzz");
    for (const auto& t : header.tensors)
      if (header.dataOffset + t.end > size) std::abort();
  } catch (const sdxl::Error&) {
  }
  return 0;
}
