// PNG through libpng, with text chunks: tEXt for Latin-1 keys and values, iTXt (UTF-8) otherwise.
#include "sdxl/error.h"
#include "sdxl/image.h"

#include <png.h>

#include <cctype>
#include <cerrno>
#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <memory>

namespace sdxl {
namespace fs = std::filesystem;

namespace {

struct File {
  FILE* f = nullptr;
  ~File() {
    if (f) std::fclose(f);
  }
};

[[noreturn]] void pngError(png_structp png, png_const_charp message) {
  auto* text = static_cast<std::string*>(png_get_error_ptr(png));
  if (text) *text = message;
  longjmp(png_jmpbuf(png), 1);
}

bool isAscii(const std::string& s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

} // namespace

void savePng(const Image& image, const fs::path& path, const std::map<std::string, std::string>& text, bool overwrite) {
  if (image.width <= 0 || image.height <= 0 ||
      image.rgb.size() != static_cast<std::size_t>(image.width) * image.height * 3)
    throw Error(ErrorKind::Internal, "savePng: image buffer does not match its size");
  if (!overwrite && fs::exists(path))
    throw Error(ErrorKind::Io, QT_TRANSLATE_NOOP("sdxl", "%1 exists already; not overwriting it"), {path.string()});
  auto tmp = path;
  tmp += ".partial";
  File file;
  file.f = std::fopen(tmp.c_str(), "wb");
  if (!file.f)
    throw Error(ErrorKind::Io, QT_TRANSLATE_NOOP("sdxl", "cannot write %1: %2"), {tmp.string(), std::strerror(errno)});

  std::string error;
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &error, pngError, nullptr);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  if (!png || !info) throw Error(ErrorKind::OutOfMemory, "libpng could not start");
  std::vector<png_text> chunks;
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    std::fclose(file.f);
    file.f = nullptr;
    fs::remove(tmp);
    throw Error(ErrorKind::Io, QT_TRANSLATE_NOOP("sdxl", "writing %1 failed: %2"), {path.string(), error});
  }
  png_init_io(png, file.f);
  png_set_IHDR(png, info, static_cast<png_uint_32>(image.width), static_cast<png_uint_32>(image.height), 8,
               PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  for (const auto& [key, value] : text) {
    png_text chunk{};
    chunk.key = const_cast<char*>(key.c_str());
    chunk.text = const_cast<char*>(value.c_str());
    chunk.text_length = value.size();
    chunk.compression = isAscii(value) ? PNG_TEXT_COMPRESSION_NONE : PNG_ITXT_COMPRESSION_NONE;
    chunks.push_back(chunk);
  }
  if (!chunks.empty()) png_set_text(png, info, chunks.data(), static_cast<int>(chunks.size()));
  png_write_info(png, info);
  for (int y = 0; y < image.height; ++y)
    png_write_row(png, image.rgb.data() + static_cast<std::size_t>(y) * image.width * 3);
  png_write_end(png, info);
  png_destroy_write_struct(&png, &info);
  if (std::fclose(file.f) != 0) {
    file.f = nullptr;
    fs::remove(tmp);
    throw Error(ErrorKind::Io, QT_TRANSLATE_NOOP("sdxl", "writing %1 failed (disk full?)"), {path.string()});
  }
  file.f = nullptr;
  std::error_code ec;
  if (!overwrite && fs::exists(path)) { // someone else took the name meanwhile
    fs::remove(tmp);
    throw Error(ErrorKind::Io, QT_TRANSLATE_NOOP("sdxl", "%1 exists already; not overwriting it"), {path.string()});
  }
  fs::rename(tmp, path, ec);
  if (ec)
    throw Error(ErrorKind::Io, QT_TRANSLATE_NOOP("sdxl", "cannot move %1 to %2: %3"),
                {tmp.string(), path.string(), ec.message()});
}

namespace {
// libpng takes a chunk's length field at its word and allocates that much before reading it (1.8 GB
// for a 4 KB file, found by fuzz.png_metadata; Debian's libpng 1.6 does so even under
// png_set_chunk_malloc_max). A chunk that claims more than the file has left is refused first.
void checkChunkLengths(std::FILE* f, const fs::path& path) {
  std::fseek(f, 0, SEEK_END);
  const long long size = std::ftell(f);
  long long at = 8; // after the signature
  unsigned char header[8];
  while (at + 8 <= size && std::fseek(f, long(at), SEEK_SET) == 0 && std::fread(header, 1, 8, f) == 8) {
    const unsigned long long length = (static_cast<unsigned long long>(header[0]) << 24) | (header[1] << 16) |
                                      (header[2] << 8) | header[3];
    std::string type(reinterpret_cast<const char*>(header + 4), 4);
    for (auto& c : type)
      if (!std::isalpha(static_cast<unsigned char>(c))) c = '?';
    if (static_cast<long long>(length) + 12 > size - at)
      throw Error(ErrorKind::ModelFormat,
                  QT_TRANSLATE_NOOP("sdxl", "%1 is damaged or cut short: its %2 chunk claims %3 bytes, more than the file holds"),
                  {path.string(), type, std::to_string(length)});
    if (type == "IEND") break;
    at += 12 + static_cast<long long>(length);
  }
  std::rewind(f);
}
} // namespace

Image loadPng(const fs::path& path, std::map<std::string, std::string>* text) {
  File file;
  file.f = std::fopen(path.c_str(), "rb");
  if (!file.f)
    throw Error(ErrorKind::Io, QT_TRANSLATE_NOOP("sdxl", "cannot read %1: %2"), {path.string(), std::strerror(errno)});
  checkChunkLengths(file.f, path);
  std::string error;
  png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &error, pngError, nullptr);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  if (!png || !info) throw Error(ErrorKind::OutOfMemory, "libpng could not start");
  Image image;
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_read_struct(&png, &info, nullptr);
    throw Error(ErrorKind::ModelFormat, QT_TRANSLATE_NOOP("sdxl", "%1 is not a readable PNG: %2"), {path.string(), error});
  }
  png_init_io(png, file.f);
  png_set_user_limits(png, 16384, 16384);
  // And a ceiling for what the file does hold: larger ancillary chunks are skipped, as libpng skips
  // any it cannot take; a ComfyUI workflow is far below this.
  png_set_chunk_malloc_max(png, 32u << 20);
  png_set_chunk_cache_max(png, 4096);
  png_read_info(png, info);
  png_set_strip_16(png);
  png_set_palette_to_rgb(png);
  png_set_gray_to_rgb(png);
  png_set_strip_alpha(png);
  png_read_update_info(png, info);
  image.width = static_cast<int>(png_get_image_width(png, info));
  image.height = static_cast<int>(png_get_image_height(png, info));
  image.rgb.resize(static_cast<std::size_t>(image.width) * image.height * 3);
  for (int y = 0; y < image.height; ++y)
    png_read_row(png, image.rgb.data() + static_cast<std::size_t>(y) * image.width * 3, nullptr);
  png_read_end(png, info);
  if (text) {
    png_textp chunks = nullptr;
    const int n = png_get_text(png, info, &chunks, nullptr);
    for (int i = 0; i < n; ++i) (*text)[chunks[i].key] = std::string(chunks[i].text, chunks[i].text_length ? chunks[i].text_length : chunks[i].itxt_length);
  }
  png_destroy_read_struct(&png, &info, nullptr);
  return image;
}

fs::path nextFreeImagePath(const fs::path& dir, const std::string& prefix) {
  for (int i = 1; i < 1000000; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "-%05d.png", i);
    auto candidate = dir / (prefix + name);
    if (!fs::exists(candidate)) return candidate;
  }
  throw Error(ErrorKind::Io, QT_TRANSLATE_NOOP("sdxl", "no free image name left in %1"), {dir.string()});
}

} // namespace sdxl
