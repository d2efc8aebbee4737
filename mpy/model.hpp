// In-memory form of a .mpy v6 file: header, qstr table, constant table and the raw code tree.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "mpy/format_version.hpp"

namespace cpy::mpy {

struct Header {
  std::uint8_t magic = k_magic_circuitpython;  ///< 'C' (CircuitPython) or 'M' (MicroPython)
  std::uint8_t version = k_version;
  std::uint8_t features = 0;  ///< 0 for bytecode-only files
  std::uint8_t small_int_bits = 31;

  bool is_micropython() const { return magic == k_magic_micropython; }
};

/// Constant object type byte (spec §2.4).
enum class ConstantKind : std::uint8_t {
  none = 1,
  false_ = 2,
  true_ = 3,
  ellipsis = 4,
  str = 5,
  bytes = 6,
  int_ = 7,  ///< any int, written as decimal text (big ints included)
  float_ = 8,
  complex = 9,
  tuple = 10,
};

struct Constant {
  ConstantKind kind = ConstantKind::none;
  std::string text;             ///< str/bytes payload; int/float/complex repr text
  std::vector<Constant> items;  ///< tuple items

  static Constant simple(ConstantKind kind) { return Constant{kind, {}, {}}; }
  static Constant str(std::string_view s) { return Constant{ConstantKind::str, std::string(s), {}}; }
  static Constant bytes(std::string_view b) { return Constant{ConstantKind::bytes, std::string(b), {}}; }
  static Constant integer(std::string_view decimal) { return Constant{ConstantKind::int_, std::string(decimal), {}}; }
  static Constant float_repr(std::string_view repr) { return Constant{ConstantKind::float_, std::string(repr), {}}; }
  static Constant complex_repr(std::string_view repr) { return Constant{ConstantKind::complex, std::string(repr), {}}; }
  static Constant tuple(std::vector<Constant> items) { return Constant{ConstantKind::tuple, {}, std::move(items)}; }

  bool operator==(const Constant&) const = default;
};

/// The six numbers of the prelude signature and the two of the prelude size (spec §3.1, §3.2).
struct Prelude {
  std::uint32_t n_state = 1;
  std::uint32_t n_exc_stack = 0;
  std::uint8_t scope_flags = 0;  ///< 0x01 generator, 0x02 **kw, 0x04 *args, 0x08 kw-only defaults, 0x10 async
  std::uint32_t n_pos_args = 0;
  std::uint32_t n_kwonly_args = 0;
  std::uint32_t n_def_pos_args = 0;
  std::uint32_t n_info = 0;  ///< bytes of source info (names + line table)
  std::uint32_t n_cell = 0;  ///< bytes of the cell section

  bool operator==(const Prelude&) const = default;
};

inline constexpr std::uint8_t k_scope_generator = 0x01;
inline constexpr std::uint8_t k_scope_var_keywords = 0x02;
inline constexpr std::uint8_t k_scope_var_args = 0x04;
inline constexpr std::uint8_t k_scope_def_kw_args = 0x08;
inline constexpr std::uint8_t k_scope_async = 0x10;

/// One module/function/class/lambda/comprehension body (spec §2.5, §3).
/// `fun_data` and `children` are what the writer serialises; the other fields are the decoded view of
/// fun_data that the reader fills in (build both at once with make_raw_code in mpy/fun_data.hpp).
struct RawCode {
  std::vector<std::uint8_t> fun_data;  ///< prelude + source info + cells + bytecode
  Prelude prelude;
  std::uint32_t simple_name = 0;         ///< qstr index
  std::vector<std::uint32_t> arg_names;  ///< qstr indices, n_pos_args + n_kwonly_args of them
  std::vector<std::uint8_t> line_table;  ///< raw line-number table bytes (spec §3.4)
  std::vector<std::uint8_t> cells;       ///< local slot of each cell
  std::size_t code_offset = 0;           ///< offset of the first opcode inside fun_data
  std::vector<RawCode> children;

  std::size_t code_size() const { return fun_data.size() - code_offset; }
  const std::uint8_t* code() const { return fun_data.data() + code_offset; }
};

struct MpyFile {
  Header header;
  std::vector<std::string> qstrs;  ///< entry 0 is the source file name; static qstrs are found by content
  std::vector<Constant> constants;
  RawCode module;
};

}  // namespace cpy::mpy
