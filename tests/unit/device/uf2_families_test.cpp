// UF2 family table: lookups by name, alias and number, and the chip check used before flashing.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "core/board_catalog.hpp"
#include "device/uf2/chip_match.hpp"
#include "device/uf2/families.hpp"
#include "device/uf2/reader.hpp"
#include "uf2_test_util.hpp"

using namespace cpy;
using namespace cpy::uf2;
using namespace cpy::uf2::test;

TEST_CASE("families are found by name in any spelling and by alias") {
  CHECK(family_by_name("RP2040")->id == 0xE48BFF56);
  CHECK(family_by_name("esp32-s3")->id == 0xC47E5767);
  CHECK(family_by_name("ESP32_S2")->id == 0xBFDD4EEE);
  CHECK(family_by_name("nrf52840")->id == 0xADA52840);
  CHECK(family_by_name("SAMD21")->id == 0x68ED2B88);
  CHECK(family_by_name("SAMD51")->id == 0x55114460);
  CHECK(family_by_name("same54")->id == 0x55114460);
  CHECK(family_by_name("rp2350")->id == 0xE48BFF59);
  CHECK(family_by_name("STM32F4")->id == 0x57755A57);
  CHECK_FALSE(family_by_name("Z80").has_value());
}

TEST_CASE("family ids in the table are unique") {
  const auto& table = family_table();
  for (std::size_t i = 0; i < table.size(); ++i)
    for (std::size_t j = i + 1; j < table.size(); ++j) CHECK(table[i].id != table[j].id);
}

TEST_CASE("parse_family takes names, hex and decimal numbers, and suggests close names") {
  CHECK(parse_family("SAMD51").value() == 0x55114460);
  CHECK(parse_family("0xE48BFF56").value() == 0xE48BFF56);
  CHECK(parse_family("0x12345678").value() == 0x12345678);
  CHECK(parse_family("1234").value() == 1234);
  const auto bad = parse_family("RP2004");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().code == ExitCode::usage);
  CHECK(bad.error().hint == "did you mean 'RP2040'?");
  CHECK_FALSE(parse_family("0x").ok());
  CHECK_FALSE(parse_family("0x1FFFFFFFF").ok());
}

TEST_CASE("describe_family names known ids and marks unknown ones") {
  CHECK(describe_family(0xADA52840) == "NRF52840 (0xada52840)");
  CHECK(describe_family(0x11111111) == "0x11111111 (unknown family)");
}

TEST_CASE("chips come from the catalog's MCU names") {
  CHECK(chip_for_board("raspberrypi", "rp2040")->chip == "RP2040");
  CHECK(chip_for_board("raspberrypi", "rp2350b")->chip == "RP2350");
  CHECK(chip_for_board("espressif", "ESP32-S3FN8")->chip == "ESP32S3");
  CHECK(chip_for_board("espressif", "ESP32S2-S2FN4R2")->chip == "ESP32S2");
  CHECK(chip_for_board("atmel-samd", "same54p20")->chip == "SAMD51");
  CHECK(chip_for_board("atmel-samd", "samd21g18")->base_without_family == 0x2000u);
  CHECK(chip_for_board("mimxrt10xx", "IMXRT1062DVJ6A")->chip == "MIMXRT10XX");
  CHECK_FALSE(chip_for_board("espressif", "ESP32-C3FN4").has_value());
  CHECK_FALSE(chip_for_board("stm", "STM32F405RG").has_value());
}

TEST_CASE("every UF2 port's board in the shared catalog maps to a chip") {
  std::ifstream in(std::string(CPY_SHARED_DIR) + "/data/boards.json");
  REQUIRE(in);
  std::stringstream text;
  text << in.rdbuf();
  const auto catalog = BoardCatalog::parse(text.str(), "boards.json");
  REQUIRE(catalog.ok());
  int mapped = 0;
  for (const auto& id : catalog->ids()) {
    const BoardInfo* board = catalog->find(id);
    const bool samd = board->port == "atmel-samd" && board->mcu.rfind("sam", 0) == 0;  // not "senseBox"
    const bool esp_uf2 = board->port == "espressif" &&
                         (board->mcu.find("S2") != std::string::npos || board->mcu.find("S3") != std::string::npos);
    if (board->port != "raspberrypi" && board->port != "nordic" && board->port != "mimxrt10xx" && !samd && !esp_uf2)
      continue;
    INFO(id);
    CHECK(chip_for_board(board->port, board->mcu).has_value());
    ++mapped;
  }
  CHECK(mapped > 400);
}

TEST_CASE("bootloader Board-IDs name the chip in their first dash token") {
  CHECK(chip_for_bootloader_board_id("SAMD21G18A-CPlay-v0")->chip == "SAMD21");
  CHECK(chip_for_bootloader_board_id("RPI-RP2")->chip == "RP2040");
  CHECK(chip_for_bootloader_board_id("RP2350")->chip == "RP2350");
  CHECK(chip_for_bootloader_board_id("nRF52840-Feather-revD")->chip == "NRF52840");
  CHECK(chip_for_bootloader_board_id("ESP32S3-FeatherTFT-revA")->chip == "ESP32S3");
  CHECK_FALSE(chip_for_bootloader_board_id("NRF52-Bluefruit-v0").has_value());
}

TEST_CASE("the chip check accepts matching families and refuses others with a --force hint") {
  const auto rp2040 = *chip_for_board("raspberrypi", "rp2040");
  const auto rp2350 = *chip_for_board("raspberrypi", "rp2350a");
  const auto image = read_uf2(make_uf2(512, 0x10000000, 0xE48BFF56), "x").value();
  CHECK(check_image_for_chip(image, rp2040).ok());
  const auto refused = check_image_for_chip(image, rp2350);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().message.find("RP2040 (0xe48bff56)") != std::string::npos);
  CHECK(refused.error().hint.find("--force") != std::string::npos);
}

TEST_CASE("the chip check of a UF2 without family ID goes by its start address") {
  const auto samd21 = *chip_for_board("atmel-samd", "samd21e18");
  const auto samd51 = *chip_for_board("atmel-samd", "samd51j19");
  const auto at_2000 = read_uf2(make_uf2(512, 0x2000, std::nullopt), "x").value();
  CHECK(check_image_for_chip(at_2000, samd21).ok());
  const auto refused = check_image_for_chip(at_2000, samd51);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().message.find("expected 0x00004000") != std::string::npos);
  const auto rp2040 = *chip_for_board("raspberrypi", "rp2040");
  CHECK_FALSE(check_image_for_chip(at_2000, rp2040).ok());
}
