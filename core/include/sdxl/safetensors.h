// safetensors: the only weight format SDXL Studio reads. The header is parsed strictly
// (the same rules as the reference Rust implementation, plus a few of our own) so that a
// hostile file yields an error naming the file and tensor, never a crash or a read past the
// end. Tensors are views into a private memory map: no copy, and the mapping lives as long as
// any tensor made from it.
//
// Pickle-based checkpoints (.ckpt, .pt, .bin) are refused, never opened: unpickling runs
// arbitrary code from the file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace at {
class Tensor;
}

namespace sdxl {

// F8_E4M3 and F8_E5M2: the 8-bit float storage some SDXL checkpoints ship; upcast on load.
enum class DType { F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL, F8_E4M3, F8_E5M2 };

// The header's spelling ("F16", "BF16", ...), and back; nullopt for names we do not know.
const char* dtypeName(DType dtype);
std::optional<DType> dtypeFromName(const std::string& name);
std::size_t dtypeSize(DType dtype);

struct TensorInfo {
  std::string name;
  DType dtype = DType::F32;
  std::vector<int64_t> shape;
  uint64_t begin = 0; // byte offsets relative to the start of the data section
  uint64_t end = 0;
  uint64_t numel() const;
};

struct SafetensorsHeader {
  std::vector<TensorInfo> tensors; // in data order (sorted by begin)
  std::map<std::string, std::string> metadata;
  uint64_t dataOffset = 0; // where the data section starts in the file: 8 + header length
};

// Largest header accepted; the reference implementation uses the same bound.
inline constexpr uint64_t kMaxSafetensorsHeader = 100'000'000;

// Parses and validates the header of a safetensors file held in `data` (the whole file,
// `size` bytes). `label` names the file in error messages. Throws sdxl::Error(ModelFormat).
// Torch-free on purpose: the fuzzer links it alone.
SafetensorsHeader parseSafetensorsHeader(const uint8_t* data, std::size_t size,
                                         const std::string& label);

// Throws a ModelFormat error if `path` names a pickle-based checkpoint; explains why.
void refusePickleCheckpoint(const std::filesystem::path& path);

class SafetensorsFile {
public:
  // Maps the file privately (copy-on-write: writing to a tensor never reaches the file).
  static std::shared_ptr<SafetensorsFile> open(const std::filesystem::path& path);
  ~SafetensorsFile();
  SafetensorsFile(const SafetensorsFile&) = delete;
  SafetensorsFile& operator=(const SafetensorsFile&) = delete;

  const std::filesystem::path& path() const { return m_path; }
  const std::vector<TensorInfo>& tensors() const { return m_header.tensors; }
  const std::map<std::string, std::string>& metadata() const { return m_header.metadata; }
  const TensorInfo* find(const std::string& name) const;
  uint64_t fileSize() const { return m_size; }

  // A CPU tensor viewing the mapped bytes (copied only if they are misaligned for the
  // dtype). Holds a reference to this file. Throws if the name is absent.
  at::Tensor tensor(const std::string& name) const;

private:
  SafetensorsFile() = default;
  std::filesystem::path m_path;
  SafetensorsHeader m_header;
  std::map<std::string, std::size_t> m_index;
  void* m_map = nullptr;
  uint64_t m_size = 0;
  std::weak_ptr<const SafetensorsFile> m_self;
};

// Writes tensors (any device; contiguous or not) in the reference package's layout: tensors
// sorted by dtype alignment then name, header padded with spaces to a multiple of 8.
// Writes to a temporary file and renames it into place, so a failed write loses nothing.
void writeSafetensors(const std::filesystem::path& path,
                      const std::vector<std::pair<std::string, at::Tensor>>& tensors,
                      const std::map<std::string, std::string>& metadata = {});

} // namespace sdxl

namespace sdxl {

// The weights of one model component: a single safetensors file, or the shards that a
// `*.safetensors.index.json` names. Tensor names are unique across shards.
class SafetensorsCheckpoint {
public:
  static SafetensorsCheckpoint openFile(const std::filesystem::path& file);
  static SafetensorsCheckpoint openIndex(const std::filesystem::path& indexJson);

  // Finds the weights in a diffusers or transformers component folder. `stem` is
  // "diffusion_pytorch_model" (diffusers) or "model" (transformers). When `variant` is
  // given ("fp16"), its files are preferred: `stem.fp16.safetensors`,
  // `stem.safetensors.index.fp16.json`; the plain names are the fallback.
  static SafetensorsCheckpoint openComponent(const std::filesystem::path& dir, const std::string& stem,
                                             const std::string& variant = "");

  std::vector<std::string> names() const;
  bool contains(const std::string& name) const { return m_where.count(name) != 0; }
  const TensorInfo& info(const std::string& name) const;
  at::Tensor tensor(const std::string& name) const;
  const std::vector<std::shared_ptr<SafetensorsFile>>& files() const { return m_files; }
  uint64_t totalBytes() const;

private:
  void add(std::shared_ptr<SafetensorsFile> file, const std::string& label);
  std::vector<std::shared_ptr<SafetensorsFile>> m_files;
  std::map<std::string, std::size_t> m_where; // tensor name -> index into m_files
};

} // namespace sdxl
