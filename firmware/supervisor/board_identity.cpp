// Formatting of the identity lines every CircuitPython board prints (banner, boot_out.txt).
#include "firmware/supervisor/board_identity.hpp"

namespace cpy::firmware {

namespace {
constexpr std::size_t k_boot_out_cap = 512;
constexpr const char* k_truncated = "[truncated due to length]\r\n";
}  // namespace

std::string BoardIdentity::version_line() const {
  return "Adafruit CircuitPython " + version_tag + " on " + build_date + "; " + board_name + " with " + mcu_name;
}

std::string BoardIdentity::uid_hex() const {
  static const char* digits = "0123456789ABCDEF";
  std::string out;
  for (std::uint8_t byte : uid) {
    out += digits[byte >> 4];
    out += digits[byte & 15];
  }
  return out;
}

std::string BoardIdentity::release() const { return version_tag.substr(0, version_tag.find('-')); }

std::string BoardIdentity::boot_out_header() const {
  return version_line() + "\r\nBoard ID:" + board_id + "\r\nUID:" + uid_hex() + "\r\n";
}

std::string version_tag_for(const std::string& cpytool_version) {
  return std::to_string(k_cp_major) + "." + std::to_string(k_cp_minor) + "." + std::to_string(k_cp_micro) +
         "-cpytool." + cpytool_version;
}

std::vector<std::uint8_t> uid_from_seed(const std::string& seed) {
  std::uint64_t hash = 1469598103934665603ull;  // FNV-1a
  for (unsigned char c : seed) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  std::vector<std::uint8_t> uid(8);
  for (int i = 0; i < 8; ++i) uid[i] = static_cast<std::uint8_t>(hash >> (56 - 8 * i));
  return uid;
}

std::string boot_out_text(const BoardIdentity& identity, bool boot_py_ran, const std::string& cooked_boot_output) {
  std::string text = identity.boot_out_header();
  if (boot_py_ran) text += "boot.py output:\r\n" + cooked_boot_output;
  if (text.size() > k_boot_out_cap) {
    text.resize(k_boot_out_cap);
    text += k_truncated;
  }
  return text;
}

}  // namespace cpy::firmware
