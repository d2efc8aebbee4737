// Public API of mpycross: Python source text -> .mpy bytes, byte-identical to CircuitPython 10's mpy-cross.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace cpy::mpycross {

struct Options {
  int opt_level = 0;        ///< -O level: >=1 drops asserts and makes __debug__ False, >=3 drops line numbers
  int small_int_bits = 31;  ///< -msmall-int-bits
};

/// A compilation failure, reported the way mpy-cross reports it.
struct CompileFailure {
  enum class Kind { syntax, indentation, runtime, not_implemented, internal_abort };
  Kind kind = Kind::syntax;
  std::string stderr_text;  ///< exactly what mpy-cross prints on stderr (with its \r\n)
  int exit_code = 1;        ///< 1, or 134 where mpy-cross aborts on an internal assertion
  int line = 0;             ///< 0 if the message has no line
  long column = 0;          ///< 1-based column (tabs to multiples of 8) for parser errors; 0 if unknown
};

using CompileResult = std::variant<std::vector<std::uint8_t>, CompileFailure>;

/// Compiles `source`; `source_name` is stored as qstr 0 and printed in errors (mpy-cross's path or -s value).
CompileResult compile(std::string_view source, std::string_view source_name, const Options& options = {});

}  // namespace cpy::mpycross
