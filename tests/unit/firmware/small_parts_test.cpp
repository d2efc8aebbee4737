// settings.toml lookups, REPL continuation rules, identity lines, virtual pins and their trace.
#include <doctest/doctest.h>

#include "firmware/supervisor/board_identity.hpp"
#include "firmware/supervisor/repl_input.hpp"
#include "firmware/supervisor/settings_toml.hpp"
#include "firmware/supervisor/virtual_pins.hpp"

using namespace cpy::firmware;

TEST_CASE("settings.toml gives strings and integers of top-level keys only") {
  std::string toml =
      "# comment\nCIRCUITPY_WEB_API_PASSWORD = \"pa\\\"ss\"\nCIRCUITPY_WEB_API_PORT=8080 # c\n"
      "BAD = [1]\n[table]\nINNER = 1\n";
  CHECK(std::get<std::string>(*settings_lookup(toml, "CIRCUITPY_WEB_API_PASSWORD")) == "pa\"ss");
  CHECK(std::get<long long>(*settings_lookup(toml, "CIRCUITPY_WEB_API_PORT")) == 8080);
  CHECK_FALSE(settings_lookup(toml, "BAD"));
  CHECK_FALSE(settings_lookup(toml, "INNER"));
  CHECK_FALSE(settings_lookup(toml, "MISSING"));
}

TEST_CASE("REPL input needs continuation for open brackets, strings, colons and compound statements") {
  CHECK(repl_input_complete("1 + 1"));
  CHECK_FALSE(repl_input_complete("print((1,"));
  CHECK(repl_input_complete("print((1,\n2))"));
  CHECK_FALSE(repl_input_complete("s = '''abc"));
  CHECK_FALSE(repl_input_complete("x = 1 + \\"));
  CHECK_FALSE(repl_input_complete("for i in range(3):"));
  CHECK_FALSE(repl_input_complete("for i in range(3):\n    print(i)"));
  CHECK(repl_input_complete("for i in range(3):\n    print(i)\n    "));
  CHECK(repl_input_complete("s = '#(' # ("));
  CHECK(repl_input_complete("format = 1"));
}

TEST_CASE("auto-indent keeps the indent and adds four spaces after a colon") {
  CHECK(repl_auto_indent("if x:") == "    ");
  CHECK(repl_auto_indent("if x:\n    y = 1") == "    ");
  CHECK(repl_auto_indent("if x:\n    if y:") == "        ");
  CHECK(repl_auto_indent("if x:\n    ") == "");
}

TEST_CASE("the version line and boot_out header follow CircuitPython's format") {
  BoardIdentity id;
  id.version_tag = version_tag_for("0.1.0");
  id.build_date = "2026-11-26";
  id.board_name = "cpytool virtual board";
  id.mcu_name = "host";
  id.board_id = "cpytool_virtual_board";
  id.uid = uid_from_seed("x");
  CHECK(id.version_line() ==
        "Adafruit CircuitPython 10.2.0-cpytool.0.1.0 on 2026-11-26; cpytool virtual board with host");
  CHECK(id.release() == "10.2.0");
  CHECK(id.uid_hex().size() == 16);
  CHECK(uid_from_seed("x") == uid_from_seed("x"));
  CHECK(uid_from_seed("x") != uid_from_seed("y"));
  CHECK(id.boot_out_header().ends_with("\r\nBoard ID:cpytool_virtual_board\r\nUID:" + id.uid_hex() + "\r\n"));
}

namespace {
struct Lines : TraceSink {
  std::vector<std::string> lines;
  void record(const std::string& line) override { lines.push_back(line); }
};
}  // namespace

TEST_CASE("a claimed pin is in use until released; changes and resets are traced") {
  ScaledClock clock(1000.0);
  Lines trace;
  VirtualPins pins(virtual_board_definition(), clock, &trace);
  int led = *pins.definition().find_board_pin("LED");
  REQUIRE(pins.claim(led));
  auto again = pins.claim(led);
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().message == "LED in use");
  pins.set_direction(led, Direction::output);
  pins.set_output(led, true);
  CHECK(pins.read(led));
  pins.reset_all();
  CHECK_FALSE(pins.state(led).in_use);
  REQUIRE(trace.lines.size() == 4);
  CHECK(trace.lines[2].find("\"pin\":\"LED\",\"mcu_pin\":\"GPIO25\",\"event\":\"value\",\"value\":true") !=
        std::string::npos);
  CHECK(trace.lines[3].find("\"event\":\"reset\"") != std::string::npos);
  CHECK(pins.definition().pin_repr(led) == "board.LED");
}

TEST_CASE("input pins read their pull, then the outside level") {
  ScaledClock clock(1.0);
  VirtualPins pins(virtual_board_definition(), clock, nullptr);
  int button = *pins.definition().find_board_pin("BUTTON");
  REQUIRE(pins.claim(button));
  CHECK_FALSE(pins.read(button));
  pins.set_pull(button, Pull::up);
  CHECK(pins.read(button));
}

TEST_CASE("the scaled clock advances virtual time by exactly the slept amount") {
  ScaledClock clock(100.0);
  std::atomic<bool> cancel{false};
  auto before = clock.now_ns();
  REQUIRE(clock.sleep_ns(500'000'000, cancel));
  auto after = clock.now_ns();
  CHECK(after - before >= 500'000'000);
  CHECK(after - before < 600'000'000);
}
