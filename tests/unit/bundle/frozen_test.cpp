// Tests of bundle/frozen: help('modules') listings and the board catalog mapping.
#include <doctest/doctest.h>

#include "bundle/frozen.hpp"

using namespace cpy;
using namespace cpy::bundle;

TEST_CASE("a help('modules') listing gives top-level names and drops the last line") {
  const std::string listing =
      "__main__          adafruit_hid/keyboard analogio        neopixel\r\n"
      "adafruit_hid/__init__ board             digitalio\r\n"
      "Plus any modules on the filesystem\r\n";
  const auto names = parse_help_modules(listing);
  CHECK(names.count("adafruit_hid"));
  CHECK(names.count("neopixel"));
  CHECK(names.count("board"));
  CHECK(!names.count("__main__"));
  CHECK(!names.count("Plus"));
  CHECK(!names.count("filesystem"));
}

TEST_CASE("catalog repositories map to bundle modules through the repo field, else through the name") {
  LoadedBundle b;
  b.index = *BundleIndex::from_json(
      R"({"neopixel": {"repo": "https://github.com/adafruit/adafruit_circuitpython_neopixel"},
          "adafruit_circuitplayground": {"repo": "https://github.com/adafruit/adafruit_circuitpython_circuitplayground"}})",
      "t");
  BundleSet set;
  set.add(std::move(b));
  BoardInfo board;
  board.frozen = {"Adafruit_CircuitPython_NeoPixel", "Adafruit_CircuitPython_CircuitPlayground/frozen_cpx",
                  "Adafruit_CircuitPython_LIS3DH"};
  const auto frozen = frozen_from_catalog(board, set);
  CHECK(frozen == std::set<std::string>{"adafruit_circuitplayground", "adafruit_lis3dh", "neopixel"});
}
