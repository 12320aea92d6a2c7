#include "test_support.h"

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace sdxl::test {
namespace fs = std::filesystem;

namespace {
fs::path fromEnv(const char* name, const char* builtIn) {
  const char* value = std::getenv(name);
  return (value == nullptr || *value == '\0') ? fs::path(builtIn) : fs::path(value);
}
} // namespace

fs::path fixturesDir() { return fromEnv("SDXL_FIXTURES", SDXL_TEST_FIXTURES_DIR); }
fs::path tempRoot() { return fromEnv("SDXL_TEST_TMP", SDXL_TEST_TMP_DIR); }

fs::path freshTempDir(const std::string& name) {
  const fs::path dir = tempRoot() / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::vector<uint8_t> readBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeBytes(const fs::path& path, const std::vector<uint8_t>& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

} // namespace sdxl::test
