// The UF2 block layout (microsoft/uf2): 512-byte blocks of little-endian uint32 fields around a payload.
#pragma once

#include <cstddef>
#include <cstdint>

namespace cpy::uf2 {

inline constexpr std::size_t k_block_size = 512;
inline constexpr std::size_t k_data_offset = 32;
inline constexpr std::size_t k_max_payload = 476;
inline constexpr std::size_t k_end_magic_offset = 508;
/// What uf2conv and the CircuitPython build write; the RP2040/RP2350 ROM accepts only this.
inline constexpr std::uint32_t k_default_payload = 256;

inline constexpr std::uint32_t k_magic_start0 = 0x0A324655;  // "UF2\n"
inline constexpr std::uint32_t k_magic_start1 = 0x9E5D5157;
inline constexpr std::uint32_t k_magic_end = 0x0AB16F30;

inline constexpr std::uint32_t k_flag_not_main_flash = 0x00000001;
inline constexpr std::uint32_t k_flag_file_container = 0x00001000;
inline constexpr std::uint32_t k_flag_family_id = 0x00002000;
inline constexpr std::uint32_t k_flag_md5 = 0x00004000;
inline constexpr std::uint32_t k_flag_extension_tags = 0x00008000;
inline constexpr std::uint32_t k_known_flags =
    k_flag_not_main_flash | k_flag_file_container | k_flag_family_id | k_flag_md5 | k_flag_extension_tags;

/// Byte offsets of the header fields inside a block.
enum class Field : std::size_t {
  magic_start0 = 0,
  magic_start1 = 4,
  flags = 8,
  target_address = 12,
  payload_size = 16,
  block_no = 20,
  num_blocks = 24,
  family_or_file_size = 28,
};

inline std::uint32_t load_u32(const std::uint8_t* p) {
  return static_cast<std::uint32_t>(p[0]) | static_cast<std::uint32_t>(p[1]) << 8 |
         static_cast<std::uint32_t>(p[2]) << 16 | static_cast<std::uint32_t>(p[3]) << 24;
}

inline void store_u32(std::uint8_t* p, std::uint32_t v) {
  p[0] = static_cast<std::uint8_t>(v);
  p[1] = static_cast<std::uint8_t>(v >> 8);
  p[2] = static_cast<std::uint8_t>(v >> 16);
  p[3] = static_cast<std::uint8_t>(v >> 24);
}

}  // namespace cpy::uf2
