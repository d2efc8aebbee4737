// Float <-> text with MicroPython's algorithms (long double intermediates, round-trip digit search).
#include "firmware/vm/float_format.hpp"

#include <cmath>
#include <cstdint>
#include <cstring>

namespace cpy::vm {

namespace {

long double pow10mul(long double x, int k) {
  if (k == 0 || x == 0) return x;
  bool neg = k < 0;
  if (neg) k = -k;
  long double r = x, p = 10.0L;
  while (k != 0) {
    if (k & 1) r = neg ? r / p : r * p;
    k >>= 1;
    if (k != 0) p = p * p;
  }
  return r;
}

std::optional<double> parse_unsigned(std::string_view s) {
  const std::uint64_t max = 0x1999999999999998ull;
  std::uint64_t m = 0;
  int x = 0, ei = 0, ef = 0;
  bool in_frac = false, any = false;
  std::size_t i = 0;
  auto accept = [&](int d, bool frac) {
    if (m < max) {
      if (frac) --x;
      m = 10 * m + static_cast<std::uint64_t>(d);
    } else if (!frac) {
      ++x;
    }
  };
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c == '_') continue;
    if (c == '.') {
      if (in_frac) return std::nullopt;
      in_frac = true;
      continue;
    }
    if (c < '0' || c > '9') break;
    any = true;
    int d = c - '0';
    if (d == 0 || m >= max) {
      (in_frac ? ef : ei)++;
    } else {
      for (; ei > 0; --ei) accept(0, false);
      for (; ef > 0; --ef) accept(0, true);
      accept(d, in_frac);
    }
  }
  if (!any) return std::nullopt;
  int e = 0;
  if (i < s.size()) {
    if (s[i] != 'e' && s[i] != 'E') return std::nullopt;
    ++i;
    bool eneg = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) eneg = s[i++] == '-';
    bool edig = false;
    for (; i < s.size(); ++i) {
      if (s[i] == '_') continue;
      if (s[i] < '0' || s[i] > '9') return std::nullopt;
      edig = true;
      if (e < 107374181) e = 10 * e + (s[i] - '0');
    }
    if (!edig) return std::nullopt;
    if (eneg) e = -e;
  }
  return static_cast<double>(pow10mul(static_cast<long double>(m), e + x + ei));
}

std::string digits_text(std::uint64_t mant, int n, int e) {
  std::uint64_t p10 = 1;
  for (int i = 0; i < n; ++i) p10 *= 10;
  if (mant != 0 && mant >= p10) mant /= 10, ++e;
  int trailing = 19 - n;
  int dec = 0;
  bool no_dec = false;
  std::string out;
  if (e > 0 && e < 16) {
    dec = e;
    if (dec >= n) trailing = dec - (n - 1);
    e = 0;
  } else if (e >= -4 && e < 0) {
    int c = 0;
    while (e < 0 && mant % 10 == 0) mant /= 10, ++c, ++e;
    n -= c;
    out += "0.";
    for (int i = 0; i < c - e - 1; ++i) out += '0';
    no_dec = true;
    e = 0;
  }
  std::string digs(static_cast<std::size_t>(n), '0');
  for (int i = n - 1; i >= 0; --i) digs[static_cast<std::size_t>(i)] = static_cast<char>('0' + mant % 10), mant /= 10;
  for (int i = 0; i < n; ++i) {
    out += digs[static_cast<std::size_t>(i)];
    if (!no_dec && i == dec && dec + 1 < n) out += '.';
  }
  if (trailing > 0) {
    long d = no_dec ? 1000000 : dec - (n - 1);
    for (int i = 0; i < trailing; ++i) {
      if (d == 0) out += '.';
      --d;
      out += '0';
    }
  }
  if (out.find('.') != std::string::npos) {
    while (!out.empty() && out.back() == '0') out.pop_back();
    if (!out.empty() && out.back() == '.') out.pop_back();
  }
  if (e != 0) {
    out += 'e';
    out += e < 0 ? '-' : '+';
    int a = e < 0 ? -e : e;
    std::string num = std::to_string(a);
    if (num.size() < 2) num = "0" + num;
    out += num;
  }
  return out;
}

}  // namespace

std::string float_repr(double f) {
  std::string out;
  if (std::isnan(f)) return "nan";
  if (std::signbit(f)) out += '-', f = -f;
  if (std::isinf(f)) return out + "inf";
  int e = 0;
  if (f != 0) {
    std::uint64_t bits;
    std::memcpy(&bits, &f, sizeof bits);
    int b = static_cast<int>((bits >> 52) & 0x7FF) - 1023;
    e = static_cast<int>(std::trunc(b * 0.3010299956639812));
    bool pos = f >= 1.0;
    double u = static_cast<double>(pow10mul(1.0L, e + pos));
    while ((f >= u) == pos) {
      e += pos ? 1 : -1;
      u = static_cast<double>(pow10mul(1.0L, e + pos));
    }
  }
  std::string text;
  for (int n = 16; n <= 19; ++n) {
    int decexp = f == 0 ? 0 : n - e - 1;
    auto mant = static_cast<std::uint64_t>(pow10mul(static_cast<long double>(f), decexp) + 0.5L);
    text = digits_text(mant, n, e);
    if (n < 19) {
      auto back = parse_unsigned(text);
      if (back && *back == f) break;
    }
  }
  out += text;
  if (out.find_first_of(".en") == std::string::npos) out += ".0";
  return out;
}

std::optional<double> parse_float(std::string_view text) {
  bool neg = false;
  if (!text.empty() && (text[0] == '+' || text[0] == '-')) neg = text[0] == '-', text.remove_prefix(1);
  std::string lower;
  for (char c : text) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  double v;
  if (lower == "inf" || lower == "infinity")
    v = INFINITY;
  else if (lower == "nan")
    v = NAN;
  else {
    auto r = parse_unsigned(text);
    if (!r) return std::nullopt;
    v = *r;
  }
  return neg ? -v : v;
}

}  // namespace cpy::vm
