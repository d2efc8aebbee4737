// The opcode table and the operand encoders: byte ranges, operand kinds, stack effects, varints, jumps.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "mpy/opcodes.hpp"

using namespace cpy::mpy;

namespace {
std::vector<std::uint8_t> vuint_bytes(std::uint64_t v) {
  std::vector<std::uint8_t> out;
  encode_vuint(out, v);
  return out;
}
std::vector<std::uint8_t> signed_bytes(std::int64_t v) {
  std::vector<std::uint8_t> out;
  encode_signed_varint(out, v);
  return out;
}
}  // namespace

TEST_CASE("opcode_info covers exactly the byte ranges of spec section 4.2") {
  int defined = 0;
  for (int b = 0; b < 256; ++b) {
    if (opcode_info(static_cast<std::uint8_t>(b))) ++defined;
  }
  // 13 qstr + 24 uint + 11 jump + 24 no-operand + 64 + 16 + 16 + 4 + 35 packed
  CHECK(defined == 13 + 24 + 11 + 24 + 64 + 16 + 16 + 4 + 35);
  for (int b : {0x00, 0x0F, 0x1D, 0x1F, 0x38, 0x3F, 0x41, 0x4C, 0x4F, 0x60, 0x61, 0x6A, 0x6F, 0xD4, 0xD6, 0xFA, 0xFF}) {
    CAPTURE(b);
    CHECK(opcode_info(static_cast<std::uint8_t>(b)) == nullptr);
  }
}

TEST_CASE("opcode names are unique and every row maps back to itself") {
  std::set<std::string_view> names;
  for (const auto& row : k_opcode_table) {
    CHECK(names.insert(row.name).second);
    CHECK(opcode_info(static_cast<std::uint8_t>(row.op)) == &row);
  }
}

TEST_CASE("operand kinds follow the high nibble of the opcode") {
  CHECK(opcode_info(0x10)->operand == OperandKind::qstr);
  CHECK(opcode_info(0x1C)->operand == OperandKind::qstr);
  CHECK(opcode_info(0x22)->operand == OperandKind::signed_int);
  CHECK(opcode_info(0x23)->operand == OperandKind::const_index);
  CHECK(opcode_info(0x32)->operand == OperandKind::child_index);
  CHECK(opcode_info(0x2A)->operand == OperandKind::uint);
  CHECK(opcode_info(0x42)->operand == OperandKind::jump_signed);
  CHECK(opcode_info(0x4B)->operand == OperandKind::jump_unsigned);
  CHECK(opcode_info(0x48)->operand == OperandKind::jump_unsigned);
  CHECK(opcode_info(0x51)->operand == OperandKind::none);
  CHECK(opcode_info(0x20)->extra_bytes == 1);
  CHECK(opcode_info(0x21)->extra_bytes == 1);
  CHECK(opcode_info(0x40)->extra_bytes == 1);
  CHECK(opcode_info(0x42)->extra_bytes == 0);
}

TEST_CASE("packed opcodes decode their value from the byte") {
  CHECK(multi_value(*opcode_info(0x70), 0x70) == -16);
  CHECK(multi_value(*opcode_info(0x80), 0x80) == 0);
  CHECK(multi_value(*opcode_info(0xAF), 0xAF) == 47);
  CHECK(multi_value(*opcode_info(0xB3), 0xB3) == 3);
  CHECK(multi_value(*opcode_info(0xCF), 0xCF) == 15);
  CHECK(multi_value(*opcode_info(0xD3), 0xD3) == 3);
  CHECK(multi_value(*opcode_info(0xF9), 0xF9) == 34);
  CHECK(opcode_info(0xF2)->name == "BINARY_OP_MULTI");
  CHECK(binary_op_byte(BinaryOp::add) == 0xF2);
  CHECK(binary_op_byte(BinaryOp::inplace_add) == 0xE5);
  CHECK(binary_op_byte(BinaryOp::power) == 0xF9);
  CHECK(unary_op_byte(UnaryOp::not_) == 0xD3);
  CHECK(small_int_multi_byte(-16) == 0x70);
  CHECK(load_fast_multi_byte(15) == 0xBF);
  CHECK(store_fast_multi_byte(0) == 0xC0);
  CHECK(static_cast<std::uint8_t>(Op::LOAD_CONST_NONE) == 0x51);
  CHECK(static_cast<std::uint8_t>(Op::FOR_ITER) == 0x4B);
}

TEST_CASE("stack effects follow the compiler's accounting") {
  const auto effect = [](Op op, std::uint64_t n, std::uint8_t extra = 0) {
    return stack_effect(*opcode_info(static_cast<std::uint8_t>(op)), n, extra);
  };
  CHECK(effect(Op::LOAD_CONST_NONE, 0) == 1);
  CHECK(effect(Op::BUILD_TUPLE, 3) == -2);
  CHECK(effect(Op::BUILD_MAP, 5) == 1);
  CHECK(effect(Op::UNPACK_SEQUENCE, 3) == 2);
  CHECK(effect(Op::UNPACK_EX, 2 | (1 << 8)) == 3);
  CHECK(effect(Op::CALL_FUNCTION, 2 | (1 << 8)) == -4);
  CHECK(effect(Op::CALL_METHOD, 1) == -2);
  CHECK(effect(Op::CALL_METHOD_VAR_KW, 0) == -2);
  CHECK(effect(Op::MAKE_CLOSURE, 0, 2) == -1);
  CHECK(effect(Op::MAKE_CLOSURE_DEFARGS, 0, 2) == -3);
  CHECK(effect(Op::STORE_COMP, 20) == -1);
  CHECK(effect(Op::STORE_COMP, 25) == -2);
  CHECK(effect(Op::STORE_SUBSCR, 0) == -3);
  CHECK(effect(Op::GET_ITER_STACK, 0) == 3);
  CHECK(stack_effect(*opcode_info(0xF2), 0) == -1);
}

TEST_CASE("vuint encodes most significant group first, as in spec section 2.2") {
  CHECK(vuint_bytes(0) == std::vector<std::uint8_t>{0x00});
  CHECK(vuint_bytes(127) == std::vector<std::uint8_t>{0x7F});
  CHECK(vuint_bytes(128) == std::vector<std::uint8_t>{0x81, 0x00});
  CHECK(vuint_bytes(236) == std::vector<std::uint8_t>{0x81, 0x6C});
  CHECK(vuint_bytes(16383) == std::vector<std::uint8_t>{0xFF, 0x7F});
  CHECK(vuint_bytes(16384) == std::vector<std::uint8_t>{0x81, 0x80, 0x00});
  for (std::uint64_t v : {0ull, 1ull, 300ull, 1ull << 32, ~0ull}) {
    const auto bytes = vuint_bytes(v);
    CHECK(bytes.size() == vuint_size(v));
    const auto d = decode_vuint(bytes, 0);
    REQUIRE(d);
    CHECK(d->value == v);
    CHECK(d->size == bytes.size());
  }
}

TEST_CASE("vuint decoding rejects truncation and values over 64 bits") {
  const std::vector<std::uint8_t> truncated{0x81, 0x80};
  CHECK_FALSE(decode_vuint(truncated, 0));
  CHECK_FALSE(decode_vuint(truncated, 2));
  const std::vector<std::uint8_t> huge(11, 0xFF);
  CHECK_FALSE(decode_vuint(huge, 0));
  std::vector<std::uint8_t> too_big{0x82};  // 2 << 63 overflows
  too_big.insert(too_big.end(), 8, 0x80);
  too_big.push_back(0x00);
  CHECK_FALSE(decode_vuint(too_big, 0));
}

TEST_CASE("signed varint matches the LOAD_CONST_SMALL_INT examples") {
  CHECK(signed_bytes(100) == std::vector<std::uint8_t>{0x80, 0x64});
  CHECK(signed_bytes(70) == std::vector<std::uint8_t>{0x80, 0x46});
  CHECK(signed_bytes(-17) == std::vector<std::uint8_t>{0x6F});
  CHECK(signed_bytes(-1073741824) == std::vector<std::uint8_t>{0xFC, 0x80, 0x80, 0x80, 0x00});
  CHECK(signed_bytes(1000) == std::vector<std::uint8_t>{0x87, 0x68});
  CHECK(signed_bytes(99) == std::vector<std::uint8_t>{0x80, 0x63});
  for (std::int64_t v : {0ll, -1ll, 63ll, 64ll, -64ll, -65ll, 1073741823ll, -1073741824ll, 1ll << 40, -(1ll << 40)}) {
    CAPTURE(v);
    const auto bytes = signed_bytes(v);
    CHECK(bytes.size() == signed_varint_size(v));
    const auto d = decode_signed_varint(bytes, 0);
    REQUIRE(d);
    CHECK(d->value == v);
    CHECK(d->size == bytes.size());
  }
  CHECK_FALSE(decode_signed_varint(std::vector<std::uint8_t>{0x80}, 0));
}

TEST_CASE("jump offsets use the 1-byte and 2-byte forms of spec section 4.1") {
  std::vector<std::uint8_t> out;
  CHECK(encode_jump(out, JumpSize::short_form, JumpSign::is_signed, -64));
  CHECK(out == std::vector<std::uint8_t>{0x00});
  out.clear();
  CHECK(encode_jump(out, JumpSize::short_form, JumpSign::is_unsigned, 127));
  CHECK(out == std::vector<std::uint8_t>{0x7F});
  out.clear();
  CHECK_FALSE(encode_jump(out, JumpSize::short_form, JumpSign::is_signed, 64));
  CHECK_FALSE(encode_jump(out, JumpSize::short_form, JumpSign::is_unsigned, -1));
  CHECK_FALSE(encode_jump(out, JumpSize::long_form, JumpSign::is_unsigned, 0x8000));
  CHECK(out.empty());
  for (int v : {-16384, -65, -1, 0, 63, 64, 16383}) {
    out.clear();
    REQUIRE(encode_jump(out, JumpSize::long_form, JumpSign::is_signed, v));
    CHECK(out.size() == 2);
    const auto d = decode_jump(out, 0, JumpSign::is_signed);
    REQUIRE(d);
    CHECK(d->value == v);
  }
  out.clear();
  REQUIRE(encode_jump(out, JumpSize::long_form, JumpSign::is_unsigned, 32767));
  CHECK(decode_jump(out, 0, JumpSign::is_unsigned)->value == 32767);
  CHECK_FALSE(decode_jump(std::vector<std::uint8_t>{0x80}, 0, JumpSign::is_signed));
}
