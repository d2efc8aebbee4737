// Tests of bundle/imports: the import scan used by install --auto.
#include <doctest/doctest.h>

#include "bundle/imports.hpp"

using namespace cpy::bundle;

namespace {
std::vector<std::string> names(const std::string& src) {
  std::vector<std::string> out;
  for (const auto& i : scan_imports(src))
    out.push_back((i.level ? std::string(static_cast<std::size_t>(i.level), '.') : "") + i.name);
  return out;
}
}  // namespace

TEST_CASE("import and from-import statements give module names") {
  CHECK(names("import board, neopixel as np\nfrom adafruit_display_text import label\n") ==
        std::vector<std::string>{"board", "neopixel", "adafruit_display_text", "adafruit_display_text.label"});
}

TEST_CASE("imports inside strings and comments are ignored; parentheses and semicolons work") {
  const std::string src =
      "# import fake\ns = 'import nope'\nt = \"\"\"\nimport nope2\n\"\"\"\n"
      "from adafruit_register import (\n  i2c_bit,\n  i2c_bits as b,\n)\nimport time; import adafruit_bme280.basic\n"
      "def f():\n    import helper\n";
  CHECK(names(src) == std::vector<std::string>{"adafruit_register", "adafruit_register.i2c_bit",
                                               "adafruit_register.i2c_bits", "time", "adafruit_bme280.basic",
                                               "helper"});
}

TEST_CASE("relative imports keep their level and star imports are dropped") {
  CHECK(names("from . import sibling\nfrom .pkg import *\n") == std::vector<std::string>{".sibling", ".pkg"});
}
