// The identity probe (device-protocol.md §10): what the board says about itself from the raw REPL.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace cpy::device {

struct BoardIdentity {
  std::string implementation;  // "circuitpython"
  std::string version;         // numeric "9.2.8"
  std::string tag;             // full version tag "10.3.0-alpha.4-185-gcd3da4a5d8"
  std::string machine;         // "Raspberry Pi Pico with rp2040"
  std::string board_id;
  std::string uid;               // uppercase hex, empty when unknown
  std::string safe_mode_reason;  // "NONE" when running normally; empty when the firmware cannot say
  int mpy_value = 0;             // sys.implementation._mpy (or .mpy on 8.x); 0 when unknown
  int mpy_version() const { return mpy_value & 0xff; }
  int mpy_sub_version() const { return (mpy_value >> 8) & 3; }
  /// The native architecture name of MP_NATIVE_ARCH_* ("none", "armv6m", ...).
  std::string mpy_arch() const;
  bool in_safe_mode() const { return !safe_mode_reason.empty() && safe_mode_reason != "NONE"; }
};

/// Python that prints one `key=value` line per identity field; works on CircuitPython 8.x-10.x.
std::string identity_probe_code();

/// Parses the probe's output (CRLF or LF). A missing `impl=` line is an error (not our probe's output).
Result<BoardIdentity> parse_identity(std::string_view output);

}  // namespace cpy::device
