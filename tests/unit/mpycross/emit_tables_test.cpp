// EmitTables: the constant table finds the first equal constant (hashed lookup instead of the reference's scan).
#include <doctest/doctest.h>

#include <cmath>

#include "mpycross/emitter.hpp"

using cpy::mpycross::EmitTables;
using cpy::mpycross::Obj;

namespace {

Obj str(const std::string& text) {
  Obj o = Obj::make(Obj::Type::str);
  o.text = text;
  return o;
}

Obj tuple(std::vector<Obj> items) {
  Obj o = Obj::make(Obj::Type::tuple);
  o.items = std::move(items);
  return o;
}

}  // namespace

TEST_CASE("equal constants share the index of their first use") {
  EmitTables tables("t.py");
  CHECK(tables.use_const(str("a long string constant")) == 0);
  CHECK(tables.use_const(Obj::real(1.5)) == 1);
  CHECK(tables.use_const(str("another long string")) == 2);
  CHECK(tables.use_const(str("a long string constant")) == 0);
  CHECK(tables.use_const(Obj::real(1.5)) == 1);
  CHECK(tables.consts().size() == 3);
}

TEST_CASE("constants equal only in value across types stay apart") {
  EmitTables tables("t.py");
  Obj bytes = Obj::make(Obj::Type::bytes);
  bytes.text = "same text here";
  CHECK(tables.use_const(str("same text here")) == 0);
  CHECK(tables.use_const(bytes) == 1);
  CHECK(tables.use_const(Obj::real(2.0)) == 2);
  Obj imag = Obj::make(Obj::Type::complex_);
  imag.f = 2.0;
  CHECK(tables.use_const(imag) == 3);
}

TEST_CASE("0.0 and -0.0 are different constants and a NaN matches only its own node") {
  EmitTables tables("t.py");
  CHECK(tables.use_const(Obj::real(0.0)) == 0);
  CHECK(tables.use_const(Obj::real(-0.0)) == 1);
  int node_a = 0, node_b = 0;
  CHECK(tables.use_const(Obj::real(NAN), &node_a) == 2);
  CHECK(tables.use_const(Obj::real(NAN), &node_a) == 2);
  CHECK(tables.use_const(Obj::real(NAN), &node_b) == 3);
  CHECK(tables.use_const(Obj::real(NAN)) == 4);
}

TEST_CASE("an identity match wins only when it comes before an equal constant") {
  EmitTables tables("t.py");
  int node = 0;
  CHECK(tables.use_const(Obj::real(3.0)) == 0);
  CHECK(tables.use_const(Obj::real(4.0), &node) == 1);
  CHECK(tables.use_const(Obj::real(3.0), &node) == 0);  // the equal constant at 0 comes first
}

TEST_CASE("tuples are equal by their items") {
  EmitTables tables("t.py");
  CHECK(tables.use_const(tuple({Obj::integer(cpy::mpycross::BigInt(1)), str("x")})) == 0);
  CHECK(tables.use_const(tuple({Obj::integer(cpy::mpycross::BigInt(1)), str("y")})) == 1);
  CHECK(tables.use_const(tuple({Obj::integer(cpy::mpycross::BigInt(1)), str("x")})) == 0);
  CHECK(tables.use_const(tuple({})) == 2);
}

TEST_CASE("a thousand distinct constants get a thousand indices in order") {
  EmitTables tables("t.py");
  for (int i = 0; i < 1000; ++i)
    CHECK(tables.use_const(str("constant number " + std::to_string(i))) == static_cast<std::uint32_t>(i));
  for (int i = 999; i >= 0; --i)
    CHECK(tables.use_const(str("constant number " + std::to_string(i))) == static_cast<std::uint32_t>(i));
}
