// Recorded console transcripts and boot_out.txt files from device-protocol.md §1, §2.3, §3 and §9, parsed.
#include <doctest/doctest.h>

#include <algorithm>

#include "device/boot_out.hpp"
#include "device/serial/modules.hpp"
#include "device/serial/transcript.hpp"

using namespace cpy::device;

namespace {

const std::string k_lc = "\x1b[2K\x1b[0G";
const std::string k_status = "\x1b]0;\xf0\x9f\x90\x8d code.py | 9.2.8\x1b\\";

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

TEST_CASE("a 9.2 boot transcript with a status bar gives the file that ran and the REPL banner") {
  const std::string text = "\r\n" + k_lc +
                           "Auto-reload is on. Simply save files over USB to run them or enter REPL to " +
                           "disable.\r\n" + k_status + k_lc + "code.py output:\r\nHello World!\r\n\r\nCode done " +
                           "running.\r\n\r\nPress any key to enter the REPL. Use CTRL-D to reload.\r\n\r\n" +
                           "Adafruit CircuitPython 9.2.8 on 2025-05-28; Raspberry Pi Pico with rp2040\r\n>>> ";
  const auto notes = parse_console_notes(text);
  CHECK(notes.code_file == "code.py");
  REQUIRE(notes.banner);
  CHECK(notes.banner->tag == "9.2.8");
  CHECK(notes.banner->date == "2025-05-28");
  CHECK(notes.banner->board_name == "Raspberry Pi Pico");
  CHECK(notes.banner->mcu == "rp2040");
  CHECK_FALSE(notes.safe_mode);
}

TEST_CASE("the 10.3 ordering (auto-reload line after the run) and a dev build tag") {
  const std::string text = k_lc + "main.py output:\r\nhi\r\n\r\nCode done running.\r\n" + k_lc +
                           "Auto-reload is on. Simply save files over USB to run them or enter REPL to disable.\r\n" +
                           "\r\nPress any key to enter the REPL. Use CTRL-D to reload.\r\n\r\n" +
                           "Adafruit CircuitPython 10.3.0-alpha.4-185-gcd3da4a5d8 on 2026-01-10; Adafruit " +
                           "CircuitPlayground Express with displayio with samd21g18\r\n>>> ";
  const auto notes = parse_console_notes(text);
  CHECK(notes.code_file == "main.py");
  REQUIRE(notes.banner);
  CHECK(notes.banner->tag == "10.3.0-alpha.4-185-gcd3da4a5d8");
  CHECK(notes.banner->major() == 10);
  CHECK(notes.banner->board_name == "Adafruit CircuitPlayground Express with displayio");
  CHECK(notes.banner->mcu == "samd21g18");
}

TEST_CASE("repl.py output is not taken for the program, and a soft reboot forgets the last run") {
  auto notes = parse_console_notes("code.py output:\r\nx\r\nrepl.py output:\r\nhello\r\n");
  CHECK(notes.code_file == "code.py");
  notes = parse_console_notes("code.py output:\r\nx\r\nsoft reboot\r\n");
  CHECK(notes.code_file.empty());
  CHECK_FALSE(notes.banner);
}

TEST_CASE("the safe-mode block of 8.1+ gives its reason, and runs no program") {
  const std::string text = "\r\n" + k_lc + "Auto-reload is off.\r\nRunning in safe mode! Not running saved code.\r\n" +
                           "\r\nYou are in safe mode because:\r\nYou pressed the reset button during boot.\r\n" +
                           "Press reset to exit safe mode.\r\n\r\nPress any key to enter the REPL. Use CTRL-D to " +
                           "reload.\r\n";
  const auto notes = parse_console_notes(text);
  CHECK(notes.safe_mode);
  CHECK(notes.safe_mode_reason == "You pressed the reset button during boot.");
  CHECK(notes.code_file.empty());
}

TEST_CASE("a crash reason spans several lines up to 'Press reset'") {
  const auto notes = parse_console_notes(
      "You are in safe mode because:\r\nCircuitPython core code crashed hard. Whoops!\r\nHard fault: memory access "
      "or instruction error.\r\nPlease file an issue with your program at github.com/adafruit/circuitpython/issues."
      "\r\nPress reset to exit safe mode.\r\n");
  CHECK(notes.safe_mode);
  CHECK(notes.safe_mode_reason ==
        "CircuitPython core code crashed hard. Whoops!\nHard fault: memory access or instruction error.\n"
        "Please file an issue with your program at github.com/adafruit/circuitpython/issues.");
}

TEST_CASE("a translated transcript still gives the untranslated banner") {
  const auto notes = parse_console_notes(
      "weicher reboot\r\n\r\nAdafruit CircuitPython 9.2.8 on 2025-05-28; Raspberry Pi Pico with rp2040\r\n>>> ");
  REQUIRE(notes.banner);
  CHECK(notes.banner->tag == "9.2.8");
  CHECK_FALSE(notes.safe_mode);
}

TEST_CASE("boot_out.txt of 7.x stops after Board ID and has no UID") {
  auto b = parse_boot_out(
      "Adafruit CircuitPython 7.3.3 on 2022-08-29; Adafruit Feather M4 Express with samd51j19\r\n"
      "Board ID:feather_m4_express\r\n");
  REQUIRE(b.ok());
  CHECK(b->major() == 7);
  CHECK(b->board_id == "feather_m4_express");
  CHECK(b->uid.empty());
}

TEST_CASE("boot_out.txt with boot.py output ignores look-alike lines printed by boot.py") {
  auto b = parse_boot_out(
      "Adafruit CircuitPython 9.0.3 on 2024-04-04; Raspberry Pi Pico W with rp2040\r\nBoard ID:raspberry_pi_pico_w\r\n"
      "UID:E6614C311B4A8D2F\r\nMAC:28:CD:C1:0A:1B:2C\r\nboot.py output:\r\nBoard ID:not_this_one\r\nUID:NOPE\r\n");
  REQUIRE(b.ok());
  CHECK(b->board_id == "raspberry_pi_pico_w");
  CHECK(b->uid == "E6614C311B4A8D2F");
}

TEST_CASE("boot_out.txt cut at 512 bytes, of a zephyr build, still parses") {
  std::string text =
      "Adafruit CircuitPython 10.0.0-beta.2 on 2025-07-01; Native Sim with native_sim\r\nBoard ID:native_native_sim\r\n"
      "UID:0123456789AB\r\nboot.py output:\r\n";
  text += std::string(512 - text.size(), 'x') + "[truncated due to length]\r\n";
  auto b = parse_boot_out(text);
  REQUIRE(b.ok());
  CHECK(b->tag == "10.0.0-beta.2");
  CHECK(b->board_id == "native_native_sim");
  CHECK(b->uid == "0123456789AB");
}

TEST_CASE("help('modules') with a 17-character name followed by one space is read word by word") {
  // Laid out as builtinhelp.c does; "adafruit_pixelbuf" (17 chars) leaves a single space before the next column.
  const std::string text =
      "__future__        adafruit_pixelbuf busio             neopixel\r\n"
      "__main__          analogio          digitalio         os\r\n"
      "_asyncio          array             gc                supervisor\r\n"
      "adafruit_bus_device/__init__        board             microcontroller   time\r\n"
      "adafruit_bus_device/i2c_device      builtins          math\r\n"
      "Plus any modules on the filesystem\r\n";
  const auto list = parse_modules(text, {"neopixel"});
  CHECK(contains(list.builtin, "adafruit_pixelbuf"));
  CHECK(contains(list.builtin, "busio"));
  CHECK(list.frozen == std::vector<std::string>{"adafruit_bus_device", "neopixel"});
  CHECK(list.frozen_modules ==
        std::vector<std::string>{"adafruit_bus_device", "adafruit_bus_device.i2c_device", "neopixel"});
  CHECK_FALSE(contains(list.builtin, "Plus"));
  CHECK_FALSE(contains(list.builtin, "__main__"));
}

TEST_CASE("the Trinket M0 listing of §3 keeps its first and last module rows") {
  const std::string text =
      "__main__          digitalio         pulseio           supervisor\r\n"
      "collections       os                struct\r\n"
      "Plus any modules on the filesystem\r\n";
  const auto list = parse_modules(text);
  CHECK(list.builtin == std::vector<std::string>{"collections", "digitalio", "os", "pulseio", "struct", "supervisor"});
  CHECK(list.frozen.empty());
}
