#include "nn/config_json.h"

#include "sdxl/error.h"

#include <fstream>

namespace sdxl::nn {

ConfigReader ConfigReader::fromFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw Error(ErrorKind::ModelFormat, QT_TRANSLATE_NOOP("sdxl", "%1 is missing or unreadable"), {path.string()});
  try {
    auto json = nlohmann::json::parse(in);
    if (!json.is_object()) throw Error(ErrorKind::ModelFormat, QT_TRANSLATE_NOOP("sdxl", "%1 is not a JSON object"), {path.string()});
    return ConfigReader(std::move(json), path.string());
  } catch (const nlohmann::json::exception& e) {
    throw Error(ErrorKind::ModelFormat, QT_TRANSLATE_NOOP("sdxl", "%1 is not valid JSON (%2)"), {path.string(), e.what()});
  }
}

void ConfigReader::fail(const std::string& key, const char* text, std::vector<std::string> args) const {
  args.insert(args.begin(), {m_where, key});
  throw Error(ErrorKind::ModelFormat, text, std::move(args));
}

bool ConfigReader::isNull(const std::string& key) const { return !m_json.contains(key) || m_json[key].is_null(); }

int64_t ConfigReader::integer(const std::string& key, int64_t fallback, int64_t min, int64_t max) const {
  if (isNull(key)) return fallback;
  const auto& v = m_json[key];
  if (!v.is_number_integer()) fail(key, QT_TRANSLATE_NOOP("sdxl", "%1: \"%2\" must be an integer"));
  const auto value = v.get<int64_t>();
  if (value < min || value > max)
    fail(key, QT_TRANSLATE_NOOP("sdxl", "%1: \"%2\" is %3, outside the supported %4..%5"),
         {std::to_string(value), std::to_string(min), std::to_string(max)});
  return value;
}

double ConfigReader::number(const std::string& key, double fallback) const {
  if (isNull(key)) return fallback;
  if (!m_json[key].is_number()) fail(key, QT_TRANSLATE_NOOP("sdxl", "%1: \"%2\" must be a number"));
  return m_json[key].get<double>();
}

bool ConfigReader::boolean(const std::string& key, bool fallback) const {
  if (isNull(key)) return fallback;
  if (!m_json[key].is_boolean()) fail(key, QT_TRANSLATE_NOOP("sdxl", "%1: \"%2\" must be true or false"));
  return m_json[key].get<bool>();
}

std::string ConfigReader::string(const std::string& key, const std::string& fallback) const {
  if (isNull(key)) return fallback;
  if (!m_json[key].is_string()) fail(key, QT_TRANSLATE_NOOP("sdxl", "%1: \"%2\" must be a string"));
  return m_json[key].get<std::string>();
}

std::vector<int64_t> ConfigReader::integers(const std::string& key, int64_t min, int64_t max) const {
  if (isNull(key) || !m_json[key].is_array() || m_json[key].empty() || m_json[key].size() > 64)
    fail(key, QT_TRANSLATE_NOOP("sdxl", "%1: \"%2\" must be a list of 1 to 64 integers"));
  std::vector<int64_t> out;
  for (const auto& v : m_json[key]) {
    if (!v.is_number_integer()) fail(key, QT_TRANSLATE_NOOP("sdxl", "%1: \"%2\" must hold integers only"));
    const auto value = v.get<int64_t>();
    if (value < min || value > max)
      fail(key, QT_TRANSLATE_NOOP("sdxl", "%1: \"%2\" holds %3, outside the supported %4..%5"),
           {std::to_string(value), std::to_string(min), std::to_string(max)});
    out.push_back(value);
  }
  return out;
}

std::vector<int64_t> ConfigReader::perBlock(const std::string& key, std::size_t count, int64_t fallback, int64_t min,
                                            int64_t max) const {
  if (isNull(key)) return std::vector<int64_t>(count, fallback);
  if (m_json[key].is_number_integer()) return std::vector<int64_t>(count, integer(key, fallback, min, max));
  auto values = integers(key, min, max);
  if (values.size() != count) fail(key, QT_TRANSLATE_NOOP("sdxl", "%1: \"%2\" must have one value per block (%3)"), {std::to_string(count)});
  return values;
}

std::vector<std::string> ConfigReader::strings(const std::string& key) const {
  if (isNull(key) || !m_json[key].is_array() || m_json[key].empty() || m_json[key].size() > 64)
    fail(key, QT_TRANSLATE_NOOP("sdxl", "%1: \"%2\" must be a list of 1 to 64 names"));
  std::vector<std::string> out;
  for (const auto& v : m_json[key]) {
    if (!v.is_string()) fail(key, QT_TRANSLATE_NOOP("sdxl", "%1: \"%2\" must hold names only"));
    out.push_back(v.get<std::string>());
  }
  return out;
}

} // namespace sdxl::nn
