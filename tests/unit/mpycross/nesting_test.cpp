// compile(): pathological nesting gives mpy-cross's recursion error instead of overflowing the stack, and long
// flat constructs (which the tree holds as lists, not nesting) still compile.
#include <doctest/doctest.h>

#include <string>
#include <variant>
#include <vector>

#include "mpy/reader.hpp"
#include "mpycross/compiler.hpp"

using cpy::mpycross::compile;
using cpy::mpycross::CompileFailure;
using Bytes = std::vector<std::uint8_t>;

namespace {

std::string repeat(const std::string& s, int n) {
  std::string out;
  out.reserve(s.size() * static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

bool is_recursion_error(const cpy::mpycross::CompileResult& result) {
  const auto* failure = std::get_if<CompileFailure>(&result);
  return failure != nullptr && failure->stderr_text == "RuntimeError: maximum recursion depth exceeded\n" &&
         failure->line == 0;
}

bool compiles_to_valid_mpy(const cpy::mpycross::CompileResult& result) {
  const auto* mpy = std::get_if<Bytes>(&result);
  return mpy != nullptr && cpy::mpy::read_mpy(*mpy).ok();
}

std::string nested_blocks(int depth) {
  std::string src;
  for (int i = 0; i < depth; ++i) src += std::string(static_cast<std::size_t>(i), ' ') + "if x:\n";
  return src + std::string(static_cast<std::size_t>(depth), ' ') + "pass\n";
}

}  // namespace

TEST_CASE("100,000 nested parentheses are a recursion error, not a crash") {
  CHECK(is_recursion_error(compile("x = " + repeat("(", 100000) + "1" + repeat(")", 100000) + "\n", "deep.py")));
}

TEST_CASE("10,000 nested lists, dicts and tuples are recursion errors, not crashes") {
  CHECK(is_recursion_error(compile("x = " + repeat("[", 10000) + repeat("]", 10000) + "\n", "deep.py")));
  CHECK(is_recursion_error(compile("x = " + repeat("{1: ", 10000) + "1" + repeat("}", 10000) + "\n", "deep.py")));
  CHECK(is_recursion_error(compile("x = " + repeat("(1, ", 10000) + repeat(")", 10000) + "\n", "deep.py")));
}

TEST_CASE("100,000 nested unary operators, nots and powers are recursion errors, not crashes") {
  CHECK(is_recursion_error(compile("x = " + repeat("-", 100000) + "1\n", "deep.py")));
  CHECK(is_recursion_error(compile("x = " + repeat("not ", 100000) + "y\n", "deep.py")));
  CHECK(is_recursion_error(compile("x = y" + repeat(" ** y", 100000) + "\n", "deep.py")));
}

TEST_CASE("10,000 nested lambdas, conditional expressions and comprehensions are recursion errors") {
  CHECK(is_recursion_error(compile("x = " + repeat("lambda: ", 10000) + "1\n", "deep.py")));
  CHECK(is_recursion_error(compile("x = " + repeat("1 if y else ", 10000) + "2\n", "deep.py")));
  CHECK(
      is_recursion_error(compile("x = " + repeat("[y for y in ", 10000) + "z" + repeat("]", 10000) + "\n", "deep.py")));
}

TEST_CASE("1,000 nested blocks are a recursion error, not a crash") {
  CHECK(is_recursion_error(compile(nested_blocks(1000), "deep.py")));
}

TEST_CASE("moderate nesting still compiles") {
  CHECK(compiles_to_valid_mpy(compile("x = " + repeat("(", 40) + "y" + repeat(")", 40) + "\n", "ok.py")));
  CHECK(compiles_to_valid_mpy(compile("x = " + repeat("[", 40) + repeat("]", 40) + "\n", "ok.py")));
  CHECK(compiles_to_valid_mpy(compile(nested_blocks(40), "ok.py")));
}

TEST_CASE("100,000 chained calls, subscripts and attributes compile: trailers are a flat list") {
  CHECK(compiles_to_valid_mpy(compile("x = f" + repeat("()", 100000) + "\n", "flat.py")));
  CHECK(compiles_to_valid_mpy(compile("x = a" + repeat("[0]", 100000) + "\n", "flat.py")));
  CHECK(compiles_to_valid_mpy(compile("x = a" + repeat(".b", 100000) + "\n", "flat.py")));
}

TEST_CASE("an expression of 100,000 terms compiles: operands of one level are a flat list") {
  CHECK(compiles_to_valid_mpy(compile("x = y" + repeat(" + y", 100000) + "\n", "flat.py")));
  CHECK(compiles_to_valid_mpy(compile("x = 1" + repeat(" + 1", 100000) + "\n", "flat.py")));
}
