// Strict .mpy reader: bytes -> MpyFile, every length, count, index and nesting depth bounds-checked.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "mpy/error.hpp"
#include "mpy/model.hpp"

namespace cpy::mpy {

/// Which .mpy generation a header belongs to (spec §11.1).
enum class FormatFamily : std::uint8_t {
  v6,               ///< 'C' 6: CircuitPython 9.x and 10.x (decoded by read_mpy)
  v6_micropython,   ///< 'M' 6: MicroPython >= 1.19 (decoded, but CircuitPython refuses it)
  v5,               ///< 'C' 5: CircuitPython 7.x and 8.x
  v3,               ///< 'M' 3: CircuitPython 6.x and earlier
  micropython_old,  ///< 'M' 4 or 5: MicroPython 1.11 .. 1.18
};

struct FormatInfo {
  FormatFamily family = FormatFamily::v6;
  std::uint8_t magic = 0;
  std::uint8_t version = 0;
  std::uint8_t features = 0;
  std::uint8_t small_int_bits = 0;
  std::string_view loaded_by;  ///< human text: which firmware loads it, e.g. "CircuitPython 7.x and 8.x"
};

/// The message a CircuitPython board gives for a MicroPython file.
inline constexpr std::string_view k_micropython_refusal = "MicroPython .mpy file; use CircuitPython mpy-cross";

/// Recognises the header of any .mpy generation (needs only the first 4 bytes).
MpyResult<FormatInfo> identify_mpy(std::span<const std::uint8_t> bytes);

enum class CodeCheck : std::uint8_t {
  full,  ///< decode every instruction; check opcodes, operand indices, local slots and jump targets
  none,  ///< only the container structure (faster; for callers that never execute the code)
};

struct ReadOptions {
  CodeCheck code_check = CodeCheck::full;
};

inline constexpr std::size_t k_max_raw_code_depth = 200;
inline constexpr std::size_t k_max_tuple_depth = 200;

/// Reads a v6 bytecode file ('C' or 'M'; check header.is_micropython()). v5/v3 files give an error naming
/// the CircuitPython versions that load them.
MpyResult<MpyFile> read_mpy(std::span<const std::uint8_t> bytes, const ReadOptions& options = {});

}  // namespace cpy::mpy
