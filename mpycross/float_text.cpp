// MicroPython-exact float literal parsing and float repr (spec §9.2).
#include "mpycross/float_text.hpp"

#include <climits>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace cpy::mpycross {
namespace {

long double pow10mul(long double x, int k) {
  if (k == 0 || x == 0) return x;
  bool neg = k < 0;
  unsigned kk = static_cast<unsigned>(neg ? -k : k);
  long double r = x, p = 10.0L;
  while (kk != 0) {
    if (kk & 1) r = neg ? r / p : r * p;
    kk >>= 1;
    if (kk != 0) p = p * p;
  }
  return r;
}

constexpr std::uint64_t k_mant_max = 0x1999999999999998ull;

struct MantissaParser {
  std::uint64_t m = 0;
  int x = 0, ei = 0, ef = 0;

  void accept(int d, bool fraction) {
    if (m < k_mant_max) {
      if (fraction) x -= 1;
      m = 10 * m + static_cast<std::uint64_t>(d);
    } else if (!fraction) {
      x += 1;
    }
  }
  void digit(int d, bool fraction) {
    if (d == 0 || m >= k_mant_max) {
      (fraction ? ef : ei) += 1;
      return;
    }
    for (; ei > 0; --ei) accept(0, false);
    for (; ef > 0; --ef) accept(0, true);
    accept(d, fraction);
  }
};

}  // namespace

double parse_float_literal(std::string_view text) {
  MantissaParser p;
  bool fraction = false, in_exp = false, exp_neg = false;
  int e = 0;
  for (char c : text) {
    if (c == '_') continue;
    if (in_exp) {
      if (c == '-') {
        exp_neg = true;
      } else if (c >= '0' && c <= '9') {
        if (e < (INT_MAX / 2 - 9) / 10) e = 10 * e + (c - '0');
      }
      continue;
    }
    if (c == '.') {
      fraction = true;
    } else if (c == 'e' || c == 'E') {
      in_exp = true;
    } else if (c >= '0' && c <= '9') {
      p.digit(c - '0', fraction);
    } else {
      break;  // 'j' suffix
    }
  }
  if (exp_neg) e = -e;
  return static_cast<double>(pow10mul(static_cast<long double>(p.m), e + p.x + p.ei));
}

namespace {

std::string mantissa_text(std::uint64_t mant, int n, int e) {
  std::uint64_t pow_n = 1;
  for (int i = 0; i < n; ++i) pow_n *= 10;
  if (mant != 0 && mant >= pow_n) {
    mant /= 10;
    e += 1;
  }
  int trailing = 19 - n;
  int dec = 0;
  bool dec_none = false;
  std::string out;
  if (e > 0 && e < 16) {
    dec = e;
    if (dec >= n) trailing = dec - (n - 1);
    e = 0;
  } else if (e >= -4 && e < 0) {
    int c = 0;
    while (e < 0 && mant % 10 == 0) {
      mant /= 10;
      c += 1;
      e += 1;
    }
    n -= c;
    out += "0.";
    for (int i = 0; i < c - e - 1; ++i) out.push_back('0');
    dec_none = true;
    e = 0;
  }
  std::string digits(static_cast<std::size_t>(n), '0');
  for (int i = n - 1; i >= 0; --i) {
    digits[static_cast<std::size_t>(i)] = static_cast<char>('0' + mant % 10);
    mant /= 10;
  }
  for (int i = 0; i < n; ++i) {
    out.push_back(digits[static_cast<std::size_t>(i)]);
    if (!dec_none && i == dec && dec + 1 < n) out.push_back('.');
  }
  if (trailing > 0) {
    long d = dec_none ? 1000000 : dec - (n - 1);
    for (int i = 0; i < trailing; ++i) {
      if (d == 0) out.push_back('.');
      d -= 1;
      out.push_back('0');
    }
  }
  if (out.find('.') != std::string::npos) {
    while (!out.empty() && out.back() == '0') out.pop_back();
    if (!out.empty() && out.back() == '.') out.pop_back();
  }
  if (e != 0) {
    out.push_back('e');
    out.push_back(e < 0 ? '-' : '+');
    int ae = e < 0 ? -e : e;
    std::string ed = std::to_string(ae);
    if (ed.size() < 2) ed = "0" + ed;
    out += ed;
  }
  return out;
}

std::string format_unsigned(double f) {
  int e = 0;
  if (f != 0) {
    std::uint64_t bits;
    std::memcpy(&bits, &f, sizeof bits);
    int b = static_cast<int>((bits >> 52) & 0x7FF) - 1023;
    e = static_cast<int>(std::trunc(b * 0.3010299956639812));
    bool pos = f >= 1.0;
    double u = static_cast<double>(pow10mul(1.0L, e + (pos ? 1 : 0)));
    while ((f >= u) == pos) {
      e += pos ? 1 : -1;
      u = static_cast<double>(pow10mul(1.0L, e + (pos ? 1 : 0)));
    }
  }
  std::string text;
  for (int n = 16; n <= 19; ++n) {
    int decexp = f == 0 ? 0 : n - e - 1;
    auto mant = static_cast<std::uint64_t>(pow10mul(static_cast<long double>(f), decexp) + 0.5L);
    text = mantissa_text(mant, n, e);
    if (n < 19 && parse_float_literal(text) != f) continue;
    break;
  }
  return text;
}

}  // namespace

std::string format_float(double value, bool add_point) {
  std::string out;
  if (std::signbit(value) && !std::isnan(value)) {
    out.push_back('-');
    value = -value;
  }
  if (std::isinf(value)) return out + "inf";
  if (std::isnan(value)) return out + "nan";
  out += format_unsigned(value);
  if (add_point && out.find_first_of(".en") == std::string::npos) out += ".0";
  return out;
}

std::string format_imag(double imag) { return format_float(imag, false) + "j"; }

}  // namespace cpy::mpycross
