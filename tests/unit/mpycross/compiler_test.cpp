// compile(): exact bytes for the spec's worked examples, and mpy-cross-style errors.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "mpycross/compiler.hpp"

using cpy::mpycross::compile;
using cpy::mpycross::CompileFailure;
using Bytes = std::vector<std::uint8_t>;

namespace {

Bytes bytes_of(const cpy::mpycross::CompileResult& r) {
  auto* b = std::get_if<Bytes>(&r);
  REQUIRE(b != nullptr);
  return *b;
}

std::string error_of(const cpy::mpycross::CompileResult& r) {
  auto* f = std::get_if<CompileFailure>(&r);
  REQUIRE(f != nullptr);
  return f->stderr_text;
}

}  // namespace

TEST_CASE("compiling the annotated example of the spec gives its exact 72 bytes") {
  const Bytes expected = {0x43, 0x06, 0x00, 0x1F, 0x07, 0x00, 0x0A, 0x74, 0x31, 0x2E, 0x70, 0x79, 0x00, 0x0F, 0x02,
                          0x66, 0x00, 0x02, 0x78, 0x00, 0x81, 0x77, 0x02, 0x61, 0x00, 0x02, 0x62, 0x00, 0x81, 0x6C,
                          0x10, 0x06, 0x01, 0x23, 0x48, 0x81, 0x16, 0x03, 0x82, 0x2A, 0x01, 0x53, 0x33, 0x00, 0x16,
                          0x02, 0x11, 0x04, 0x11, 0x02, 0x11, 0x03, 0x34, 0x01, 0x34, 0x01, 0x59, 0x51, 0x63, 0x01,
                          0x58, 0x9A, 0x01, 0x08, 0x02, 0x05, 0x06, 0x40, 0xB0, 0xB1, 0xF2, 0x63};
  auto result = compile("x = 1\ndef f(a, b=2):\n    return a + b\nprint(f(x))\n", "t1.py");
  CHECK(bytes_of(result) == expected);
}

TEST_CASE("dead code after return emits no bytes but still counts locals and lines") {
  auto out = bytes_of(compile("def f():\n    return 1\n    x = 2\n    y = 3\n", "d.py"));
  const Bytes fun = {0x10, 0x08, 0x02, 0x20, 0x22, 0x20, 0x81, 0x63};
  CHECK(std::search(out.begin(), out.end(), fun.begin(), fun.end()) != out.end());
}

TEST_CASE("the -s name is stored as qstr 0 and -msmall-int-bits changes the header") {
  cpy::mpycross::Options options;
  options.small_int_bits = 63;
  auto out = bytes_of(compile("pass\n", "custom/name.py", options));
  CHECK(out[3] == 63);
  const std::string name = "custom/name.py";
  CHECK(std::search(out.begin(), out.end(), name.begin(), name.end()) != out.end());
}

TEST_CASE("parser errors have no scope part in the traceback") {
  CHECK(error_of(compile("x = 1 +\n", "err.py")) ==
        "Traceback (most recent call last):\r\n  File \"err.py\", line 1\nSyntaxError: invalid syntax\n");
}

TEST_CASE("compiler errors name the scope and use CircuitPython's CRLF lines") {
  CHECK(error_of(compile("def f(a, a): pass\n", "dup.py")) ==
        "Traceback (most recent call last):\r\n  File \"dup.py\", line 1, in f\r\nSyntaxError: argument name reused\n");
}

TEST_CASE("an indented first line is an IndentationError") {
  CHECK(error_of(compile("  x = 1\n", "i.py")).find("IndentationError: unexpected indent") != std::string::npos);
}

TEST_CASE("a leading-zero integer literal is rejected like the reference") {
  CHECK(error_of(compile("x = 0777\n", "z.py")).find("invalid syntax for integer with base 0: '0777'") !=
        std::string::npos);
}

TEST_CASE("pathological nesting is rejected instead of crashing") {
  std::string src = "x = " + std::string(20000, '(') + "1" + std::string(20000, ')') + "\n";
  CHECK(error_of(compile(src, "deep.py")).find("maximum recursion depth") != std::string::npos);
}
