// io (StringIO, BytesIO), collections (OrderedDict, namedtuple, deque) and time.
#include "firmware/modules/modules.hpp"

namespace cpy::vm {

void dict_update(Vm& vm, DictObj* d, const Args& a);

namespace {

StreamObj* stream(const Args& a) { return static_cast<StreamObj*>(a.self.obj()); }
bool is_text(const Args& a) { return a.self.obj()->kind == Kind::text_io; }

Value make_stream(Vm& vm, Args& a, Kind kind, TypeObj* t) {
  auto* s = vm.heap().make<StreamObj>(kind, static_cast<TypeObj*>(a.self.obj()));
  (void)t;
  if (a.n_pos >= 1) {
    if (kind == Kind::text_io)
      s->buffer = vm.to_str(a[0]);
    else {
      auto d = bytes_of(vm, a[0]);
      s->buffer.assign(d.begin(), d.end());
    }
  }
  return Value::object(s);
}

Value make_string_io(Vm& vm, Args& a) { return make_stream(vm, a, Kind::text_io, vm.t_string_io); }
Value make_bytes_io(Vm& vm, Args& a) { return make_stream(vm, a, Kind::bytes_io, vm.t_bytes_io); }

Value wrap(Vm& vm, const Args& a, std::string s) {
  if (is_text(a)) return vm.str(std::move(s));
  return vm.bytes(std::vector<std::uint8_t>(s.begin(), s.end()));
}

Value io_write(Vm& vm, Args& a) {
  check_args(vm, a, 1, 1);
  StreamObj* s = stream(a);
  std::string data;
  if (is_text(a))
    data = vm.to_str(a[0]);
  else {
    auto d = bytes_of(vm, a[0]);
    data.assign(d.begin(), d.end());
  }
  vm.heap().reserve(data.size());
  if (s->pos > s->buffer.size()) s->buffer.resize(s->pos, '\0');
  s->buffer.replace(s->pos, std::min(data.size(), s->buffer.size() - s->pos), data);
  s->pos += data.size();
  return vm.int_value(static_cast<std::int64_t>(is_text(a) ? as_str_obj(a[0])->chars : data.size()));
}

Value io_getvalue(Vm& vm, Args& a) { return wrap(vm, a, stream(a)->buffer); }

Value io_read(Vm& vm, Args& a) {
  StreamObj* s = stream(a);
  std::int64_t n = a.n_pos && a[0] != vm.none() ? vm.to_int(a[0]) : -1;
  std::size_t avail = s->pos < s->buffer.size() ? s->buffer.size() - s->pos : 0;
  std::size_t take = n < 0 ? avail : std::min<std::size_t>(avail, static_cast<std::size_t>(n));
  std::string out = s->buffer.substr(std::min(s->pos, s->buffer.size()), take);
  s->pos += take;
  return wrap(vm, a, std::move(out));
}

Value io_readline(Vm& vm, Args& a) {
  StreamObj* s = stream(a);
  if (s->pos >= s->buffer.size()) return wrap(vm, a, "");
  std::size_t nl = s->buffer.find('\n', s->pos);
  std::size_t end = nl == std::string::npos ? s->buffer.size() : nl + 1;
  std::string out = s->buffer.substr(s->pos, end - s->pos);
  s->pos = end;
  return wrap(vm, a, std::move(out));
}

Value io_readlines(Vm& vm, Args& a) {
  RootVec lines;
  for (;;) {
    Value l = io_readline(vm, a);
    if (vm.len(l) == 0) break;
    lines.push_back(l);
  }
  return vm.list(std::move(lines));
}

Value io_seek(Vm& vm, Args& a) {
  StreamObj* s = stream(a);
  std::int64_t off = vm.to_int(a[0]);
  std::int64_t whence = a.n_pos > 1 ? vm.to_int(a[1]) : 0;
  std::int64_t base = whence == 1   ? static_cast<std::int64_t>(s->pos)
                      : whence == 2 ? static_cast<std::int64_t>(s->buffer.size())
                                    : 0;
  s->pos = static_cast<std::size_t>(std::max<std::int64_t>(0, base + off));
  return vm.int_value(static_cast<std::int64_t>(s->pos));
}

/// readinto(buf[, nbytes]): copies the next bytes into a bytearray (or a memoryview of one); returns the count.
Value io_readinto(Vm& vm, Args& a) {
  check_args(vm, a, 1, 2);
  Value target = a[0];
  std::size_t offset = 0, room = 0;
  if (has_kind(target, Kind::memoryview)) {
    auto* view = static_cast<MemoryViewObj*>(target.obj());
    offset = view->start, room = view->len, target = view->base;
  }
  if (!has_kind(target, Kind::bytearray)) vm.raise(vm.e_type, "object with buffer protocol required");
  auto& data = as_bytes(target)->data;
  if (!has_kind(a[0], Kind::memoryview)) room = data.size();
  room = std::min(room, data.size() > offset ? data.size() - offset : 0);
  if (a.n_pos == 2)
    room = std::min<std::size_t>(room, static_cast<std::size_t>(std::max<std::int64_t>(0, vm.to_int(a[1]))));
  StreamObj* s = stream(a);
  std::size_t avail = s->pos < s->buffer.size() ? s->buffer.size() - s->pos : 0;
  std::size_t n = std::min(room, avail);
  std::copy_n(s->buffer.begin() + static_cast<std::ptrdiff_t>(s->pos), n,
              data.begin() + static_cast<std::ptrdiff_t>(offset));
  s->pos += n;
  return vm.int_value(static_cast<std::int64_t>(n));
}

Value io_tell(Vm& vm, Args& a) { return vm.int_value(static_cast<std::int64_t>(stream(a)->pos)); }
Value io_noop(Vm& vm, Args&) { return vm.none(); }
Value io_enter(Vm&, Args& a) { return a.self; }

Value io_next(Vm& vm, Args& a) {
  Value l = io_readline(vm, a);
  if (vm.len(l) == 0) throw PyRaise{vm.make_exception_args(vm.e_stop_iteration, {})};
  return l;
}

// ---- collections ----

Value make_ordered_dict(Vm& vm, Args& a) {
  Value d = vm.dict();
  d.obj()->type = static_cast<TypeObj*>(a.self.obj());
  dict_update(vm, as_dict(d), a);
  return d;
}

Value namedtuple_make(Vm& vm, Args& a) {
  auto* t = static_cast<TypeObj*>(a.self.obj());
  Value fields = vm.class_lookup(t, "_fields");
  auto& names = as_seq(fields)->items;
  RootVec items(names.size());
  if (a.n_pos > names.size())
    vm.raise(vm.e_type, "function takes " + std::to_string(names.size()) + " positional arguments but " +
                            std::to_string(a.n_pos) + " were given");
  for (std::size_t i = 0; i < a.n_pos; ++i) items[i] = a[i];
  for (std::size_t k = 0; k < a.n_kw; ++k) {
    bool found = false;
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (vm.equal(names[i], a.kw[2 * k])) items[i] = a.kw[2 * k + 1], found = true;
    }
    if (!found) vm.raise(vm.e_type, "unexpected keyword argument '" + vm.to_str(a.kw[2 * k]) + "'");
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!items[i])
      vm.raise(vm.e_type, "function missing " + std::to_string(items.size() - i) + " required positional arguments");
  }
  Value r = vm.tuple(std::move(items));
  r.obj()->type = t;
  return r;
}

Value namedtuple_asdict(Vm& vm, Args& a) {
  Value fields = vm.class_lookup(vm.type_of(a.self), "_fields");
  Value d = vm.dict();
  auto& names = as_seq(fields)->items;
  auto& items = as_seq(a.self)->items;
  for (std::size_t i = 0; i < names.size() && i < items.size(); ++i)
    vm.table_store(as_dict(d)->table, names[i], items[i]);
  return d;
}

Value namedtuple_replace(Vm& vm, Args& a) {
  Value fields = vm.class_lookup(vm.type_of(a.self), "_fields");
  auto& names = as_seq(fields)->items;
  RootVec items(as_seq(a.self)->items.begin(), as_seq(a.self)->items.end());
  for (std::size_t k = 0; k < a.n_kw; ++k) {
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (vm.equal(names[i], a.kw[2 * k])) items[i] = a.kw[2 * k + 1];
    }
  }
  Value r = vm.tuple(std::move(items));
  r.obj()->type = vm.type_of(a.self);
  return r;
}

Value c_namedtuple(Vm& vm, Args& a) {
  check_args(vm, a, 2, 2);
  RootVec names;
  if (vm.is_str(a[1])) {
    std::string s = vm.to_str(a[1]);
    for (char& c : s) {
      if (c == ',') c = ' ';
    }
    std::size_t i = 0;
    while (i < s.size()) {
      while (i < s.size() && s[i] == ' ') ++i;
      std::size_t j = i;
      while (j < s.size() && s[j] != ' ') ++j;
      if (j > i) names.push_back(vm.str(s.substr(i, j - i)));
      i = j;
    }
  } else {
    names = vm.to_vector(a[1]);
  }
  TypeObj* t = vm.make_type(vm.to_str(a[0]), Kind::tuple, vm.t_tuple);
  t->maker = namedtuple_make;
  vm.dict_store_str(t->dict, "_fields", vm.tuple(std::move(names)));
  vm.add_method(t, "_asdict", namedtuple_asdict);
  vm.add_method(t, "_replace", namedtuple_replace);
  return Value::object(t);
}

DequeObj* deque(const Args& a) { return static_cast<DequeObj*>(a.self.obj()); }

Value make_deque(Vm& vm, Args& a) {
  auto* d = vm.heap().make<DequeObj>(static_cast<TypeObj*>(a.self.obj()));
  Value dv = Value::object(d);
  Value ml = a.get(1, "maxlen");
  if (ml && ml != vm.none()) d->maxlen = static_cast<std::size_t>(vm.to_int(ml));
  if (a.n_pos >= 1) {
    for (Value v : vm.to_vector(a[0])) {
      d->items.push_back(v);
      if (d->maxlen && d->items.size() > d->maxlen) d->items.erase(d->items.begin());
    }
  }
  return dv;
}

Value dq_append(Vm& vm, Args& a) {
  DequeObj* d = deque(a);
  d->items.push_back(a[0]);
  if (d->maxlen && d->items.size() > d->maxlen) d->items.erase(d->items.begin());
  return vm.none();
}

Value dq_appendleft(Vm& vm, Args& a) {
  DequeObj* d = deque(a);
  d->items.insert(d->items.begin(), a[0]);
  if (d->maxlen && d->items.size() > d->maxlen) d->items.pop_back();
  return vm.none();
}

Value dq_pop(Vm& vm, Args& a) {
  DequeObj* d = deque(a);
  if (d->items.empty()) vm.raise(vm.e_index, "empty");
  Value v = d->items.back();
  d->items.pop_back();
  return v;
}

Value dq_popleft(Vm& vm, Args& a) {
  DequeObj* d = deque(a);
  if (d->items.empty()) vm.raise(vm.e_index, "empty");
  Value v = d->items.front();
  d->items.erase(d->items.begin());
  return v;
}

Value dq_extend(Vm& vm, Args& a) {
  for (Value v : vm.to_vector(a[0])) {
    Args one{&v, 1, nullptr, 0, a.self};
    dq_append(vm, one);
  }
  return vm.none();
}

Value dq_clear(Vm& vm, Args& a) {
  deque(a)->items.clear();
  return vm.none();
}

// ---- time ----

Value t_time(Vm& vm, Args&) { return vm.int_value(static_cast<std::int64_t>(vm.host().epoch_seconds())); }
Value t_monotonic(Vm& vm, Args&) { return vm.float_value(static_cast<double>(vm.host().monotonic_ns()) / 1e9); }
Value t_monotonic_ns(Vm& vm, Args&) { return vm.int_value(static_cast<std::int64_t>(vm.host().monotonic_ns())); }
Value t_ticks_ms(Vm& vm, Args&) {
  return Value::small(static_cast<std::int64_t>((vm.host().monotonic_ns() / 1000000) & 0x3FFFFFFF));
}
Value t_ticks_us(Vm& vm, Args&) {
  return Value::small(static_cast<std::int64_t>((vm.host().monotonic_ns() / 1000) & 0x3FFFFFFF));
}
Value t_ticks_diff(Vm& vm, Args& a) {
  std::int64_t d = (vm.to_int(a[0]) - vm.to_int(a[1])) & 0x3FFFFFFF;
  if (d >= 0x20000000) d -= 0x40000000;
  return Value::small(d);
}
Value t_ticks_add(Vm& vm, Args& a) { return Value::small((vm.to_int(a[0]) + vm.to_int(a[1])) & 0x3FFFFFFF); }
Value t_sleep(Vm& vm, Args& a) {
  double s = vm.to_float(a[0]);
  if (s < 0) vm.raise(vm.e_value, "sleep length must be non-negative");
  auto ns = static_cast<std::uint64_t>(s * 1e9);
  // Sleep in slices so Ctrl-C is noticed.
  while (ns > 0) {
    std::uint64_t slice = std::min<std::uint64_t>(ns, 50000000);
    vm.host().sleep_ns(slice);
    ns -= slice;
    vm.check_interrupt();
  }
  return vm.none();
}
Value t_sleep_ms(Vm& vm, Args& a) {
  Value secs = vm.float_value(vm.to_float(a[0]) / 1000.0);
  Args inner{&secs, 1, nullptr, 0, Value()};
  return t_sleep(vm, inner);
}

Value t_time_ns(Vm& vm, Args&) {
  return vm.int_value(BigInt(static_cast<std::int64_t>(vm.host().epoch_seconds())) * BigInt(1000000000));
}

Value t_sleep_us(Vm& vm, Args& a) {
  Value secs = vm.float_value(vm.to_float(a[0]) / 1e6);
  Args inner{&secs, 1, nullptr, 0, Value()};
  return t_sleep(vm, inner);
}

/// Days from 1970-01-01 to the proleptic Gregorian date y-m-d (m may be out of 1..12: it carries into y).
std::int64_t days_from_civil(std::int64_t y, std::int64_t m, std::int64_t d) {
  y += (m - 1) >= 0 ? (m - 1) / 12 : -((12 - m) / 12);
  m = ((m - 1) % 12 + 12) % 12 + 1;
  if (m <= 2) --y;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

/// mktime((year, month, mday, hour, minute, second, wday, yday[, isdst])): seconds since the epoch (UTC).
Value t_mktime(Vm& vm, Args& a) {
  check_args(vm, a, 1, 1);
  RootVec fields = vm.to_vector(a[0]);
  if (fields.size() != 8 && fields.size() != 9) vm.raise(vm.e_type, "mktime needs a tuple of length 8 or 9");
  std::int64_t f[6];
  for (std::size_t i = 0; i < 6; ++i) f[i] = vm.to_int(fields[i]);
  const std::int64_t days = days_from_civil(f[0], f[1], f[2]);
  return vm.int_value(days * 86400 + f[3] * 3600 + f[4] * 60 + f[5]);
}

Value t_localtime(Vm& vm, Args& a) {
  std::int64_t t =
      a.n_pos && a[0] != vm.none() ? vm.to_int(a[0]) : static_cast<std::int64_t>(vm.host().epoch_seconds());
  std::int64_t days = t / 86400, rem = t % 86400;
  if (rem < 0) rem += 86400, days -= 1;
  std::int64_t z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
  std::int64_t doe = z - era * 146097, yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  std::int64_t y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
  std::int64_t d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
  std::int64_t wday = ((days % 7) + 7 + 3) % 7;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  static const int k_cum[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
  std::int64_t yday = k_cum[m - 1] + d + (leap && m > 2 ? 1 : 0);
  Value result = vm.tuple({vm.int_value(y), vm.int_value(m), vm.int_value(d), vm.int_value(rem / 3600),
                           vm.int_value(rem / 60 % 60), vm.int_value(rem % 60), vm.int_value(wday), vm.int_value(yday),
                           Value::small(-1)});
  if (has_kind(a.self, Kind::type)) result.obj()->type = static_cast<TypeObj*>(a.self.obj());  // struct_time
  return result;
}

/// time.struct_time(seq): CircuitPython's constructor takes one sequence of the nine fields.
Value struct_time_make(Vm& vm, Args& a) {
  check_args(vm, a, 1, 1);
  RootVec fields = vm.to_vector(a[0]);
  if (fields.size() != 9) vm.raise(vm.e_type, "time.struct_time() takes a 9-sequence");
  Value result = vm.tuple(fields);
  result.obj()->type = static_cast<TypeObj*>(a.self.obj());
  return result;
}

/// The struct_time type: a named tuple whose fields are tm_year ... tm_isdst.
Value make_struct_time_type(Vm& vm) {
  Value args[2] = {vm.str("struct_time"),
                   vm.str("tm_year tm_mon tm_mday tm_hour tm_min tm_sec tm_wday tm_yday tm_isdst")};
  Args type_args{args, 2, nullptr, 0, Value()};
  Value type = c_namedtuple(vm, type_args);
  static_cast<TypeObj*>(type.obj())->maker = struct_time_make;
  return type;
}

}  // namespace

void init_io(Vm& vm, ModuleObj* m) {
  vm.t_string_io->maker = make_string_io;
  vm.t_bytes_io->maker = make_bytes_io;
  for (TypeObj* t : {vm.t_string_io, vm.t_bytes_io}) {
    vm.add_method(t, "write", io_write);
    vm.add_method(t, "getvalue", io_getvalue);
    vm.add_method(t, "read", io_read);
    vm.add_method(t, "readline", io_readline);
    vm.add_method(t, "readlines", io_readlines);
    vm.add_method(t, "seek", io_seek);
    vm.add_method(t, "tell", io_tell);
    vm.add_method(t, "readinto", io_readinto);
    vm.add_method(t, "close", io_noop);
    vm.add_method(t, "flush", io_noop);
    vm.add_method(t, "__enter__", io_enter);
    vm.add_method(t, "__exit__", io_noop);
    vm.add_method(t, "__next__", io_next);
    vm.dict_store_str(m->globals, t->name, Value::object(t));
  }
  vm.dict_store_str(m->globals, "SEEK_SET", Value::small(0));
  vm.dict_store_str(m->globals, "SEEK_CUR", Value::small(1));
  vm.dict_store_str(m->globals, "SEEK_END", Value::small(2));
}

void init_collections(Vm& vm, ModuleObj* m) {
  TypeObj* od = vm.make_type("OrderedDict", Kind::dict, vm.t_dict);
  od->maker = make_ordered_dict;
  vm.dict_store_str(m->globals, "OrderedDict", Value::object(od));
  add_fn(vm, m, "namedtuple", c_namedtuple);
  vm.t_deque->maker = make_deque;
  vm.add_method(vm.t_deque, "append", dq_append);
  vm.add_method(vm.t_deque, "appendleft", dq_appendleft);
  vm.add_method(vm.t_deque, "pop", dq_pop);
  vm.add_method(vm.t_deque, "popleft", dq_popleft);
  vm.add_method(vm.t_deque, "extend", dq_extend);
  vm.add_method(vm.t_deque, "clear", dq_clear);
  vm.dict_store_str(m->globals, "deque", Value::object(vm.t_deque));
}

void init_time(Vm& vm, ModuleObj* m) {
  add_fn(vm, m, "time", t_time);
  add_fn(vm, m, "monotonic", t_monotonic);
  add_fn(vm, m, "monotonic_ns", t_monotonic_ns);
  add_fn(vm, m, "ticks_ms", t_ticks_ms);
  add_fn(vm, m, "ticks_us", t_ticks_us);
  add_fn(vm, m, "ticks_diff", t_ticks_diff);
  add_fn(vm, m, "ticks_add", t_ticks_add);
  add_fn(vm, m, "sleep", t_sleep);
  add_fn(vm, m, "sleep_ms", t_sleep_ms);
  // localtime and gmtime (the same: a board keeps UTC) are bound to the struct_time type they build.
  Value struct_time = make_struct_time_type(vm);
  vm.dict_store_str(m->globals, "struct_time", struct_time);
  vm.dict_store_str(m->globals, "localtime", vm.native_fn("localtime", t_localtime, struct_time));
  vm.dict_store_str(m->globals, "gmtime", vm.native_fn("gmtime", t_localtime, struct_time));
  add_fn(vm, m, "mktime", t_mktime);
  add_fn(vm, m, "time_ns", t_time_ns);
  add_fn(vm, m, "sleep_us", t_sleep_us);
}

}  // namespace cpy::vm
