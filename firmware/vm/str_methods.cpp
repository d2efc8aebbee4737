// Methods of str (and the shared text helpers: UTF-8 offsets, format specs, % formatting).
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <span>

#include "firmware/vm/float_format.hpp"
#include "firmware/vm/native.hpp"

namespace cpy::vm {

std::size_t utf8_offset(const std::string& s, std::size_t char_index) {
  std::size_t i = 0;
  while (i < s.size() && char_index > 0) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    --char_index;
  }
  return i;
}

namespace {

const std::string& self_str(Vm& vm, const Args& a) { return vm.to_str(a.self); }

std::size_t char_count(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

// Resolves optional start/end arguments (code-point indices) to byte offsets.
void range_args(Vm& vm, const Args& a, std::size_t first, const std::string& s, std::size_t& b, std::size_t& e) {
  auto n = static_cast<std::int64_t>(char_count(s));
  auto get = [&](std::size_t i, std::int64_t dflt) {
    if (a.n_pos <= i || a[i] == vm.none()) return dflt;
    std::int64_t v = vm.to_int(a[i]);
    if (v < 0) v += n;
    return std::clamp<std::int64_t>(v, 0, n);
  };
  std::int64_t sb = get(first, 0), se = get(first + 1, n);
  b = utf8_offset(s, static_cast<std::size_t>(sb));
  e = std::max(b, utf8_offset(s, static_cast<std::size_t>(se)));
}

Value s_find_impl(Vm& vm, Args& a, bool reverse, bool raise_missing) {
  check_args(vm, a, 1, 3);
  const std::string& s = self_str(vm, a);
  const std::string& sub = vm.to_str(a[0]);
  std::size_t b, e;
  range_args(vm, a, 1, s, b, e);
  std::string_view view(s.data() + b, e - b);
  std::size_t pos = reverse ? view.rfind(sub) : view.find(sub);
  if (pos == std::string_view::npos || (sub.empty() && b > s.size())) {
    if (raise_missing) vm.raise(vm.e_value, "substring not found");
    return Value::small(-1);
  }
  return vm.int_value(static_cast<std::int64_t>(char_count(std::string_view(s.data(), b + pos))));
}

Value s_find(Vm& vm, Args& a) { return s_find_impl(vm, a, false, false); }
Value s_rfind(Vm& vm, Args& a) { return s_find_impl(vm, a, true, false); }
Value s_index(Vm& vm, Args& a) { return s_find_impl(vm, a, false, true); }
Value s_rindex(Vm& vm, Args& a) { return s_find_impl(vm, a, true, true); }

Value s_count(Vm& vm, Args& a) {
  check_args(vm, a, 1, 3);
  const std::string& s = self_str(vm, a);
  const std::string& sub = vm.to_str(a[0]);
  std::size_t b, e;
  range_args(vm, a, 1, s, b, e);
  std::string_view view(s.data() + b, e - b);
  if (sub.empty()) return vm.int_value(static_cast<std::int64_t>(char_count(view) + 1));
  std::int64_t n = 0;
  for (std::size_t p = view.find(sub); p != std::string_view::npos; p = view.find(sub, p + sub.size())) ++n;
  return vm.int_value(n);
}

Value s_join(Vm& vm, Args& a) {
  check_args(vm, a, 1, 1);
  const std::string& sep = self_str(vm, a);
  std::string out;
  Value it = vm.get_iter(a[0]);
  bool first = true;
  while (Value v = vm.iter_next(it)) {
    if (!vm.is_str(v)) vm.raise(vm.e_type, "join expects a list of str/bytes objects consistent with self object");
    if (!first) out += sep;
    first = false;
    out += vm.to_str(v);
  }
  return vm.str(std::move(out));
}

Value split_impl(Vm& vm, Args& a, bool right) {
  check_args(vm, a, 0, 2);
  std::string s = self_str(vm, a);
  Value sepv = a.get(0, "sep", vm.none());
  Value maxv = a.get(1, "maxsplit", vm.none());
  std::int64_t maxsplit = maxv == vm.none() ? -1 : vm.to_int(maxv);
  std::vector<std::string> parts;
  if (sepv == vm.none()) {
    if (!right) {
      std::size_t i = 0;
      while (true) {
        while (i < s.size() && is_space(s[i])) ++i;
        if (i >= s.size()) break;
        if (maxsplit >= 0 && static_cast<std::int64_t>(parts.size()) == maxsplit) {
          parts.push_back(s.substr(i));  // the rest keeps its trailing blanks
          break;
        }
        std::size_t j = i;
        while (j < s.size() && !is_space(s[j])) ++j;
        parts.push_back(s.substr(i, j - i));
        i = j;
      }
    } else {
      std::size_t i = s.size();
      while (true) {
        while (i > 0 && is_space(s[i - 1])) --i;
        if (i == 0) break;
        if (maxsplit >= 0 && static_cast<std::int64_t>(parts.size()) == maxsplit) {
          parts.push_back(s.substr(0, i));  // the rest keeps its leading blanks
          break;
        }
        std::size_t j = i;
        while (j > 0 && !is_space(s[j - 1])) --j;
        parts.push_back(s.substr(j, i - j));
        i = j;
      }
      std::reverse(parts.begin(), parts.end());
    }
  } else {
    const std::string& sep = vm.to_str(sepv);
    if (sep.empty()) vm.raise(vm.e_value, "empty separator");
    if (!right) {
      std::size_t start = 0;
      while (true) {
        std::size_t p = s.find(sep, start);
        if (p == std::string::npos || (maxsplit >= 0 && static_cast<std::int64_t>(parts.size()) == maxsplit)) {
          parts.push_back(s.substr(start));
          break;
        }
        parts.push_back(s.substr(start, p - start));
        start = p + sep.size();
      }
    } else {
      std::size_t end = s.size();
      while (true) {
        std::size_t p = end >= sep.size() ? s.rfind(sep, end - sep.size()) : std::string::npos;
        if (p == std::string::npos || (maxsplit >= 0 && static_cast<std::int64_t>(parts.size()) == maxsplit)) {
          parts.push_back(s.substr(0, end));
          break;
        }
        parts.push_back(s.substr(p + sep.size(), end - p - sep.size()));
        end = p;
      }
      std::reverse(parts.begin(), parts.end());
    }
  }
  RootVec out;
  for (auto& p : parts) out.push_back(vm.str(std::move(p)));
  return vm.list(std::move(out));
}

Value s_split(Vm& vm, Args& a) { return split_impl(vm, a, false); }
Value s_rsplit(Vm& vm, Args& a) { return split_impl(vm, a, true); }

Value s_splitlines(Vm& vm, Args& a) {
  const std::string& s = self_str(vm, a);
  bool keep = a.n_pos && vm.truthy(a[0]);
  if (Value k = a.kwarg("keepends")) keep = vm.truthy(k);
  RootVec out;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t j = i;
    while (j < s.size() && s[j] != '\n' && s[j] != '\r') ++j;
    std::size_t e = j;
    if (j < s.size()) {
      if (s[j] == '\r' && j + 1 < s.size() && s[j + 1] == '\n') ++j;
      ++j;
    }
    out.push_back(vm.str(s.substr(i, (keep ? j : e) - i)));
    i = j;
  }
  return vm.list(std::move(out));
}

Value strip_impl(Vm& vm, Args& a, bool left, bool right) {
  check_args(vm, a, 0, 1);
  const std::string& s = self_str(vm, a);
  std::string chars = a.n_pos && a[0] != vm.none() ? vm.to_str(a[0]) : std::string(" \t\n\r\v\f");
  std::size_t b = 0, e = s.size();
  if (left) {
    while (b < e && chars.find(s[b]) != std::string::npos) ++b;
  }
  if (right) {
    while (e > b && chars.find(s[e - 1]) != std::string::npos) --e;
  }
  return vm.str(s.substr(b, e - b));
}

Value s_strip(Vm& vm, Args& a) { return strip_impl(vm, a, true, true); }
Value s_lstrip(Vm& vm, Args& a) { return strip_impl(vm, a, true, false); }
Value s_rstrip(Vm& vm, Args& a) { return strip_impl(vm, a, false, true); }

Value s_replace(Vm& vm, Args& a) {
  check_args(vm, a, 2, 3);
  const std::string& s = self_str(vm, a);
  const std::string& from = vm.to_str(a[0]);
  const std::string& to = vm.to_str(a[1]);
  std::int64_t count = a.n_pos == 3 ? vm.to_int(a[2]) : -1;
  std::string out;
  if (from.empty()) {
    std::int64_t n = 0;
    for (std::size_t i = 0; i <= s.size(); ++i) {
      if (count < 0 || n < count) out += to, ++n;
      if (i < s.size()) out += s[i];
    }
    return vm.str(std::move(out));
  }
  std::size_t start = 0;
  std::int64_t n = 0;
  while (count < 0 || n < count) {
    std::size_t p = s.find(from, start);
    if (p == std::string::npos) break;
    out.append(s, start, p - start);
    out += to;
    start = p + from.size();
    ++n;
  }
  out.append(s, start, std::string::npos);
  return vm.str(std::move(out));
}

Value affix_impl(Vm& vm, Args& a, bool prefix) {
  check_args(vm, a, 1, 3);
  const std::string& s = self_str(vm, a);
  std::size_t b, e;
  range_args(vm, a, 1, s, b, e);
  std::string_view view(s.data() + b, e - b);
  auto test = [&](Value p) {
    const std::string& x = vm.to_str(p);
    return prefix ? view.starts_with(x) : view.ends_with(x);
  };
  if (has_kind(a[0], Kind::tuple)) {
    for (Value p : as_seq(a[0])->items) {
      if (test(p)) return vm.boolean(true);
    }
    return vm.boolean(false);
  }
  return vm.boolean(test(a[0]));
}

Value s_startswith(Vm& vm, Args& a) { return affix_impl(vm, a, true); }
Value s_endswith(Vm& vm, Args& a) { return affix_impl(vm, a, false); }

Value map_chars(Vm& vm, Args& a, int (*fn)(int)) {
  std::string s = self_str(vm, a);
  for (char& c : s) {
    if (static_cast<unsigned char>(c) < 0x80) c = static_cast<char>(fn(c));
  }
  return vm.str(std::move(s));
}

int to_upper(int c) { return c >= 'a' && c <= 'z' ? c - 32 : c; }
int to_lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
Value s_upper(Vm& vm, Args& a) { return map_chars(vm, a, to_upper); }
Value s_lower(Vm& vm, Args& a) { return map_chars(vm, a, to_lower); }
Value classify(Vm& vm, Args& a, int which) {
  const std::string& s = self_str(vm, a);
  if (s.empty()) return vm.boolean(false);
  bool has_cased = false;
  for (unsigned char c : s) {
    switch (which) {
      case 0:
        if (!std::isdigit(c)) return vm.boolean(false);
        break;
      case 1:
        if (!std::isalpha(c)) return vm.boolean(false);
        break;
      case 2:
        if (!is_space(static_cast<char>(c))) return vm.boolean(false);
        break;
      case 3:
        if (std::islower(c)) return vm.boolean(false);
        has_cased |= std::isupper(c) != 0;
        break;
      case 4:
        if (std::isupper(c)) return vm.boolean(false);
        has_cased |= std::islower(c) != 0;
        break;
      case 5:
        if (!std::isalnum(c)) return vm.boolean(false);
        break;
      default:
        break;
    }
  }
  return vm.boolean(which >= 3 && which <= 4 ? has_cased : true);
}

Value s_isdigit(Vm& vm, Args& a) { return classify(vm, a, 0); }
Value s_isalpha(Vm& vm, Args& a) { return classify(vm, a, 1); }
Value s_isspace(Vm& vm, Args& a) { return classify(vm, a, 2); }
Value s_isupper(Vm& vm, Args& a) { return classify(vm, a, 3); }
Value s_islower(Vm& vm, Args& a) { return classify(vm, a, 4); }

Value pad_impl(Vm& vm, Args& a, int where) {
  check_args(vm, a, 1, 2);
  const std::string& s = self_str(vm, a);
  std::int64_t width = vm.to_int(a[0]);
  std::string fill = a.n_pos == 2 ? vm.to_str(a[1]) : " ";
  auto n = static_cast<std::int64_t>(char_count(s));
  if (width <= n) return vm.str(s);
  std::int64_t total = width - n, left = where == 0 ? 0 : where == 1 ? total : total / 2;
  std::string out;
  for (std::int64_t i = 0; i < left; ++i) out += fill;
  out += s;
  for (std::int64_t i = 0; i < total - left; ++i) out += fill;
  return vm.str(std::move(out));
}

Value s_center(Vm& vm, Args& a) { return pad_impl(vm, a, 2); }

Value partition_impl(Vm& vm, Args& a, bool right) {
  check_args(vm, a, 1, 1);
  const std::string& s = self_str(vm, a);
  const std::string& sep = vm.to_str(a[0]);
  if (sep.empty()) vm.raise(vm.e_value, "empty separator");
  std::size_t p = right ? s.rfind(sep) : s.find(sep);
  if (p == std::string::npos) {
    return right ? vm.tuple({vm.str(""), vm.str(""), vm.str(s)}) : vm.tuple({vm.str(s), vm.str(""), vm.str("")});
  }
  return vm.tuple({vm.str(s.substr(0, p)), vm.str(sep), vm.str(s.substr(p + sep.size()))});
}

Value s_partition(Vm& vm, Args& a) { return partition_impl(vm, a, false); }
Value s_rpartition(Vm& vm, Args& a) { return partition_impl(vm, a, true); }

Value s_encode(Vm& vm, Args& a) {
  const std::string& s = self_str(vm, a);
  return vm.bytes(std::vector<std::uint8_t>(s.begin(), s.end()));
}

std::string format_str(Vm& vm, const std::string& fmt, const Args& a, std::size_t& auto_index);

// bytes methods that behave like the str ones: run the str method on the bytes' text, convert back.
Value text_to_bytes(Vm& vm, Value v, Kind kind) {
  if (vm.is_str(v)) {
    const std::string& s = vm.to_str(v);
    return vm.bytes(std::vector<std::uint8_t>(s.begin(), s.end()), kind);
  }
  if (has_kind(v, Kind::list) || has_kind(v, Kind::tuple)) {
    RootVec items;
    for (Value x : as_seq(v)->items) items.push_back(text_to_bytes(vm, x, kind));
    return has_kind(v, Kind::list) ? vm.list(std::move(items)) : vm.tuple(std::move(items));
  }
  return v;
}

Value bytes_arg_to_text(Vm& vm, Value v) {
  if (!is_bytes_like(v)) return v;
  auto& d = as_bytes(v)->data;
  return vm.str(std::string(d.begin(), d.end()));
}

template <NativeFn F>
Value via_str(Vm& vm, Args& a) {
  Kind kind = a.self.obj()->kind;
  RootVec args;
  for (std::size_t i = 0; i < a.n_pos; ++i) args.push_back(bytes_arg_to_text(vm, a[i]));
  Args inner{args.data(), args.size(), a.kw, a.n_kw, bytes_arg_to_text(vm, a.self)};
  return text_to_bytes(vm, F(vm, inner), kind);
}

Value s_format(Vm& vm, Args& a) {
  std::size_t auto_index = 0;
  return vm.str(format_str(vm, self_str(vm, a), a, auto_index));
}

// ---- format spec mini-language ----

struct Spec {
  char fill = ' ', align = 0, sign = '-', type = 0, group = 0;
  bool alt = false, zero = false, comma = false;
  int width = -1, precision = -1;
};

Spec parse_spec(Vm& vm, std::string_view s) {
  Spec sp;
  std::size_t i = 0;
  auto is_align = [](char c) { return c == '<' || c == '>' || c == '^' || c == '='; };
  if (s.size() >= 2 && is_align(s[1]))
    sp.fill = s[0], sp.align = s[1], i = 2;
  else if (!s.empty() && is_align(s[0]))
    sp.align = s[0], i = 1;
  if (i < s.size() && (s[i] == '+' || s[i] == '-' || s[i] == ' ')) sp.sign = s[i++];
  if (i < s.size() && s[i] == '#') sp.alt = true, ++i;
  if (i < s.size() && s[i] == '0') sp.zero = true, ++i;
  int w = 0;
  bool has_w = false;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) w = w * 10 + (s[i++] - '0'), has_w = true;
  if (has_w) sp.width = w;
  if (i < s.size() && (s[i] == ',' || s[i] == '_')) sp.comma = true, sp.group = s[i++];
  if (i < s.size() && s[i] == '.') {
    ++i;
    int p = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) p = p * 10 + (s[i++] - '0');
    sp.precision = p;
  }
  if (i < s.size()) sp.type = s[i++];
  if (i < s.size()) vm.raise(vm.e_value, "Invalid format specifier");
  return sp;
}

std::string apply_width(const std::string& body, const Spec& sp, char default_align, std::size_t sign_len) {
  if (sp.width < 0) return body;
  std::size_t n = char_count(body);
  if (n >= static_cast<std::size_t>(sp.width)) return body;
  std::size_t pad = static_cast<std::size_t>(sp.width) - n;
  char align = sp.align ? sp.align : (sp.zero ? '=' : default_align);
  char fill = sp.align ? sp.fill : (sp.zero ? '0' : sp.fill);
  std::string f;
  for (std::size_t i = 0; i < pad; ++i) f += fill;
  switch (align) {
    case '<':
      return body + f;
    case '^': {
      std::string l, r;
      for (std::size_t i = 0; i < pad / 2; ++i) l += fill;
      for (std::size_t i = 0; i < pad - pad / 2; ++i) r += fill;
      return l + body + r;
    }
    case '=':
      return body.substr(0, sign_len) + f + body.substr(sign_len);
    default:
      return f + body;
  }
}

std::string group_digits(const std::string& digits, char sep = ',') {
  std::string out;
  int n = 0;
  for (std::size_t i = digits.size(); i-- > 0;) {
    if (n && n % 3 == 0) out += sep;
    out += digits[i];
    ++n;
  }
  std::reverse(out.begin(), out.end());
  return out;
}

std::string format_float_spec(double d, const Spec& sp) {
  char type = sp.type ? sp.type : 'g';
  int prec = sp.precision < 0 ? 6 : sp.precision;
  std::string body;
  bool neg = std::signbit(d) && !std::isnan(d);
  double m = std::fabs(d);
  if (std::isinf(m))
    body = (type >= 'A' && type <= 'Z') ? "INF" : "inf";
  else if (std::isnan(m))
    body = (type >= 'A' && type <= 'Z') ? "NAN" : "nan";
  else {
    char fmt[16];
    char t = type == '%' ? 'f' : type == 'n' ? 'g' : type;
    if (type == '%') m *= 100;
    std::snprintf(fmt, sizeof fmt, "%%%s.%d%c", sp.alt ? "#" : "", prec, t);
    char buf[512];
    std::snprintf(buf, sizeof buf, fmt, m);
    body = buf;
    if (type == '%') body += '%';
  }
  std::string sign = neg ? "-" : sp.sign == '+' ? "+" : sp.sign == ' ' ? " " : "";
  return apply_width(sign + body, sp, '>', sign.size());
}

}  // namespace

std::string format_value(Vm& vm, Value v, std::string_view spec_text) {
  if (v.is_obj() && v.obj()->type->is_user) {
    if (Value f = vm.lookup_special(v, "__format__")) return vm.to_str(vm.call(f, {vm.str(std::string(spec_text))}));
  }
  if (spec_text.empty()) return vm.to_text(v);
  Spec sp = parse_spec(vm, spec_text);
  if (vm.is_int(v) && !has_kind(v, Kind::boolean) ? true : (has_kind(v, Kind::boolean) && sp.type && sp.type != 's')) {
    char t = sp.type ? sp.type : 'd';
    if (t == 'e' || t == 'E' || t == 'f' || t == 'F' || t == 'g' || t == 'G' || t == '%') {
      return format_float_spec(vm.to_float(v), sp);
    }
    BigInt b = vm.to_bigint(v);
    bool neg = b.is_negative();
    BigInt mag = neg ? -b : b;
    std::string digits, prefix;
    switch (t) {
      case 'b':
        digits = mag.to_string(2), prefix = "0b";
        break;
      case 'o':
        digits = mag.to_string(8), prefix = "0o";
        break;
      case 'x':
        digits = mag.to_string(16), prefix = "0x";
        break;
      case 'X': {
        digits = mag.to_string(16), prefix = "0X";
        for (char& c : digits) c = static_cast<char>(to_upper(c));
        break;
      }
      case 'c':
        return apply_width(std::string(1, static_cast<char>(vm.to_int(v))), sp, '<', 0);
      case 'd':
      case 'n':
        digits = mag.to_string(10);
        break;
      default:
        vm.raise(vm.e_value, std::string("unknown format code '") + t + "' for object of type 'int'");
    }
    if (sp.comma) digits = group_digits(digits, sp.group);
    std::string sign = neg ? "-" : sp.sign == '+' ? "+" : sp.sign == ' ' ? " " : "";
    std::string head = sign + (sp.alt ? prefix : "");
    return apply_width(head + digits, sp, '>', head.size());
  }
  if (has_kind(v, Kind::flt)) return format_float_spec(vm.to_float(v), sp);
  if (sp.type && sp.type != 's') {
    vm.raise(vm.e_value, std::string("unknown format code '") + sp.type + "' for object of type '" +
                             std::string(vm.type_name(v)) + "'");
  }
  std::string s = vm.to_text(v);
  if (sp.precision >= 0) s = s.substr(0, utf8_offset(s, static_cast<std::size_t>(sp.precision)));
  return apply_width(s, sp, '<', 0);
}

namespace {

Value format_field_value(Vm& vm, std::string_view field, const Args& a, std::size_t& auto_index) {
  std::size_t i = 0;
  while (i < field.size() && field[i] != '.' && field[i] != '[') ++i;
  std::string_view head = field.substr(0, i);
  Value v;
  if (head.empty()) {
    if (auto_index >= a.n_pos) vm.raise(vm.e_index, "tuple index out of range");
    v = a[auto_index++];
  } else if (std::isdigit(static_cast<unsigned char>(head[0]))) {
    std::size_t n = std::stoul(std::string(head));
    if (n >= a.n_pos) vm.raise(vm.e_index, "tuple index out of range");
    v = a[n];
  } else {
    v = a.kwarg(head);
    if (!v) throw PyRaise{vm.make_exception_args(vm.e_key, {vm.str(std::string(head))})};
  }
  while (i < field.size()) {
    if (field[i] == '.') {
      std::size_t j = ++i;
      while (j < field.size() && field[j] != '.' && field[j] != '[') ++j;
      v = vm.getattr(v, field.substr(i, j - i));
      i = j;
    } else {
      std::size_t j = field.find(']', i);
      if (j == std::string_view::npos) vm.raise(vm.e_value, "Missing ']' in format string");
      std::string key(field.substr(i + 1, j - i - 1));
      bool numeric = !key.empty() && std::all_of(key.begin(), key.end(),
                                                 [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
      v = vm.subscr(v, numeric ? vm.int_value(std::stoll(key)) : vm.str(key));
      i = j + 1;
    }
  }
  return v;
}

std::string format_str(Vm& vm, const std::string& fmt, const Args& a, std::size_t& auto_index) {
  std::string out;
  for (std::size_t i = 0; i < fmt.size(); ++i) {
    char c = fmt[i];
    if (c == '}') {
      if (i + 1 < fmt.size() && fmt[i + 1] == '}') {
        out += '}', ++i;
        continue;
      }
      vm.raise(vm.e_value, "single '}' encountered in format string");
    }
    if (c != '{') {
      out += c;
      continue;
    }
    if (i + 1 < fmt.size() && fmt[i + 1] == '{') {
      out += '{', ++i;
      continue;
    }
    // Find the matching '}' (the spec may contain nested fields).
    std::size_t j = i + 1;
    int depth = 1;
    while (j < fmt.size() && depth) {
      if (fmt[j] == '{')
        ++depth;
      else if (fmt[j] == '}')
        --depth;
      if (depth) ++j;
    }
    if (j >= fmt.size()) vm.raise(vm.e_value, "expected '}' before end of string");
    std::string_view inner(fmt.data() + i + 1, j - i - 1);
    std::size_t colon = std::string_view::npos, bang = std::string_view::npos;
    int bracket = 0;
    for (std::size_t k = 0; k < inner.size(); ++k) {
      if (inner[k] == '[')
        ++bracket;
      else if (inner[k] == ']')
        --bracket;
      else if (!bracket && inner[k] == '!' && bang == std::string_view::npos && colon == std::string_view::npos)
        bang = k;
      else if (!bracket && inner[k] == ':') {
        colon = k;
        break;
      }
    }
    std::string_view field = inner.substr(0, std::min(bang, colon));
    char conv = bang != std::string_view::npos && bang + 1 < inner.size() ? inner[bang + 1] : 0;
    std::string spec = colon != std::string_view::npos ? std::string(inner.substr(colon + 1)) : std::string();
    Value v = format_field_value(vm, field, a, auto_index);
    if (spec.find('{') != std::string::npos) spec = format_str(vm, spec, a, auto_index);
    if (conv == 'r')
      v = vm.str(vm.repr(v));
    else if (conv == 's')
      v = vm.str(vm.to_text(v));
    out += format_value(vm, v, spec);
    i = j;
  }
  return out;
}

}  // namespace

namespace {

// The decimal digits of an int's magnitude; small ints skip the BigInt conversion.
std::string decimal_digits(Vm& vm, Value iv, bool& negative) {
  if (iv.is_small()) {
    const std::int64_t n = iv.small_value();
    negative = n < 0;
    char buf[24];
    auto end =
        std::to_chars(buf, buf + sizeof buf, negative ? -static_cast<std::uint64_t>(n) : static_cast<std::uint64_t>(n))
            .ptr;
    return std::string(buf, end);
  }
  BigInt b = vm.to_bigint(iv);
  negative = b.is_negative();
  return (negative ? -b : b).to_string(10);
}

}  // namespace

Value str_modulo(Vm& vm, Value fmtv, Value argv) {
  const std::string& fmt = vm.to_str(fmtv);
  bool is_map =
      has_kind(argv, Kind::dict) || (argv.is_obj() && argv.obj()->type->is_user && !has_kind(argv, Kind::tuple));
  // The arguments stay reachable through argv (a tuple is immutable), so they are read in place.
  std::span<const Value> args(&argv, 1);
  if (has_kind(argv, Kind::tuple)) args = as_seq(argv)->items;
  std::size_t next = 0;
  std::string out;
  auto take = [&]() {
    if (next >= args.size()) vm.raise(vm.e_type, "format string needs more arguments");
    return args[next++];
  };
  for (std::size_t i = 0; i < fmt.size(); ++i) {
    if (fmt[i] != '%') {
      out += fmt[i];
      continue;
    }
    if (++i >= fmt.size()) vm.raise(vm.e_value, "incomplete format");
    Value mapped;
    if (fmt[i] == '(') {
      std::size_t j = fmt.find(')', i);
      if (j == std::string::npos) vm.raise(vm.e_value, "incomplete format key");
      mapped = vm.subscr(argv, vm.str(fmt.substr(i + 1, j - i - 1)));
      i = j + 1;
    }
    Spec sp;
    std::string flags;
    while (i < fmt.size() && (fmt[i] == '-' || fmt[i] == '+' || fmt[i] == ' ' || fmt[i] == '0' || fmt[i] == '#')) {
      if (fmt[i] == '-')
        sp.align = '<';
      else if (fmt[i] == '+')
        sp.sign = '+';
      else if (fmt[i] == ' ')
        sp.sign = ' ';
      else if (fmt[i] == '0')
        sp.zero = true;
      else
        sp.alt = true;
      ++i;
    }
    if (i < fmt.size() && fmt[i] == '*')
      sp.width = static_cast<int>(vm.to_int(take())), ++i;
    else {
      int w = 0;
      bool has = false;
      while (i < fmt.size() && std::isdigit(static_cast<unsigned char>(fmt[i])))
        w = w * 10 + (fmt[i++] - '0'), has = true;
      if (has) sp.width = w;
    }
    if (i < fmt.size() && fmt[i] == '.') {
      ++i;
      int p = 0;
      if (i < fmt.size() && fmt[i] == '*') p = static_cast<int>(vm.to_int(take())), ++i;
      while (i < fmt.size() && std::isdigit(static_cast<unsigned char>(fmt[i]))) p = p * 10 + (fmt[i++] - '0');
      sp.precision = p;
    }
    if (i >= fmt.size()) vm.raise(vm.e_value, "incomplete format");
    char t = fmt[i];
    if (t == '%') {
      out += '%';
      continue;
    }
    Value v = mapped ? mapped : take();
    if (sp.align == '<') sp.zero = false;
    switch (t) {
      case 's':
      case 'r': {
        if (t == 's' && sp.width < 0 && sp.precision < 0 && v.is_obj() && v.obj()->type == vm.t_str) {
          out += as_str_obj(v)->value;
          break;
        }
        std::string s = t == 's' ? vm.to_text(v) : vm.repr(v);
        if (sp.precision >= 0) s = s.substr(0, utf8_offset(s, static_cast<std::size_t>(sp.precision)));
        Spec ws = sp;
        ws.zero = false;
        out += apply_width(s, ws, '>', 0);
        break;
      }
      case 'c':
        out += vm.is_str(v) ? vm.to_str(v) : std::string(1, static_cast<char>(vm.to_int(v)));
        break;
      case 'd':
      case 'i':
      case 'u': {
        Value iv = has_kind(v, Kind::flt) ? vm.call(Value::object(vm.t_int), {v}) : v;
        sp.type = 'd';
        bool negative = false;
        std::string digits = decimal_digits(vm, iv, negative);
        if (sp.precision > static_cast<int>(digits.size()))
          digits.insert(0, static_cast<std::size_t>(sp.precision) - digits.size(), '0');
        std::string sign = negative ? "-" : sp.sign == '+' ? "+" : sp.sign == ' ' ? " " : "";
        out += apply_width(sign + digits, sp, '>', sign.size());
        break;
      }
      case 'x':
      case 'X':
      case 'o': {
        BigInt b = vm.to_bigint(v);
        std::string digits = (b.is_negative() ? -b : b).to_string(t == 'o' ? 8 : 16);
        if (t == 'X') {
          for (char& c : digits) c = static_cast<char>(to_upper(c));
        }
        std::string head = std::string(b.is_negative()  ? "-"
                                       : sp.sign == '+' ? "+"
                                                        : "") +
                           (sp.alt ? (t == 'o'   ? "0o"
                                      : t == 'x' ? "0x"
                                                 : "0X")
                                   : "");
        out += apply_width(head + digits, sp, '>', head.size());
        break;
      }
      case 'e':
      case 'E':
      case 'f':
      case 'F':
      case 'g':
      case 'G': {
        sp.type = t;
        if (sp.precision < 0) sp.precision = 6;
        out += format_float_spec(vm.to_float(v), sp);
        break;
      }
      default:
        vm.raise(vm.e_value, std::string("unsupported format character '") + t + "'");
    }
  }
  if (next < args.size() && !is_map) vm.raise(vm.e_type, "format string didn't convert all arguments");
  return vm.str(std::move(out));
}

void init_str_methods(Vm& vm) {
  struct M {
    const char* name;
    NativeFn fn;
  };
  static const M k_methods[] = {
      {"find", s_find},
      {"rfind", s_rfind},
      {"index", s_index},
      {"rindex", s_rindex},
      {"count", s_count},
      {"join", s_join},
      {"split", s_split},
      {"rsplit", s_rsplit},
      {"splitlines", s_splitlines},
      {"strip", s_strip},
      {"lstrip", s_lstrip},
      {"rstrip", s_rstrip},
      {"replace", s_replace},
      {"startswith", s_startswith},
      {"endswith", s_endswith},
      {"upper", s_upper},
      {"lower", s_lower},
      {"isdigit", s_isdigit},
      {"isalpha", s_isalpha},
      {"isspace", s_isspace},
      {"isupper", s_isupper},
      {"islower", s_islower},
      {"center", s_center},
      {"partition", s_partition},
      {"rpartition", s_rpartition},
      {"encode", s_encode},
      {"format", s_format},
  };
  for (const auto& m : k_methods) vm.add_method(vm.t_str, m.name, m.fn);
  static const M k_bytes_methods[] = {
      {"upper", via_str<s_upper>},         {"lower", via_str<s_lower>},           {"isdigit", via_str<s_isdigit>},
      {"isalpha", via_str<s_isalpha>},     {"isspace", via_str<s_isspace>},       {"isupper", via_str<s_isupper>},
      {"islower", via_str<s_islower>},     {"lstrip", via_str<s_lstrip>},         {"rstrip", via_str<s_rstrip>},
      {"partition", via_str<s_partition>}, {"rpartition", via_str<s_rpartition>}, {"rsplit", via_str<s_rsplit>},
      {"center", via_str<s_center>},       {"splitlines", via_str<s_splitlines>}, {"rindex", via_str<s_rindex>},
  };
  for (const auto& m : k_bytes_methods) {
    vm.add_method(vm.t_bytes, m.name, m.fn);
    vm.add_method(vm.t_bytearray, m.name, m.fn);
  }
}

}  // namespace cpy::vm
