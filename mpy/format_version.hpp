// The .mpy format version cpytool emits and the firmware loads.
#pragma once

#include <cstdint>

namespace cpy::mpy {

inline constexpr std::uint8_t k_magic_circuitpython = 'C';
inline constexpr std::uint8_t k_magic_micropython = 'M';
inline constexpr std::uint8_t k_version = 6;
inline constexpr std::uint8_t k_sub_version = 3;

}  // namespace cpy::mpy
