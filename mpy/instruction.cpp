// Table-driven decoder for a single instruction.
#include "mpy/instruction.hpp"

namespace cpy::mpy {
namespace {

// Why a varint at pos did not decode: it ends inside `code` (so it is too long) or it runs off the end.
InstructionProblem varint_problem(std::span<const std::uint8_t> code, std::size_t pos) {
  for (std::size_t i = pos; i < code.size(); ++i) {
    if (!(code[i] & 0x80)) return InstructionProblem::operand_too_long;
  }
  return InstructionProblem::truncated;
}

// Reads the operand of `ins` starting at `pos`; returns the position after it or nullopt.
std::optional<std::size_t> read_operand(std::span<const std::uint8_t> code, std::size_t pos, Instruction& ins,
                                        InstructionProblem& problem) {
  const OperandKind kind = ins.info->operand;
  if (has_uint_operand(kind)) {
    const auto v = decode_vuint(code, pos);
    if (!v || v->value > 0xFFFFFFFFu) {
      problem = varint_problem(code, pos);
      return std::nullopt;
    }
    ins.arg = static_cast<std::int64_t>(v->value);
    return pos + v->size;
  }
  if (kind == OperandKind::signed_int) {
    const auto v = decode_signed_varint(code, pos);
    if (!v) {
      problem = varint_problem(code, pos);
      return std::nullopt;
    }
    ins.arg = v->value;
    return pos + v->size;
  }
  if (is_jump(kind)) {
    const auto v = decode_jump(code, pos, jump_sign(kind));
    if (!v) {
      problem = InstructionProblem::truncated;
      return std::nullopt;
    }
    ins.arg = v->value;
    ins.target = static_cast<std::int64_t>(pos + v->size) + v->value;
    return pos + v->size;
  }
  ins.arg = multi_value(*ins.info, ins.opcode);
  return pos;
}

}  // namespace

std::optional<Instruction> decode_instruction(std::span<const std::uint8_t> code, std::size_t offset,
                                              InstructionProblem& problem) {
  problem = InstructionProblem::none;
  if (offset >= code.size()) {
    problem = InstructionProblem::truncated;
    return std::nullopt;
  }
  Instruction ins;
  ins.offset = offset;
  ins.opcode = code[offset];
  ins.info = opcode_info(ins.opcode);
  if (!ins.info) {
    problem = InstructionProblem::unknown_opcode;
    return std::nullopt;
  }
  auto pos = read_operand(code, offset + 1, ins, problem);
  if (!pos) return std::nullopt;
  if (ins.info->extra_bytes) {
    if (*pos >= code.size()) {
      problem = InstructionProblem::truncated;
      return std::nullopt;
    }
    ins.extra = code[(*pos)++];
  }
  ins.size = *pos - offset;
  return ins;
}

}  // namespace cpy::mpy
