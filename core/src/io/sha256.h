// SHA-256 (FIPS 180-4), for the short model hashes A1111 records. Torch-free.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

namespace sdxl::io {

class Sha256 {
public:
  Sha256();
  void update(const void* data, std::size_t size);
  std::array<uint8_t, 32> digest(); // finishes; the object is spent
  static std::string hex(const std::array<uint8_t, 32>& digest);

private:
  void block(const uint8_t* p);
  uint32_t m_state[8];
  uint8_t m_buffer[64];
  std::size_t m_buffered = 0;
  uint64_t m_bytes = 0;
};

} // namespace sdxl::io
