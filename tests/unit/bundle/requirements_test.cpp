// Tests of bundle/requirements: pip lines with pins, circup_dependencies and bundle pins.
#include <doctest/doctest.h>

#include "bundle/requirements.hpp"

using namespace cpy::bundle;

TEST_CASE("requirement lines keep == pins and drop comments, markers, options and Blinka") {
  const auto reqs = parse_requirements(
      "# a comment\nAdafruit-Blinka\nadafruit-circuitpython-register==1.9.0  # pinned\n"
      "adafruit-circuitpython-busdevice>=5.0; python_version >= '3.7'\n-r other.txt\n\nneopixel[extra]~=6.0\n");
  REQUIRE(reqs.size() == 3);
  CHECK(reqs[0].name == "adafruit_register");
  CHECK(reqs[0].pin == "1.9.0");
  CHECK(reqs[0].line == 3);
  CHECK(reqs[1].name == "adafruit_bus_device");
  CHECK(reqs[1].pin.empty());
  CHECK(reqs[2].name == "neopixel");
}

TEST_CASE("circup_dependencies is read as a list, a multi-line list or a string") {
  CHECK(parse_circup_dependencies("[project]\nname='x'\n[circup]\ncircup_dependencies = [\"a\", 'b']\n") ==
        std::vector<std::string>{"a", "b"});
  CHECK(parse_circup_dependencies("[circup]\ncircup_dependencies = [\n  \"a\",\n  \"b\",\n]\n") ==
        std::vector<std::string>{"a", "b"});
  CHECK(parse_circup_dependencies("[circup]\ncircup_dependencies = \"one\"\n") == std::vector<std::string>{"one"});
  CHECK(parse_circup_dependencies("[other]\ncircup_dependencies = [\"a\"]\n").empty());
}

TEST_CASE("bundle pins come from tool.cpytool and tool.circup tables") {
  const auto pins = parse_bundle_pins(
      "[tool.circup.bundle-versions]\n\"adafruit/Adafruit_CircuitPython_Bundle\" = \"20250101\"\n"
      "[tool.cpytool.bundle-versions]\n\"me/My_Bundle\" = '1.0'\n[project]\nname = \"x\"\n");
  REQUIRE(pins.size() == 2);
  CHECK(pins.at("adafruit/Adafruit_CircuitPython_Bundle") == "20250101");
  CHECK(pins.at("me/My_Bundle") == "1.0");
}
