// Number helpers: big integers and MicroPython's float text algorithms.
#include <doctest/doctest.h>

#include <cmath>

#include "mpycross/bigint.hpp"
#include "mpycross/float_text.hpp"
#include "mpycross/fold.hpp"

using cpy::mpycross::BigInt;
using cpy::mpycross::format_float;
using cpy::mpycross::format_imag;
using cpy::mpycross::parse_float_literal;

TEST_CASE("big integers parse in every base and print in decimal") {
  CHECK(BigInt::parse("ff", 16)->to_string() == "255");
  CHECK(BigInt::parse("1267650600228229401496703205376", 10)->to_string() == "1267650600228229401496703205376");
  CHECK(BigInt(2).pow(100).to_string() == "1267650600228229401496703205376");
  CHECK(!BigInt::parse("12a", 10));
  CHECK(!BigInt::parse("", 10));
}

TEST_CASE("big integer floor division and modulo follow Python signs") {
  BigInt q, r;
  BigInt::floor_divmod(BigInt(-7), BigInt(2), q, r);
  CHECK(q.to_string() == "-4");
  CHECK(r.to_string() == "1");
  BigInt::floor_divmod(BigInt(7), BigInt(-2), q, r);
  CHECK(q.to_string() == "-4");
  CHECK(r.to_string() == "-1");
}

TEST_CASE("big integer bitwise operations use two's complement for negatives") {
  using Op = BigInt::BitOp;
  CHECK(BigInt::bitwise(Op::and_, BigInt(-1), BigInt(255)).to_string() == "255");
  CHECK(BigInt::bitwise(Op::or_, BigInt(-256), BigInt(255)).to_string() == "-1");
  CHECK(BigInt::bitwise(Op::xor_, BigInt(-1), BigInt(1)).to_string() == "-2");
  CHECK(BigInt(-5).shr(1).to_string() == "-3");
  CHECK(BigInt(1).shl(70).to_string() == "1180591620717411303424");
}

TEST_CASE("float repr matches MicroPython's formatter") {
  CHECK(format_float(0.1) == "0.1");
  CHECK(format_float(1.5) == "1.5");
  CHECK(format_float(1.0 / 3) == "0.3333333333333333");
  CHECK(format_float(1e100) == "1e+100");
  CHECK(format_float(-0.0) == "-0.0");
  CHECK(format_float(1e15) == "1000000000000000.0");
  CHECK(format_float(1e16) == "1e+16");
  CHECK(format_float(2.5e-05) == "2.5e-05");
  CHECK(format_float(1e-07) == "1e-07");
  CHECK(format_float(0.1 + 0.2) == "0.30000000000000004");
  CHECK(format_float(INFINITY) == "inf");
  CHECK(format_float(NAN) == "nan");
  CHECK(format_float(3.141592653589793) == "3.141592653589793");
}

TEST_CASE("imaginary constants print without a trailing .0") {
  CHECK(format_imag(3.0) == "3j");
  CHECK(format_imag(1.5) == "1.5j");
  CHECK(format_imag(0.0) == "0j");
}

TEST_CASE("float literals parse to the nearest double for ordinary inputs") {
  CHECK(parse_float_literal("0.1") == 0.1);
  CHECK(parse_float_literal("1e10") == 1e10);
  CHECK(parse_float_literal("1_000.5") == 1000.5);
}

TEST_CASE("constant folding refuses what would raise at runtime") {
  using cpy::mpycross::FoldOp;
  using cpy::mpycross::Num;
  Num one, zero;
  one.i = BigInt(1);
  CHECK(!cpy::mpycross::fold_binary(FoldOp::floordiv, one, zero));
  CHECK(!cpy::mpycross::fold_binary(FoldOp::matmul, one, one));
  Num minus;
  minus.i = BigInt(-1);
  CHECK(!cpy::mpycross::fold_binary(FoldOp::lshift, one, minus));
  auto r = cpy::mpycross::fold_binary(FoldOp::truediv, one, one);
  REQUIRE(r);
  CHECK(r->is_float);
}
