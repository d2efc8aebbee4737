// Import resolution on the drive and in the frozen modules (spec §4).
#include <doctest/doctest.h>

#include "firmware/supervisor/module_finder.hpp"
#include "supervisor_fakes.hpp"

using namespace cpy::firmware;
using cpy::firmware::testing::MemoryDrive;

TEST_CASE("sys.path is ['', '/', '.frozen', '/lib'], with or without frozen modules") {
  MemoryDrive drive;
  FrozenImage frozen;
  ModuleFinder finder(drive, frozen);
  CHECK(finder.default_sys_path() == std::vector<std::string>{"", "/", ".frozen", "/lib"});
  frozen.modules["neopixel.py"] = "C\x06";
  CHECK(finder.default_sys_path() == std::vector<std::string>{"", "/", ".frozen", "/lib"});
}

TEST_CASE("a sibling name.py wins over a folder without __init__ (CircuitPython 10.3)") {
  MemoryDrive drive;
  FrozenImage frozen;
  ModuleFinder finder(drive, frozen);
  drive.put("/lib/thing/helper.py", "a = 1");
  drive.put("/lib/thing.mpy", "C\x06");
  auto thing = finder.find_top_level("thing", finder.default_sys_path());
  REQUIRE(thing);
  CHECK(thing->kind == FoundModule::Kind::mpy);
  CHECK(thing->file == "/lib/thing.mpy");
  drive.put("/lib/thing/__init__.py", "b = 2");
  thing = finder.find_top_level("thing", finder.default_sys_path());
  REQUIRE(thing);
  CHECK(thing->is_package);
  CHECK(thing->file == "/lib/thing/__init__.py");
}

TEST_CASE(".py beats .mpy in one folder, and __file__ follows the sys.path entry") {
  MemoryDrive drive;
  FrozenImage frozen;
  ModuleFinder finder(drive, frozen);
  drive.put("/lib/foo.py", "x = 1");
  drive.put("/lib/foo.mpy", "C\x06");
  drive.put("/bar.py", "y = 2");
  auto foo = finder.find_top_level("foo", finder.default_sys_path());
  REQUIRE(foo);
  CHECK(foo->kind == FoundModule::Kind::source);
  CHECK(foo->file == "/lib/foo.py");
  auto bar = finder.find_top_level("bar", finder.default_sys_path());
  REQUIRE(bar);
  CHECK(bar->file == "bar.py");
  CHECK_FALSE(finder.find_top_level("missing", finder.default_sys_path()));
}

TEST_CASE("packages, namespace packages and submodules") {
  MemoryDrive drive;
  FrozenImage frozen;
  ModuleFinder finder(drive, frozen);
  drive.put("/lib/pkg/__init__.mpy", "C\x06");
  drive.put("/lib/pkg/sub.py", "z = 3");
  drive.put("/lib/ns/mod.py", "w = 4");
  auto pkg = finder.find_top_level("pkg", finder.default_sys_path());
  REQUIRE(pkg);
  CHECK(pkg->is_package);
  CHECK(pkg->kind == FoundModule::Kind::mpy);
  CHECK(pkg->search_path == "/lib/pkg");
  auto sub = finder.find_in(pkg->search_path, "sub");
  REQUIRE(sub);
  CHECK(sub->file == "/lib/pkg/sub.py");
  auto ns = finder.find_top_level("ns", finder.default_sys_path());
  REQUIRE(ns);
  CHECK(ns->kind == FoundModule::Kind::namespace_package);
}

TEST_CASE("frozen modules shadow /lib but not the drive root") {
  MemoryDrive drive;
  FrozenImage frozen;
  frozen.modules["neopixel.py"] = "C\x06frozen";
  frozen.modules["adafruit_hid/__init__.py"] = "C\x06hid";
  frozen.modules["adafruit_hid/keyboard.py"] = "C\x06kb";
  ModuleFinder finder(drive, frozen);
  drive.put("/lib/neopixel.py", "lib copy");
  auto np = finder.find_top_level("neopixel", finder.default_sys_path());
  REQUIRE(np);
  CHECK(np->code == "C\x06frozen");
  CHECK(np->file == "neopixel.py");
  auto hid = finder.find_top_level("adafruit_hid", finder.default_sys_path());
  REQUIRE(hid);
  auto kb = finder.find_in(hid->search_path, "keyboard");
  REQUIRE(kb);
  CHECK(kb->file == "adafruit_hid/keyboard.py");
  drive.put("/neopixel.py", "root copy");
  CHECK(finder.find_top_level("neopixel", finder.default_sys_path())->code == "root copy");
}

TEST_CASE("CircuitPython refuses MicroPython and other-version .mpy files with its messages") {
  CHECK(mpy_refusal(std::string("M\x06\x00\x1f", 4)) == "MicroPython .mpy file; use CircuitPython mpy-cross");
  CHECK(mpy_refusal(std::string("C\x05\x00\x1f", 4)) == "incompatible .mpy file");
  CHECK_FALSE(mpy_refusal(std::string("C\x06\x00\x1f", 4)));
}
