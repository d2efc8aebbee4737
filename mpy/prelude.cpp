// Bit packing of the prelude signature and size, both directions.
#include "mpy/prelude.hpp"

namespace cpy::mpy {
namespace {
// Extension bytes accepted after the first byte; real files use at most 5 (async flag 0x10).
constexpr std::size_t k_max_extension_bytes = 12;
}  // namespace

void encode_prelude_signature(std::vector<std::uint8_t>& out, const Prelude& p) {
  std::uint32_t s = p.n_state - 1, e = p.n_exc_stack, f = p.scope_flags;
  std::uint32_t a = p.n_pos_args, k = p.n_kwonly_args, d = p.n_def_pos_args;
  auto z = static_cast<std::uint8_t>(((s & 0xF) << 3) | ((e & 1) << 2) | (a & 3));
  s >>= 4, e >>= 1, a >>= 2;
  while (s | e | f | a | k | d) {
    out.push_back(static_cast<std::uint8_t>(z | 0x80));
    z = static_cast<std::uint8_t>(((f & 1) << 6) | ((s & 3) << 4) | ((k & 1) << 3) | ((a & 1) << 2) | ((e & 1) << 1) |
                                  (d & 1));
    s >>= 2, f >>= 1, k >>= 1, a >>= 1, e >>= 1, d >>= 1;
  }
  out.push_back(z);
}

void encode_prelude_size(std::vector<std::uint8_t>& out, const Prelude& p) {
  std::uint32_t i = p.n_info, c = p.n_cell;
  for (;;) {
    auto z = static_cast<std::uint8_t>(((i & 0x3F) << 1) | (c & 1));
    c >>= 1, i >>= 6;
    if (!(c | i)) {
      out.push_back(z);
      return;
    }
    out.push_back(static_cast<std::uint8_t>(z | 0x80));
  }
}

std::optional<Decoded<Prelude>> decode_prelude_signature(std::span<const std::uint8_t> bytes, std::size_t pos) {
  if (pos >= bytes.size()) return std::nullopt;
  std::uint8_t z = bytes[pos];
  std::uint32_t s = (z >> 3) & 0xF, e = (z >> 2) & 1, f = 0, a = z & 3, k = 0, d = 0;
  std::size_t size = 1;
  for (std::uint32_t n = 0; z & 0x80; ++n, ++size) {
    if (n >= k_max_extension_bytes || pos + size >= bytes.size()) return std::nullopt;
    z = bytes[pos + size];
    f |= ((z >> 6) & 1u) << n;
    s |= ((z >> 4) & 3u) << (4 + 2 * n);
    k |= ((z >> 3) & 1u) << n;
    a |= ((z >> 2) & 1u) << (2 + n);
    e |= ((z >> 1) & 1u) << (1 + n);
    d |= (z & 1u) << n;
  }
  if (f > 0xFF) return std::nullopt;
  Prelude p;
  p.n_state = s + 1;
  p.n_exc_stack = e;
  p.scope_flags = static_cast<std::uint8_t>(f);
  p.n_pos_args = a;
  p.n_kwonly_args = k;
  p.n_def_pos_args = d;
  return Decoded<Prelude>{p, size};
}

std::optional<std::size_t> decode_prelude_size(std::span<const std::uint8_t> bytes, std::size_t pos, Prelude& prelude) {
  std::uint32_t i = 0, c = 0;
  for (std::uint32_t n = 0;; ++n) {
    if (n > 4 || pos + n >= bytes.size()) return std::nullopt;  // 5 bytes = 30 bits of n_info: plenty
    const std::uint8_t z = bytes[pos + n];
    c |= (z & 1u) << n;
    i |= ((z >> 1) & 0x3Fu) << (6 * n);
    if (!(z & 0x80)) {
      prelude.n_info = i;
      prelude.n_cell = c;
      return n + 1;
    }
  }
}

}  // namespace cpy::mpy
