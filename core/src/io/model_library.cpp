#include "sdxl/model_library.h"

#include "io/sha256.h"
#include "sdxl/error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <vector>

namespace sdxl {
namespace fs = std::filesystem;

std::string shortModelHash(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return {};
  in.seekg(0x100000);
  std::vector<char> bytes(0x10000);
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  const auto got = in.gcount() > 0 ? static_cast<std::size_t>(in.gcount()) : 0; // a small file: what is there, as A1111
  io::Sha256 sha;
  sha.update(bytes.data(), got);
  return io::Sha256::hex(sha.digest()).substr(0, 8);
}

fs::path defaultModelsFolder() {
  if (const char* env = std::getenv("SDXL_MODELS"); env && *env) return env;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) return fs::path(xdg) / "sdxl-studio" / "models";
  const char* home = std::getenv("HOME");
  return fs::path(home ? home : ".") / ".local" / "share" / "sdxl-studio" / "models";
}

namespace {

std::string mainDtype(const std::map<std::string, uint64_t>& dtypes) {
  std::string best;
  uint64_t most = 0;
  for (const auto& [name, n] : dtypes)
    if (n > most) {
      most = n;
      best = name;
    }
  return best;
}

LibraryEntry fileEntry(const fs::path& path) {
  LibraryEntry e;
  e.path = path;
  e.name = path.stem().string();
  const auto report = inspectCheckpointFile(path);
  e.description = report.description;
  e.bytes = report.bytes;
  e.precision = mainDtype(report.dtypes);
  switch (report.kind) {
  case CheckpointKind::SdxlBase: case CheckpointKind::SdxlRefiner: case CheckpointKind::SdxlInpainting:
    e.kind = LibraryEntry::Kind::Model;
    e.refiner = report.kind == CheckpointKind::SdxlRefiner;
    e.architecture = report.kind;
    e.problems = report.problems;
    break;
  case CheckpointKind::Vae: e.kind = LibraryEntry::Kind::Vae; break;
  case CheckpointKind::Lora: e.kind = LibraryEntry::Kind::Lora; break;
  default:
    e.kind = LibraryEntry::Kind::Other;
    e.problems = report.problems.empty() ? std::vector<std::string>{e.name + " is " + report.description} : report.problems;
  }
  if (e.kind == LibraryEntry::Kind::Lora && e.description.find("1.x") != std::string::npos)
    e.problems.push_back(e.name + " is " + e.description);
  e.hash = shortModelHash(path);
  return e;
}

// diffusers' inpainting folders hold a UNet of 9 input channels (latents, mask, masked image).
bool inpaintingUNet(const fs::path& dir) {
  std::ifstream in(dir / "unet" / "config.json");
  const auto json = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) return false;
  const auto channels = json.find("in_channels");
  return channels != json.end() && *channels == 9;
}

LibraryEntry folderEntry(const fs::path& dir) {
  LibraryEntry e;
  e.path = dir;
  e.name = dir.filename().string();
  const auto report = inspectModelFolder(dir);
  e.kind = LibraryEntry::Kind::Model;
  std::map<std::string, uint64_t> dtypes;
  for (const auto& c : report.components) {
    if (c.name == "text_encoder" && !c.required) e.refiner = true; // model_index.json: [null, null]
    e.bytes += c.bytes;
    for (const auto& [d, n] : c.dtypes) dtypes[d] += n;
  }
  e.description = e.refiner ? "a diffusers SDXL refiner folder" : "a diffusers SDXL folder";
  e.architecture = e.refiner ? CheckpointKind::SdxlRefiner
                   : inpaintingUNet(dir) ? CheckpointKind::SdxlInpainting
                                         : CheckpointKind::SdxlBase;
  e.precision = mainDtype(dtypes);
  e.problems = report.problems;
  return e;
}

} // namespace

std::vector<LibraryEntry> scanModelLibrary(const fs::path& dir) {
  std::vector<LibraryEntry> out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    const auto& p = it->path();
    if (it->is_directory(ec)) {
      if (fs::exists(p / "model_index.json")) {
        out.push_back(folderEntry(p));
        it.disable_recursion_pending(); // its component folders are part of it
      } else if (fs::exists(p / "config.json") && fs::exists(p / "diffusion_pytorch_model.safetensors") &&
                 p.filename().string().find("vae") != std::string::npos) {
        LibraryEntry e;
        e.kind = LibraryEntry::Kind::Vae;
        e.path = p;
        e.name = p.filename().string();
        e.description = "a VAE folder in diffusers' format";
        out.push_back(e);
        it.disable_recursion_pending();
      }
      continue;
    }
    if (it->is_regular_file(ec) && p.extension() == ".safetensors") out.push_back(fileEntry(p));
  }
  std::sort(out.begin(), out.end(), [](const LibraryEntry& a, const LibraryEntry& b) {
    return a.kind != b.kind ? a.kind < b.kind : a.name < b.name;
  });
  return out;
}

} // namespace sdxl
