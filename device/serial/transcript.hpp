// What a console transcript says about the board (device-protocol.md §2.3, §2.4, §9): the REPL banner, the file
// that ran and the safe-mode block. For firmware whose identity probe cannot tell the safe-mode reason.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "device/boot_out.hpp"

namespace cpy::device {

struct ConsoleNotes {
  std::optional<BootOut> banner;  // the last "Adafruit CircuitPython ... on ...; ... with ..." line
  std::string code_file;          // "code.py" from the last "<file> output:" line; empty when none ran
  bool safe_mode = false;         // the (English) safe-mode block was printed
  std::string safe_mode_reason;   // its reason lines joined by "\n", e.g. "You pressed the reset button during boot."
};

/// Reads console text (CRLF or LF, status-bar titles and line clears allowed). Later facts win over earlier ones:
/// a "soft reboot" line forgets the file that ran before it.
ConsoleNotes parse_console_notes(std::string_view text);

}  // namespace cpy::device
