// Methods of list, tuple, dict, set/frozenset, bytes/bytearray, and MicroPython's sort.
#include <algorithm>

#include "firmware/vm/native.hpp"

namespace cpy::vm {

void dict_update(Vm& vm, DictObj* d, const Args& a);

namespace {

// Partition sort with the pivot at the tail and key applied on every comparison (MicroPython's algorithm,
// which is not stable; equal keys end up in its order, not Python's).
void quicksort(Vm& vm, Value* head, Value* tail, Value key, bool less_result) {
  auto k = [&](Value v) { return key ? vm.call(key, {v}) : v; };
  while (head < tail) {
    Value* h = head - 1;
    Value* t = tail;
    Value pivot = k(tail[0]);
    for (;;) {
      do {
        ++h;
      } while (h < t && vm.less(k(h[0]), pivot) == less_result);
      do {
        --t;
      } while (h < t && vm.less(pivot, k(t[0])) == less_result);
      if (h >= t) break;
      std::swap(h[0], t[0]);
    }
    std::swap(h[0], tail[0]);
    if (t - head < tail - h - 1) {
      quicksort(vm, head, t, key, less_result);
      head = h + 1;
    } else {
      quicksort(vm, h + 1, tail, key, less_result);
      tail = t;
    }
  }
}

}  // namespace

void mp_sort(Vm& vm, Value* items, std::size_t n, Value key, bool reverse) {
  if (n > 1) quicksort(vm, items, items + n - 1, key, !reverse);
}

std::vector<std::uint8_t> bytes_of(Vm& vm, Value v) {
  if (is_bytes_like(v)) return as_bytes(v)->data;
  if (has_kind(v, Kind::memoryview)) {
    auto* mv = static_cast<MemoryViewObj*>(v.obj());
    auto& d = as_bytes(mv->base)->data;
    return std::vector<std::uint8_t>(d.begin() + static_cast<std::ptrdiff_t>(mv->start),
                                     d.begin() + static_cast<std::ptrdiff_t>(mv->start + mv->len));
  }
  if (has_kind(v, Kind::array)) return static_cast<ArrayObj*>(v.obj())->data;
  if (vm.is_str(v)) vm.raise(vm.e_type, "string argument without an encoding");
  std::vector<std::uint8_t> out;
  Value it = vm.get_iter(v);
  while (Value x = vm.iter_next(it)) {
    std::int64_t b = vm.to_int(x);
    if (b < 0 || b > 255) vm.raise(vm.e_value, "bytes value out of range");
    out.push_back(static_cast<std::uint8_t>(b));
  }
  return out;
}

namespace {

std::vector<Value>& items_of(const Args& a) { return as_seq(a.self)->items; }

Value l_append(Vm& vm, Args& a) {
  check_args(vm, a, 1, 1);
  auto& items = items_of(a);
  if (items.size() == items.capacity()) vm.heap().reserve((items.size() + 4) * sizeof(Value));
  items.push_back(a[0]);
  return vm.none();
}

Value l_extend(Vm& vm, Args& a) {
  check_args(vm, a, 1, 1);
  RootVec extra = vm.to_vector(a[0]);
  vm.heap().reserve(extra.size() * sizeof(Value));
  auto& items = items_of(a);
  items.insert(items.end(), extra.begin(), extra.end());
  return vm.none();
}

Value l_insert(Vm& vm, Args& a) {
  check_args(vm, a, 2, 2);
  auto& items = items_of(a);
  std::int64_t i = vm.to_int(a[0]), n = static_cast<std::int64_t>(items.size());
  if (i < 0) i = std::max<std::int64_t>(0, i + n);
  i = std::min(i, n);
  items.insert(items.begin() + i, a[1]);
  return vm.none();
}

Value l_pop(Vm& vm, Args& a) {
  check_args(vm, a, 0, 1);
  auto& items = items_of(a);
  if (items.empty()) vm.raise(vm.e_index, "pop from empty list");
  std::int64_t i = a.n_pos ? vm.to_int(a[0]) : -1, n = static_cast<std::int64_t>(items.size());
  if (i < 0) i += n;
  if (i < 0 || i >= n) vm.raise(vm.e_index, "pop index out of range");
  Value v = items[static_cast<std::size_t>(i)];
  items.erase(items.begin() + i);
  return v;
}

Value l_remove(Vm& vm, Args& a) {
  check_args(vm, a, 1, 1);
  auto& items = items_of(a);
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (vm.equal(items[i], a[0])) {
      items.erase(items.begin() + static_cast<std::ptrdiff_t>(i));
      return vm.none();
    }
  }
  vm.raise(vm.e_value, "object not in sequence");
}

Value l_clear(Vm& vm, Args& a) {
  items_of(a).clear();
  return vm.none();
}

Value l_copy(Vm& vm, Args& a) { return vm.list(items_of(a)); }

Value l_reverse(Vm& vm, Args& a) {
  std::reverse(items_of(a).begin(), items_of(a).end());
  return vm.none();
}

Value l_sort(Vm& vm, Args& a) {
  check_args(vm, a, 0, 0);
  Value key = a.kwarg("key"), rev = a.kwarg("reverse");
  auto& items = items_of(a);
  mp_sort(vm, items.data(), items.size(), key && key != vm.none() ? key : Value(), rev && vm.truthy(rev));
  return vm.none();
}

Value seq_index(Vm& vm, Args& a) {
  check_args(vm, a, 1, 3);
  auto& items = items_of(a);
  auto n = static_cast<std::int64_t>(items.size());
  std::int64_t b = a.n_pos > 1 ? vm.to_int(a[1]) : 0, e = a.n_pos > 2 ? vm.to_int(a[2]) : n;
  if (b < 0) b = std::max<std::int64_t>(0, b + n);
  if (e < 0) e += n;
  e = std::min(e, n);
  for (std::int64_t i = b; i < e; ++i) {
    if (vm.equal(items[static_cast<std::size_t>(i)], a[0])) return vm.int_value(i);
  }
  vm.raise(vm.e_value, "object not in sequence");
}

Value seq_count(Vm& vm, Args& a) {
  check_args(vm, a, 1, 1);
  std::int64_t n = 0;
  for (Value v : items_of(a)) n += vm.equal(v, a[0]);
  return vm.int_value(n);
}

// ---- dict ----

HashTable& table_of(const Args& a) { return as_dict(a.self)->table; }

Value d_keys(Vm& vm, Args& a) {
  return Value::object(vm.heap().make<DictViewObj>(vm.t_dict_view, ViewKind::keys, a.self));
}
Value d_values(Vm& vm, Args& a) {
  return Value::object(vm.heap().make<DictViewObj>(vm.t_dict_view, ViewKind::values, a.self));
}
Value d_items(Vm& vm, Args& a) {
  return Value::object(vm.heap().make<DictViewObj>(vm.t_dict_view, ViewKind::items, a.self));
}

Value d_get(Vm& vm, Args& a) {
  check_args(vm, a, 1, 2);
  Value* v = vm.table_find(table_of(a), a[0]);
  return v ? *v : (a.n_pos == 2 ? a[1] : vm.none());
}

Value d_setdefault(Vm& vm, Args& a) {
  check_args(vm, a, 1, 2);
  if (Value* v = vm.table_find(table_of(a), a[0])) return *v;
  Value d = a.n_pos == 2 ? a[1] : vm.none();
  vm.table_store(table_of(a), a[0], d);
  return d;
}

Value d_pop(Vm& vm, Args& a) {
  check_args(vm, a, 1, 2);
  Value removed[2];
  if (vm.table_remove(table_of(a), a[0], removed)) return removed[1];
  if (a.n_pos == 2) return a[1];
  throw PyRaise{vm.make_exception_args(vm.e_key, {a[0]})};
}

Value d_popitem(Vm& vm, Args& a) {
  auto& t = table_of(a);
  for (std::size_t i = t.entries.size(); i-- > 0;) {
    if (t.entries[i].key.is_null()) continue;
    Value k = t.entries[i].key, v = t.entries[i].value;
    vm.table_remove(t, k);
    return vm.tuple({k, v});
  }
  vm.raise(vm.e_key, "popitem(): dictionary is empty");
}

Value d_clear(Vm& vm, Args& a) {
  table_of(a) = HashTable();
  return vm.none();
}

Value d_copy(Vm& vm, Args& a) {
  Value d = vm.dict();
  as_dict(d)->table = table_of(a);
  return d;
}

Value d_update(Vm& vm, Args& a) {
  dict_update(vm, as_dict(a.self), a);
  return vm.none();
}

Value d_fromkeys(Vm& vm, Args& a) {
  check_args(vm, a, 1, 2);
  Value d = vm.dict();
  Value it = vm.get_iter(a[0]);
  while (Value k = vm.iter_next(it)) vm.table_store(as_dict(d)->table, k, a.n_pos == 2 ? a[1] : vm.none());
  return d;
}

Value d_getitem(Vm& vm, Args& a) {
  check_args(vm, a, 1, 1);
  if (Value* v = vm.table_find(table_of(a), a[0])) return *v;
  throw PyRaise{vm.make_exception_args(vm.e_key, {a[0]})};
}

Value d_setitem(Vm& vm, Args& a) {
  check_args(vm, a, 2, 2);
  vm.table_store(table_of(a), a[0], a[1]);
  return vm.none();
}

Value d_delitem(Vm& vm, Args& a) {
  check_args(vm, a, 1, 1);
  if (!vm.table_remove(table_of(a), a[0])) throw PyRaise{vm.make_exception_args(vm.e_key, {a[0]})};
  return vm.none();
}

// ---- set ----

Value st_contains(Vm& vm, Args& a) {
  check_args(vm, a, 1, 1);
  return vm.boolean(vm.table_find(as_set(a.self)->table, a[0]) != nullptr);
}

HashTable& set_table(const Args& a) { return as_set(a.self)->table; }

Value st_add(Vm& vm, Args& a) {
  check_args(vm, a, 1, 1);
  vm.table_store(set_table(a), a[0], Value());
  return vm.none();
}

Value st_discard(Vm& vm, Args& a) {
  check_args(vm, a, 1, 1);
  vm.table_remove(set_table(a), a[0]);
  return vm.none();
}

Value st_remove(Vm& vm, Args& a) {
  check_args(vm, a, 1, 1);
  if (!vm.table_remove(set_table(a), a[0])) throw PyRaise{vm.make_exception_args(vm.e_key, {a[0]})};
  return vm.none();
}

Value st_pop(Vm& vm, Args& a) {
  auto& t = set_table(a);
  for (auto& e : t.entries) {
    if (e.key.is_null()) continue;
    Value k = e.key;
    vm.table_remove(t, k);
    return k;
  }
  vm.raise(vm.e_key, "pop from an empty set");
}

Value st_clear(Vm& vm, Args& a) {
  set_table(a) = HashTable();
  return vm.none();
}

Value st_copy(Vm& vm, Args& a) {
  Value s = vm.set(a.self.obj()->kind);
  as_set(s)->table = set_table(a);
  return s;
}

Value to_set(Vm& vm, Value v) {
  if (has_kind(v, Kind::set) || has_kind(v, Kind::frozenset)) return v;
  Value s = vm.set();
  Value it = vm.get_iter(v);
  while (Value x = vm.iter_next(it)) vm.table_store(as_set(s)->table, x, Value());
  return s;
}

Value set_binop(Vm& vm, Args& a, BinaryOp op) {
  Value r = a.self;
  if (a.n_pos == 0) return vm.binary_op(op, r, vm.set());
  for (std::size_t i = 0; i < a.n_pos; ++i) r = vm.binary_op(op, r, to_set(vm, a[i]));
  return r;
}

Value st_union(Vm& vm, Args& a) { return set_binop(vm, a, BinaryOp::or_); }
Value st_intersection(Vm& vm, Args& a) { return set_binop(vm, a, BinaryOp::and_); }
Value st_difference(Vm& vm, Args& a) { return set_binop(vm, a, BinaryOp::subtract); }
Value st_symmetric_difference(Vm& vm, Args& a) { return set_binop(vm, a, BinaryOp::xor_); }

Value set_update_op(Vm& vm, Args& a, BinaryOp op) {
  Value r = set_binop(vm, a, op);
  set_table(a) = as_set(r)->table;
  return vm.none();
}

Value st_update(Vm& vm, Args& a) { return set_update_op(vm, a, BinaryOp::or_); }
Value st_intersection_update(Vm& vm, Args& a) { return set_update_op(vm, a, BinaryOp::and_); }
Value st_difference_update(Vm& vm, Args& a) { return set_update_op(vm, a, BinaryOp::subtract); }
Value st_symmetric_difference_update(Vm& vm, Args& a) { return set_update_op(vm, a, BinaryOp::xor_); }

Value st_issubset(Vm& vm, Args& a) { return vm.binary_op(BinaryOp::less_equal, a.self, to_set(vm, a[0])); }
Value st_issuperset(Vm& vm, Args& a) { return vm.binary_op(BinaryOp::more_equal, a.self, to_set(vm, a[0])); }
Value st_isdisjoint(Vm& vm, Args& a) {
  Value r = vm.binary_op(BinaryOp::and_, a.self, to_set(vm, a[0]));
  return vm.boolean(as_set(r)->table.used == 0);
}

// ---- bytes / bytearray ----

std::vector<std::uint8_t>& data_of(const Args& a) { return as_bytes(a.self)->data; }

Value b_decode(Vm& vm, Args& a) {
  auto& d = data_of(a);
  return vm.str(std::string(d.begin(), d.end()));
}

std::string hex_text(Vm& vm, const Args& a, const std::uint8_t* data, std::size_t n) {
  static const char* k_hex = "0123456789abcdef";
  std::string out;
  const std::string sep = a.n_pos ? vm.to_str(a[0]) : "";
  for (std::size_t i = 0; i < n; ++i) {
    if (i) out += sep;
    out += k_hex[data[i] >> 4], out += k_hex[data[i] & 15];
  }
  return out;
}

Value b_hex(Vm& vm, Args& a) {
  check_args(vm, a, 0, 1);
  const auto& d = data_of(a);
  return vm.str(hex_text(vm, a, d.data(), d.size()));
}

/// bytes.format(): MicroPython's bytes share str's methods; the text is formatted as str and encoded back.
Value b_format(Vm& vm, Args& a) {
  const auto& d = data_of(a);
  Value text = vm.str(std::string(d.begin(), d.end()));
  Value method[2];
  vm.load_method(text, "format", method);
  RootVec args(a.pos, a.pos + a.n_pos);
  args.insert(args.end(), a.kw, a.kw + 2 * a.n_kw);
  const std::string& out = vm.to_str(vm.call_with_self(method[0], text, a.n_pos, a.n_kw, args.data()));
  return vm.bytes(std::vector<std::uint8_t>(out.begin(), out.end()), a.self.obj()->kind);
}

/// memoryview.hex(): the viewed bytes (of a bytes, bytearray or array) as hex digits.
Value mv_hex(Vm& vm, Args& a) {
  check_args(vm, a, 0, 1);
  auto* view = static_cast<MemoryViewObj*>(a.self.obj());
  const std::vector<std::uint8_t>* data = nullptr;
  if (is_bytes_like(view->base)) data = &as_bytes(view->base)->data;
  if (has_kind(view->base, Kind::array)) data = &static_cast<ArrayObj*>(view->base.obj())->data;
  if (!data) vm.raise(vm.e_type, "memoryview of an unsupported object");
  const std::size_t start = std::min(view->start, data->size());
  return vm.str(hex_text(vm, a, data->data() + start, std::min(view->len, data->size() - start)));
}

Value b_fromhex(Vm& vm, Args& a) {
  check_args(vm, a, 1, 1);
  const std::string& s = vm.to_str(a[0]);
  std::vector<std::uint8_t> out;
  auto hexval = [&](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    vm.raise(vm.e_value, "non-hex digit found");
  };
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == ' ') {
      ++i;
      continue;
    }
    if (i + 1 >= s.size()) vm.raise(vm.e_value, "non-hex digit found");
    out.push_back(static_cast<std::uint8_t>(hexval(s[i]) * 16 + hexval(s[i + 1])));
    i += 2;
  }
  Value t = a.self;
  return vm.bytes(std::move(out), t == Value::object(vm.t_bytearray) ? Kind::bytearray : Kind::bytes);
}

std::string_view view_of(const std::vector<std::uint8_t>& d) {
  return std::string_view(reinterpret_cast<const char*>(d.data()), d.size());
}

Value b_find_impl(Vm& vm, Args& a, bool reverse, bool raise_missing) {
  check_args(vm, a, 1, 3);
  auto& d = data_of(a);
  std::vector<std::uint8_t> needle =
      vm.is_int(a[0]) ? std::vector<std::uint8_t>{static_cast<std::uint8_t>(vm.to_int(a[0]))} : bytes_of(vm, a[0]);
  auto n = static_cast<std::int64_t>(d.size());
  std::int64_t b = a.n_pos > 1 ? vm.to_int(a[1]) : 0, e = a.n_pos > 2 ? vm.to_int(a[2]) : n;
  if (b < 0) b = std::max<std::int64_t>(0, b + n);
  if (e < 0) e = std::max<std::int64_t>(0, e + n);
  b = std::min(b, n), e = std::min(e, n);
  if (e < b) e = b;
  std::string_view view = view_of(d).substr(static_cast<std::size_t>(b), static_cast<std::size_t>(e - b));
  std::size_t p = reverse ? view.rfind(view_of(needle)) : view.find(view_of(needle));
  if (p == std::string_view::npos) {
    if (raise_missing) vm.raise(vm.e_value, "subsection not found");
    return Value::small(-1);
  }
  return vm.int_value(b + static_cast<std::int64_t>(p));
}

Value b_find(Vm& vm, Args& a) { return b_find_impl(vm, a, false, false); }
Value b_rfind(Vm& vm, Args& a) { return b_find_impl(vm, a, true, false); }
Value b_index(Vm& vm, Args& a) { return b_find_impl(vm, a, false, true); }

Value b_count(Vm& vm, Args& a) {
  auto& d = data_of(a);
  std::vector<std::uint8_t> needle =
      vm.is_int(a[0]) ? std::vector<std::uint8_t>{static_cast<std::uint8_t>(vm.to_int(a[0]))} : bytes_of(vm, a[0]);
  if (needle.empty()) return vm.int_value(static_cast<std::int64_t>(d.size() + 1));
  std::int64_t n = 0;
  std::string_view v = view_of(d), nd = view_of(needle);
  for (std::size_t p = v.find(nd); p != std::string_view::npos; p = v.find(nd, p + nd.size())) ++n;
  return vm.int_value(n);
}

Value b_affix(Vm& vm, Args& a, bool prefix) {
  auto& d = data_of(a);
  std::vector<std::uint8_t> x = bytes_of(vm, a[0]);
  std::string_view v = view_of(d);
  return vm.boolean(prefix ? v.starts_with(view_of(x)) : v.ends_with(view_of(x)));
}

Value b_startswith(Vm& vm, Args& a) { return b_affix(vm, a, true); }
Value b_endswith(Vm& vm, Args& a) { return b_affix(vm, a, false); }

Value b_replace(Vm& vm, Args& a) {
  check_args(vm, a, 2, 3);
  std::string s(view_of(data_of(a)));
  auto from_v = bytes_of(vm, a[0]);
  auto to_v = bytes_of(vm, a[1]);
  std::string from(view_of(from_v)), to(view_of(to_v)), out;
  std::int64_t count = a.n_pos == 3 ? vm.to_int(a[2]) : -1, n = 0;
  std::size_t start = 0;
  while (!from.empty() && (count < 0 || n < count)) {
    std::size_t p = s.find(from, start);
    if (p == std::string::npos) break;
    out.append(s, start, p - start);
    out += to;
    start = p + from.size();
    ++n;
  }
  out.append(s, start, std::string::npos);
  return vm.bytes(std::vector<std::uint8_t>(out.begin(), out.end()), a.self.obj()->kind);
}

/// bytes.split(sep=None, maxsplit=-1): on runs of whitespace or on `sep`, at most maxsplit times.
Value b_split(Vm& vm, Args& a) {
  check_args(vm, a, 0, 2);
  std::string s(view_of(data_of(a)));
  Value sep_arg = a.get(0, "sep"), max_arg = a.get(1, "maxsplit");
  std::int64_t splits_left = max_arg ? vm.to_int(max_arg) : -1;
  RootVec out;
  Kind k = a.self.obj()->kind;
  auto push = [&](const std::string& part) {
    out.push_back(vm.bytes(std::vector<std::uint8_t>(part.begin(), part.end()), k));
  };
  auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  if (!sep_arg || sep_arg == vm.none()) {
    std::size_t i = 0;
    while (i < s.size()) {
      while (i < s.size() && is_space(s[i])) ++i;
      if (i >= s.size()) break;
      if (splits_left == 0) {
        push(s.substr(i));
        break;
      }
      std::size_t j = i;
      while (j < s.size() && !is_space(s[j])) ++j;
      push(s.substr(i, j - i));
      i = j;
      --splits_left;
    }
    return vm.list(out);
  }
  auto sepv = bytes_of(vm, sep_arg);
  std::string sep(view_of(sepv));
  if (sep.empty()) vm.raise(vm.e_value, "empty separator");
  std::size_t start = 0;
  for (;;) {
    std::size_t p = splits_left == 0 ? std::string::npos : s.find(sep, start);
    if (p == std::string::npos) {
      push(s.substr(start));
      break;
    }
    push(s.substr(start, p - start));
    start = p + sep.size();
    --splits_left;
  }
  return vm.list(out);
}

Value b_strip(Vm& vm, Args& a) {
  auto& d = data_of(a);
  std::string chars =
      a.n_pos && a[0] != vm.none() ? std::string(view_of(bytes_of(vm, a[0]))) : std::string(" \t\n\r\v\f");
  std::size_t b = 0, e = d.size();
  while (b < e && chars.find(static_cast<char>(d[b])) != std::string::npos) ++b;
  while (e > b && chars.find(static_cast<char>(d[e - 1])) != std::string::npos) --e;
  return vm.bytes(
      std::vector<std::uint8_t>(d.begin() + static_cast<std::ptrdiff_t>(b), d.begin() + static_cast<std::ptrdiff_t>(e)),
      a.self.obj()->kind);
}

Value b_join(Vm& vm, Args& a) {
  auto& sep = data_of(a);
  std::vector<std::uint8_t> out;
  bool first = true;
  Value it = vm.get_iter(a[0]);
  while (Value v = vm.iter_next(it)) {
    if (!first) out.insert(out.end(), sep.begin(), sep.end());
    first = false;
    auto part = bytes_of(vm, v);
    out.insert(out.end(), part.begin(), part.end());
  }
  return vm.bytes(std::move(out), a.self.obj()->kind);
}

Value ba_append(Vm& vm, Args& a) {
  data_of(a).push_back(static_cast<std::uint8_t>(vm.to_int(a[0])));
  return vm.none();
}

Value ba_extend(Vm& vm, Args& a) {
  auto extra = bytes_of(vm, a[0]);
  data_of(a).insert(data_of(a).end(), extra.begin(), extra.end());
  return vm.none();
}

Value ba_pop(Vm& vm, Args& a) {
  auto& d = data_of(a);
  if (d.empty()) vm.raise(vm.e_index, "pop from empty bytearray");
  std::int64_t i = a.n_pos ? vm.to_int(a[0]) : -1, n = static_cast<std::int64_t>(d.size());
  if (i < 0) i += n;
  if (i < 0 || i >= n) vm.raise(vm.e_index, "pop index out of range");
  std::uint8_t v = d[static_cast<std::size_t>(i)];
  d.erase(d.begin() + i);
  return Value::small(v);
}

Value ba_clear(Vm& vm, Args& a) {
  data_of(a).clear();
  return vm.none();
}

Value ba_reverse(Vm& vm, Args& a) {
  std::reverse(data_of(a).begin(), data_of(a).end());
  return vm.none();
}

}  // namespace

void init_container_methods(Vm& vm) {
  struct M {
    const char* name;
    NativeFn fn;
  };
  static const M k_list[] = {{"append", l_append}, {"extend", l_extend}, {"insert", l_insert}, {"pop", l_pop},
                             {"remove", l_remove}, {"clear", l_clear},   {"copy", l_copy},     {"reverse", l_reverse},
                             {"sort", l_sort},     {"index", seq_index}, {"count", seq_count}};
  for (const auto& m : k_list) vm.add_method(vm.t_list, m.name, m.fn);
  vm.add_method(vm.t_tuple, "index", seq_index);
  vm.add_method(vm.t_tuple, "count", seq_count);
  static const M k_dict[] = {{"keys", d_keys},
                             {"values", d_values},
                             {"items", d_items},
                             {"get", d_get},
                             {"setdefault", d_setdefault},
                             {"pop", d_pop},
                             {"popitem", d_popitem},
                             {"clear", d_clear},
                             {"copy", d_copy},
                             {"update", d_update},
                             {"__getitem__", d_getitem},
                             {"__setitem__", d_setitem},
                             {"__delitem__", d_delitem}};
  for (const auto& m : k_dict) vm.add_method(vm.t_dict, m.name, m.fn);
  vm.add_classmethod(vm.t_dict, "fromkeys", d_fromkeys);
  static const M k_set_common[] = {{"copy", st_copy},
                                   {"__contains__", st_contains},
                                   {"union", st_union},
                                   {"intersection", st_intersection},
                                   {"difference", st_difference},
                                   {"symmetric_difference", st_symmetric_difference},
                                   {"issubset", st_issubset},
                                   {"issuperset", st_issuperset},
                                   {"isdisjoint", st_isdisjoint}};
  for (const auto& m : k_set_common) {
    vm.add_method(vm.t_set, m.name, m.fn);
    vm.add_method(vm.t_frozenset, m.name, m.fn);
  }
  static const M k_set[] = {{"add", st_add},
                            {"discard", st_discard},
                            {"remove", st_remove},
                            {"pop", st_pop},
                            {"clear", st_clear},
                            {"update", st_update},
                            {"intersection_update", st_intersection_update},
                            {"difference_update", st_difference_update},
                            {"symmetric_difference_update", st_symmetric_difference_update}};
  for (const auto& m : k_set) vm.add_method(vm.t_set, m.name, m.fn);
  static const M k_bytes[] = {{"decode", b_decode},         {"hex", b_hex},           {"find", b_find},
                              {"rfind", b_rfind},           {"index", b_index},       {"count", b_count},
                              {"startswith", b_startswith}, {"endswith", b_endswith}, {"replace", b_replace},
                              {"split", b_split},           {"strip", b_strip},       {"join", b_join},
                              {"format", b_format}};
  for (const auto& m : k_bytes) {
    vm.add_method(vm.t_bytes, m.name, m.fn);
    vm.add_method(vm.t_bytearray, m.name, m.fn);
  }
  vm.add_classmethod(vm.t_bytes, "fromhex", b_fromhex);
  vm.add_classmethod(vm.t_bytearray, "fromhex", b_fromhex);
  static const M k_bytearray[] = {
      {"append", ba_append}, {"extend", ba_extend}, {"pop", ba_pop}, {"clear", ba_clear}, {"reverse", ba_reverse}};
  for (const auto& m : k_bytearray) vm.add_method(vm.t_bytearray, m.name, m.fn);
  vm.add_method(vm.t_memoryview, "hex", mv_hex);
}

}  // namespace cpy::vm
