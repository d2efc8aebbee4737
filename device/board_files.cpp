// Helpers shared by every BoardFiles implementation: CRC-32 and board path normalisation.
#include "device/board_files.hpp"

#include <array>

namespace cpy::device {

namespace {
std::array<std::uint32_t, 256> make_crc_table() {
  std::array<std::uint32_t, 256> table{};
  for (std::uint32_t i = 0; i < 256; ++i) {
    std::uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    table[i] = c;
  }
  return table;
}
}  // namespace

std::uint32_t crc32(std::string_view data) {
  static const auto k_table = make_crc_table();
  std::uint32_t c = 0xFFFFFFFFu;
  for (unsigned char b : data) c = k_table[(c ^ b) & 0xff] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

std::string normalize_board_path(const std::string& path) {
  std::string out = "/";
  std::size_t i = 0;
  while (i < path.size()) {
    const std::size_t next = path.find('/', i);
    const std::string part = path.substr(i, next == std::string::npos ? std::string::npos : next - i);
    if (!part.empty() && part != ".") out += (out.size() > 1 ? "/" : "") + part;
    if (next == std::string::npos) break;
    i = next + 1;
  }
  return out;
}

}  // namespace cpy::device
