// UF2 family IDs: the registry of microsoft/uf2 plus the IDs CircuitPython builds use, looked up by name or number.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace cpy::uf2 {

struct Family {
  std::uint32_t id;
  const char* name;         // short name, e.g. "RP2040", "ESP32S3"
  const char* description;  // e.g. "Raspberry Pi RP2040"
};

const std::vector<Family>& family_table();

std::optional<Family> family_by_id(std::uint32_t id);
/// Case-insensitive; '-', '_' and spaces are ignored, so "esp32-s3" finds ESP32S3 and "rp2350" finds RP2350_ARM_S.
std::optional<Family> family_by_name(std::string_view name);
/// A name from the table or a number (0x... hex or decimal); unknown names get a "did you mean" hint.
Result<std::uint32_t> parse_family(std::string_view text);
/// Upper case without '-', '_' and spaces: how family and chip names are compared ("esp32-s3" -> "ESP32S3").
std::string normalise_name(std::string_view name);
/// "RP2040 (0xe48bff56)", or "0x12345678 (unknown family)".
std::string describe_family(std::uint32_t id);
std::string hex32(std::uint32_t value);

}  // namespace cpy::uf2
