// The one .mpy v6 opcode table (byte, operand kind, stack effect) and the operand encoders/decoders.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace cpy::mpy {

/// How the bytes after an opcode are read (spec §4.1).
enum class OperandKind : std::uint8_t {
  none,              ///< no operand
  qstr,              ///< vuint index into the file's qstr table
  uint,              ///< vuint (counts, slots, packed call args)
  const_index,       ///< vuint index into the file's constant table
  child_index,       ///< vuint index into the raw code's children
  signed_int,        ///< signed varint (LOAD_CONST_SMALL_INT)
  jump_signed,       ///< 1/2-byte jump offset, signed (backward or forward)
  jump_unsigned,     ///< 1/2-byte jump offset, unsigned (forward; exception handlers, FOR_ITER)
  small_int_multi,   ///< value packed in the opcode: byte - 0x80 (-16..47)
  load_fast_multi,   ///< local slot packed in the opcode: byte - 0xB0
  store_fast_multi,  ///< local slot packed in the opcode: byte - 0xC0
  unary_multi,       ///< unary op number packed in the opcode: byte - 0xD0
  binary_multi,      ///< binary op number packed in the opcode: byte - 0xD7
};

/// How an instruction changes the compiler's stack depth (spec §4.2, §5.8); n = operand, x = extra byte.
enum class StackRule : std::uint8_t {
  fixed,        ///< delta
  minus_n,      ///< delta - n           (BUILD_TUPLE/LIST/SET/SLICE: 1-n)
  plus_n,       ///< delta + n           (UNPACK_SEQUENCE: n-1)
  unpack_ex,    ///< (n & 0xFF) + (n >> 8)
  minus_extra,  ///< delta - x           (MAKE_CLOSURE: 1-x, MAKE_CLOSURE_DEFARGS: -1-x)
  call,         ///< delta - (n & 0xFF) - 2 * (n >> 8)
  store_comp,   ///< -1 for list/set, -2 for dict ((n & 3) == 1)
};

// X(name, first byte, number of bytes in the range, operand kind, extra byte after operand, stack rule, delta)
#define CPY_MPY_OPCODES(X)                                                        \
  X(LOAD_CONST_STRING, 0x10, 1, qstr, 0, fixed, 1)                                \
  X(LOAD_NAME, 0x11, 1, qstr, 0, fixed, 1)                                        \
  X(LOAD_GLOBAL, 0x12, 1, qstr, 0, fixed, 1)                                      \
  X(LOAD_ATTR, 0x13, 1, qstr, 0, fixed, 0)                                        \
  X(LOAD_METHOD, 0x14, 1, qstr, 0, fixed, 1)                                      \
  X(LOAD_SUPER_METHOD, 0x15, 1, qstr, 0, fixed, -1)                               \
  X(STORE_NAME, 0x16, 1, qstr, 0, fixed, -1)                                      \
  X(STORE_GLOBAL, 0x17, 1, qstr, 0, fixed, -1)                                    \
  X(STORE_ATTR, 0x18, 1, qstr, 0, fixed, -2)                                      \
  X(DELETE_NAME, 0x19, 1, qstr, 0, fixed, 0)                                      \
  X(DELETE_GLOBAL, 0x1A, 1, qstr, 0, fixed, 0)                                    \
  X(IMPORT_NAME, 0x1B, 1, qstr, 0, fixed, -1)                                     \
  X(IMPORT_FROM, 0x1C, 1, qstr, 0, fixed, 1)                                      \
  X(MAKE_CLOSURE, 0x20, 1, child_index, 1, minus_extra, 1)                        \
  X(MAKE_CLOSURE_DEFARGS, 0x21, 1, child_index, 1, minus_extra, -1)               \
  X(LOAD_CONST_SMALL_INT, 0x22, 1, signed_int, 0, fixed, 1)                       \
  X(LOAD_CONST_OBJ, 0x23, 1, const_index, 0, fixed, 1)                            \
  X(LOAD_FAST_N, 0x24, 1, uint, 0, fixed, 1)                                      \
  X(LOAD_DEREF, 0x25, 1, uint, 0, fixed, 1)                                       \
  X(STORE_FAST_N, 0x26, 1, uint, 0, fixed, -1)                                    \
  X(STORE_DEREF, 0x27, 1, uint, 0, fixed, -1)                                     \
  X(DELETE_FAST, 0x28, 1, uint, 0, fixed, 0)                                      \
  X(DELETE_DEREF, 0x29, 1, uint, 0, fixed, 0)                                     \
  X(BUILD_TUPLE, 0x2A, 1, uint, 0, minus_n, 1)                                    \
  X(BUILD_LIST, 0x2B, 1, uint, 0, minus_n, 1)                                     \
  X(BUILD_MAP, 0x2C, 1, uint, 0, fixed, 1)                                        \
  X(BUILD_SET, 0x2D, 1, uint, 0, minus_n, 1)                                      \
  X(BUILD_SLICE, 0x2E, 1, uint, 0, minus_n, 1)                                    \
  X(STORE_COMP, 0x2F, 1, uint, 0, store_comp, 0)                                  \
  X(UNPACK_SEQUENCE, 0x30, 1, uint, 0, plus_n, -1)                                \
  X(UNPACK_EX, 0x31, 1, uint, 0, unpack_ex, 0)                                    \
  X(MAKE_FUNCTION, 0x32, 1, child_index, 0, fixed, 1)                             \
  X(MAKE_FUNCTION_DEFARGS, 0x33, 1, child_index, 0, fixed, -1)                    \
  X(CALL_FUNCTION, 0x34, 1, uint, 0, call, 0)                                     \
  X(CALL_FUNCTION_VAR_KW, 0x35, 1, uint, 0, call, -1)                             \
  X(CALL_METHOD, 0x36, 1, uint, 0, call, -1)                                      \
  X(CALL_METHOD_VAR_KW, 0x37, 1, uint, 0, call, -2)                               \
  X(UNWIND_JUMP, 0x40, 1, jump_signed, 1, fixed, 0)                               \
  X(JUMP, 0x42, 1, jump_signed, 0, fixed, 0)                                      \
  X(POP_JUMP_IF_TRUE, 0x43, 1, jump_signed, 0, fixed, -1)                         \
  X(POP_JUMP_IF_FALSE, 0x44, 1, jump_signed, 0, fixed, -1)                        \
  X(JUMP_IF_TRUE_OR_POP, 0x45, 1, jump_unsigned, 0, fixed, -1)                    \
  X(JUMP_IF_FALSE_OR_POP, 0x46, 1, jump_unsigned, 0, fixed, -1)                   \
  X(SETUP_WITH, 0x47, 1, jump_unsigned, 0, fixed, 2)                              \
  X(SETUP_EXCEPT, 0x48, 1, jump_unsigned, 0, fixed, 0)                            \
  X(SETUP_FINALLY, 0x49, 1, jump_unsigned, 0, fixed, 0)                           \
  X(POP_EXCEPT_JUMP, 0x4A, 1, jump_unsigned, 0, fixed, 0)                         \
  X(FOR_ITER, 0x4B, 1, jump_unsigned, 0, fixed, 1)                                \
  X(LOAD_CONST_FALSE, 0x50, 1, none, 0, fixed, 1)                                 \
  X(LOAD_CONST_NONE, 0x51, 1, none, 0, fixed, 1)                                  \
  X(LOAD_CONST_TRUE, 0x52, 1, none, 0, fixed, 1)                                  \
  X(LOAD_NULL, 0x53, 1, none, 0, fixed, 1)                                        \
  X(LOAD_BUILD_CLASS, 0x54, 1, none, 0, fixed, 1)                                 \
  X(LOAD_SUBSCR, 0x55, 1, none, 0, fixed, -1)                                     \
  X(STORE_SUBSCR, 0x56, 1, none, 0, fixed, -3)                                    \
  X(DUP_TOP, 0x57, 1, none, 0, fixed, 1)                                          \
  X(DUP_TOP_TWO, 0x58, 1, none, 0, fixed, 2)                                      \
  X(POP_TOP, 0x59, 1, none, 0, fixed, -1)                                         \
  X(ROT_TWO, 0x5A, 1, none, 0, fixed, 0)                                          \
  X(ROT_THREE, 0x5B, 1, none, 0, fixed, 0)                                        \
  X(WITH_CLEANUP, 0x5C, 1, none, 0, fixed, 2) /* compiler adds -4 after, §5.8 */ \
  X(END_FINALLY, 0x5D, 1, none, 0, fixed, -1)                                     \
  X(GET_ITER, 0x5E, 1, none, 0, fixed, 0)                                         \
  X(GET_ITER_STACK, 0x5F, 1, none, 0, fixed, 3)                                   \
  X(STORE_MAP, 0x62, 1, none, 0, fixed, -2)                                       \
  X(RETURN_VALUE, 0x63, 1, none, 0, fixed, -1)                                    \
  X(RAISE_LAST, 0x64, 1, none, 0, fixed, 0)                                       \
  X(RAISE_OBJ, 0x65, 1, none, 0, fixed, -1)                                       \
  X(RAISE_FROM, 0x66, 1, none, 0, fixed, -2)                                      \
  X(YIELD_VALUE, 0x67, 1, none, 0, fixed, 0)                                      \
  X(YIELD_FROM, 0x68, 1, none, 0, fixed, -1)                                      \
  X(IMPORT_STAR, 0x69, 1, none, 0, fixed, -1)                                     \
  X(LOAD_CONST_SMALL_INT_MULTI, 0x70, 64, small_int_multi, 0, fixed, 1)           \
  X(LOAD_FAST_MULTI, 0xB0, 16, load_fast_multi, 0, fixed, 1)                      \
  X(STORE_FAST_MULTI, 0xC0, 16, store_fast_multi, 0, fixed, -1)                   \
  X(UNARY_OP_MULTI, 0xD0, 4, unary_multi, 0, fixed, 0)                            \
  X(BINARY_OP_MULTI, 0xD7, 35, binary_multi, 0, fixed, -1)

/// Opcode byte values; for a MULTI range the value is the first byte of the range.
enum class Op : std::uint8_t {
#define CPY_MPY_OP_ENUM(name, byte, count, kind, extra, rule, delta) name = byte,
  CPY_MPY_OPCODES(CPY_MPY_OP_ENUM)
#undef CPY_MPY_OP_ENUM
};

/// Unary op numbers (UNARY_OP_MULTI = 0xD0 + number).
enum class UnaryOp : std::uint8_t { positive = 0, negative = 1, invert = 2, not_ = 3 };

/// Binary op numbers (BINARY_OP_MULTI = 0xD7 + number), spec §4.2.
enum class BinaryOp : std::uint8_t {
  less = 0,
  more,
  equal,
  less_equal,
  more_equal,
  not_equal,
  in,
  is,
  exception_match,
  inplace_or,
  inplace_xor,
  inplace_and,
  inplace_lshift,
  inplace_rshift,
  inplace_add,
  inplace_subtract,
  inplace_multiply,
  inplace_mat_multiply,
  inplace_floor_divide,
  inplace_true_divide,
  inplace_modulo,
  inplace_power,
  or_,
  xor_,
  and_,
  lshift,
  rshift,
  add,
  subtract,
  multiply,
  mat_multiply,
  floor_divide,
  true_divide,
  modulo,
  power,
};

inline constexpr int k_small_int_multi_min = -16;
inline constexpr int k_small_int_multi_max = 47;
inline constexpr int k_fast_multi_slots = 16;
inline constexpr int k_unary_op_count = 4;
inline constexpr int k_binary_op_count = 35;

/// One row of the table, as seen from any byte of its range.
struct OpcodeInfo {
  std::string_view name;
  Op op;               ///< first byte of the range
  std::uint8_t count;  ///< bytes in the range (1 unless MULTI)
  OperandKind operand;
  std::uint8_t extra_bytes;  ///< raw bytes after the operand (MAKE_CLOSURE*, UNWIND_JUMP)
  StackRule rule;
  std::int8_t delta;
};

inline constexpr std::array k_opcode_table = {
#define CPY_MPY_OP_ROW(name, byte, count, kind, extra, rule, delta) \
  OpcodeInfo{#name, Op::name, count, OperandKind::kind, extra, StackRule::rule, delta},
    CPY_MPY_OPCODES(CPY_MPY_OP_ROW)
#undef CPY_MPY_OP_ROW
};

namespace detail {
constexpr std::array<std::int16_t, 256> make_opcode_index() {
  std::array<std::int16_t, 256> index{};
  index.fill(-1);
  for (std::size_t row = 0; row < k_opcode_table.size(); ++row) {
    const auto first = static_cast<std::size_t>(k_opcode_table[row].op);
    for (std::size_t b = first; b < first + k_opcode_table[row].count; ++b) {
      index[b] = static_cast<std::int16_t>(row);
    }
  }
  return index;
}
inline constexpr auto k_opcode_index = make_opcode_index();
}  // namespace detail

/// The table row for any opcode byte (MULTI ranges included); nullptr for an unused byte.
constexpr const OpcodeInfo* opcode_info(std::uint8_t byte) {
  const auto row = detail::k_opcode_index[byte];
  return row < 0 ? nullptr : &k_opcode_table[static_cast<std::size_t>(row)];
}

/// The value packed into a MULTI opcode byte (small int, slot or op number); 0 for others.
constexpr int multi_value(const OpcodeInfo& info, std::uint8_t byte) {
  if (info.operand == OperandKind::small_int_multi) return int(byte) - 0x80;
  return info.count > 1 ? int(byte) - int(info.op) : 0;
}

/// True if the operand is a vuint (qstr, uint, const/child index).
constexpr bool has_uint_operand(OperandKind kind) {
  return kind == OperandKind::qstr || kind == OperandKind::uint || kind == OperandKind::const_index ||
         kind == OperandKind::child_index;
}

constexpr bool is_jump(OperandKind kind) {
  return kind == OperandKind::jump_signed || kind == OperandKind::jump_unsigned;
}

/// Stack-depth change of one instruction as the compiler counts it (§4.2).
constexpr int stack_effect(const OpcodeInfo& info, std::uint64_t operand, std::uint8_t extra = 0) {
  const auto n = static_cast<int>(operand & 0xFFFF);
  switch (info.rule) {
    case StackRule::fixed:
      return info.delta;
    case StackRule::minus_n:
      return info.delta - n;
    case StackRule::plus_n:
      return info.delta + n;
    case StackRule::unpack_ex:
      return (n & 0xFF) + (n >> 8);
    case StackRule::minus_extra:
      return info.delta - extra;
    case StackRule::call:
      return info.delta - (n & 0xFF) - 2 * (n >> 8);
    case StackRule::store_comp:
      return (operand & 3) == 1 ? -2 : -1;
  }
  return 0;
}

// Emitter helpers for the packed (MULTI) forms. Callers check the ranges first.
constexpr std::uint8_t small_int_multi_byte(int value) { return static_cast<std::uint8_t>(0x80 + value); }
constexpr std::uint8_t load_fast_multi_byte(int slot) { return static_cast<std::uint8_t>(0xB0 + slot); }
constexpr std::uint8_t store_fast_multi_byte(int slot) { return static_cast<std::uint8_t>(0xC0 + slot); }
constexpr std::uint8_t unary_op_byte(UnaryOp op) { return static_cast<std::uint8_t>(0xD0 + int(op)); }
constexpr std::uint8_t binary_op_byte(BinaryOp op) { return static_cast<std::uint8_t>(0xD7 + int(op)); }
constexpr bool fits_small_int_multi(std::int64_t v) { return v >= k_small_int_multi_min && v <= k_small_int_multi_max; }

// ---- operand encodings (§2.2, §4.1) ----

/// A decoded number and how many bytes it took.
template <typename T>
struct Decoded {
  T value;
  std::size_t size;
};

/// Largest number of bytes accepted for a varint (enough for 64 bits).
inline constexpr std::size_t k_max_varint_bytes = 10;

std::size_t vuint_size(std::uint64_t value);
void encode_vuint(std::vector<std::uint8_t>& out, std::uint64_t value);
/// nullopt if truncated or longer than 64 bits.
std::optional<Decoded<std::uint64_t>> decode_vuint(std::span<const std::uint8_t> bytes, std::size_t pos);

std::size_t signed_varint_size(std::int64_t value);
void encode_signed_varint(std::vector<std::uint8_t>& out, std::int64_t value);
std::optional<Decoded<std::int64_t>> decode_signed_varint(std::span<const std::uint8_t> bytes, std::size_t pos);

/// 1-byte or 2-byte jump offset field (§4.1); the form is chosen by the compiler (§5.6).
enum class JumpSize : std::uint8_t { short_form = 1, long_form = 2 };
enum class JumpSign : std::uint8_t { is_unsigned, is_signed };

inline constexpr int k_jump_short_signed_min = -0x40, k_jump_short_signed_max = 0x3F;
inline constexpr int k_jump_short_unsigned_max = 0x7F;
inline constexpr int k_jump_long_signed_min = -0x4000, k_jump_long_signed_max = 0x3FFF;
inline constexpr int k_jump_long_unsigned_max = 0x7FFF;

/// True if `offset` can be written in that form.
bool jump_fits(JumpSize size, JumpSign sign, int offset);
/// Appends the offset field; false (nothing written) if the offset does not fit.
bool encode_jump(std::vector<std::uint8_t>& out, JumpSize size, JumpSign sign, int offset);
/// Reads a jump offset field at pos (the byte after the opcode).
std::optional<Decoded<int>> decode_jump(std::span<const std::uint8_t> bytes, std::size_t pos, JumpSign sign);

constexpr JumpSign jump_sign(OperandKind kind) {
  return kind == OperandKind::jump_signed ? JumpSign::is_signed : JumpSign::is_unsigned;
}

}  // namespace cpy::mpy
