// Tests of bundle/resolve: transitive dependencies, unknown names with suggestions, frozen names skipped.
#include <doctest/doctest.h>

#include "bundle/resolve.hpp"

using namespace cpy;
using namespace cpy::bundle;

namespace {

BundleSet bundle_set(const std::string& json) {
  LoadedBundle b;
  b.source = remote_source("a/B", SourceKind::builtin);
  b.index = *BundleIndex::from_json(json, "test");
  BundleSet set;
  set.add(std::move(b));
  return set;
}

const char* k_json = R"({
  "adafruit_bus_device": {"dependencies": []},
  "adafruit_register": {"dependencies": ["adafruit_bus_device"]},
  "adafruit_bme280": {"dependencies": ["adafruit_bus_device", "adafruit_register"]},
  "neopixel": {"dependencies": ["adafruit_pixelbuf"]},
  "adafruit_pixelbuf": {"dependencies": []},
  "loop_a": {"dependencies": ["loop_b"]},
  "loop_b": {"dependencies": ["loop_a"]}})";

}  // namespace

TEST_CASE("install order puts dependencies first and each module once") {
  const auto set = bundle_set(k_json);
  const auto r = resolve({"adafruit-circuitpython-bme280", "adafruit_register"}, set);
  CHECK(r.order == std::vector<std::string>{"adafruit_bus_device", "adafruit_register", "adafruit_bme280"});
  CHECK(r.unknown.empty());
  CHECK(r.required_by.at("adafruit_bus_device") == "adafruit_bme280");
}

TEST_CASE("dependency cycles terminate") {
  const auto r = resolve({"loop_a"}, bundle_set(k_json));
  CHECK(r.order.size() == 2);
}

TEST_CASE("unknown names are reported with the closest known name") {
  const auto r = resolve({"adafruit_bme28", "Adafruit-Blinka"}, bundle_set(k_json));
  CHECK(r.order.empty());
  REQUIRE(r.unknown == std::vector<std::string>{"adafruit_bme28"});
  CHECK(r.suggestions.at("adafruit_bme28") == "adafruit_bme280");
}

TEST_CASE("frozen modules are skipped and their dependencies are not pulled in") {
  const auto r = resolve({"neopixel", "adafruit_register"}, bundle_set(k_json), {"neopixel"});
  CHECK(r.order == std::vector<std::string>{"adafruit_bus_device", "adafruit_register"});
  CHECK(r.skipped == std::vector<std::string>{"neopixel"});
}
