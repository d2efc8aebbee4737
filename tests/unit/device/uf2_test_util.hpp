// Helpers for the UF2 unit tests: byte patterns and in-place edits of block fields.
#pragma once

#include <cstdint>
#include <vector>

#include "device/uf2/format.hpp"
#include "device/uf2/writer.hpp"

namespace cpy::uf2::test {

inline std::vector<std::uint8_t> pattern(std::size_t size, std::uint8_t seed = 1) {
  std::vector<std::uint8_t> bytes(size);
  for (std::size_t i = 0; i < size; ++i) bytes[i] = static_cast<std::uint8_t>(seed + i * 7 + (i >> 8));
  return bytes;
}

inline std::vector<std::uint8_t> make_uf2(std::size_t size, std::uint32_t base, std::optional<std::uint32_t> family,
                                          std::uint8_t seed = 1) {
  return write_uf2(pattern(size, seed), {base, family, k_default_payload}).value();
}

inline void set_field(std::vector<std::uint8_t>& file, std::size_t block, Field field, std::uint32_t value) {
  store_u32(file.data() + block * k_block_size + static_cast<std::size_t>(field), value);
}

inline std::uint32_t get_field(const std::vector<std::uint8_t>& file, std::size_t block, Field field) {
  return load_u32(file.data() + block * k_block_size + static_cast<std::size_t>(field));
}

}  // namespace cpy::uf2::test
