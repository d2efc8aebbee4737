// The virtual board's firmware file: modules frozen into it (path -> .mpy bytes) and the board it targets.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "firmware/supervisor/error.hpp"

namespace cpy::firmware {

/// Layout (all integers little-endian; see docs/virtual-board.md):
///   "CPYFW\0\r\n" magic (8 bytes), u16 format version (1), u16 reserved (0),
///   u16 length + board id (UTF-8, may be empty = any board), u32 module count,
///   per module: u16 length + frozen path ("adafruit_hid/keyboard.py"), u32 length + .mpy bytes,
///   u32 CRC-32 (IEEE) of every byte before it.
struct FrozenImage {
  static constexpr std::string_view k_magic{"CPYFW\0\r\n", 8};
  static constexpr unsigned k_format_version = 1;

  std::string board_id;
  /// Frozen path as mp_frozen_names lists it ("neopixel.py", "pkg/__init__.py") -> .mpy bytes.
  std::map<std::string, std::string> modules;

  std::string encode() const;
  /// Strict reader: every length is bounds-checked; `origin` names the file in messages.
  static FwResult<FrozenImage> decode(std::string_view bytes, std::string_view origin);

  /// The names help('modules') shows: each frozen path without its ".py" suffix.
  std::vector<std::string> help_names() const;
};

/// CRC-32 (IEEE 802.3, reflected, as zip uses).
unsigned crc32(std::string_view bytes);

}  // namespace cpy::firmware
