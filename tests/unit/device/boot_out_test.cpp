// Tests of device/boot_out: version, board and id from CRLF and LF files.
#include <doctest/doctest.h>

#include "device/boot_out.hpp"

using namespace cpy::device;

TEST_CASE("boot_out.txt with CRLF line endings gives version, board, mcu, id and uid") {
  auto b = parse_boot_out(
      "Adafruit CircuitPython 10.1.4 on 2026-03-09; Raspberry Pi Pico W with rp2040\r\nBoard ID:raspberry_pi_pico_w\r\n"
      "UID:E6647C15675E522D\r\nMAC:88:A2:9E:01:57:76\r\n");
  REQUIRE(b.ok());
  CHECK(b->tag == "10.1.4");
  CHECK(b->major() == 10);
  CHECK(b->board_name == "Raspberry Pi Pico W");
  CHECK(b->mcu == "rp2040");
  CHECK(b->board_id == "raspberry_pi_pico_w");
  CHECK(b->uid == "E6647C15675E522D");
}

TEST_CASE("boot_out.txt with LF endings and a board name containing 'with' splits on the last ' with '") {
  auto b = parse_boot_out(
      "Adafruit CircuitPython 9.0.0-beta.2 on 2019-08-02; Adafruit CircuitPlayground Express with displayio with "
      "samd21g18\nBoard ID:circuitplayground_express\n");
  REQUIRE(b.ok());
  CHECK(b->tag == "9.0.0-beta.2");
  CHECK(b->major() == 9);
  CHECK(b->board_name == "Adafruit CircuitPlayground Express with displayio");
  CHECK(b->board_id == "circuitplayground_express");
  CHECK(b->uid.empty());
}

TEST_CASE("boot_out.txt without the banner is rejected with a hint") {
  auto b = parse_boot_out("hello\n");
  REQUIRE(!b.ok());
  CHECK(b.error().message.find("line 1") != std::string::npos);
  CHECK(!b.error().hint.empty());
}
