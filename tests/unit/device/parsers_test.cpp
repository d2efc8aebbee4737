// Parsers of what boards print: help('modules'), the identity probe, console decorations.
#include <doctest/doctest.h>

#include <algorithm>

#include "device/serial/console_text.hpp"
#include "device/serial/identity.hpp"
#include "device/serial/modules.hpp"

using namespace cpy::device;

namespace {

// A Circuit Playground Express style listing, laid out as builtinhelp.c does (4 columns of 18).
const char* k_cpx_modules =
    "__main__          adafruit_hid/mouse  digitalio         neopixel\r\n"
    "adafruit_circuitplayground/__init__                     gc                os\r\n"
    "adafruit_circuitplayground/express                      math              supervisor\r\n"
    "adafruit_hid/__init__                                   microcontroller   time\r\n"
    "adafruit_hid/keyboard                                   board\r\n"
    "Plus any modules on the filesystem\r\n";

}  // namespace

TEST_CASE("help('modules') folds frozen packages and drops the last line whatever its wording") {
  const auto list = parse_modules(k_cpx_modules);
  CHECK(list.frozen == std::vector<std::string>{"adafruit_circuitplayground", "adafruit_hid"});
  CHECK(list.frozen_modules == std::vector<std::string>{"adafruit_circuitplayground",
                                                        "adafruit_circuitplayground.express", "adafruit_hid",
                                                        "adafruit_hid.keyboard", "adafruit_hid.mouse"});
  CHECK(std::find(list.builtin.begin(), list.builtin.end(), "board") != list.builtin.end());
  CHECK(std::find(list.builtin.begin(), list.builtin.end(), "__main__") == list.builtin.end());
  const auto german = parse_modules("os                time\r\nPlus alle Module im Dateisystem\r\n");
  CHECK(german.builtin == std::vector<std::string>{"os", "time"});
}

TEST_CASE("single-file frozen libraries are frozen when the caller knows them") {
  const auto list = parse_modules(k_cpx_modules, {"neopixel"});
  CHECK(std::find(list.frozen.begin(), list.frozen.end(), "neopixel") != list.frozen.end());
  CHECK(std::find(list.builtin.begin(), list.builtin.end(), "neopixel") == list.builtin.end());
}

TEST_CASE("help('modules') output is cut at the raw REPL's end marker") {
  const auto list = parse_modules("os                time\r\nPlus any modules on the filesystem\r\n\x04junk junk\r\n");
  CHECK(list.builtin == std::vector<std::string>{"os", "time"});
}

TEST_CASE("the identity probe's output gives version, board, UID, mpy version and safe-mode state") {
  auto id = parse_identity(
      "impl=circuitpython\r\nversion=9.2.8\r\ntag=9.2.8\r\nmachine=Raspberry Pi Pico with rp2040\r\nmpy=774\r\n"
      "board_id=raspberry_pi_pico\r\nuid=E6647C15675E522D\r\nsafe_mode=supervisor.SafeModeReason.NONE\r\n");
  REQUIRE(id.ok());
  CHECK(id->board_id == "raspberry_pi_pico");
  CHECK(id->mpy_version() == 6);
  CHECK(id->mpy_sub_version() == 3);
  CHECK(id->mpy_arch() == "none");
  CHECK_FALSE(id->in_safe_mode());
  auto safe = parse_identity("impl=circuitpython\nmpy=4870\nsafe_mode=supervisor.SafeModeReason.USER\n");
  REQUIRE(safe.ok());
  CHECK(safe->in_safe_mode());
  CHECK(safe->safe_mode_reason == "USER");
  CHECK(safe->mpy_arch() == "armv6m");  // 0x1306
}

TEST_CASE("output that is not the probe's is an error, not an empty identity") {
  CHECK_FALSE(parse_identity("Traceback (most recent call last):\r\n").ok());
}

TEST_CASE("CRLF becomes LF even when a chunk ends between CR and LF") {
  CrlfToLf lines;
  std::string out = lines.feed("a\r");
  out += lines.feed("\nb\rc\r");
  out += lines.finish();
  CHECK(out == "a\nb\rc\r");
}

TEST_CASE("status-bar titles and line clears are removed, colours kept, across chunk boundaries") {
  ConsoleFilter filter;
  std::string out = filter.feed("x\x1b]0;\xf0\x9f\x90\x8d code.py | 9.2");
  out += filter.feed(".8\x1b");
  out += filter.feed("\\y\x1b[2K\x1b[0Gcode.py output:\x1b[31mred\x1b[0m");
  CHECK(out == "xycode.py output:\x1b[31mred\x1b[0m");
}
