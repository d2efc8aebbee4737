// boot_out.txt: the CircuitPython version, board name, MCU, board id and UID a board wrote at boot.
#pragma once

#include <filesystem>
#include <string>

#include "core/result.hpp"

namespace cpy::device {

struct BootOut {
  std::string tag;  // "10.1.4" or "10.3.0-alpha.4-185-gcd3da4a5d8"
  std::string date;
  std::string board_name;  // may itself contain " with "
  std::string mcu;
  std::string board_id;  // "" on very old builds without the Board ID line
  std::string uid;
  int major() const;
};

/// Parses the text (CRLF or LF). Errors name the line that does not match.
Result<BootOut> parse_boot_out(const std::string& text);
/// Reads and parses `<dir>/boot_out.txt`.
Result<BootOut> read_boot_out(const std::filesystem::path& dir);

}  // namespace cpy::device
