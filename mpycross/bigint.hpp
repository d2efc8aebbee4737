// Arbitrary-precision signed integer for literals and constant folding (Python int semantics).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cpy::mpycross {

class BigInt {
 public:
  BigInt() = default;
  explicit BigInt(std::int64_t v);

  /// Parses digits (no sign, no prefix, no underscores) in `base`; nullopt on a bad digit or empty text.
  static std::optional<BigInt> parse(std::string_view digits, int base);

  bool is_zero() const { return m_mag.empty(); }
  bool is_negative() const { return m_neg; }
  int sign() const { return is_zero() ? 0 : (m_neg ? -1 : 1); }
  /// The value if it fits in 64 bits.
  std::optional<std::int64_t> to_int64() const;
  double to_double() const;
  std::string to_string() const;
  std::size_t bit_length() const;

  friend BigInt operator-(const BigInt& a);
  friend BigInt operator+(const BigInt& a, const BigInt& b);
  friend BigInt operator-(const BigInt& a, const BigInt& b);
  friend BigInt operator*(const BigInt& a, const BigInt& b);
  friend bool operator==(const BigInt& a, const BigInt& b) { return a.m_neg == b.m_neg && a.m_mag == b.m_mag; }
  friend int compare(const BigInt& a, const BigInt& b);

  /// Python floor division and modulo; `b` must be non-zero.
  static void floor_divmod(const BigInt& a, const BigInt& b, BigInt& q, BigInt& r);
  BigInt pow(std::uint64_t exp) const;
  BigInt shl(std::size_t n) const;
  BigInt shr(std::size_t n) const;  ///< floor shift
  BigInt invert() const { return -*this - BigInt(1); }
  enum class BitOp { and_, or_, xor_ };
  static BigInt bitwise(BitOp op, const BigInt& a, const BigInt& b);

 private:
  using Mag = std::vector<std::uint32_t>;
  static int cmp_mag(const Mag& a, const Mag& b);
  static Mag add_mag(const Mag& a, const Mag& b);
  static Mag sub_mag(const Mag& a, const Mag& b);  // a >= b
  static Mag mul_mag(const Mag& a, const Mag& b);
  static void divmod_mag(const Mag& a, const Mag& b, Mag& q, Mag& r);
  static void trim(Mag& m);
  static BigInt make(bool neg, Mag mag);
  std::vector<std::uint32_t> twos_complement(std::size_t limbs) const;

  bool m_neg = false;
  Mag m_mag;  // little-endian 32-bit limbs, no high zero limbs
};

}  // namespace cpy::mpycross
