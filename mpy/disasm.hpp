// Disassembler: a plain, JSON-able description of an MpyFile and its text rendering.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mpy/error.hpp"
#include "mpy/line_table.hpp"
#include "mpy/model.hpp"

namespace cpy::mpy {

struct DisQstr {
  std::string text;
  std::optional<std::uint32_t> static_id;  ///< set when written as a static qstr
};

struct DisConstant {
  std::string type;  ///< "none", "false", "true", "ellipsis", "str", "bytes", "int", "float", "complex", "tuple"
  std::string repr;  ///< Python-like repr ('abc', b'\x00', 12, (1, 'a'))
};

struct DisInstruction {
  std::size_t offset = 0;  ///< from the first opcode of the function
  std::vector<std::uint8_t> bytes;
  std::string name;                   ///< opcode table name
  std::int64_t arg = 0;               ///< decoded operand (index, count, value, slot, op number or jump offset)
  std::string operand;                ///< human text of the operand ("" when none), e.g. "'print'", "-> 12"
  std::optional<std::size_t> target;  ///< jump target offset
  std::optional<std::uint8_t> extra;  ///< n_closed / unwind byte
  std::uint32_t line = 1;
};

struct DisFunction {
  std::string name;  ///< simple name text
  std::string path;  ///< "0" for the module, "0.2.1" for child 1 of child 2 of the module
  Prelude prelude;
  std::vector<std::string> arg_names;
  std::vector<std::uint8_t> cells;
  std::vector<LineEntry> lines;
  std::size_t fun_data_size = 0;
  std::size_t code_offset = 0;
  std::vector<DisInstruction> instructions;
  std::vector<DisFunction> children;
};

struct Disassembly {
  Header header;
  std::string loaded_by;  ///< from identify_mpy, e.g. "CircuitPython 9.x and 10.x"
  std::vector<DisQstr> qstrs;
  std::vector<DisConstant> constants;
  DisFunction module;
};

/// Builds the description; fails only if the code cannot be decoded (read_mpy with CodeCheck::full
/// guarantees it can).
MpyResult<Disassembly> disassemble(const MpyFile& file);

/// The human-readable dump (header, qstrs, constants, then each function depth-first).
std::string format_disassembly(const Disassembly& dis);

/// Python-like repr of a constant and of a str.
std::string constant_repr(const Constant& constant);
std::string python_str_repr(std::string_view text, char prefix = 0);

}  // namespace cpy::mpy
