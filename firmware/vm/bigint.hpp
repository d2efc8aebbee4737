// Arbitrary-precision signed integers (sign + magnitude, 32-bit limbs) for Python ints.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cpy::vm {

class BigInt {
 public:
  BigInt() = default;
  explicit BigInt(std::int64_t v);

  /// Parses digits (no sign, no prefix, underscores allowed) in base 2..36; nullopt if malformed.
  static std::optional<BigInt> parse(std::string_view digits, int base);

  bool is_zero() const { return m_mag.empty(); }
  bool is_negative() const { return m_neg; }
  bool fits_int64() const;
  std::int64_t to_int64() const;  ///< caller checks fits_int64
  double to_double() const;
  static std::optional<BigInt> from_double(double d);  ///< nullopt for inf/nan
  std::string to_string(int base = 10) const;          ///< no prefix, '-' for negatives
  std::size_t bit_length() const;
  std::size_t limb_count() const { return m_mag.size(); }

  static int compare(const BigInt& a, const BigInt& b);
  BigInt operator-() const;
  friend BigInt operator+(const BigInt& a, const BigInt& b);
  friend BigInt operator-(const BigInt& a, const BigInt& b);
  friend BigInt operator*(const BigInt& a, const BigInt& b);
  /// Floor division and modulo (Python semantics); b must be non-zero.
  static void floor_divmod(const BigInt& a, const BigInt& b, BigInt& q, BigInt& r);
  BigInt shl(std::size_t n) const;
  BigInt shr(std::size_t n) const;                                   ///< floor (arithmetic) shift
  static BigInt bitwise(const BigInt& a, const BigInt& b, char op);  ///< op '&', '|', '^'
  BigInt pow(std::uint64_t e) const;
  std::uint64_t hash() const;
  /// Little/big-endian two's complement bytes of the low `len` bytes.
  std::vector<std::uint8_t> to_bytes(std::size_t len, bool little) const;
  static BigInt from_bytes(const std::uint8_t* data, std::size_t len, bool little, bool is_signed);

 private:
  void trim();
  static int compare_mag(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b);
  static std::vector<std::uint32_t> add_mag(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b);
  static std::vector<std::uint32_t> sub_mag(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b);
  static void divmod_mag(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b,
                         std::vector<std::uint32_t>& q, std::vector<std::uint32_t>& r);
  static std::uint32_t divmod_small(std::vector<std::uint32_t>& a, std::uint32_t d);
  std::vector<std::uint32_t> twos(std::size_t limbs) const;
  static BigInt from_twos(std::vector<std::uint32_t> limbs);

  bool m_neg = false;
  std::vector<std::uint32_t> m_mag;  // little-endian limbs, no leading zeros
};

}  // namespace cpy::vm
