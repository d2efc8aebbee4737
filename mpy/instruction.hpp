// Decoding one bytecode instruction (opcode + operand + extra byte) using the opcode table.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "mpy/opcodes.hpp"

namespace cpy::mpy {

struct Instruction {
  std::size_t offset = 0;  ///< from the first opcode of the function
  std::size_t size = 0;    ///< total bytes including operand and extra byte
  std::uint8_t opcode = 0;
  const OpcodeInfo* info = nullptr;
  std::int64_t arg = 0;      ///< vuint/index/signed value, MULTI value, or jump offset
  std::uint8_t extra = 0;    ///< n_closed (MAKE_CLOSURE*) or unwind byte (UNWIND_JUMP)
  std::int64_t target = -1;  ///< jump target offset for jumps, -1 otherwise

  std::size_t end() const { return offset + size; }
};

enum class InstructionProblem : std::uint8_t { none, unknown_opcode, truncated, operand_too_long };

/// Decodes the instruction at `offset` in `code`; on failure sets `problem` and returns nullopt.
std::optional<Instruction> decode_instruction(std::span<const std::uint8_t> code, std::size_t offset,
                                              InstructionProblem& problem);

}  // namespace cpy::mpy
