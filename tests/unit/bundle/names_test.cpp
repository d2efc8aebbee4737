// Tests of bundle/names: the canonical module name of PyPI, repo and typed names.
#include <doctest/doctest.h>

#include "bundle/names.hpp"

using namespace cpy::bundle;

TEST_CASE("PyPI names become module names") {
  CHECK(normalise_name("adafruit-circuitpython-bme280") == "adafruit_bme280");
  CHECK(normalise_name("Adafruit_CircuitPython_Register") == "adafruit_register");
  CHECK(normalise_name("adafruit-circuitpython-display-text") == "adafruit_display_text");
}

TEST_CASE("irregular names go through the alias map") {
  CHECK(normalise_name("adafruit-circuitpython-busdevice") == "adafruit_bus_device");
  CHECK(normalise_name("adafruit-circuitpython-neopixel") == "neopixel");
  CHECK(normalise_name("adafruit-circuitpython-sd") == "adafruit_sdcard");
  CHECK(normalise_name("neopixel") == "neopixel");
}

TEST_CASE("host-only packages are recognised in any spelling") {
  CHECK(is_host_only_package("Adafruit-Blinka"));
  CHECK(is_host_only_package("adafruit-circuitpython-typing"));
  CHECK(is_host_only_package("pyserial"));
  CHECK(!is_host_only_package("adafruit-circuitpython-bme280"));
}

TEST_CASE("a repository URL gives the module it provides") {
  CHECK(module_from_repo("https://github.com/adafruit/Adafruit_CircuitPython_NeoPixel.git") == "neopixel");
  CHECK(module_from_repo("Adafruit_CircuitPython_LIS3DH") == "adafruit_lis3dh");
}
