// Reading a component's config.json strictly: every number is range-checked, so a config that
// would allocate absurd sizes is refused with its file and field named, before any allocation.
#pragma once

#include "sdxl/error.h" // QT_TRANSLATE_NOOP for fail()'s templates

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace sdxl::nn {

class ConfigReader {
public:
  ConfigReader(nlohmann::json json, std::string where) : m_json(std::move(json)), m_where(std::move(where)) {}
  static ConfigReader fromFile(const std::filesystem::path& path);

  int64_t integer(const std::string& key, int64_t fallback, int64_t min, int64_t max) const;
  double number(const std::string& key, double fallback) const;
  bool boolean(const std::string& key, bool fallback) const;
  std::string string(const std::string& key, const std::string& fallback) const;
  bool isNull(const std::string& key) const;
  // A per-block value: a list of `count` integers, or one integer broadcast to all.
  std::vector<int64_t> perBlock(const std::string& key, std::size_t count, int64_t fallback, int64_t min,
                                int64_t max) const;
  std::vector<int64_t> integers(const std::string& key, int64_t min, int64_t max) const;
  std::vector<std::string> strings(const std::string& key) const;
  // `text`: a QT_TRANSLATE_NOOP("sdxl", "%1: \"%2\" ...") template; %1 is the file, %2 the key,
  // `args` the rest (sdxl/error.h).
  [[noreturn]] void fail(const std::string& key, const char* text, std::vector<std::string> args = {}) const;
  const std::string& where() const { return m_where; }
  const nlohmann::json& json() const { return m_json; }

private:
  nlohmann::json m_json;
  std::string m_where;
};

} // namespace sdxl::nn
