#include "sdxl/error.h"
#include "sdxl/safetensors.h"

#include <torch/torch.h>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace sdxl {
namespace {

c10::ScalarType toScalarType(DType dtype) {
  switch (dtype) {
  case DType::F64: return torch::kFloat64;
  case DType::F32: return torch::kFloat32;
  case DType::F16: return torch::kFloat16;
  case DType::BF16: return torch::kBFloat16;
  case DType::I64: return torch::kInt64;
  case DType::I32: return torch::kInt32;
  case DType::I16: return torch::kInt16;
  case DType::I8: return torch::kInt8;
  case DType::U8: return torch::kUInt8;
  case DType::BOOL: return torch::kBool;
  case DType::F8_E4M3: return torch::kFloat8_e4m3fn;
  case DType::F8_E5M2: return torch::kFloat8_e5m2;
  }
  throw Error(ErrorKind::Internal, "unhandled dtype");
}

std::string lowerExtension(const std::filesystem::path& path) {
  auto ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext;
}

} // namespace

void refusePickleCheckpoint(const std::filesystem::path& path) {
  const auto ext = lowerExtension(path);
  if (ext == ".ckpt" || ext == ".pt" || ext == ".pth" || ext == ".bin" || ext == ".pkl")
    throw Error(ErrorKind::ModelFormat,
                QT_TRANSLATE_NOOP("sdxl", "%1: refusing to open a pickle-based checkpoint. Loading one runs whatever "
                                          "code the file contains. Convert it to .safetensors with a tool you trust "
                                          "(or download the safetensors version of the model) and point SDXL Studio "
                                          "at that."),
                {path.string()});
}

std::shared_ptr<SafetensorsFile> SafetensorsFile::open(const std::filesystem::path& path) {
  refusePickleCheckpoint(path);
  const std::string label = path.string();
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw Error(ErrorKind::Io, QT_TRANSLATE_NOOP("sdxl", "cannot open %1: %2"), {label, std::strerror(errno)});
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    throw Error(ErrorKind::Io, QT_TRANSLATE_NOOP("sdxl", "%1 is not a regular file"), {label});
  }
  const auto size = static_cast<uint64_t>(st.st_size);
  void* map = nullptr;
  if (size > 0) {
    // MAP_PRIVATE + PROT_WRITE: copy-on-write pages, so a tensor written to by mistake neither
    // faults nor changes the file.
    map = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
  }
  ::close(fd);
  if (map == MAP_FAILED)
    throw Error(ErrorKind::Io, QT_TRANSLATE_NOOP("sdxl", "cannot map %1: %2"), {label, std::strerror(errno)});

  std::shared_ptr<SafetensorsFile> file(new SafetensorsFile());
  file->m_path = path;
  file->m_map = map;
  file->m_size = size;
  // A pickle under another name (PyTorch's zip archive, or a bare pickle stream): say so rather than
  // call it a malformed safetensors header. It is never read further.
  const auto* bytes = static_cast<const unsigned char*>(map);
  const bool jsonHeader = size > 8 && bytes[8] == '{'; // a safetensors header's JSON starts there
  if (!jsonHeader && size >= 4 && ((bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4) ||
                                   (bytes[0] == 0x80 && bytes[1] >= 2 && bytes[1] <= 5))) // the map goes with `file`
    throw Error(ErrorKind::ModelFormat,
                QT_TRANSLATE_NOOP("sdxl", "%1 is a pickle-based PyTorch checkpoint, whatever its name says; refusing to "
                                          "load it, because loading one runs whatever code the file contains. Use the "
                                          "model's .safetensors version."),
                {label});
  file->m_header = parseSafetensorsHeader(static_cast<const uint8_t*>(map), size, label);
  for (std::size_t i = 0; i < file->m_header.tensors.size(); ++i) file->m_index[file->m_header.tensors[i].name] = i;
  file->m_self = file;
  return file;
}

SafetensorsFile::~SafetensorsFile() {
  if (m_map != nullptr) ::munmap(m_map, m_size);
}

const TensorInfo* SafetensorsFile::find(const std::string& name) const {
  auto it = m_index.find(name);
  return it == m_index.end() ? nullptr : &m_header.tensors[it->second];
}

at::Tensor SafetensorsFile::tensor(const std::string& name) const {
  const TensorInfo* info = find(name);
  if (info == nullptr)
    throw Error(ErrorKind::ModelFormat, "safetensors file " + m_path.string() + " has no tensor '" + name + "'");
  auto options = torch::TensorOptions().dtype(toScalarType(info->dtype));
  if (info->numel() == 0) return torch::empty(info->shape, options);
  auto* bytes = static_cast<uint8_t*>(m_map) + m_header.dataOffset + info->begin;
  // Some kernels assume natural alignment; a packed file can break it, so copy in that case.
  if (reinterpret_cast<uintptr_t>(bytes) % dtypeSize(info->dtype) != 0) {
    auto out = torch::empty(info->shape, options);
    std::memcpy(out.data_ptr(), bytes, info->end - info->begin);
    return out;
  }
  auto keepAlive = m_self.lock();
  return torch::from_blob(bytes, info->shape, [keepAlive](void*) mutable { keepAlive.reset(); }, options);
}

} // namespace sdxl
