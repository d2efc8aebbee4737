// Arbitrary-precision integer arithmetic: schoolbook algorithms, small and simple.
#include "firmware/vm/bigint.hpp"

#include <algorithm>
#include <cmath>

namespace cpy::vm {

using Limbs = std::vector<std::uint32_t>;

BigInt::BigInt(std::int64_t v) {
  m_neg = v < 0;
  std::uint64_t m = m_neg ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
  while (m != 0) {
    m_mag.push_back(static_cast<std::uint32_t>(m));
    m >>= 32;
  }
}

void BigInt::trim() {
  while (!m_mag.empty() && m_mag.back() == 0) m_mag.pop_back();
  if (m_mag.empty()) m_neg = false;
}

std::optional<BigInt> BigInt::parse(std::string_view digits, int base) {
  BigInt r;
  bool any = false;
  for (char c : digits) {
    if (c == '_') continue;
    int d = -1;
    if (c >= '0' && c <= '9')
      d = c - '0';
    else if (c >= 'a' && c <= 'z')
      d = c - 'a' + 10;
    else if (c >= 'A' && c <= 'Z')
      d = c - 'A' + 10;
    if (d < 0 || d >= base) return std::nullopt;
    std::uint64_t carry = static_cast<std::uint64_t>(d);
    for (auto& limb : r.m_mag) {
      std::uint64_t t = std::uint64_t(limb) * static_cast<std::uint64_t>(base) + carry;
      limb = static_cast<std::uint32_t>(t);
      carry = t >> 32;
    }
    if (carry) r.m_mag.push_back(static_cast<std::uint32_t>(carry));
    any = true;
  }
  if (!any) return std::nullopt;
  r.trim();
  return r;
}

bool BigInt::fits_int64() const {
  if (m_mag.size() > 2) return false;
  std::uint64_t m = 0;
  for (std::size_t i = m_mag.size(); i-- > 0;) m = (m << 32) | m_mag[i];
  return m_neg ? m <= (std::uint64_t{1} << 63) : m < (std::uint64_t{1} << 63);
}

std::int64_t BigInt::to_int64() const {
  std::uint64_t m = 0;
  for (std::size_t i = m_mag.size(); i-- > 0;) m = (m << 32) | m_mag[i];
  return m_neg ? static_cast<std::int64_t>(0 - m) : static_cast<std::int64_t>(m);
}

double BigInt::to_double() const {
  double r = 0;
  for (std::size_t i = m_mag.size(); i-- > 0;) r = r * 4294967296.0 + m_mag[i];
  return m_neg ? -r : r;
}

std::optional<BigInt> BigInt::from_double(double d) {
  if (std::isnan(d) || std::isinf(d)) return std::nullopt;
  bool neg = d < 0;
  double a = std::trunc(std::fabs(d));
  if (a < 1) return BigInt();
  int exp = 0;
  double frac = std::frexp(a, &exp);  // a = frac * 2^exp, 0.5 <= frac < 1
  BigInt m(static_cast<std::int64_t>(std::ldexp(frac, 53)));
  BigInt r = exp >= 53 ? m.shl(static_cast<std::size_t>(exp - 53)) : m.shr(static_cast<std::size_t>(53 - exp));
  return neg ? -r : r;
}

std::uint32_t BigInt::divmod_small(Limbs& a, std::uint32_t d) {
  std::uint64_t rem = 0;
  for (std::size_t i = a.size(); i-- > 0;) {
    std::uint64_t cur = (rem << 32) | a[i];
    a[i] = static_cast<std::uint32_t>(cur / d);
    rem = cur % d;
  }
  while (!a.empty() && a.back() == 0) a.pop_back();
  return static_cast<std::uint32_t>(rem);
}

std::string BigInt::to_string(int base) const {
  if (m_mag.empty()) return "0";
  static const char* k_digits = "0123456789abcdefghijklmnopqrstuvwxyz";
  Limbs a = m_mag;
  std::string out;
  while (!a.empty()) {
    std::uint32_t r = divmod_small(a, static_cast<std::uint32_t>(base));
    out.push_back(k_digits[r]);
  }
  if (m_neg) out.push_back('-');
  std::reverse(out.begin(), out.end());
  return out;
}

std::size_t BigInt::bit_length() const {
  if (m_mag.empty()) return 0;
  std::size_t bits = (m_mag.size() - 1) * 32;
  std::uint32_t top = m_mag.back();
  while (top) {
    ++bits;
    top >>= 1;
  }
  return bits;
}

int BigInt::compare_mag(const Limbs& a, const Limbs& b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  for (std::size_t i = a.size(); i-- > 0;) {
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

int BigInt::compare(const BigInt& a, const BigInt& b) {
  if (a.m_neg != b.m_neg) return a.m_neg ? -1 : 1;
  int c = compare_mag(a.m_mag, b.m_mag);
  return a.m_neg ? -c : c;
}

Limbs BigInt::add_mag(const Limbs& a, const Limbs& b) {
  Limbs r(std::max(a.size(), b.size()) + 1, 0);
  std::uint64_t carry = 0;
  for (std::size_t i = 0; i + 1 < r.size(); ++i) {
    std::uint64_t t = carry + (i < a.size() ? a[i] : 0) + (i < b.size() ? b[i] : 0);
    r[i] = static_cast<std::uint32_t>(t);
    carry = t >> 32;
  }
  r.back() = static_cast<std::uint32_t>(carry);
  return r;
}

Limbs BigInt::sub_mag(const Limbs& a, const Limbs& b) {  // requires |a| >= |b|
  Limbs r(a.size(), 0);
  std::int64_t borrow = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    std::int64_t t = std::int64_t(a[i]) - (i < b.size() ? std::int64_t(b[i]) : 0) - borrow;
    borrow = t < 0 ? 1 : 0;
    if (t < 0) t += std::int64_t{1} << 32;
    r[i] = static_cast<std::uint32_t>(t);
  }
  return r;
}

BigInt BigInt::operator-() const {
  BigInt r = *this;
  if (!r.m_mag.empty()) r.m_neg = !r.m_neg;
  return r;
}

BigInt operator+(const BigInt& a, const BigInt& b) {
  BigInt r;
  if (a.m_neg == b.m_neg) {
    r.m_mag = BigInt::add_mag(a.m_mag, b.m_mag);
    r.m_neg = a.m_neg;
  } else if (BigInt::compare_mag(a.m_mag, b.m_mag) >= 0) {
    r.m_mag = BigInt::sub_mag(a.m_mag, b.m_mag);
    r.m_neg = a.m_neg;
  } else {
    r.m_mag = BigInt::sub_mag(b.m_mag, a.m_mag);
    r.m_neg = b.m_neg;
  }
  r.trim();
  return r;
}

BigInt operator-(const BigInt& a, const BigInt& b) { return a + (-b); }

BigInt operator*(const BigInt& a, const BigInt& b) {
  BigInt r;
  if (a.m_mag.empty() || b.m_mag.empty()) return r;
  r.m_mag.assign(a.m_mag.size() + b.m_mag.size(), 0);
  for (std::size_t i = 0; i < a.m_mag.size(); ++i) {
    std::uint64_t carry = 0;
    for (std::size_t j = 0; j < b.m_mag.size(); ++j) {
      std::uint64_t t = std::uint64_t(a.m_mag[i]) * b.m_mag[j] + r.m_mag[i + j] + carry;
      r.m_mag[i + j] = static_cast<std::uint32_t>(t);
      carry = t >> 32;
    }
    r.m_mag[i + b.m_mag.size()] += static_cast<std::uint32_t>(carry);
  }
  r.m_neg = a.m_neg != b.m_neg;
  r.trim();
  return r;
}

void BigInt::divmod_mag(const Limbs& a, const Limbs& b, Limbs& q, Limbs& r) {
  if (b.size() == 1) {
    q = a;
    std::uint32_t rem = divmod_small(q, b[0]);
    r.clear();
    if (rem) r.push_back(rem);
    return;
  }
  // Binary long division: simple and fast enough for the sizes scripts use.
  BigInt rem, div;
  div.m_mag = b;
  q.assign(a.size(), 0);
  for (std::size_t bit = a.size() * 32; bit-- > 0;) {
    rem = rem.shl(1);
    if ((a[bit / 32] >> (bit % 32)) & 1u) {
      if (rem.m_mag.empty()) rem.m_mag.push_back(0);
      rem.m_mag[0] |= 1u;
    }
    if (compare_mag(rem.m_mag, div.m_mag) >= 0) {
      rem.m_mag = sub_mag(rem.m_mag, div.m_mag);
      rem.trim();
      q[bit / 32] |= 1u << (bit % 32);
    }
  }
  while (!q.empty() && q.back() == 0) q.pop_back();
  r = rem.m_mag;
}

void BigInt::floor_divmod(const BigInt& a, const BigInt& b, BigInt& q, BigInt& r) {
  BigInt qq, rr;
  divmod_mag(a.m_mag, b.m_mag, qq.m_mag, rr.m_mag);
  qq.m_neg = a.m_neg != b.m_neg;
  rr.m_neg = a.m_neg;
  qq.trim();
  rr.trim();
  if (!rr.is_zero() && rr.m_neg != b.m_neg) {
    qq = qq - BigInt(1);
    rr = rr + b;
  }
  q = std::move(qq);
  r = std::move(rr);
}

BigInt BigInt::shl(std::size_t n) const {
  if (m_mag.empty()) return *this;
  BigInt r;
  r.m_neg = m_neg;
  std::size_t limbs = n / 32, bits = n % 32;
  r.m_mag.assign(limbs, 0);
  std::uint32_t carry = 0;
  for (std::uint32_t limb : m_mag) {
    r.m_mag.push_back(bits ? (limb << bits) | carry : limb);
    carry = bits ? limb >> (32 - bits) : 0;
  }
  if (carry) r.m_mag.push_back(carry);
  r.trim();
  return r;
}

BigInt BigInt::shr(std::size_t n) const {
  if (m_neg) {
    // floor(a / 2^n) for negatives: -((|a| - 1) >> n) - 1
    BigInt t = (-*this) - BigInt(1);
    return -(t.shr(n)) - BigInt(1);
  }
  BigInt r;
  std::size_t limbs = n / 32, bits = n % 32;
  if (limbs >= m_mag.size()) return r;
  for (std::size_t i = limbs; i < m_mag.size(); ++i) {
    std::uint32_t lo = m_mag[i] >> bits;
    std::uint32_t hi = (bits && i + 1 < m_mag.size()) ? m_mag[i + 1] << (32 - bits) : 0;
    r.m_mag.push_back(lo | hi);
  }
  r.trim();
  return r;
}

Limbs BigInt::twos(std::size_t limbs) const {
  Limbs r(limbs, 0);
  for (std::size_t i = 0; i < m_mag.size() && i < limbs; ++i) r[i] = m_mag[i];
  if (m_neg) {
    std::uint64_t carry = 1;
    for (auto& l : r) {
      std::uint64_t t = std::uint64_t(static_cast<std::uint32_t>(~l)) + carry;
      l = static_cast<std::uint32_t>(t);
      carry = t >> 32;
    }
  }
  return r;
}

BigInt BigInt::from_twos(Limbs limbs) {
  BigInt r;
  bool neg = !limbs.empty() && (limbs.back() & 0x80000000u);
  if (neg) {
    std::uint64_t carry = 1;
    for (auto& l : limbs) {
      std::uint64_t t = std::uint64_t(static_cast<std::uint32_t>(~l)) + carry;
      l = static_cast<std::uint32_t>(t);
      carry = t >> 32;
    }
  }
  r.m_mag = std::move(limbs);
  r.m_neg = neg;
  r.trim();
  return r;
}

BigInt BigInt::bitwise(const BigInt& a, const BigInt& b, char op) {
  std::size_t n = std::max(a.m_mag.size(), b.m_mag.size()) + 1;
  Limbs x = a.twos(n), y = b.twos(n);
  for (std::size_t i = 0; i < n; ++i) {
    x[i] = op == '&' ? (x[i] & y[i]) : op == '|' ? (x[i] | y[i]) : (x[i] ^ y[i]);
  }
  return from_twos(std::move(x));
}

BigInt BigInt::pow(std::uint64_t e) const {
  BigInt result(1), base = *this;
  while (e) {
    if (e & 1) result = result * base;
    e >>= 1;
    if (e) base = base * base;
  }
  return result;
}

std::uint64_t BigInt::hash() const {
  std::uint64_t h = 0;
  for (std::size_t i = m_mag.size(); i-- > 0;) h = h * 1000003u ^ m_mag[i];
  return m_neg ? ~h : h;
}

std::vector<std::uint8_t> BigInt::to_bytes(std::size_t len, bool little) const {
  Limbs t = twos(len / 4 + 2);
  std::vector<std::uint8_t> out(len);
  for (std::size_t i = 0; i < len; ++i) {
    std::uint8_t byte = static_cast<std::uint8_t>(t[i / 4] >> (8 * (i % 4)));
    out[little ? i : len - 1 - i] = byte;
  }
  return out;
}

BigInt BigInt::from_bytes(const std::uint8_t* data, std::size_t len, bool little, bool is_signed) {
  Limbs limbs(len / 4 + 1, 0);
  for (std::size_t i = 0; i < len; ++i) {
    std::uint8_t byte = little ? data[i] : data[len - 1 - i];
    limbs[i / 4] |= std::uint32_t(byte) << (8 * (i % 4));
  }
  bool neg = is_signed && len > 0 && ((little ? data[len - 1] : data[0]) & 0x80);
  if (neg) {
    for (std::size_t i = len; i < limbs.size() * 4; ++i) limbs[i / 4] |= 0xFFu << (8 * (i % 4));
  }
  BigInt r = from_twos(std::move(limbs));
  return r;
}

}  // namespace cpy::vm
