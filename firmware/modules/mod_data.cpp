// struct, json, binascii and random: packing values into bytes, JSON text, hex/base64, pseudo-random numbers.
#include <cmath>
#include <cstring>

#include "firmware/modules/modules.hpp"
#include "firmware/vm/float_format.hpp"

namespace cpy::vm {

std::string repr_quoted(std::string_view s);
Value parse_int_text(Vm& vm, std::string_view text, int base);

namespace {

// ---- struct ----

struct FieldSpec {
  char code;
  std::size_t count;
};

struct Layout {
  bool little = true;
  bool native_align = true;
  std::vector<FieldSpec> fields;
};

Layout parse_layout(Vm& vm, const std::string& fmt) {
  Layout l;
  std::size_t i = 0;
  if (!fmt.empty() && (fmt[0] == '<' || fmt[0] == '>' || fmt[0] == '!' || fmt[0] == '=' || fmt[0] == '@')) {
    l.little = fmt[0] == '<' || fmt[0] == '=' || fmt[0] == '@';
    l.native_align = fmt[0] == '@';
    i = 1;
  }
  while (i < fmt.size()) {
    std::size_t count = 1;
    if (std::isdigit(static_cast<unsigned char>(fmt[i]))) {
      count = 0;
      while (i < fmt.size() && std::isdigit(static_cast<unsigned char>(fmt[i])))
        count = count * 10 + static_cast<std::size_t>(fmt[i++] - '0');
    }
    if (i >= fmt.size()) vm.raise(vm.e_value, "bad format");
    char c = fmt[i++];
    if (std::string_view("bBhHiIlLqQfdsx?P").find(c) == std::string_view::npos)
      vm.raise(vm.e_value, "bad char in struct format");
    l.fields.push_back({c, count});
  }
  return l;
}

std::size_t code_size(char c) {
  switch (c) {
    case 'b':
    case 'B':
    case 's':
    case 'x':
    case '?':
      return 1;
    case 'h':
    case 'H':
      return 2;
    case 'i':
    case 'I':
    case 'l':
    case 'L':
    case 'f':
      return 4;
    default:
      return 8;
  }
}

std::size_t layout_size(const Layout& l) {
  std::size_t n = 0;
  for (const auto& f : l.fields) {
    std::size_t sz = code_size(f.code);
    if (l.native_align && f.code != 's' && n % sz) n += sz - n % sz;
    n += f.code == 's' ? f.count : sz * f.count;
  }
  return n;
}

Value st_calcsize(Vm& vm, Args& a) {
  return vm.int_value(static_cast<std::int64_t>(layout_size(parse_layout(vm, vm.to_str(a[0])))));
}

void put_uint(std::vector<std::uint8_t>& out, std::size_t at, std::uint64_t v, std::size_t n, bool little) {
  for (std::size_t k = 0; k < n; ++k) out[at + (little ? k : n - 1 - k)] = static_cast<std::uint8_t>(v >> (8 * k));
}

std::uint64_t get_uint(const std::uint8_t* p, std::size_t n, bool little) {
  std::uint64_t v = 0;
  for (std::size_t k = 0; k < n; ++k) v |= std::uint64_t(p[little ? k : n - 1 - k]) << (8 * k);
  return v;
}

std::vector<std::uint8_t> pack(Vm& vm, const Layout& l, const Value* args, std::size_t n_args) {
  std::vector<std::uint8_t> out(layout_size(l), 0);
  std::size_t pos = 0, ai = 0;
  auto next_arg = [&]() {
    if (ai >= n_args) vm.raise(vm.e_value, "not enough arguments for struct.pack");
    return args[ai++];
  };
  for (const auto& f : l.fields) {
    std::size_t sz = code_size(f.code);
    if (l.native_align && f.code != 's' && pos % sz) pos += sz - pos % sz;
    if (f.code == 's') {
      auto data = bytes_of(vm, next_arg());
      for (std::size_t k = 0; k < f.count && k < data.size(); ++k) out[pos + k] = data[k];
      pos += f.count;
      continue;
    }
    for (std::size_t c = 0; c < f.count; ++c, pos += sz) {
      if (f.code == 'x') continue;
      Value v = next_arg();
      if (f.code == 'f') {
        float x = static_cast<float>(vm.to_float(v));
        std::uint32_t bits;
        std::memcpy(&bits, &x, 4);
        put_uint(out, pos, bits, 4, l.little);
      } else if (f.code == 'd') {
        double x = vm.to_float(v);
        std::uint64_t bits;
        std::memcpy(&bits, &x, 8);
        put_uint(out, pos, bits, 8, l.little);
      } else {
        auto bytes = vm.to_bigint(v).to_bytes(sz, true);
        put_uint(out, pos, get_uint(bytes.data(), sz, true), sz, l.little);
      }
    }
  }
  if (ai != n_args) vm.raise(vm.e_value, "too many arguments for struct.pack");
  return out;
}

Value st_pack(Vm& vm, Args& a) {
  check_args(vm, a, 1, 1000);
  return vm.bytes(pack(vm, parse_layout(vm, vm.to_str(a[0])), a.pos + 1, a.n_pos - 1));
}

Value st_pack_into(Vm& vm, Args& a) {
  check_args(vm, a, 3, 1000);
  auto data = pack(vm, parse_layout(vm, vm.to_str(a[0])), a.pos + 3, a.n_pos - 3);
  if (!has_kind(a[1], Kind::bytearray)) vm.raise(vm.e_type, "pack_into needs a bytearray");
  auto& buf = as_bytes(a[1])->data;
  std::int64_t off = vm.to_int(a[2]);
  if (off < 0) off += static_cast<std::int64_t>(buf.size());
  if (off < 0 || static_cast<std::size_t>(off) + data.size() > buf.size()) vm.raise(vm.e_value, "buffer too small");
  std::memcpy(buf.data() + off, data.data(), data.size());
  return vm.none();
}

Value unpack_at(Vm& vm, const Layout& l, const std::vector<std::uint8_t>& data, std::size_t offset) {
  if (offset + layout_size(l) > data.size()) vm.raise(vm.e_value, "buffer too small");
  RootVec items;
  std::size_t pos = offset;
  for (const auto& f : l.fields) {
    std::size_t sz = code_size(f.code);
    if (l.native_align && f.code != 's' && (pos - offset) % sz) pos += sz - (pos - offset) % sz;
    if (f.code == 's') {
      items.push_back(vm.bytes(std::vector<std::uint8_t>(data.begin() + static_cast<std::ptrdiff_t>(pos),
                                                         data.begin() + static_cast<std::ptrdiff_t>(pos + f.count))));
      pos += f.count;
      continue;
    }
    for (std::size_t c = 0; c < f.count; ++c, pos += sz) {
      if (f.code == 'x') continue;
      std::uint64_t raw = get_uint(data.data() + pos, sz, l.little);
      if (f.code == 'f') {
        auto bits = static_cast<std::uint32_t>(raw);
        float x;
        std::memcpy(&x, &bits, 4);
        items.push_back(vm.float_value(x));
      } else if (f.code == 'd') {
        double x;
        std::memcpy(&x, &raw, 8);
        items.push_back(vm.float_value(x));
      } else if (f.code == '?') {
        items.push_back(vm.boolean(raw != 0));
      } else {
        bool is_signed = std::islower(static_cast<unsigned char>(f.code)) != 0;
        std::uint8_t bytes[8];
        for (std::size_t k = 0; k < sz; ++k) bytes[k] = static_cast<std::uint8_t>(raw >> (8 * k));
        items.push_back(vm.int_value(BigInt::from_bytes(bytes, sz, true, is_signed)));
      }
    }
  }
  return vm.tuple(items);
}

Value st_unpack(Vm& vm, Args& a) {
  check_args(vm, a, 2, 2);
  Layout l = parse_layout(vm, vm.to_str(a[0]));
  auto data = bytes_of(vm, a[1]);
  if (data.size() != layout_size(l)) vm.raise(vm.e_value, "buffer size doesn't match format");
  return unpack_at(vm, l, data, 0);
}

Value st_unpack_from(Vm& vm, Args& a) {
  check_args(vm, a, 2, 3);
  Value off = a.get(2, "offset", Value::small(0));
  std::int64_t o = vm.to_int(off);
  auto data = bytes_of(vm, a[1]);
  if (o < 0) o += static_cast<std::int64_t>(data.size());
  if (o < 0) vm.raise(vm.e_value, "buffer too small");
  return unpack_at(vm, parse_layout(vm, vm.to_str(a[0])), data, static_cast<std::size_t>(o));
}

// ---- json ----

void json_dump(Vm& vm, Value v, std::string& out, const std::string& sep_item, const std::string& sep_key) {
  vm.check_stack();
  if (v == vm.none())
    out += "null";
  else if (has_kind(v, Kind::boolean))
    out += vm.truthy(v) ? "true" : "false";
  else if (vm.is_int(v) || has_kind(v, Kind::flt))
    out += vm.repr(v);
  else if (vm.is_str(v)) {
    out += '"';
    for (unsigned char c : vm.to_str(v)) {
      if (c == '"')
        out += "\\\"";
      else if (c == '\\')
        out += "\\\\";
      else if (c == '\n')
        out += "\\n";
      else if (c == '\r')
        out += "\\r";
      else if (c == '\t')
        out += "\\t";
      else if (c < 0x20) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        out += buf;
      } else
        out += static_cast<char>(c);
    }
    out += '"';
  } else if (has_kind(v, Kind::list) || has_kind(v, Kind::tuple)) {
    out += '[';
    bool first = true;
    for (Value x : as_seq(v)->items) {
      if (!first) out += sep_item;
      first = false;
      json_dump(vm, x, out, sep_item, sep_key);
    }
    out += ']';
  } else if (has_kind(v, Kind::dict)) {
    out += '{';
    bool first = true;
    for (auto& e : as_dict(v)->table.entries) {
      if (e.key.is_null()) continue;
      if (!first) out += sep_item;
      first = false;
      json_dump(vm, vm.is_str(e.key) ? e.key : vm.str(vm.to_text(e.key)), out, sep_item, sep_key);
      out += sep_key;
      json_dump(vm, e.value, out, sep_item, sep_key);
    }
    out += '}';
  } else {
    vm.raise(vm.e_type, "can't serialize " + std::string(vm.type_name(v)));
  }
}

Value js_dumps(Vm& vm, Args& a) {
  check_args(vm, a, 1, 1);
  std::string sep_item = ", ", sep_key = ": ";
  if (Value seps = a.kwarg("separators"); seps && seps != vm.none()) {
    auto parts = vm.to_vector(seps);
    if (parts.size() == 2) sep_item = vm.to_str(parts[0]), sep_key = vm.to_str(parts[1]);
  }
  std::string out;
  json_dump(vm, a[0], out, sep_item, sep_key);
  return vm.str(std::move(out));
}

/// json.dump(obj, stream, separators=None): dumps() written with the stream's write().
Value js_dump(Vm& vm, Args& a) {
  check_args(vm, a, 2, 2);
  Args text_args{a.pos, 1, a.kw, a.n_kw, Value()};
  Value text = js_dumps(vm, text_args);
  vm.call_method(a[1], "write", {text});
  return vm.none();
}

struct JsonParser {
  Vm& vm;
  std::string_view s;
  std::size_t i = 0;

  void ws() {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
  }
  [[noreturn]] void fail() { vm.raise(vm.e_value, "syntax error in JSON"); }
  bool take(std::string_view word) {
    if (s.substr(i, word.size()) != word) return false;
    i += word.size();
    return true;
  }
  Value value() {
    vm.check_stack();
    ws();
    if (i >= s.size()) fail();
    char c = s[i];
    if (c == '{') return object();
    if (c == '[') return array();
    if (c == '"') return vm.str(string());
    if (take("null")) return vm.none();
    if (take("true")) return vm.boolean(true);
    if (take("false")) return vm.boolean(false);
    return number();
  }
  Value object() {
    ++i;
    Value d = vm.dict();
    ws();
    if (i < s.size() && s[i] == '}') return ++i, d;
    for (;;) {
      ws();
      if (i >= s.size() || s[i] != '"') fail();
      Value k = vm.str(string());
      ws();
      if (i >= s.size() || s[i++] != ':') fail();
      Value v = value();
      vm.table_store(as_dict(d)->table, k, v);
      ws();
      if (i < s.size() && s[i] == ',') {
        ++i;
        continue;
      }
      if (i < s.size() && s[i] == '}') return ++i, d;
      fail();
    }
  }
  Value array() {
    ++i;
    Value l = vm.list({});
    ws();
    if (i < s.size() && s[i] == ']') return ++i, l;
    for (;;) {
      Value v = value();
      as_seq(l)->items.push_back(v);
      ws();
      if (i < s.size() && s[i] == ',') {
        ++i;
        continue;
      }
      if (i < s.size() && s[i] == ']') return ++i, l;
      fail();
    }
  }
  std::string string() {
    ++i;
    std::string out;
    while (i < s.size() && s[i] != '"') {
      char c = s[i++];
      if (c != '\\') {
        out += c;
        continue;
      }
      if (i >= s.size()) fail();
      char e = s[i++];
      switch (e) {
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        case 'r':
          out += '\r';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'u': {
          if (i + 4 > s.size()) fail();
          auto cp = static_cast<std::uint32_t>(std::stoul(std::string(s.substr(i, 4)), nullptr, 16));
          i += 4;
          if (cp < 0x80)
            out += static_cast<char>(cp);
          else if (cp < 0x800)
            out += static_cast<char>(0xC0 | (cp >> 6)), out += static_cast<char>(0x80 | (cp & 0x3F));
          else {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
          }
          break;
        }
        default:
          out += e;
      }
    }
    if (i >= s.size()) fail();
    ++i;
    return out;
  }
  Value number() {
    std::size_t b = i;
    bool is_float = false;
    if (i < s.size() && s[i] == '-') ++i;
    while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.' || s[i] == 'e' ||
                            s[i] == 'E' || ((s[i] == '+' || s[i] == '-') && (s[i - 1] == 'e' || s[i - 1] == 'E')))) {
      is_float |= s[i] == '.' || s[i] == 'e' || s[i] == 'E';
      ++i;
    }
    std::string_view text = s.substr(b, i - b);
    if (text.empty() || text == "-") fail();
    if (!is_float) return parse_int_text(vm, text, 10);
    auto d = parse_float(text);
    if (!d) fail();
    return vm.float_value(*d);
  }
};

Value js_loads(Vm& vm, Args& a) {
  check_args(vm, a, 1, 1);
  std::string text = vm.is_str(a[0]) ? vm.to_str(a[0]) : std::string();
  if (!vm.is_str(a[0])) {
    auto d = bytes_of(vm, a[0]);
    text.assign(d.begin(), d.end());
  }
  JsonParser p{vm, text};
  Value v = p.value();
  p.ws();
  if (p.i != text.size()) p.fail();
  return v;
}

/// json.load(stream): loads() of everything the stream's read() returns.
Value js_load(Vm& vm, Args& a) {
  check_args(vm, a, 1, 1);
  Value text = vm.call_method(a[0], "read", {});
  Args text_args{&text, 1, nullptr, 0, Value()};
  return js_loads(vm, text_args);
}

// ---- binascii ----

Value ba_hexlify(Vm& vm, Args& a) {
  static const char* k_hex = "0123456789abcdef";
  auto d = bytes_of(vm, a[0]);
  std::string sep;
  if (a.n_pos > 1) {
    const auto sep_bytes = vm.is_str(a[1]) ? std::vector<std::uint8_t>(vm.to_str(a[1]).begin(), vm.to_str(a[1]).end())
                                           : bytes_of(vm, a[1]);
    sep.assign(sep_bytes.begin(), sep_bytes.end());
  }
  std::vector<std::uint8_t> out;
  for (std::size_t i = 0; i < d.size(); ++i) {
    if (i && !sep.empty()) out.insert(out.end(), sep.begin(), sep.end());
    out.push_back(static_cast<std::uint8_t>(k_hex[d[i] >> 4]));
    out.push_back(static_cast<std::uint8_t>(k_hex[d[i] & 15]));
  }
  return vm.bytes(std::move(out));
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Value ba_unhexlify(Vm& vm, Args& a) {
  std::vector<std::uint8_t> d =
      vm.is_str(a[0]) ? std::vector<std::uint8_t>(vm.to_str(a[0]).begin(), vm.to_str(a[0]).end()) : bytes_of(vm, a[0]);
  if (d.size() % 2) vm.raise(vm.e_value, "odd-length string");
  std::vector<std::uint8_t> out;
  for (std::size_t i = 0; i < d.size(); i += 2) {
    int hi = hex_digit(static_cast<char>(d[i])), lo = hex_digit(static_cast<char>(d[i + 1]));
    if (hi < 0 || lo < 0) vm.raise(vm.e_value, "non-hex digit found");
    out.push_back(static_cast<std::uint8_t>(hi * 16 + lo));
  }
  return vm.bytes(std::move(out));
}

const char* k_b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

Value ba_b2a_base64(Vm& vm, Args& a) {
  auto d = bytes_of(vm, a[0]);
  std::string out;
  for (std::size_t i = 0; i < d.size(); i += 3) {
    std::uint32_t v = std::uint32_t(d[i]) << 16 | (i + 1 < d.size() ? std::uint32_t(d[i + 1]) << 8 : 0) |
                      (i + 2 < d.size() ? d[i + 2] : 0);
    out += k_b64[(v >> 18) & 63];
    out += k_b64[(v >> 12) & 63];
    out += i + 1 < d.size() ? k_b64[(v >> 6) & 63] : '=';
    out += i + 2 < d.size() ? k_b64[v & 63] : '=';
  }
  Value nl = a.kwarg("newline");
  if (!nl || vm.truthy(nl)) out += '\n';
  return vm.bytes(std::vector<std::uint8_t>(out.begin(), out.end()));
}

Value ba_a2b_base64(Vm& vm, Args& a) {
  std::vector<std::uint8_t> d =
      vm.is_str(a[0]) ? std::vector<std::uint8_t>(vm.to_str(a[0]).begin(), vm.to_str(a[0]).end()) : bytes_of(vm, a[0]);
  std::vector<std::uint8_t> out;
  std::uint32_t acc = 0;
  int bits = 0;
  for (auto c : d) {
    const char* p = std::strchr(k_b64, c);
    if (c == '=' || !p || c == 0) continue;
    acc = (acc << 6) | static_cast<std::uint32_t>(p - k_b64);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<std::uint8_t>(acc >> bits));
    }
  }
  return vm.bytes(std::move(out));
}

Value ba_crc32(Vm& vm, Args& a) {
  auto d = bytes_of(vm, a[0]);
  std::uint32_t crc = a.n_pos > 1 ? static_cast<std::uint32_t>(vm.to_int(a[1])) : 0;
  crc = ~crc;
  for (auto b : d) {
    crc ^= b;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return vm.int_value(static_cast<std::int64_t>(~crc));
}

// ---- random (xorshift, like MicroPython's yasmarang-free variant: deterministic after seed) ----

std::uint64_t g_random_state = 0x9E3779B97F4A7C15ull;

std::uint32_t next_random() {
  g_random_state ^= g_random_state << 13;
  g_random_state ^= g_random_state >> 7;
  g_random_state ^= g_random_state << 17;
  return static_cast<std::uint32_t>(g_random_state >> 16);
}

Value rnd_seed(Vm& vm, Args& a) {
  g_random_state = a.n_pos && a[0] != vm.none()
                       ? static_cast<std::uint64_t>(vm.to_int(a[0])) * 0x9E3779B97F4A7C15ull + 1
                       : vm.host().monotonic_ns() | 1;
  return vm.none();
}

Value rnd_getrandbits(Vm& vm, Args& a) {
  std::int64_t n = vm.to_int(a[0]);
  if (n < 0 || n > 32) vm.raise(vm.e_value, "bits must be 32 or less");
  return vm.int_value(n == 0 ? 0 : static_cast<std::int64_t>(next_random() >> (32 - n)));
}

std::int64_t below(Vm& vm, std::int64_t n) {
  if (n <= 0) vm.raise(vm.e_value, "empty range");
  return static_cast<std::int64_t>(((std::uint64_t(next_random()) << 32) | next_random()) %
                                   static_cast<std::uint64_t>(n));
}

Value rnd_randrange(Vm& vm, Args& a) {
  check_args(vm, a, 1, 3);
  std::int64_t start = 0, stop, step = 1;
  if (a.n_pos == 1)
    stop = vm.to_int(a[0]);
  else
    start = vm.to_int(a[0]), stop = vm.to_int(a[1]);
  if (a.n_pos == 3) step = vm.to_int(a[2]);
  if (step == 0) vm.raise(vm.e_value, "zero step");
  std::int64_t n = step > 0 ? (stop - start + step - 1) / step : (start - stop - step - 1) / -step;
  return vm.int_value(start + step * below(vm, n));
}

Value rnd_randint(Vm& vm, Args& a) {
  check_args(vm, a, 2, 2);
  std::int64_t lo = vm.to_int(a[0]), hi = vm.to_int(a[1]);
  return vm.int_value(lo + below(vm, hi - lo + 1));
}

double unit_random() {
  return static_cast<double>((std::uint64_t(next_random()) << 21) ^ next_random()) / 9007199254740992.0;
}

Value rnd_random(Vm& vm, Args&) { return vm.float_value(std::fmod(unit_random(), 1.0)); }

Value rnd_uniform(Vm& vm, Args& a) {
  double lo = vm.to_float(a[0]), hi = vm.to_float(a[1]);
  return vm.float_value(lo + (hi - lo) * std::fmod(unit_random(), 1.0));
}

Value rnd_choice(Vm& vm, Args& a) {
  std::size_t n = vm.len(a[0]);
  if (n == 0) vm.raise(vm.e_index, "empty sequence");
  return vm.subscr(a[0], vm.int_value(below(vm, static_cast<std::int64_t>(n))));
}

}  // namespace

void init_struct(Vm& vm, ModuleObj* m) {
  add_fn(vm, m, "calcsize", st_calcsize);
  add_fn(vm, m, "pack", st_pack);
  add_fn(vm, m, "pack_into", st_pack_into);
  add_fn(vm, m, "unpack", st_unpack);
  add_fn(vm, m, "unpack_from", st_unpack_from);
}

void init_json(Vm& vm, ModuleObj* m) {
  add_fn(vm, m, "dumps", js_dumps);
  add_fn(vm, m, "loads", js_loads);
  add_fn(vm, m, "dump", js_dump);
  add_fn(vm, m, "load", js_load);
}

void init_binascii(Vm& vm, ModuleObj* m) {
  add_fn(vm, m, "hexlify", ba_hexlify);
  add_fn(vm, m, "unhexlify", ba_unhexlify);
  add_fn(vm, m, "b2a_hex", ba_hexlify);
  add_fn(vm, m, "a2b_hex", ba_unhexlify);
  add_fn(vm, m, "b2a_base64", ba_b2a_base64);
  add_fn(vm, m, "a2b_base64", ba_a2b_base64);
  add_fn(vm, m, "crc32", ba_crc32);
}

void init_random(Vm& vm, ModuleObj* m) {
  add_fn(vm, m, "seed", rnd_seed);
  add_fn(vm, m, "getrandbits", rnd_getrandbits);
  add_fn(vm, m, "randrange", rnd_randrange);
  add_fn(vm, m, "randint", rnd_randint);
  add_fn(vm, m, "random", rnd_random);
  add_fn(vm, m, "uniform", rnd_uniform);
  add_fn(vm, m, "choice", rnd_choice);
}

}  // namespace cpy::vm
