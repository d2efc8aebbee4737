// Tests of bundle/index: the JSON index and the fallback built from the zip.
#include <doctest/doctest.h>

#include "bundle/archive.hpp"
#include "bundle/index.hpp"
#include "bundle_test_util.hpp"

using namespace cpy;
using namespace cpy::bundle;

TEST_CASE("the bundle JSON gives versions, packages, repos and normalised dependencies") {
  auto index = BundleIndex::from_json(
      R"({"adafruit_bme280": {"dependencies": ["adafruit_bus_device", "Adafruit-Blinka"], "package": true,
          "path": "lib/adafruit_bme280", "pypi_name": "adafruit-circuitpython-bme280",
          "repo": "https://github.com/adafruit/adafruit_circuitpython_bme280", "version": "2.6.28"},
          "neopixel": {"dependencies": [], "package": false, "version": "6.3.11"}})",
      "x.json");
  REQUIRE(index.ok());
  const Library* bme = index->find("adafruit_bme280");
  REQUIRE(bme);
  CHECK(bme->package);
  CHECK(bme->version == "2.6.28");
  CHECK(bme->dependencies == std::vector<std::string>{"adafruit_bus_device"});
  CHECK(index->names() == std::vector<std::string>{"adafruit_bme280", "neopixel"});
}

TEST_CASE("broken bundle JSON is a bad-input error naming the file") {
  auto index = BundleIndex::from_json("{\"a\": 3}", "b-1.json");
  REQUIRE(!index.ok());
  CHECK(index.error().message.find("b-1.json") != std::string::npos);
  CHECK(!BundleIndex::from_json("{", "b-1.json").ok());
}

TEST_CASE("without JSON the index comes from lib/, requirements.txt and pyproject.toml in the zip") {
  test::TempDir dir;
  const auto zip = dir.path / "b-py-1.zip";
  REQUIRE(test::write_zip(zip, {{"b-py-1/lib/adafruit_register/__init__.py", "__version__ = \"1.10.0\"\n"},
                                {"b-py-1/lib/adafruit_register/i2c_bit.py", ""},
                                {"b-py-1/lib/adafruit_bus_device/__init__.py", "__version__: str = '5.2.10'\n"},
                                {"b-py-1/lib/adafruit_display_text/__init__.py", "__version__ = '3.2.2'"},
                                {"b-py-1/lib/neopixel.py", "__version__ = '6.3.11'"},
                                {"b-py-1/requirements/adafruit_register/requirements.txt",
                                 "Adafruit-Blinka\nadafruit-circuitpython-busdevice\n"},
                                {"b-py-1/requirements/adafruit_display_text/pyproject.toml",
                                 "[circup]\ncircup_dependencies = [\"neopixel\"]\n"}}));
  auto archive = open_zip(zip);
  REQUIRE(archive.ok());
  const auto index = BundleIndex::from_archive(**archive);
  CHECK(index.names() ==
        std::vector<std::string>{"adafruit_bus_device", "adafruit_display_text", "adafruit_register", "neopixel"});
  CHECK(index.find("adafruit_register")->dependencies == std::vector<std::string>{"adafruit_bus_device"});
  CHECK(index.find("adafruit_register")->version == "1.10.0");
  CHECK(index.find("adafruit_bus_device")->version == "5.2.10");
  CHECK(index.find("adafruit_display_text")->dependencies == std::vector<std::string>{"neopixel"});
  CHECK(!index.find("neopixel")->package);
  CHECK(module_files(**archive, "adafruit_register").size() == 2);
  CHECK(module_files(**archive, "neopixel") == std::vector<std::string>{"lib/neopixel.py"});
}
