// Arbitrary-precision signed integer: schoolbook arithmetic on 32-bit limbs.
#include "mpycross/bigint.hpp"

#include <algorithm>
#include <cmath>

namespace cpy::mpycross {

BigInt::BigInt(std::int64_t v) {
  m_neg = v < 0;
  std::uint64_t u = m_neg ? (~static_cast<std::uint64_t>(v) + 1) : static_cast<std::uint64_t>(v);
  while (u != 0) {
    m_mag.push_back(static_cast<std::uint32_t>(u));
    u >>= 32;
  }
}

void BigInt::trim(Mag& m) {
  while (!m.empty() && m.back() == 0) m.pop_back();
}

BigInt BigInt::make(bool neg, Mag mag) {
  BigInt r;
  trim(mag);
  r.m_mag = std::move(mag);
  r.m_neg = neg && !r.m_mag.empty();
  return r;
}

std::optional<BigInt> BigInt::parse(std::string_view digits, int base) {
  if (digits.empty()) return std::nullopt;
  Mag mag;
  for (char c : digits) {
    int d;
    if (c >= '0' && c <= '9') {
      d = c - '0';
    } else if (c >= 'a' && c <= 'z') {
      d = c - 'a' + 10;
    } else if (c >= 'A' && c <= 'Z') {
      d = c - 'A' + 10;
    } else {
      return std::nullopt;
    }
    if (d >= base) return std::nullopt;
    std::uint64_t carry = static_cast<std::uint64_t>(d);
    for (auto& limb : mag) {
      std::uint64_t v = static_cast<std::uint64_t>(limb) * static_cast<std::uint64_t>(base) + carry;
      limb = static_cast<std::uint32_t>(v);
      carry = v >> 32;
    }
    if (carry != 0) mag.push_back(static_cast<std::uint32_t>(carry));
  }
  return make(false, std::move(mag));
}

std::optional<std::int64_t> BigInt::to_int64() const {
  if (m_mag.size() > 2) return std::nullopt;
  std::uint64_t u = 0;
  for (std::size_t i = m_mag.size(); i-- > 0;) u = (u << 32) | m_mag[i];
  if (m_neg) {
    if (u > (std::uint64_t{1} << 63)) return std::nullopt;
    return static_cast<std::int64_t>(~u + 1);
  }
  if (u >= (std::uint64_t{1} << 63)) return std::nullopt;
  return static_cast<std::int64_t>(u);
}

double BigInt::to_double() const {
  double r = 0;
  for (std::size_t i = m_mag.size(); i-- > 0;) r = r * 4294967296.0 + m_mag[i];
  return m_neg ? -r : r;
}

std::size_t BigInt::bit_length() const {
  if (m_mag.empty()) return 0;
  std::size_t bits = (m_mag.size() - 1) * 32;
  std::uint32_t top = m_mag.back();
  while (top != 0) {
    ++bits;
    top >>= 1;
  }
  return bits;
}

std::string BigInt::to_string() const {
  if (m_mag.empty()) return "0";
  Mag cur = m_mag;
  std::string out;
  while (!cur.empty()) {
    std::uint64_t rem = 0;
    for (std::size_t i = cur.size(); i-- > 0;) {
      std::uint64_t v = (rem << 32) | cur[i];
      cur[i] = static_cast<std::uint32_t>(v / 1000000000u);
      rem = v % 1000000000u;
    }
    trim(cur);
    for (int k = 0; k < 9; ++k) {
      out.push_back(static_cast<char>('0' + rem % 10));
      rem /= 10;
      if (cur.empty() && rem == 0) break;
    }
  }
  if (m_neg) out.push_back('-');
  std::reverse(out.begin(), out.end());
  return out;
}

int BigInt::cmp_mag(const Mag& a, const Mag& b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  for (std::size_t i = a.size(); i-- > 0;) {
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

BigInt::Mag BigInt::add_mag(const Mag& a, const Mag& b) {
  Mag r(std::max(a.size(), b.size()) + 1, 0);
  std::uint64_t carry = 0;
  for (std::size_t i = 0; i < r.size(); ++i) {
    std::uint64_t v = carry;
    if (i < a.size()) v += a[i];
    if (i < b.size()) v += b[i];
    r[i] = static_cast<std::uint32_t>(v);
    carry = v >> 32;
  }
  trim(r);
  return r;
}

BigInt::Mag BigInt::sub_mag(const Mag& a, const Mag& b) {
  Mag r(a.size(), 0);
  std::int64_t borrow = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    std::int64_t v = static_cast<std::int64_t>(a[i]) - borrow - (i < b.size() ? static_cast<std::int64_t>(b[i]) : 0);
    borrow = v < 0 ? 1 : 0;
    if (v < 0) v += std::int64_t{1} << 32;
    r[i] = static_cast<std::uint32_t>(v);
  }
  trim(r);
  return r;
}

BigInt::Mag BigInt::mul_mag(const Mag& a, const Mag& b) {
  if (a.empty() || b.empty()) return {};
  Mag r(a.size() + b.size(), 0);
  for (std::size_t i = 0; i < a.size(); ++i) {
    std::uint64_t carry = 0;
    for (std::size_t j = 0; j < b.size(); ++j) {
      std::uint64_t v = static_cast<std::uint64_t>(a[i]) * b[j] + r[i + j] + carry;
      r[i + j] = static_cast<std::uint32_t>(v);
      carry = v >> 32;
    }
    r[i + b.size()] = static_cast<std::uint32_t>(carry);
  }
  trim(r);
  return r;
}

void BigInt::divmod_mag(const Mag& a, const Mag& b, Mag& q, Mag& r) {
  q.assign(a.size(), 0);
  r.clear();
  for (std::size_t bit = a.size() * 32; bit-- > 0;) {
    // r = r * 2 + bit
    std::uint32_t carry = (a[bit / 32] >> (bit % 32)) & 1u;
    for (auto& limb : r) {
      std::uint32_t next = limb >> 31;
      limb = (limb << 1) | carry;
      carry = next;
    }
    if (carry) r.push_back(carry);
    if (cmp_mag(r, b) >= 0) {
      r = sub_mag(r, b);
      q[bit / 32] |= 1u << (bit % 32);
    }
  }
  trim(q);
  trim(r);
}

BigInt operator-(const BigInt& a) { return BigInt::make(!a.m_neg, a.m_mag); }

BigInt operator+(const BigInt& a, const BigInt& b) {
  if (a.m_neg == b.m_neg) return BigInt::make(a.m_neg, BigInt::add_mag(a.m_mag, b.m_mag));
  int c = BigInt::cmp_mag(a.m_mag, b.m_mag);
  if (c >= 0) return BigInt::make(a.m_neg, BigInt::sub_mag(a.m_mag, b.m_mag));
  return BigInt::make(b.m_neg, BigInt::sub_mag(b.m_mag, a.m_mag));
}

BigInt operator-(const BigInt& a, const BigInt& b) { return a + (-b); }

BigInt operator*(const BigInt& a, const BigInt& b) {
  return BigInt::make(a.m_neg != b.m_neg, BigInt::mul_mag(a.m_mag, b.m_mag));
}

int compare(const BigInt& a, const BigInt& b) {
  if (a.m_neg != b.m_neg) return a.m_neg ? -1 : 1;
  int c = BigInt::cmp_mag(a.m_mag, b.m_mag);
  return a.m_neg ? -c : c;
}

void BigInt::floor_divmod(const BigInt& a, const BigInt& b, BigInt& q, BigInt& r) {
  Mag qm, rm;
  divmod_mag(a.m_mag, b.m_mag, qm, rm);
  q = make(a.m_neg != b.m_neg, qm);
  r = make(a.m_neg, rm);
  if (!r.is_zero() && r.m_neg != b.m_neg) {
    q = q - BigInt(1);
    r = r + b;
  }
}

BigInt BigInt::pow(std::uint64_t exp) const {
  BigInt result(1), base = *this;
  while (exp != 0) {
    if (exp & 1) result = result * base;
    exp >>= 1;
    if (exp != 0) base = base * base;
  }
  return result;
}

BigInt BigInt::shl(std::size_t n) const {
  Mag r(n / 32, 0);
  std::uint32_t carry = 0;
  unsigned s = static_cast<unsigned>(n % 32);
  for (auto limb : m_mag) {
    r.push_back(s == 0 ? limb : ((limb << s) | carry));
    carry = s == 0 ? 0 : limb >> (32 - s);
  }
  r.push_back(carry);
  return make(m_neg, std::move(r));
}

BigInt BigInt::shr(std::size_t n) const {
  if (m_neg) return (-((-*this - BigInt(1)).shr(n))) - BigInt(1);
  std::size_t skip = n / 32;
  if (skip >= m_mag.size()) return BigInt();
  unsigned s = static_cast<unsigned>(n % 32);
  Mag r;
  for (std::size_t i = skip; i < m_mag.size(); ++i) {
    std::uint64_t v = m_mag[i];
    if (i + 1 < m_mag.size()) v |= static_cast<std::uint64_t>(m_mag[i + 1]) << 32;
    r.push_back(static_cast<std::uint32_t>(v >> s));
  }
  return make(false, std::move(r));
}

std::vector<std::uint32_t> BigInt::twos_complement(std::size_t limbs) const {
  Mag r = m_mag;
  r.resize(limbs, 0);
  if (m_neg) {
    std::uint64_t carry = 1;
    for (auto& limb : r) {
      std::uint64_t v = static_cast<std::uint64_t>(~limb) + carry;
      limb = static_cast<std::uint32_t>(v);
      carry = v >> 32;
    }
  }
  return r;
}

BigInt BigInt::bitwise(BitOp op, const BigInt& a, const BigInt& b) {
  std::size_t limbs = std::max(a.m_mag.size(), b.m_mag.size()) + 1;
  auto x = a.twos_complement(limbs), y = b.twos_complement(limbs);
  Mag r(limbs);
  for (std::size_t i = 0; i < limbs; ++i) {
    r[i] = op == BitOp::and_ ? (x[i] & y[i]) : op == BitOp::or_ ? (x[i] | y[i]) : (x[i] ^ y[i]);
  }
  bool neg = (r.back() >> 31) != 0;
  if (neg) {  // back from two's complement
    std::uint64_t carry = 1;
    for (auto& limb : r) {
      std::uint64_t v = static_cast<std::uint64_t>(~limb) + carry;
      limb = static_cast<std::uint32_t>(v);
      carry = v >> 32;
    }
  }
  return make(neg, std::move(r));
}

}  // namespace cpy::mpycross
