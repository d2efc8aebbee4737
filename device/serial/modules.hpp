// Parser of help('modules') (device-protocol.md §3): built-in names and frozen names, packages folded.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cpy::device {

struct ModuleList {
  std::vector<std::string> builtin;         // sorted, without __main__
  std::vector<std::string> frozen;          // top-level frozen names: "adafruit_hid", "neopixel" (sorted)
  std::vector<std::string> frozen_modules;  // every frozen module, dotted: "adafruit_hid.keyboard"
};

/// The Python that prints the list (run it in the raw REPL).
inline constexpr std::string_view k_modules_code = "help('modules')\n";

/// `known_frozen`: names the caller knows are frozen (e.g. the catalog's list); single-file frozen libraries
/// cannot be told apart from built-ins by the text alone. The last non-empty line is dropped unconditionally
/// (it is the translatable "Plus any modules on the filesystem").
ModuleList parse_modules(std::string_view text, const std::vector<std::string>& known_frozen = {});

}  // namespace cpy::device
