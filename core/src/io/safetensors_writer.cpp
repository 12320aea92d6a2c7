#include "sdxl/error.h"
#include "sdxl/safetensors.h"

#include <torch/torch.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

namespace sdxl {
namespace {

DType fromScalarType(c10::ScalarType type, const std::string& name) {
  switch (type) {
  case torch::kFloat64: return DType::F64;
  case torch::kFloat32: return DType::F32;
  case torch::kFloat16: return DType::F16;
  case torch::kBFloat16: return DType::BF16;
  case torch::kInt64: return DType::I64;
  case torch::kInt32: return DType::I32;
  case torch::kInt16: return DType::I16;
  case torch::kInt8: return DType::I8;
  case torch::kUInt8: return DType::U8;
  case torch::kBool: return DType::BOOL;
  case torch::kFloat8_e4m3fn: return DType::F8_E4M3;
  case torch::kFloat8_e5m2: return DType::F8_E5M2;
  default:
    throw Error(ErrorKind::InvalidRequest,
                "cannot write tensor '" + name + "': dtype " + std::string(c10::toString(type)) +
                    " has no safetensors name we support");
  }
}

// The reference implementation sorts by its dtype enum (descending), then by name. This is
// that enum's order for the dtypes we write; matching it makes our files byte-identical.
int referenceDtypeRank(DType dtype) {
  switch (dtype) {
  case DType::BOOL: return 0;
  case DType::U8: return 1;
  case DType::I8: return 2;
  case DType::F8_E5M2: return 3;
  case DType::F8_E4M3: return 4;
  case DType::I16: return 5;
  case DType::F16: return 7;
  case DType::BF16: return 8;
  case DType::I32: return 9;
  case DType::F32: return 11;
  case DType::F64: return 12;
  case DType::I64: return 13;
  }
  return 0;
}

} // namespace

void writeSafetensors(const std::filesystem::path& path,
                      const std::vector<std::pair<std::string, at::Tensor>>& tensors,
                      const std::map<std::string, std::string>& metadata) {
  struct Item {
    std::string name;
    DType dtype;
    at::Tensor data; // contiguous, on the CPU
  };
  std::vector<Item> items;
  items.reserve(tensors.size());
  for (const auto& [name, tensor] : tensors) {
    if (name == "__metadata__") throw Error(ErrorKind::InvalidRequest, "a tensor cannot be named __metadata__");
    items.push_back({name, fromScalarType(tensor.scalar_type(), name), tensor.detach().to(torch::kCPU).contiguous()});
  }
  std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
    const int ra = referenceDtypeRank(a.dtype), rb = referenceDtypeRank(b.dtype);
    return ra != rb ? ra > rb : a.name < b.name;
  });
  for (std::size_t i = 1; i < items.size(); ++i)
    if (items[i].name == items[i - 1].name)
      throw Error(ErrorKind::InvalidRequest, "two tensors are named '" + items[i].name + "'");

  // Keys in insertion order, as the reference writes them.
  nlohmann::ordered_json header = nlohmann::ordered_json::object();
  if (!metadata.empty()) header["__metadata__"] = metadata;
  uint64_t offset = 0;
  for (const auto& item : items) {
    const uint64_t bytes = static_cast<uint64_t>(item.data.numel()) * dtypeSize(item.dtype);
    header[item.name] = {{"dtype", dtypeName(item.dtype)}, {"shape", item.data.sizes().vec()},
                         {"data_offsets", {offset, offset + bytes}}};
    offset += bytes;
  }
  std::string text = header.dump();
  text.append((8 - text.size() % 8) % 8, ' ');

  auto tmp = path;
  tmp += ".partial";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw Error(ErrorKind::Io, "cannot write " + tmp.string() + ": " + std::strerror(errno));
    uint8_t length[8];
    for (int i = 0; i < 8; ++i) length[i] = static_cast<uint8_t>(static_cast<uint64_t>(text.size()) >> (8 * i));
    out.write(reinterpret_cast<const char*>(length), 8);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    for (const auto& item : items) {
      const auto bytes = static_cast<std::streamsize>(item.data.numel() * static_cast<int64_t>(dtypeSize(item.dtype)));
      if (bytes > 0) out.write(static_cast<const char*>(item.data.data_ptr()), bytes);
    }
    out.flush();
    if (!out) {
      std::error_code ignored;
      std::filesystem::remove(tmp, ignored);
      throw Error(ErrorKind::Io, "writing " + tmp.string() + " failed (disk full?)");
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) throw Error(ErrorKind::Io, "cannot move " + tmp.string() + " to " + path.string() + ": " + ec.message());
}

} // namespace sdxl
