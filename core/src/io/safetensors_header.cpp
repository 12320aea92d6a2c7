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

[[noreturn]] void fail(const std::string& label, const std::string& what) {
  throw Error(ErrorKind::ModelFormat, "safetensors file " + label + ": " + what);
}

[[noreturn]] void failTensor(const std::string& label, const std::string& tensor, const std::string& what) {
  fail(label, "tensor '" + tensor + "': " + what);
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
      if (!keysPerObject.back().insert(key).second) fail(label, "header names '" + key + "' twice");
      break;
    }
    default: break;
    }
    return true;
  };
  try {
    return json::parse(begin, end, callback);
  } catch (const json::exception& e) {
    fail(label, std::string("header is not valid JSON (") + e.what() + ")");
  }
}

bool mulOverflows(uint64_t a, uint64_t b, uint64_t& out) {
  if (a != 0 && b > std::numeric_limits<uint64_t>::max() / a) return true;
  out = a * b;
  return false;
}

TensorInfo parseEntry(const std::string& name, const json& entry, const std::string& label) {
  if (!entry.is_object()) failTensor(label, name, "entry is not an object");
  for (const auto& item : entry.items()) {
    if (item.key() != "dtype" && item.key() != "shape" && item.key() != "data_offsets")
      failTensor(label, name, "unknown field '" + item.key() + "'");
  }
  TensorInfo info;
  info.name = name;
  auto dtype = entry.find("dtype");
  if (dtype == entry.end() || !dtype->is_string()) failTensor(label, name, "missing dtype");
  auto parsed = dtypeFromName(dtype->get<std::string>());
  if (!parsed) failTensor(label, name, "unsupported dtype '" + dtype->get<std::string>() + "'");
  info.dtype = *parsed;

  auto shape = entry.find("shape");
  if (shape == entry.end() || !shape->is_array()) failTensor(label, name, "missing shape");
  if (shape->size() > 16) failTensor(label, name, "more than 16 dimensions");
  uint64_t numel = 1;
  for (const auto& dim : *shape) {
    if (!dim.is_number_unsigned()) failTensor(label, name, "shape holds a value that is not a non-negative integer");
    const auto d = dim.get<uint64_t>();
    if (d > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) || mulOverflows(numel, d, numel))
      failTensor(label, name, "shape is absurdly large");
    info.shape.push_back(static_cast<int64_t>(d));
  }

  auto offsets = entry.find("data_offsets");
  if (offsets == entry.end() || !offsets->is_array() || offsets->size() != 2 ||
      !(*offsets)[0].is_number_unsigned() || !(*offsets)[1].is_number_unsigned())
    failTensor(label, name, "data_offsets must be two non-negative integers");
  info.begin = (*offsets)[0].get<uint64_t>();
  info.end = (*offsets)[1].get<uint64_t>();
  if (info.end < info.begin) failTensor(label, name, "data_offsets end before they begin");

  uint64_t bytes = 0;
  if (mulOverflows(numel, dtypeSize(info.dtype), bytes)) failTensor(label, name, "shape is absurdly large");
  if (bytes != info.end - info.begin)
    failTensor(label, name,
               "shape and dtype make " + std::to_string(bytes) + " bytes but data_offsets span " +
                   std::to_string(info.end - info.begin));
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
  if (size < 8) fail(label, "file is " + std::to_string(size) + " bytes, too short to hold a header (truncated?)");
  uint64_t headerLength = 0;
  for (int i = 7; i >= 0; --i) headerLength = (headerLength << 8) | data[i]; // little endian
  if (headerLength > kMaxSafetensorsHeader)
    fail(label, "header claims " + std::to_string(headerLength) + " bytes, more than the " +
                    std::to_string(kMaxSafetensorsHeader) + " allowed");
  if (headerLength > size - 8)
    fail(label, "header claims " + std::to_string(headerLength) + " bytes but the file has only " +
                    std::to_string(size - 8) + " after the length field (truncated?)");
  if (headerLength < 2 || data[8] != '{') fail(label, "header does not start with '{'");

  const char* begin = reinterpret_cast<const char*>(data + 8);
  // The reference writer pads the header with spaces to a multiple of 8; JSON allows them.
  const json header = parseRejectingDuplicates(begin, begin + headerLength, label);
  if (!header.is_object()) fail(label, "header is not a JSON object");

  SafetensorsHeader result;
  result.dataOffset = 8 + headerLength;
  for (const auto& item : header.items()) {
    if (item.key() == "__metadata__") {
      if (!item.value().is_object()) fail(label, "__metadata__ is not an object");
      for (const auto& meta : item.value().items()) {
        if (!meta.value().is_string()) fail(label, "__metadata__ value of '" + meta.key() + "' is not a string");
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
    if (t.begin < expected) failTensor(label, t.name, "its bytes overlap another tensor's");
    if (t.begin > expected) failTensor(label, t.name, "leaves a gap of unclaimed bytes before it");
    if (t.end > dataSize)
      failTensor(label, t.name,
                 "its bytes end at " + std::to_string(t.end) + ", past the " + std::to_string(dataSize) +
                     " data bytes in the file (truncated?)");
    expected = t.end;
  }
  if (expected != dataSize)
    fail(label, std::to_string(dataSize - expected) + " bytes after the last tensor belong to none");
  return result;
}

} // namespace sdxl
