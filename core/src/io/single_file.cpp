#include "io/single_file.h"

#include "sdxl/error.h"

#include <map>

namespace sdxl::io {

namespace {

bool startsWith(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

class SgmComponent final : public WeightSource {
public:
  SgmComponent(std::shared_ptr<const SafetensorsFile> file, const std::string& prefix, std::unique_ptr<SgmNames> names)
      : m_file(std::move(file)) {
    for (const auto& t : m_file->tensors()) {
      if (!startsWith(t.name, prefix.c_str())) continue;
      const auto key = t.name.substr(prefix.size());
      if (names->ignored(key)) continue;
      const auto targets = names->convert(key);
      if (targets.empty()) m_unknown.push_back(t.name); // listed by the loader as unexpected
      for (const auto& target : targets) m_map[target.name] = {&t, target.reshape};
    }
  }
  std::vector<std::string> names() const override {
    std::vector<std::string> out = m_unknown;
    for (const auto& [name, source] : m_map) out.push_back(name);
    return out;
  }
  bool contains(const std::string& name) const override { return m_map.count(name) != 0; }
  std::vector<int64_t> shape(const std::string& name) const override {
    const auto& s = m_map.at(name);
    return reshapedShape(s.info->shape, s.reshape);
  }
  uint64_t bytes(const std::string& name) const override {
    const auto& s = m_map.at(name);
    const auto all = s.info->end - s.info->begin;
    return s.reshape >= Reshape::Part0 ? all / 3 : all;
  }
  at::Tensor tensor(const std::string& name) const override {
    const auto& s = m_map.at(name);
    auto t = m_file->tensor(s.info->name);
    switch (s.reshape) {
    case Reshape::None: return t;
    case Reshape::Transpose: return t.t();
    case Reshape::Squeeze1x1: return t.reshape(reshapedShape(s.info->shape, s.reshape));
    case Reshape::Part0: case Reshape::Part1: case Reshape::Part2:
      return t.chunk(3, 0).at(static_cast<std::size_t>(s.reshape) - static_cast<std::size_t>(Reshape::Part0));
    }
    return t;
  }

private:
  struct Source {
    const TensorInfo* info;
    Reshape reshape;
  };
  std::shared_ptr<const SafetensorsFile> m_file;
  std::map<std::string, Source> m_map;
  std::vector<std::string> m_unknown;
};

} // namespace

std::unique_ptr<WeightSource> sgmComponent(std::shared_ptr<const SafetensorsFile> file, const std::string& prefix,
                                           std::unique_ptr<SgmNames> names) {
  return std::make_unique<SgmComponent>(std::move(file), prefix, std::move(names));
}

SgmUNetLayout sgmLayoutOf(const nn::UNetConfig& c) {
  SgmUNetLayout layout;
  layout.layersPerBlock = static_cast<std::size_t>(c.layersPerBlock);
  for (const auto& t : c.downBlockTypes) layout.downAttention.push_back(t.find("CrossAttn") != std::string::npos);
  for (const auto& t : c.upBlockTypes) layout.upAttention.push_back(t.find("CrossAttn") != std::string::npos);
  return layout;
}

SgmVaeLayout sgmLayoutOf(const nn::AutoencoderKLConfig& c) {
  return {c.blockOutChannels.size(), static_cast<std::size_t>(c.layersPerBlock)};
}

} // namespace sdxl::io

namespace sdxl {

CheckpointReport inspectCheckpointFile(const std::filesystem::path& path) {
  CheckpointReport report;
  report.file = path;
  try {
    const auto file = SafetensorsFile::open(path);
    report.bytes = file->fileSize();
    for (const auto& t : file->tensors()) {
      report.parameters += t.numel();
      report.dtypes[dtypeName(t.dtype)] += t.numel();
    }
    const auto detected = io::detectCheckpoint(*file);
    report.kind = detected.kind;
    report.description = detected.description;
    switch (detected.kind) {
    case CheckpointKind::SdxlBase: case CheckpointKind::SdxlInpainting: case CheckpointKind::SdxlRefiner: break;
    default: report.problems.push_back(path.filename().string() + " is " + detected.description + ".");
    }
  } catch (const Error& e) {
    report.problems.push_back(e.what());
  }
  return report;
}

} // namespace sdxl
