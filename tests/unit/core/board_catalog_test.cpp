// Tests of core/board_catalog: parsing, lookup and the shipped data/boards.json.
#include <doctest/doctest.h>

#include <algorithm>

#include "core/atomic_file.hpp"
#include "core/board_catalog.hpp"

using namespace cpy;

TEST_CASE("the board catalog maps a board id to its frozen library repositories") {
  auto catalog = BoardCatalog::parse(
      R"({"boards": {"b1": {"name": "Board One", "frozen": ["Adafruit_CircuitPython_NeoPixel"], "usb_vid": "0x239A"},
                     "b2": {"name": "Board Two"}}})",
      "test");
  REQUIRE(catalog.ok());
  CHECK(catalog->size() == 2);
  REQUIRE(catalog->find("b1"));
  CHECK(catalog->find("b1")->frozen == std::vector<std::string>{"Adafruit_CircuitPython_NeoPixel"});
  CHECK(catalog->find("b2")->frozen.empty());
  CHECK(catalog->find("b3") == nullptr);
}

TEST_CASE("a catalog without a boards object is rejected with its origin") {
  auto catalog = BoardCatalog::parse("[1, 2]", "x.json");
  REQUIRE(!catalog.ok());
  CHECK(catalog.error().message.find("x.json") != std::string::npos);
}

TEST_CASE("the project's data/boards.json is the shared catalog") {
  auto text = read_file(std::string(CPY_SOURCE_DIR) + "/data/boards.json");
  REQUIRE(text.ok());
  auto catalog = BoardCatalog::parse(*text, "data/boards.json");
  REQUIRE(catalog.ok());
  CHECK(catalog->size() > 600);
  const BoardInfo* cpx = catalog->find("circuitplayground_express");
  REQUIRE(cpx);
  CHECK(std::find(cpx->frozen.begin(), cpx->frozen.end(), "Adafruit_CircuitPython_NeoPixel") != cpx->frozen.end());
}

TEST_CASE("catalog fields of other types, nested objects and unknown keys are skipped without harm") {
  auto catalog = BoardCatalog::parse(
      R"({"version": 3, "boards": {
            "b1": {"name": "One", "usb": {"name": "not the board name"}, "frozen": ["A", 7, ["B"], "C"], "mcu": 1},
            "b2": "not an object", "b3": {"frozen": {"x": "y"}, "port": "atmel-samd"}},
          "frozen": ["outside"]})",
      "test");
  REQUIRE(catalog.ok());
  CHECK(catalog->size() == 2);
  CHECK(catalog->find("b1")->name == "One");
  CHECK(catalog->find("b1")->mcu.empty());
  CHECK(catalog->find("b1")->frozen == std::vector<std::string>{"A", "C"});
  CHECK(catalog->find("b2") == nullptr);
  CHECK(catalog->find("b3")->frozen.empty());
  CHECK(catalog->find("b3")->port == "atmel-samd");
}

TEST_CASE("truncated or malformed catalog JSON is an error, never a partial catalog") {
  CHECK(!BoardCatalog::parse(R"({"boards": {"b1": {"name": "One"})", "t").ok());
  CHECK(!BoardCatalog::parse(R"({"boards": [1]})", "t").ok());
  CHECK(!BoardCatalog::parse("", "t").ok());
  CHECK(!BoardCatalog::parse(R"({"boards": {"b1": {"name": "One",}}})", "t").ok());
}

TEST_CASE("one board read alone from the shipped catalog equals the same board from the whole catalog") {
  const auto all = BoardCatalog::load_default();
  REQUIRE(all.ok());
  std::size_t checked = 0;
  for (const auto& id : all->ids()) {
    const auto one = BoardCatalog::load_board(id);
    REQUIRE(one.ok());
    REQUIRE(one->has_value());
    const BoardInfo& a = **one;
    const BoardInfo& b = *all->find(id);
    CHECK(a.id == b.id);
    CHECK(a.name == b.name);
    CHECK(a.usb_vid == b.usb_vid);
    CHECK(a.usb_pid == b.usb_pid);
    CHECK(a.frozen == b.frozen);
    ++checked;
  }
  CHECK(checked == all->size());
  const auto missing = BoardCatalog::load_board("no_such_board");
  REQUIRE(missing.ok());
  CHECK(!missing->has_value());
  CHECK(!BoardCatalog::load_board("boards")->has_value());
}
