// Helpers shared by the core tests: where fixtures live, temporary folders, file bytes.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace sdxl::test {

std::filesystem::path fixturesDir();   // made by tests/fixtures/make_fixtures.py
std::filesystem::path tempRoot();      // scratch space under the build folder
std::filesystem::path freshTempDir(const std::string& name); // emptied on each call
std::vector<uint8_t> readBytes(const std::filesystem::path& path);
void writeBytes(const std::filesystem::path& path, const std::vector<uint8_t>& bytes);

} // namespace sdxl::test
