// Which UF2 families a board's chip accepts, and the check that a UF2 file fits that chip before flashing it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "device/uf2/image.hpp"

namespace cpy::uf2 {

struct ChipFamilies {
  std::string chip;                                  // e.g. "RP2040", "SAMD21", "ESP32S3"
  std::vector<std::uint32_t> families;               // any of these family IDs is accepted
  std::optional<std::uint32_t> base_without_family;  // SAMD builds carry no family ID: the start address tells
};

/// From the catalog's port and MCU name ("raspberrypi", "rp2350a"). nullopt for chips CircuitPython ships no UF2
/// for (ESP32, ESP32-C3, STM32 ...) or that we do not recognise.
std::optional<ChipFamilies> chip_for_board(std::string_view port, std::string_view mcu);
/// From the first dash token of INFO_UF2.TXT's Board-ID ("SAMD21G18A-CPlay-v0", "RPI-RP2", "ESP32S3-...").
std::optional<ChipFamilies> chip_for_bootloader_board_id(std::string_view board_id);

/// ok when every family of the image's main-flash data is one the chip accepts (ExitCode::bad_input otherwise).
Status check_image_for_chip(const Image& image, const ChipFamilies& chip);

}  // namespace cpy::uf2
