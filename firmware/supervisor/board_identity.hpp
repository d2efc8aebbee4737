// Who the board says it is: version tag, build date, board name and id, MCU, UID; the lines derived from them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace cpy::firmware {

/// The CircuitPython release whose behaviour the virtual board follows (10.2 message ordering).
inline constexpr int k_cp_major = 10;
inline constexpr int k_cp_minor = 2;
inline constexpr int k_cp_micro = 0;

struct BoardIdentity {
  std::string version_tag;  ///< "10.2.0-cpytool.0.1.0": CircuitPython version, then our build
  std::string build_date;   ///< YYYY-MM-DD
  std::string board_name;   ///< "cpytool virtual board"
  std::string mcu_name;     ///< "host"
  std::string board_id;
  std::vector<std::uint8_t> uid;
  std::string platform = "host";  ///< sys.platform

  /// "Adafruit CircuitPython <tag> on <date>; <board> with <mcu>" (banner and boot_out.txt line 1).
  std::string version_line() const;
  /// The uid as uppercase hex without separators.
  std::string uid_hex() const;
  /// "x.y.z" (os.uname().release).
  std::string release() const;
  /// boot_out.txt before any boot.py output: version, Board ID:, UID:, each ending "\r\n".
  std::string boot_out_header() const;
};

/// The tag the virtual board reports for a given cpytool version.
std::string version_tag_for(const std::string& cpytool_version);

/// A stable 8-byte UID derived from a text (the board id and drive path), so a board keeps its UID.
std::vector<std::uint8_t> uid_from_seed(const std::string& seed);

/// boot_out.txt content: header, then "boot.py output:\r\n" and the captured output when boot.py ran,
/// capped at 512 bytes like CircuitPython 9+ ("[truncated due to length]\r\n" appended).
std::string boot_out_text(const BoardIdentity& identity, bool boot_py_ran, const std::string& cooked_boot_output);

}  // namespace cpy::firmware
