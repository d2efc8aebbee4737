// UF2 family IDs: the registry of microsoft/uf2 plus the IDs CircuitPython builds use, looked up by name or number.
#include "device/uf2/families.hpp"

#include <cctype>
#include <charconv>
#include <cstdio>

#include "core/text.hpp"

namespace cpy::uf2 {

namespace {

struct Alias {
  const char* name;
  std::uint32_t id;
};

// Other spellings users type for a family (normalised: upper case, no '-', '_' or spaces).
constexpr Alias k_aliases[] = {
    {"RP2350", 0xE48BFF59}, {"SAME51", 0x55114460}, {"SAME54", 0x55114460},
    {"SAME5X", 0x55114460}, {"IMXRT", 0x4FB2D5BD},  {"IMXRT10XX", 0x4FB2D5BD},
};

std::optional<std::uint32_t> parse_number(std::string_view text) {
  int base = 10;
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    text.remove_prefix(2);
    base = 16;
  }
  std::uint32_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, base);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

}  // namespace

const std::vector<Family>& family_table() {
  static const std::vector<Family> table = {
      {0x68ED2B88, "SAMD21", "Microchip (Atmel) SAMD21"},
      {0x55114460, "SAMD51", "Microchip (Atmel) SAMD51 / SAME5x"},
      {0x1851780A, "SAML21", "Microchip (Atmel) SAML21"},
      {0x16573617, "ATMEGA32", "Microchip (Atmel) ATmega32"},
      {0xE48BFF56, "RP2040", "Raspberry Pi RP2040"},
      {0xE48BFF59, "RP2350_ARM_S", "Raspberry Pi RP2350, Arm secure image"},
      {0xE48BFF5A, "RP2350_RISCV", "Raspberry Pi RP2350, RISC-V image"},
      {0xE48BFF5B, "RP2350_ARM_NS", "Raspberry Pi RP2350, Arm non-secure image"},
      {0xE48BFF57, "RP2XXX_ABSOLUTE", "Raspberry Pi RP2xxx, absolute addresses"},
      {0xE48BFF58, "RP2XXX_DATA", "Raspberry Pi RP2xxx, data partition"},
      {0x1C5F21B0, "ESP32", "ESP32"},
      {0xBFDD4EEE, "ESP32S2", "ESP32-S2"},
      {0xC47E5767, "ESP32S3", "ESP32-S3"},
      {0xD42BA06C, "ESP32C3", "ESP32-C3"},
      {0x2B88D29C, "ESP32C2", "ESP32-C2"},
      {0x332726F6, "ESP32H2", "ESP32-H2"},
      {0x540DDF62, "ESP32C6", "ESP32-C6 (also used by CircuitPython's ESP32-P4 builds)"},
      {0x3D308E94, "ESP32P4", "ESP32-P4 (registry id)"},
      {0x7EAB61ED, "ESP8266", "ESP8266"},
      {0xADA52840, "NRF52840", "Nordic nRF52840"},
      {0x621E937A, "NRF52833", "Nordic nRF52833"},
      {0x1B57745F, "NRF52", "Nordic nRF52"},
      {0x4FB2D5BD, "MIMXRT10XX", "NXP i.MX RT10xx"},
      {0x2ABC77EC, "LPC55", "NXP LPC55xx"},
      {0x7F83E793, "KL32L2", "NXP KL32L2x"},
      {0x647824B6, "STM32F0", "ST STM32F0xx"},
      {0x5EE21072, "STM32F1", "ST STM32F103"},
      {0x5D1A0A2E, "STM32F2", "ST STM32F2xx"},
      {0x6B846188, "STM32F3", "ST STM32F3xx"},
      {0x57755A57, "STM32F4", "ST STM32F4xx"},
      {0x6D0922FA, "STM32F407", "ST STM32F407"},
      {0x8FB060FE, "STM32F407VG", "ST STM32F407VG"},
      {0x53B80F00, "STM32F7", "ST STM32F7xx"},
      {0x6DB66082, "STM32H7", "ST STM32H7xx"},
      {0x300F5633, "STM32G0", "ST STM32G0xx"},
      {0x4C71240A, "STM32G4", "ST STM32G4xx"},
      {0x202E3A91, "STM32L0", "ST STM32L0xx"},
      {0x1E1F432D, "STM32L1", "ST STM32L1xx"},
      {0x00FF6919, "STM32L4", "ST STM32L4xx"},
      {0x04240BDF, "STM32L5", "ST STM32L5xx"},
      {0x70D16653, "STM32WB", "ST STM32WBxx"},
      {0x21460FF0, "STM32WL", "ST STM32WLxx"},
      {0x31D228C6, "GD32F350", "GigaDevice GD32F350"},
      {0x9AF03E33, "GD32VF103", "GigaDevice GD32VF103"},
      {0x5A18069B, "FX2", "Cypress FX2"},
  };
  return table;
}

std::optional<Family> family_by_id(std::uint32_t id) {
  for (const auto& family : family_table())
    if (family.id == id) return family;
  return std::nullopt;
}

std::optional<Family> family_by_name(std::string_view name) {
  const std::string key = normalise_name(name);
  for (const auto& family : family_table())
    if (normalise_name(family.name) == key) return family;
  for (const auto& alias : k_aliases)
    if (key == alias.name) return family_by_id(alias.id);
  return std::nullopt;
}

Result<std::uint32_t> parse_family(std::string_view text) {
  if (auto family = family_by_name(text)) return family->id;
  if (auto number = parse_number(text)) return *number;
  std::vector<std::string> names;
  for (const auto& family : family_table()) names.emplace_back(family.name);
  for (const auto& alias : k_aliases) names.emplace_back(alias.name);
  const std::string close = closest_match(normalise_name(text), names);
  return make_error(ExitCode::usage, "unknown UF2 family '" + std::string(text) + "'",
                    close.empty() ? "give a family name such as RP2040, SAMD51, ESP32S3 or a number like 0xe48bff56"
                                  : "did you mean '" + close + "'?");
}

std::string normalise_name(std::string_view name) {
  std::string out;
  for (char c : name)
    if (c != '-' && c != '_' && c != ' ') out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string hex32(std::uint32_t value) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "0x%08x", value);
  return buffer;
}

std::string describe_family(std::uint32_t id) {
  if (auto family = family_by_id(id)) return std::string(family->name) + " (" + hex32(id) + ")";
  return hex32(id) + " (unknown family)";
}

}  // namespace cpy::uf2
