// compile(): jumps at the edges of their 2-byte encodings, and the bytecode overflow error just past them.
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "mpy/disasm.hpp"
#include "mpy/reader.hpp"
#include "mpycross/compiler.hpp"

using cpy::mpycross::compile;
using cpy::mpycross::CompileFailure;
using Bytes = std::vector<std::uint8_t>;

namespace {

/// Statements that compile to exactly `size` bytes of bytecode (size >= 8): `a = a + 1000` is LOAD_FAST,
/// LOAD_CONST_SMALL_INT with a 2-byte operand, BINARY_OP, STORE_FAST (6 bytes); `+ 50` has a 1-byte operand (5);
/// `+ 1` is a one-byte small int (4).
std::string body_of_size(const std::string& indent, int size) {
  std::string text;
  while (size % 6 != 0) {
    const bool four = size % 6 == 4 || size % 6 == 2 || size < 10;
    text += indent + (four ? "a = a + 1\n" : "a = a + 50\n");
    size -= four ? 4 : 5;
  }
  for (int i = 0; i < size / 6; ++i) text += indent + "a = a + 1000\n";
  return text;
}

std::string if_program(int body) {
  return "def f(flag):\n    a = 0\n    if flag:\n" + body_of_size("        ", body) + "    return a\n";
}

std::string while_program(int body) {
  return "def f(n):\n    a = 0\n    while a < n:\n" + body_of_size("        ", body) + "    return a\n";
}

std::string try_program(int body) {
  return "def f():\n    a = 0\n    try:\n" + body_of_size("        ", body) +
         "    except:\n        a = 1\n    return a\n";
}

/// The encoded bytes of the first `opcode_name` instruction of the module's first function.
std::optional<Bytes> first_instruction(const Bytes& mpy, const std::string& opcode_name) {
  auto file = cpy::mpy::read_mpy(mpy);
  REQUIRE(file.ok());
  auto dis = cpy::mpy::disassemble(file.value());
  REQUIRE(dis.ok());
  REQUIRE(!dis.value().module.children.empty());
  for (const auto& ins : dis.value().module.children[0].instructions) {
    if (ins.name == opcode_name) return ins.bytes;
  }
  return std::nullopt;
}

bool is_overflow(const cpy::mpycross::CompileResult& result) {
  const auto* failure = std::get_if<CompileFailure>(&result);
  return failure != nullptr && failure->stderr_text == "RuntimeError: bytecode overflow\n" &&
         failure->kind == CompileFailure::Kind::runtime && failure->line == 0;
}

/// Grows the body from `start` bytes until the compile overflows; returns the largest body that compiled.
template <typename Program>
int largest_body(Program program, int start) {
  REQUIRE(std::holds_alternative<Bytes>(compile(program(start), "t.py")));
  int body = start;
  while (std::holds_alternative<Bytes>(compile(program(body + 1), "t.py"))) {
    ++body;
    REQUIRE(body < start + 64);
  }
  CHECK(is_overflow(compile(program(body + 1), "t.py")));
  return body;
}

}  // namespace

TEST_CASE("the body sizes of the limit tests are exact") {
  auto mpy = std::get<Bytes>(compile(if_program(100), "t.py"));
  auto jump = first_instruction(mpy, "POP_JUMP_IF_FALSE");
  REQUIRE(jump.has_value());
  // Long form value = body size (the jump's own 3 bytes are not counted), 0x4000-biased: 100 -> 0x4064.
  CHECK(*jump == Bytes{0x44, 0x80 | (0x4064 & 0x7F), 0x4064 >> 7});
}

TEST_CASE("a forward signed jump reaches exactly +16383 and one byte more is a bytecode overflow") {
  const int body = largest_body(if_program, 16380);
  CHECK(body == 16383);
  auto jump = first_instruction(std::get<Bytes>(compile(if_program(body), "t.py")), "POP_JUMP_IF_FALSE");
  REQUIRE(jump.has_value());
  CHECK(*jump == Bytes{0x44, 0xFF, 0xFF});  // 16383 + 0x4000 = 0x7FFF, the largest 2-byte value
}

TEST_CASE("a backward loop jump reaches exactly -16384 and one byte more is a bytecode overflow") {
  const int body = largest_body(while_program, 16375);
  auto jump = first_instruction(std::get<Bytes>(compile(while_program(body), "t.py")), "POP_JUMP_IF_TRUE");
  REQUIRE(jump.has_value());
  CHECK(*jump == Bytes{0x43, 0x80, 0x00});  // -16384 + 0x4000 = 0, the smallest 2-byte value
}

TEST_CASE("an unsigned exception-handler jump reaches exactly 32767 and one byte more is a bytecode overflow") {
  const int body = largest_body(try_program, 32760);
  auto setup = first_instruction(std::get<Bytes>(compile(try_program(body), "t.py")), "SETUP_EXCEPT");
  REQUIRE(setup.has_value());
  CHECK(*setup == Bytes{0x48, 0xFF, 0xFF});  // 0x7FFF unsigned
}

TEST_CASE("a straight-line function far beyond the jump limits compiles and reads back") {
  auto result = compile("def f():\n    a = 0\n" + body_of_size("    ", 90000) + "    return a\n", "t.py");
  const auto* mpy = std::get_if<Bytes>(&result);
  REQUIRE(mpy != nullptr);
  cpy::mpy::ReadOptions options;
  options.code_check = cpy::mpy::CodeCheck::full;
  CHECK(cpy::mpy::read_mpy(*mpy, options).ok());
  CHECK(mpy->size() > 90000);
}

TEST_CASE("identifiers of 255 bytes compile and 256 bytes are a bare name-too-long error") {
  const std::string longest(255, 'a');
  CHECK(std::holds_alternative<Bytes>(compile(longest + " = 1\nprint(" + longest + ")\n", "t.py")));
  auto result = compile("x = 1\nobj." + std::string(256, 'b') + " = 2\n", "t.py");
  const auto* failure = std::get_if<CompileFailure>(&result);
  REQUIRE(failure != nullptr);
  CHECK(failure->stderr_text == "RuntimeError: name too long\n");
  CHECK(failure->kind == CompileFailure::Kind::runtime);
  CHECK(failure->line == 0);
}

TEST_CASE("a dotted import name over 255 bytes is a name-too-long error though each part is short") {
  const std::string part(127, 'p');
  CHECK(std::holds_alternative<Bytes>(compile("import " + part + "." + part + "\n", "t.py")));  // 255 bytes
  auto result = compile("import " + part + "." + part + "q as m\n", "t.py");
  const auto* failure = std::get_if<CompileFailure>(&result);
  REQUIRE(failure != nullptr);
  CHECK(failure->stderr_text == "RuntimeError: name too long\n");
}
