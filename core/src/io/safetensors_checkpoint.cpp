#include "sdxl/error.h"
#include "sdxl/safetensors.h"

#include <torch/torch.h>

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

namespace sdxl {
namespace fs = std::filesystem;

namespace {

std::string readSmallFile(const fs::path& path, std::size_t limit) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) throw Error(ErrorKind::Io, QT_TRANSLATE_NOOP("sdxl", "cannot read %1: %2"), {path.string(), ec.message()});
  if (size > limit)
    throw Error(ErrorKind::ModelFormat, QT_TRANSLATE_NOOP("sdxl", "%1 is %2 bytes; a file of this kind is never larger than %3"),
                {path.string(), std::to_string(size), std::to_string(limit)});
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A shard name from an index file must stay inside the component folder.
bool isPlainFileName(const std::string& name) {
  return !name.empty() && name.find('/') == std::string::npos && name.find('\\') == std::string::npos &&
         name != "." && name != "..";
}

} // namespace

void SafetensorsCheckpoint::add(std::shared_ptr<SafetensorsFile> file, const std::string& label) {
  const std::size_t index = m_files.size();
  for (const auto& t : file->tensors()) {
    if (!m_where.emplace(t.name, index).second)
      throw Error(ErrorKind::ModelFormat, QT_TRANSLATE_NOOP("sdxl", "%1: tensor '%2' appears in two shards"), {label, t.name});
  }
  m_files.push_back(std::move(file));
}

SafetensorsCheckpoint SafetensorsCheckpoint::openFile(const fs::path& file) {
  SafetensorsCheckpoint checkpoint;
  checkpoint.add(SafetensorsFile::open(file), file.string());
  return checkpoint;
}

SafetensorsCheckpoint SafetensorsCheckpoint::openIndex(const fs::path& indexJson) {
  const std::string label = indexJson.string();
  nlohmann::json index;
  try {
    index = nlohmann::json::parse(readSmallFile(indexJson, 64u << 20));
  } catch (const nlohmann::json::exception& e) {
    throw Error(ErrorKind::ModelFormat, QT_TRANSLATE_NOOP("sdxl", "%1 is not valid JSON (%2)"), {label, e.what()});
  }
  if (!index.is_object() || !index.contains("weight_map") || !index["weight_map"].is_object())
    throw Error(ErrorKind::ModelFormat, QT_TRANSLATE_NOOP("sdxl", "%1 has no weight_map object"), {label});

  std::map<std::string, std::vector<std::string>> tensorsPerShard;
  for (const auto& item : index["weight_map"].items()) {
    if (!item.value().is_string()) throw Error(ErrorKind::ModelFormat, QT_TRANSLATE_NOOP("sdxl", "%1: the weight_map entry '%2' is not a file name"), {label, item.key()});
    const auto shard = item.value().get<std::string>();
    if (!isPlainFileName(shard)) throw Error(ErrorKind::ModelFormat, QT_TRANSLATE_NOOP("sdxl", "%1: the shard name '%2' points outside the folder"), {label, shard});
    tensorsPerShard[shard].push_back(item.key());
  }
  if (tensorsPerShard.empty()) throw Error(ErrorKind::ModelFormat, QT_TRANSLATE_NOOP("sdxl", "%1 lists no shards"), {label});

  SafetensorsCheckpoint checkpoint;
  for (const auto& [shard, names] : tensorsPerShard) {
    const auto path = indexJson.parent_path() / shard;
    if (!fs::exists(path)) throw Error(ErrorKind::ModelFormat, QT_TRANSLATE_NOOP("sdxl", "%1 names the shard %2, which is missing"), {label, shard});
    auto file = SafetensorsFile::open(path);
    for (const auto& name : names)
      if (file->find(name) == nullptr)
        throw Error(ErrorKind::ModelFormat, QT_TRANSLATE_NOOP("sdxl", "%1 says tensor '%2' is in %3, but it is not"), {label, name, shard});
    checkpoint.add(std::move(file), label);
  }
  if (checkpoint.m_where.size() != index["weight_map"].size())
    throw Error(ErrorKind::ModelFormat, QT_TRANSLATE_NOOP("sdxl", "%1: the shards hold tensors that the index does not list"), {label});
  return checkpoint;
}

SafetensorsCheckpoint SafetensorsCheckpoint::openComponent(const fs::path& dir, const std::string& stem,
                                                           const std::string& variant) {
  std::vector<fs::path> candidates;
  if (!variant.empty()) {
    candidates.push_back(dir / (stem + "." + variant + ".safetensors"));
    candidates.push_back(dir / (stem + ".safetensors.index." + variant + ".json"));
  }
  candidates.push_back(dir / (stem + ".safetensors"));
  candidates.push_back(dir / (stem + ".safetensors.index.json"));
  for (const auto& path : candidates) {
    if (!fs::is_regular_file(path)) continue;
    return path.extension() == ".json" ? openIndex(path) : openFile(path);
  }

  // Nothing usable: say what is there, and why a pickle file does not count.
  std::string found;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const auto name = entry.path().filename().string();
    if (name.find(stem) == 0) found += (found.empty() ? "" : ", ") + name;
    try {
      refusePickleCheckpoint(entry.path());
    } catch (const Error& e) {
      throw Error(ErrorKind::ModelFormat, QT_TRANSLATE_NOOP("sdxl", "no safetensors weights in %1. %2"), {dir.string(), e.what()});
    }
  }
  const auto expected = stem + ".safetensors" + (variant.empty() ? "" : ", " + stem + "." + variant + ".safetensors");
  if (found.empty())
    throw Error(ErrorKind::ModelFormat, QT_TRANSLATE_NOOP("sdxl", "no weights in %1: expected %2 (or a sharded *.safetensors.index.json)"), {dir.string(), expected});
  throw Error(ErrorKind::ModelFormat, QT_TRANSLATE_NOOP("sdxl", "no weights in %1: expected %2 (or a sharded *.safetensors.index.json); found only %3"), {dir.string(), expected, found});
}

std::vector<std::string> SafetensorsCheckpoint::names() const {
  std::vector<std::string> out;
  out.reserve(m_where.size());
  for (const auto& [name, index] : m_where) out.push_back(name);
  return out;
}

const TensorInfo& SafetensorsCheckpoint::info(const std::string& name) const {
  auto it = m_where.find(name);
  if (it == m_where.end()) throw Error(ErrorKind::ModelFormat, QT_TRANSLATE_NOOP("sdxl", "the checkpoint has no tensor '%1'"), {name});
  return *m_files[it->second]->find(name);
}

at::Tensor SafetensorsCheckpoint::tensor(const std::string& name) const {
  auto it = m_where.find(name);
  if (it == m_where.end()) throw Error(ErrorKind::ModelFormat, QT_TRANSLATE_NOOP("sdxl", "the checkpoint has no tensor '%1'"), {name});
  return m_files[it->second]->tensor(name);
}

uint64_t SafetensorsCheckpoint::totalBytes() const {
  uint64_t total = 0;
  for (const auto& f : m_files) total += f->fileSize();
  return total;
}

} // namespace sdxl
