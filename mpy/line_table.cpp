// Line-number table entries: 1-byte 0LLBBBBB and 2-byte 1LLLBBBB LLLLLLLL forms.
#include "mpy/line_table.hpp"

#include <algorithm>

namespace cpy::mpy {

std::optional<std::vector<LineEntry>> decode_line_table(std::span<const std::uint8_t> table) {
  std::vector<LineEntry> entries;
  entries.reserve(table.size());
  LineEntry at{0, 1};
  for (std::size_t i = 0; i < table.size(); ++i) {
    const std::uint8_t b0 = table[i];
    if (!(b0 & 0x80)) {
      at.offset += b0 & 0x1F;
      at.line += (b0 >> 5) & 3;
    } else {
      if (++i >= table.size()) return std::nullopt;
      at.offset += b0 & 0x0F;
      at.line += ((b0 & 0x70u) << 4) | table[i];
    }
    entries.push_back(at);
  }
  return entries;
}

bool line_table_well_formed(std::span<const std::uint8_t> table) {
  std::size_t i = 0;
  while (i < table.size()) i += (table[i] & 0x80) ? 2 : 1;
  return i == table.size();
}

std::uint32_t line_for_offset(std::span<const LineEntry> entries, std::size_t offset) {
  std::uint32_t line = 1;
  for (const auto& e : entries) {
    if (e.offset > offset) break;
    line = e.line;
  }
  return line;
}

void encode_line_advance(std::vector<std::uint8_t>& out, std::size_t bytes_to_skip, std::size_t lines_to_skip) {
  while (bytes_to_skip > 0 || lines_to_skip > 0) {
    std::size_t b = 0, l = 0;
    if (lines_to_skip <= 6 || bytes_to_skip > 15) {
      b = std::min<std::size_t>(bytes_to_skip, 31);
      l = b < bytes_to_skip ? 0 : std::min<std::size_t>(lines_to_skip, 3);
      out.push_back(static_cast<std::uint8_t>((l << 5) | b));
    } else {
      b = std::min<std::size_t>(bytes_to_skip, 15);
      l = std::min<std::size_t>(lines_to_skip, 2047);
      out.push_back(static_cast<std::uint8_t>(0x80 | b | ((l >> 4) & 0x70)));
      out.push_back(static_cast<std::uint8_t>(l & 0xFF));
    }
    bytes_to_skip -= b;
    lines_to_skip -= l;
  }
}

}  // namespace cpy::mpy
