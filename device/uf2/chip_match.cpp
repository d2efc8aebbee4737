// Which UF2 families a board's chip accepts, and the check that a UF2 file fits that chip before flashing it.
#include "device/uf2/chip_match.hpp"

#include <algorithm>

#include "device/uf2/families.hpp"

namespace cpy::uf2 {

namespace {

struct ChipRow {
  const char* prefix;  // normalised MCU name prefix (upper case, no '-')
  const char* chip;
  std::vector<std::uint32_t> families;
  std::optional<std::uint32_t> base_without_family;
};

// Longer prefixes first: the first match wins. ESP32-P4 builds use 0x540DDF62 (see device-protocol.md §8).
const std::vector<ChipRow>& chip_rows() {
  static const std::vector<ChipRow> rows = {
      {"SAMD21", "SAMD21", {0x68ED2B88}, 0x2000},
      {"SAMD51", "SAMD51", {0x55114460}, 0x4000},
      {"SAME51", "SAMD51", {0x55114460}, 0x4000},
      {"SAME54", "SAMD51", {0x55114460}, 0x4000},
      {"RP2040", "RP2040", {0xE48BFF56}, std::nullopt},
      {"RP2350", "RP2350", {0xE48BFF59, 0xE48BFF5A, 0xE48BFF5B, 0xE48BFF57}, std::nullopt},
      {"ESP32S2", "ESP32S2", {0xBFDD4EEE}, std::nullopt},
      {"ESP32S3", "ESP32S3", {0xC47E5767}, std::nullopt},
      {"ESP32P4", "ESP32P4", {0x540DDF62, 0x3D308E94}, std::nullopt},
      {"NRF52840", "NRF52840", {0xADA52840}, std::nullopt},
      {"NRF52833", "NRF52833", {0x621E937A}, std::nullopt},
      {"IMXRT10", "MIMXRT10XX", {0x4FB2D5BD}, std::nullopt},
      {"MIMXRT10", "MIMXRT10XX", {0x4FB2D5BD}, std::nullopt},
  };
  return rows;
}

std::optional<ChipFamilies> chip_by_prefix(const std::string& name) {
  for (const auto& row : chip_rows())
    if (name.rfind(row.prefix, 0) == 0) return ChipFamilies{row.chip, row.families, row.base_without_family};
  return std::nullopt;
}

std::string accepted_list(const ChipFamilies& chip) {
  std::string text;
  for (auto id : chip.families) text += (text.empty() ? "" : " or ") + describe_family(id);
  return text;
}

Status check_family(const Image& image, std::optional<std::uint32_t> family, const ChipFamilies& chip) {
  if (family) {
    if (std::find(chip.families.begin(), chip.families.end(), *family) != chip.families.end()) return ok_status();
    return make_error(ExitCode::bad_input,
                      "the UF2 file is for " + describe_family(*family) + ", but the board's chip " + chip.chip +
                          " needs " + accepted_list(chip),
                      "use the firmware built for this board, or --force if you are sure");
  }
  const auto ranges = written_ranges(image, std::nullopt);
  const std::uint64_t start = ranges.front().start;
  if (chip.base_without_family && start == *chip.base_without_family) return ok_status();
  return make_error(ExitCode::bad_input,
                    "the UF2 file has no family ID and starts at " + hex32(static_cast<std::uint32_t>(start)) +
                        ", which does not look like " + chip.chip + " firmware" +
                        (chip.base_without_family ? " (expected " + hex32(*chip.base_without_family) + ")" : ""),
                    "use the firmware built for this board, or --force if you are sure");
}

}  // namespace

std::optional<ChipFamilies> chip_for_board(std::string_view port, std::string_view mcu) {
  if (auto chip = chip_by_prefix(normalise_name(mcu))) return chip;
  // A few catalog entries name the board instead of the MCU (e.g. "senseBox" on atmel-samd).
  if (port == "mimxrt10xx") return chip_by_prefix("IMXRT10");
  return std::nullopt;
}

std::optional<ChipFamilies> chip_for_bootloader_board_id(std::string_view board_id) {
  const std::string first = normalise_name(board_id.substr(0, board_id.find('-')));
  if (first == "RPI") return chip_by_prefix("RP2040");  // the RP2040 ROM says "RPI-RP2"
  return chip_by_prefix(first);
}

Status check_image_for_chip(const Image& image, const ChipFamilies& chip) {
  const auto families = image_families(image);
  if (families.empty()) return make_error(ExitCode::bad_input, "the UF2 file has no main-flash data");
  for (const auto& family : families) CPY_CHECK(check_family(image, family, chip));
  return ok_status();
}

}  // namespace cpy::uf2
