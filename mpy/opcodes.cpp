// Varint and jump-offset encoders/decoders for .mpy operands.
#include "mpy/opcodes.hpp"

namespace cpy::mpy {

std::size_t vuint_size(std::uint64_t value) {
  std::size_t size = 1;
  while (value >>= 7) ++size;
  return size;
}

void encode_vuint(std::vector<std::uint8_t>& out, std::uint64_t value) {
  const std::size_t size = vuint_size(value);
  for (std::size_t i = size; i-- > 0;) {
    const auto group = static_cast<std::uint8_t>((value >> (7 * i)) & 0x7F);
    out.push_back(i == 0 ? group : static_cast<std::uint8_t>(group | 0x80));
  }
}

std::optional<Decoded<std::uint64_t>> decode_vuint(std::span<const std::uint8_t> bytes, std::size_t pos) {
  std::uint64_t value = 0;
  for (std::size_t i = 0; pos + i < bytes.size() && i < k_max_varint_bytes; ++i) {
    if (value >> 57) return std::nullopt;  // would lose bits
    const std::uint8_t b = bytes[pos + i];
    value = (value << 7) | (b & 0x7F);
    if (!(b & 0x80)) return Decoded<std::uint64_t>{value, i + 1};
  }
  return std::nullopt;
}

namespace {
std::vector<std::uint8_t> signed_groups(std::int64_t value) {
  std::vector<std::uint8_t> groups;  // least significant first
  do {
    groups.push_back(static_cast<std::uint8_t>(value & 0x7F));
    value >>= 7;  // arithmetic shift (C++20)
  } while (value != 0 && value != -1);
  const bool top_bit6 = (groups.back() & 0x40) != 0;
  if (value == -1 && !top_bit6) groups.push_back(0x7F);
  if (value == 0 && top_bit6) groups.push_back(0x00);
  return groups;
}
}  // namespace

std::size_t signed_varint_size(std::int64_t value) { return signed_groups(value).size(); }

void encode_signed_varint(std::vector<std::uint8_t>& out, std::int64_t value) {
  const auto groups = signed_groups(value);
  for (std::size_t i = groups.size(); i-- > 0;) {
    out.push_back(i == 0 ? groups[i] : static_cast<std::uint8_t>(groups[i] | 0x80));
  }
}

std::optional<Decoded<std::int64_t>> decode_signed_varint(std::span<const std::uint8_t> bytes, std::size_t pos) {
  constexpr std::size_t k_max_signed_bytes = 9;  // 63 bits: always fits int64
  if (pos >= bytes.size()) return std::nullopt;
  std::uint64_t value = (bytes[pos] & 0x40) ? ~std::uint64_t{0} : 0;
  for (std::size_t i = 0; pos + i < bytes.size() && i < k_max_signed_bytes; ++i) {
    const std::uint8_t b = bytes[pos + i];
    value = (value << 7) | (b & 0x7F);
    if (!(b & 0x80)) return Decoded<std::int64_t>{static_cast<std::int64_t>(value), i + 1};
  }
  return std::nullopt;
}

bool jump_fits(JumpSize size, JumpSign sign, int offset) {
  const bool is_signed = sign == JumpSign::is_signed;
  if (size == JumpSize::short_form) {
    return is_signed ? offset >= k_jump_short_signed_min && offset <= k_jump_short_signed_max
                     : offset >= 0 && offset <= k_jump_short_unsigned_max;
  }
  return is_signed ? offset >= k_jump_long_signed_min && offset <= k_jump_long_signed_max
                   : offset >= 0 && offset <= k_jump_long_unsigned_max;
}

bool encode_jump(std::vector<std::uint8_t>& out, JumpSize size, JumpSign sign, int offset) {
  if (!jump_fits(size, sign, offset)) return false;
  const bool is_signed = sign == JumpSign::is_signed;
  if (size == JumpSize::short_form) {
    out.push_back(static_cast<std::uint8_t>(is_signed ? offset + 0x40 : offset));
    return true;
  }
  const int v = is_signed ? offset + 0x4000 : offset;
  out.push_back(static_cast<std::uint8_t>(0x80 | (v & 0x7F)));
  out.push_back(static_cast<std::uint8_t>(v >> 7));
  return true;
}

std::optional<Decoded<int>> decode_jump(std::span<const std::uint8_t> bytes, std::size_t pos, JumpSign sign) {
  if (pos >= bytes.size()) return std::nullopt;
  const bool is_signed = sign == JumpSign::is_signed;
  const std::uint8_t b0 = bytes[pos];
  if (!(b0 & 0x80)) return Decoded<int>{is_signed ? int(b0) - 0x40 : int(b0), 1};
  if (pos + 1 >= bytes.size()) return std::nullopt;
  const int v = (b0 & 0x7F) | (int(bytes[pos + 1]) << 7);
  return Decoded<int>{is_signed ? v - 0x4000 : v, 2};
}

}  // namespace cpy::mpy
