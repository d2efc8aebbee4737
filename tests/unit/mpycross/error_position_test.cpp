// compile(): the line and column a CompileFailure carries, while stderr keeps mpy-cross's exact text.
#include <doctest/doctest.h>

#include <string>
#include <variant>

#include "mpycross/compiler.hpp"

using cpy::mpycross::compile;
using cpy::mpycross::CompileFailure;

namespace {

CompileFailure failure_of(const std::string& source) {
  auto result = compile(source, "t.py");
  auto* failure = std::get_if<CompileFailure>(&result);
  REQUIRE(failure != nullptr);
  return *failure;
}

}  // namespace

TEST_CASE("a syntax error carries the line and column of the token the parser stopped at") {
  auto f = failure_of("x = 1\ny = (2 +\n     3 3)\n");
  CHECK(f.line == 3);
  CHECK(f.column == 8);
  CHECK(f.stderr_text ==
        "Traceback (most recent call last):\r\n  File \"t.py\", line 3\nSyntaxError: invalid syntax\n");
}

TEST_CASE("an unexpected indent is reported at the first token of the indented line") {
  auto f = failure_of("x = 1\n    y = 2\n");
  CHECK(f.kind == CompileFailure::Kind::indentation);
  CHECK(f.line == 2);
  CHECK(f.column == 5);
}

TEST_CASE("a tab counts up to the next multiple of eight in the column") {
  auto f = failure_of("if x:\n\ty = = 2\n");
  CHECK(f.line == 2);
  CHECK(f.column == 13);
}

TEST_CASE("a bad number literal is reported at the literal") {
  auto f = failure_of("value = 0x\n");
  CHECK(f.column == 9);
  CHECK(f.stderr_text.ends_with("SyntaxError: invalid syntax for integer with base 16: ''\n"));
}

TEST_CASE("errors found after parsing have a line but no column") {
  auto f = failure_of("def f():\n    return 1\nreturn 2\n");
  CHECK(f.line == 3);
  CHECK(f.column == 0);
}

TEST_CASE("an error at the end of the input has the line after the last and no column") {
  auto f = failure_of("x = (1,\n");
  CHECK(f.line == 2);
  CHECK(f.column == 0);
}
