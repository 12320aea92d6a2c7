// libFuzzer target for what a PNG dropped on the studio brings: our loader over libpng on any
// bytes (a file libpng refuses must come back as an Error, never a crash, a leak or a longjmp out
// of C++), its text chunks, and our parameters (the "sdxl-studio" JSON) read back into a request,
// validated and written again; and every other tool's parameters (A1111's text, ComfyUI's graphs,
// Fooocus' JSON), which must come back as a request that validates, or as nothing. The input is
// tried as the file, as the JSON itself and as each tool's chunk.
#include "sdxl/error.h"
#include "sdxl/image.h"
#include "sdxl/metadata.h"
#include "sdxl/model_library.h"
#include "sdxl/png_parameters.h"
#include "sdxl/version.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <unistd.h>

// The writers name models through parts of the core that need LibTorch; reading a request never
// does. These stand in for them so that the reader can be fuzzed alone.
namespace sdxl {
ModelSource ModelSource::parse(const std::string& spec) {
  ModelSource s;
  s.folder = spec;
  return s;
}
std::string ModelSource::describe() const { return folder.string(); }
std::string shortModelHash(const std::filesystem::path&) { return {}; }
std::string studioVersion() { return "fuzz"; }
} // namespace sdxl

namespace {
void check(bool ok) {
  if (!ok) std::abort();
}

void readParameters(const std::string& json) {
  sdxl::GenerationRequest request;
  try {
    request = sdxl::requestFromJson(json);
  } catch (const sdxl::Error& e) {
    check(e.kind() == sdxl::ErrorKind::InvalidRequest);
    return;
  }
  try {
    sdxl::validate(request);
  } catch (const sdxl::Error& e) {
    check(e.kind() == sdxl::ErrorKind::InvalidRequest);
  }
  check(!sdxl::requestToJson(request, "m", 0).empty());
  check(!sdxl::a1111Parameters(request, "m", 0).empty());
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // loadPng reads files: one per fuzzing process, removed when it exits (never destroyed before).
  static const std::string& path = *new std::string(
      (std::filesystem::temp_directory_path() / ("sdxl-fuzz-png-" + std::to_string(getpid()) + ".png")).string());
  static const int removed = std::atexit([] { std::remove(path.c_str()); });
  (void)removed;
  std::ofstream(path, std::ios::binary | std::ios::trunc).write(reinterpret_cast<const char*>(data), std::streamsize(size));
  std::map<std::string, std::string> text;
  try {
    const auto image = sdxl::loadPng(path, &text);
    check(image.rgb.size() == std::size_t(image.width) * std::size_t(image.height) * 3);
  } catch (const sdxl::Error&) {
  }
  for (const auto& [key, value] : text) readParameters(value);
  const std::string raw(reinterpret_cast<const char*>(data), size);
  readParameters(raw);
  auto restore = [](const std::map<std::string, std::string>& chunks) {
    if (const auto restored = sdxl::parametersFromPngText(chunks)) {
      try {
        sdxl::validate(restored->request);
      } catch (const sdxl::Error&) {
        // Ours is validated by whoever uses it (a saved request may hold what this build refuses);
        // the other tools' must always give a usable request.
        check(restored->madeBy == "SDXL Studio");
      }
    }
  };
  restore(text);
  for (const char* key : {"parameters", "prompt", "workflow"}) restore({{key, raw}});
  return 0;
}
