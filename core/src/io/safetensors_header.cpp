// Strict parsing of the safetensors header. No torch here: the fuzzer links this file alone.
#include "sdxl/error.h"
#include "sdxl/safetensors.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>
#include <limits>
#include <set>

namespace sdxl {
namespace {

using nlohmann::json;

struct DTypeRow {
  DType dtype;
  const char* name;
  std::size_t size;
};
constexpr DTypeRow kDTypes[] = {
    {DType::F64, "F64", 8}, {DType::F32, "F32", 4}, {DType::F16, "F16", 2}, {DType::BF16, "BF16", 2},
    {DType::I64, "I64", 8}, {DType::I32, "I32", 4}, {DType::I16, "I16", 2}, {DType::I8, "I8", 1},
    {DType::U8, "U8", 1},   {DType::BOOL, "BOOL", 1}, {DType::F8_E4M3, "F8_E4M3", 1}, {DType::F8_E5M2, "F8_E5M2", 1},
};
static_assert(sizeof(kDTypes) / sizeof(kDTypes[0]) == static_cast<std::size_t>(DType::F8_E5M2) + 1,
              "every DType needs a row");

// `text` names the file as %1 (and a tensor as %2): one template per fault, for translation.
[[noreturn]] void fail(const char* text, std::vector<std::string> args) {
  throw Error(ErrorKind::ModelFormat, text, std::move(args));
}

// Parses JSON and rejects an object that repeats a key (nlohmann keeps the last silently;
// a file whose readers disagree on which duplicate wins is not one we accept).
json parseRejectingDuplicates(const char* begin, const char* end, const std::string& label) {
  std::vector<std::set<std::string>> keysPerObject;
  auto callback = [&](int /*depth*/, json::parse_event_t event, json& parsed) {
    switch (event) {
    case json::parse_event_t::object_start: keysPerObject.emplace_back(); break;
    case json::parse_event_t::object_end: keysPerObject.pop_back(); break;
    case json::parse_event_t::key: {
      const auto& key = parsed.get_ref<const std::string&>();
      if (!keysPerObject.back().insert(key).second) fail(QT_TRANSLATE_NOOP("sdxl", "safetensors file %1: the header names '%2' twice"), {label, key});
      break;
    }
    default: break;
    }
    return true;
  };
  try {
    return json::parse(begin, end, callback);
  } catch (const json::exception& e) {
    fail(QT_TRANSLATE_NOOP("sdxl", "safetensors file %1: the header is not valid JSON (%2)"), {label, e.what()});
  }
}

bool mulOverflows(uint64_t a, uint64_t b, uint64_t& out) {
  if (a != 0 && b > std::numeric_limits<uint64_t>::max() / a) return true;
  out = a * b;
  return false;
}

TensorInfo parseEntry(const std::string& name, const json& entry, const std::string& label) {
  if (!entry.is_object()) fail(QT_TRANSLATE_NOOP("sdxl", "safetensors file %1: tensor '%2': its entry is not an object"), {label, name});
  for (const auto& item : entry.items()) {
    if (item.key() != "dtype" && item.key() != "shape" && item.key() != "data_offsets")
      fail(QT_TRANSLATE_NOOP("sdxl", "safetensors file %1: tensor '%2': unknown field '%3'"), {label, name, item.key()});
  }
  TensorInfo info;
  info.name = name;
  auto dtype = entry.find("dtype");
  if (dtype == entry.end() || !dtype->is_string()) fail(QT_TRANSLATE_NOOP("sdxl", "safetensors file %1: tensor '%2': missing dtype"), {label, name});
  auto parsed = dtypeFromName(dtype->get<std::string>());
  if (!parsed) fail(QT_TRANSLATE_NOOP("sdxl", "safetensors file %1: tensor '%2': unsupported dtype '%3'"), {label, name, dtype->get<std::string>()});
  info.dtype = *parsed;

  auto shape = entry.find("shape");
  if (shape == entry.end() || !shape->is_array()) fail(QT_TRANSLATE_NOOP("sdxl", "safetensors file %1: tensor '%2': missing shape"), {label, name});
  if (shape->size() > 16) fail(QT_TRANSLATE_NOOP("sdxl", "safetensors file %1: tensor '%2': more than 16 dimensions"), {label, name});
  uint64_t numel = 1;
  for (const auto& dim : *shape) {
    if (!dim.is_number_unsigned()) fail(QT_TRANSLATE_NOOP("sdxl", "safetensors file %1: tensor '%2': its shape holds a value that is not a non-negative integer"), {label, name});
    const auto d = dim.get<uint64_t>();
    if (d > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) || mulOverflows(numel, d, numel))
      fail(QT_TRANSLATE_NOOP("sdxl", "safetensors file %1: tensor '%2': its shape is absurdly large"), {label, name});
    info.shape.push_back(static_cast<int64_t>(d));
  }

  auto offsets = entry.find("data_offsets");
  if (offsets == entry.end() || !offsets->is_array() || offsets->size() != 2 ||
      !(*offsets)[0].is_number_unsigned() || !(*offsets)[1].is_number_unsigned())
    fail(QT_TRANSLATE_NOOP("sdxl", "safetensors file %1: tensor '%2': data_offsets must be two non-negative integers"), {label, name});
  info.begin = (*offsets)[0].get<uint64_t>();
  info.end = (*offsets)[1].get<uint64_t>();
  if (info.end < info.begin) fail(QT_TRANSLATE_NOOP("sdxl", "safetensors file %1: tensor '%2': data_offsets end before they begin"), {label, name});

  uint64_t bytes = 0;
  if (mulOverflows(numel, dtypeSize(info.dtype), bytes)) fail(QT_TRANSLATE_NOOP("sdxl", "safetensors file %1: tensor '%2': its shape is absurdly large"), {label, name});
  if (bytes != info.end - info.begin)
    fail(QT_TRANSLATE_NOOP("sdxl", "safetensors file %1: tensor '%2': shape and dtype make %3 bytes but data_offsets span %4"),
         {label, name, std::to_string(bytes), std::to_string(info.end - info.begin)});
  return info;
}

} // namespace

const char* dtypeName(DType dtype) { return kDTypes[static_cast<int>(dtype)].name; }
std::size_t dtypeSize(DType dtype) { return kDTypes[static_cast<int>(dtype)].size; }

std::optional<DType> dtypeFromName(const std::string& name) {
  for (const auto& row : kDTypes)
    if (name == row.name) return row.dtype;
  return std::nullopt;
}

uint64_t TensorInfo::numel() const {
  uint64_t n = 1;
  for (auto d : shape) n *= static_cast<uint64_t>(d);
  return n;
}

SafetensorsHeader parseSafetensorsHeader(const uint8_t* data, std::size_t size, const std::string& label) {
  if (size < 8) fail(QT_TRANSLATE_NOOP("sdxl", "safetensors file %1: the file is %2 bytes, too short to hold a header (truncated?)"), {label, std::to_string(size)});
  uint64_t headerLength = 0;
  for (int i = 7; i >= 0; --i) headerLength = (headerLength << 8) | data[i]; // little endian
  if (headerLength > kMaxSafetensorsHeader)
    fail(QT_TRANSLATE_NOOP("sdxl", "safetensors file %1: the header claims %2 bytes, more than the %3 allowed"),
         {label, std::to_string(headerLength), std::to_string(kMaxSafetensorsHeader)});
  if (headerLength > size - 8)
    fail(QT_TRANSLATE_NOOP("sdxl", "safetensors file %1: the header claims %2 bytes but the file has only %3 after the length field (truncated?)"),
         {label, std::to_string(headerLength), std::to_string(size - 8)});
  if (headerLength < 2 || data[8] != '{') fail(QT_TRANSLATE_NOOP("sdxl", "safetensors file %1: the header does not start with '{'"), {label});

  const char* begin = reinterpret_cast<const char*>(data + 8);
  // The reference writer pads the header with spaces to a multiple of 8; JSON allows them.
  const json header = parseRejectingDuplicates(begin, begin + headerLength, label);
  if (!header.is_object()) fail(QT_TRANSLATE_NOOP("sdxl", "safetensors file %1: the header is not a JSON object"), {label});

  SafetensorsHeader result;
  result.dataOffset = 8 + headerLength;
  for (const auto& item : header.items()) {
    if (item.key() == "__metadata__") {
      if (!item.value().is_object()) fail(QT_TRANSLATE_NOOP("sdxl", "safetensors file %1: __metadata__ is not an object"), {label});
      for (const auto& meta : item.value().items()) {
        if (!meta.value().is_string()) fail(QT_TRANSLATE_NOOP("sdxl", "safetensors file %1: the __metadata__ value of '%2' is not a string"), {label, meta.key()});
        result.metadata[meta.key()] = meta.value().get<std::string>();
      }
      continue;
    }
    result.tensors.push_back(parseEntry(item.key(), item.value(), label));
  }

  // The data section must be covered exactly: no overlap, no gap, nothing past the end.
  std::sort(result.tensors.begin(), result.tensors.end(), [](const TensorInfo& a, const TensorInfo& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
  });
  const uint64_t dataSize = size - result.dataOffset;
  uint64_t expected = 0;
  for (const auto& t : result.tensors) {
    if (t.begin < expected) fail(QT_TRANSLATE_NOOP("sdxl", "safetensors file %1: tensor '%2': its bytes overlap another tensor's"), {label, t.name});
    if (t.begin > expected) fail(QT_TRANSLATE_NOOP("sdxl", "safetensors file %1: tensor '%2' leaves a gap of unclaimed bytes before it"), {label, t.name});
    if (t.end > dataSize)
      fail(QT_TRANSLATE_NOOP("sdxl", "safetensors file %1: tensor '%2': its bytes end at %3, past the %4 data bytes in the file (truncated?)"),
           {label, t.name, std::to_string(t.end), std::to_string(dataSize)});
    expected = t.end;
  }
  if (expected != dataSize)
    fail(QT_TRANSLATE_NOOP("sdxl", "safetensors file %1: %2 bytes after the last tensor belong to none"), {label, std::to_string(dataSize - expected)});
  return result;
}

} // namespace sdxl
