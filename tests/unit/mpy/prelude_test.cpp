// Prelude signature/size packing (spec 3.1-3.2) and line-number tables (3.4).
#include <doctest/doctest.h>

#include "mpy/line_table.hpp"
#include "mpy/prelude.hpp"

using namespace cpy::mpy;

namespace {
std::vector<std::uint8_t> signature(std::uint32_t n_state, std::uint32_t e, std::uint8_t f, std::uint32_t a,
                                    std::uint32_t k = 0, std::uint32_t d = 0) {
  Prelude p;
  p.n_state = n_state, p.n_exc_stack = e, p.scope_flags = f, p.n_pos_args = a, p.n_kwonly_args = k,
  p.n_def_pos_args = d;
  std::vector<std::uint8_t> out;
  encode_prelude_signature(out, p);
  return out;
}
}  // namespace

TEST_CASE("prelude signature matches the examples of spec section 3.1") {
  CHECK(signature(4, 0, 0, 2, 0, 1) == std::vector<std::uint8_t>{0x9A, 0x01});
  CHECK(signature(3, 0, 0, 0) == std::vector<std::uint8_t>{0x10});
  CHECK(signature(13, 0, 1, 1) == std::vector<std::uint8_t>{0xE1, 0x40});
  CHECK(signature(9, 1, 0x11, 1) == std::vector<std::uint8_t>{0xC5, 0xC0, 0x80, 0x80, 0x80, 0x40});
}

TEST_CASE("prelude signature decodes back to the same numbers") {
  for (std::uint32_t s : {1u, 2u, 17u, 300u, 70000u}) {
    for (std::uint32_t a : {0u, 3u, 9u, 200u}) {
      const auto bytes = signature(s, s % 5, static_cast<std::uint8_t>(a % 32), a, a / 3, a / 2);
      const auto d = decode_prelude_signature(bytes, 0);
      REQUIRE(d);
      CHECK(d->size == bytes.size());
      CHECK(d->value.n_state == s);
      CHECK(d->value.n_exc_stack == s % 5);
      CHECK(d->value.scope_flags == a % 32);
      CHECK(d->value.n_pos_args == a);
      CHECK(d->value.n_kwonly_args == a / 3);
      CHECK(d->value.n_def_pos_args == a / 2);
    }
  }
  CHECK_FALSE(decode_prelude_signature(std::vector<std::uint8_t>{0x9A}, 0));
  CHECK_FALSE(decode_prelude_signature(std::vector<std::uint8_t>(20, 0x80), 0));
}

TEST_CASE("prelude size matches the examples of spec section 3.2 and round-trips") {
  Prelude p;
  p.n_info = 6, p.n_cell = 2;
  std::vector<std::uint8_t> out;
  encode_prelude_size(out, p);
  CHECK(out == std::vector<std::uint8_t>{0x8C, 0x01});
  out.clear();
  p.n_info = 3, p.n_cell = 0;
  encode_prelude_size(out, p);
  CHECK(out == std::vector<std::uint8_t>{0x06});
  for (std::uint32_t i : {1u, 63u, 64u, 5000u}) {
    for (std::uint32_t c : {0u, 1u, 7u}) {
      out.clear();
      p.n_info = i, p.n_cell = c;
      encode_prelude_size(out, p);
      Prelude q;
      CHECK(decode_prelude_size(out, 0, q) == out.size());
      CHECK(q.n_info == i);
      CHECK(q.n_cell == c);
    }
  }
}

TEST_CASE("line table entries decode to offset/line pairs") {
  // (3 bytes, 1 line), then 2-byte form (5 bytes, 100 lines)
  const std::vector<std::uint8_t> table{0x23, 0x85 | 0x00, 100};
  const auto lines = decode_line_table(table);
  REQUIRE(lines);
  REQUIRE(lines->size() == 2);
  CHECK((*lines)[0] == LineEntry{3, 2});
  CHECK((*lines)[1] == LineEntry{8, 102});
  CHECK(line_for_offset(*lines, 0) == 1);
  CHECK(line_for_offset(*lines, 3) == 2);
  CHECK(line_for_offset(*lines, 7) == 2);
  CHECK(line_for_offset(*lines, 50) == 102);
  CHECK_FALSE(decode_line_table(std::vector<std::uint8_t>{0x85}));
}

TEST_CASE("line advance encoding follows the mpy-cross loop and decodes back") {
  std::vector<std::uint8_t> out;
  encode_line_advance(out, 3, 1);
  CHECK(out == std::vector<std::uint8_t>{0x23});
  out.clear();
  encode_line_advance(out, 5, 7);  // more than 6 lines, few bytes: 2-byte form
  CHECK(out == std::vector<std::uint8_t>{0x85, 0x07});
  out.clear();
  encode_line_advance(out, 40, 2);  // bytes first, then the lines on the last entry
  CHECK(out == std::vector<std::uint8_t>{0x1F, 0x49});
  for (std::size_t b : {0u, 1u, 15u, 16u, 100u}) {
    for (std::size_t l : {0u, 1u, 6u, 7u, 3000u}) {
      out.clear();
      encode_line_advance(out, b, l);
      const auto lines = decode_line_table(out);
      REQUIRE(lines);
      const LineEntry end = lines->empty() ? LineEntry{0, 1} : lines->back();
      CHECK(end == LineEntry{b, static_cast<std::uint32_t>(1 + l)});
    }
  }
}
