// `cpytool port` analysis: every construct of a MicroPython file that will not run on CircuitPython, with its
// position and replacement, and the text edits that fix the mechanical ones (u-module imports and their uses).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "bundle/port_rules.hpp"
#include "core/result.hpp"

namespace cpy::bundle {

struct PortFinding {
  int line = 0;
  int column = 0;         ///< 1-based, in characters
  std::string rule;       ///< "u-module", "module", "machine", "time", "irq", "decorator", ...
  std::string construct;  ///< what was found, as written: "import utime", "machine.Pin(...)", "@micropython.native"
  std::string advice;     ///< what to use on CircuitPython
  PortAction action = PortAction::manual;
};

/// Replace `length` bytes at `offset` with `text`.
struct TextEdit {
  std::size_t offset = 0;
  std::size_t length = 0;
  std::string text;
};

struct PortCheck {
  std::vector<PortFinding> findings;  ///< by line, then column
  std::vector<TextEdit> edits;        ///< what --fix changes; never overlapping
};

/// Checks one file. Source that does not parse (or compile, apart from MicroPython's emitter decorators) is
/// ExitCode::bad_input with mpy-cross's message and line.
Result<PortCheck> check_port(std::string_view source, const std::string& file_name);

/// `source` with `edits` applied; bytes outside the edits are kept as they are.
std::string apply_edits(std::string_view source, std::vector<TextEdit> edits);

}  // namespace cpy::bundle
