// Constructors of the built-in types: int(), str(), list(), dict(), Exception(), property() ...
#include <cmath>

#include "firmware/vm/float_format.hpp"
#include "firmware/vm/native.hpp"

namespace cpy::vm {

std::string utf8_from_bytes(const std::vector<std::uint8_t>& d) { return std::string(d.begin(), d.end()); }

namespace {

TypeObj* target(const Args& a) { return static_cast<TypeObj*>(a.self.obj()); }

std::string strip_ws(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

}  // namespace

Value parse_int_text(Vm& vm, std::string_view text, int base) {
  std::string s = strip_ws(text);
  std::string_view v = s;
  bool neg = false;
  if (!v.empty() && (v[0] == '+' || v[0] == '-')) neg = v[0] == '-', v.remove_prefix(1);
  auto prefixed = [&](char c) { return v.size() >= 2 && v[0] == '0' && (v[1] == c || v[1] == c - 32); };
  if ((base == 0 || base == 16) && prefixed('x'))
    base = 16, v.remove_prefix(2);
  else if ((base == 0 || base == 8) && prefixed('o'))
    base = 8, v.remove_prefix(2);
  else if ((base == 0 || base == 2) && prefixed('b'))
    base = 2, v.remove_prefix(2);
  int shown_base = base;
  if (base == 0) base = 10;
  auto r = (v.empty() || v.front() == '_' || v.back() == '_') ? std::nullopt : BigInt::parse(v, base);
  if (!r) {
    vm.raise(vm.e_value, "invalid syntax for integer with base " + std::to_string(shown_base) + ": " +
                             vm.repr(vm.str(std::string(text))));
  }
  return vm.int_value(neg ? -*r : *r);
}

namespace {

Value make_int(Vm& vm, Args& a) {
  check_args(vm, a, 0, 2);
  if (a.n_pos == 0) return Value::small(0);
  Value v = a[0];
  if (a.n_pos == 2 || a.kwarg("base")) {
    Value b = a.get(1, "base");
    if (is_bytes_like(v)) return parse_int_text(vm, utf8_from_bytes(as_bytes(v)->data), static_cast<int>(vm.to_int(b)));
    return parse_int_text(vm, vm.to_str(v), static_cast<int>(vm.to_int(b)));
  }
  if (vm.is_int(v)) return vm.int_value(vm.to_bigint(v));
  if (has_kind(v, Kind::flt)) {
    double d = vm.to_float(v);
    auto b = BigInt::from_double(d);
    if (!b)
      vm.raise(std::isnan(d) ? vm.e_value : vm.e_overflow,
               std::isnan(d) ? "float NaN can't be converted to int" : "float too big to convert");
    return vm.int_value(*b);
  }
  if (vm.is_str(v)) return parse_int_text(vm, vm.to_str(v), 10);
  if (is_bytes_like(v)) return parse_int_text(vm, utf8_from_bytes(as_bytes(v)->data), 10);
  if (Value f = vm.lookup_special(v, "__int__")) return vm.call(f, 0, 0, nullptr);
  if (Value f = vm.lookup_special(v, "__index__")) return vm.call(f, 0, 0, nullptr);
  vm.raise(vm.e_type, "can't convert " + std::string(vm.type_name(v)) + " to int");
}

Value make_bool(Vm& vm, Args& a) {
  check_args(vm, a, 0, 1);
  return vm.boolean(a.n_pos && vm.truthy(a[0]));
}

double float_arg(Vm& vm, Value v) {
  if (!vm.is_str(v)) return vm.to_float(v);
  auto d = parse_float(strip_ws(vm.to_str(v)));
  if (!d) vm.raise(vm.e_value, "could not convert string to float: " + vm.repr(v));
  return *d;
}

// float(x), or a subclass's instance: it keeps its class so its own methods apply.
Value make_float(Vm& vm, Args& a) {
  check_args(vm, a, 0, 1);
  auto* cls = a.self.is_obj() && a.self.obj()->kind == Kind::type ? static_cast<TypeObj*>(a.self.obj()) : vm.t_float;
  if (cls != vm.t_float) {
    double d = a.n_pos ? float_arg(vm, a[0]) : 0.0;
    return Value::object(vm.heap().make<FloatObj>(cls, d));
  }
  if (a.n_pos == 0) return vm.float_value(0);
  if (has_kind(a[0], Kind::flt) && vm.type_of(a[0]) == vm.t_float) return a[0];
  return vm.float_value(float_arg(vm, a[0]));
}

Value make_complex(Vm& vm, Args& a) {
  check_args(vm, a, 0, 2);
  double re = 0, im = 0;
  if (a.n_pos >= 1) {
    if (has_kind(a[0], Kind::complex)) {
      auto* c = static_cast<ComplexObj*>(a[0].obj());
      re = c->real, im = c->imag;
    } else {
      re = vm.to_float(a[0]);
    }
  }
  if (a.n_pos == 2) {
    if (has_kind(a[1], Kind::complex)) {
      auto* c = static_cast<ComplexObj*>(a[1].obj());
      re -= c->imag, im += c->real;
    } else {
      im += vm.to_float(a[1]);
    }
  }
  return vm.complex_value(re, im);
}

Value make_str(Vm& vm, Args& a) {
  check_args(vm, a, 0, 3);
  std::string s;
  if (a.n_pos == 1)
    s = vm.to_text(a[0]);
  else if (a.n_pos >= 2)
    s = utf8_from_bytes(bytes_of(vm, a[0]));
  TypeObj* t = target(a);
  if (t != vm.t_str) return Value::object(vm.heap().make<StrObj>(t, std::move(s)));
  return vm.str(std::move(s));
}

Value make_bytes_kind(Vm& vm, Args& a, Kind kind) {
  check_args(vm, a, 0, 3);
  std::vector<std::uint8_t> data;
  if (a.n_pos >= 1) {
    Value v = a[0];
    if (vm.is_str(v)) {
      const std::string& s = vm.to_str(v);
      data.assign(s.begin(), s.end());
    } else if (vm.is_int(v)) {
      std::int64_t n = vm.to_int(v);
      if (n < 0) vm.raise(vm.e_value, "negative count");
      vm.heap().reserve(static_cast<std::size_t>(n));
      data.assign(static_cast<std::size_t>(n), 0);
    } else {
      data = bytes_of(vm, v);
    }
  }
  Value r = vm.bytes(std::move(data), kind);
  if (target(a) != (kind == Kind::bytes ? vm.t_bytes : vm.t_bytearray)) r.obj()->type = target(a);
  return r;
}

Value make_bytes(Vm& vm, Args& a) { return make_bytes_kind(vm, a, Kind::bytes); }
Value make_bytearray(Vm& vm, Args& a) { return make_bytes_kind(vm, a, Kind::bytearray); }

Value make_memoryview(Vm& vm, Args& a) {
  check_args(vm, a, 1, 1);
  if (!is_bytes_like(a[0])) vm.raise(vm.e_type, "memoryview needs a bytes-like object");
  return Value::object(vm.heap().make<MemoryViewObj>(vm.t_memoryview, a[0], 0, as_bytes(a[0])->data.size()));
}

Value make_seq(Vm& vm, Args& a, Kind kind) {
  check_args(vm, a, 0, 1);
  RootVec items = a.n_pos ? vm.to_vector(a[0]) : RootVec();
  Value r = kind == Kind::list ? vm.list(std::move(items)) : vm.tuple(std::move(items));
  r.obj()->type = target(a);
  return r;
}

Value make_tuple(Vm& vm, Args& a) {
  if (a.n_pos == 1 && has_kind(a[0], Kind::tuple) && target(a) == vm.t_tuple && !a[0].obj()->type->is_user) return a[0];
  return make_seq(vm, a, Kind::tuple);
}
Value make_list(Vm& vm, Args& a) { return make_seq(vm, a, Kind::list); }

}  // namespace

void dict_update(Vm& vm, DictObj* d, const Args& a) {
  if (a.n_pos >= 1) {
    Value src = a[0];
    if (has_kind(src, Kind::dict)) {
      for (auto& e : as_dict(src)->table.entries) {
        if (!e.key.is_null()) vm.table_store(d->table, e.key, e.value);
      }
    } else if (Value keys = vm.getattr_opt(src, "keys");
               keys && !has_kind(src, Kind::list) && !has_kind(src, Kind::tuple)) {
      Value it = vm.get_iter(vm.call(keys, 0, 0, nullptr));
      while (Value k = vm.iter_next(it)) vm.table_store(d->table, k, vm.subscr(src, k));
    } else {
      Value it = vm.get_iter(src);
      while (Value item = vm.iter_next(it)) {
        RootVec kv = vm.to_vector(item);
        if (kv.size() != 2) vm.raise(vm.e_value, "dict update sequence has wrong length");
        vm.table_store(d->table, kv[0], kv[1]);
      }
    }
  }
  for (std::size_t i = 0; i < a.n_kw; ++i) vm.table_store(d->table, a.kw[2 * i], a.kw[2 * i + 1]);
}

namespace {

Value make_dict(Vm& vm, Args& a) {
  check_args(vm, a, 0, 1);
  Value d = vm.dict();
  d.obj()->type = target(a);
  dict_update(vm, as_dict(d), a);
  return d;
}

Value make_set_kind(Vm& vm, Args& a, Kind kind) {
  check_args(vm, a, 0, 1);
  Value s = vm.set(kind);
  if (a.n_pos) {
    Value it = vm.get_iter(a[0]);
    while (Value v = vm.iter_next(it)) vm.table_store(as_set(s)->table, v, Value());
  }
  s.obj()->type = target(a);
  return s;
}

Value make_set(Vm& vm, Args& a) { return make_set_kind(vm, a, Kind::set); }
Value make_frozenset(Vm& vm, Args& a) { return make_set_kind(vm, a, Kind::frozenset); }

Value make_range(Vm& vm, Args& a) {
  check_args(vm, a, 1, 3);
  std::int64_t start = 0, stop, step = 1;
  if (a.n_pos == 1)
    stop = vm.to_int(a[0]);
  else
    start = vm.to_int(a[0]), stop = vm.to_int(a[1]);
  if (a.n_pos == 3) step = vm.to_int(a[2]);
  if (step == 0) vm.raise(vm.e_value, "zero step");
  return Value::object(vm.heap().make<RangeObj>(vm.t_range, start, stop, step));
}

Value make_slice(Vm& vm, Args& a) {
  check_args(vm, a, 1, 3);
  if (a.n_pos == 1) return Value::object(vm.heap().make<SliceObj>(vm.t_slice, vm.none(), a[0], vm.none()));
  return Value::object(vm.heap().make<SliceObj>(vm.t_slice, a[0], a[1], a.n_pos == 3 ? a[2] : vm.none()));
}

Value make_object(Vm& vm, Args& a) { return Value::object(vm.heap().make<InstanceObj>(target(a))); }

Value make_type(Vm& vm, Args& a) {
  if (a.n_pos == 1) return Value::object(vm.type_of(a[0]));
  check_args(vm, a, 3, 3);
  // type(name, bases, dict): a class without a body function.
  RootVec bases = vm.to_vector(a[1]);
  auto* t = vm.heap().make<TypeObj>(vm.t_type, vm.to_str(a[0]), Kind::instance);
  t->is_user = true;
  t->dict = static_cast<DictObj*>(vm.dict().obj());
  for (auto& e : as_dict(a[2])->table.entries) {
    if (!e.key.is_null()) vm.table_store(t->dict->table, e.key, e.value);
  }
  t->mro.push_back(t);
  if (bases.empty()) bases.push_back(Value::object(vm.t_object));
  for (Value b : bases) {
    auto* bt = static_cast<TypeObj*>(b.obj());
    t->bases.push_back(bt);
    for (TypeObj* m : bt->mro) {
      if (std::find(t->mro.begin(), t->mro.end(), m) == t->mro.end()) t->mro.push_back(m);
    }
  }
  t->native_base = vm.t_object;
  for (TypeObj* m : t->mro) {
    if (!m->is_user && m != vm.t_object) {
      t->native_base = m;
      t->instance_kind = m->instance_kind;
      break;
    }
  }
  return Value::object(t);
}

Value make_wrapper(Vm& vm, Args& a, Kind kind, TypeObj* t) {
  check_args(vm, a, 1, 1);
  return Value::object(vm.heap().make<WrapperObj>(kind, t, a[0]));
}

Value make_staticmethod(Vm& vm, Args& a) { return make_wrapper(vm, a, Kind::staticmethod, vm.t_staticmethod); }
Value make_classmethod(Vm& vm, Args& a) { return make_wrapper(vm, a, Kind::classmethod, vm.t_classmethod); }

Value make_property(Vm& vm, Args& a) {
  check_args(vm, a, 0, 4);
  auto* p = vm.heap().make<WrapperObj>(Kind::property, vm.t_property, a.get(0, "fget", vm.none()));
  p->setter = a.get(1, "fset", vm.none());
  p->deleter = a.get(2, "fdel", vm.none());
  return Value::object(p);
}

Value make_super(Vm& vm, Args& a) {
  if (a.n_pos == 2) {
    return Value::object(vm.heap().make<SuperObj>(vm.t_super, static_cast<TypeObj*>(a[0].obj()), a[1]));
  }
  // Zero-argument form: the caller's __class__ cell and its first argument.
  Frame* f = vm.current_frame();
  if (!f || !f->fun) vm.raise(vm.e_runtime, "super() can't find self");
  CodeObj* c = f->code;
  Value self = f->fast(static_cast<std::uint32_t>(f->fun->closure.size()));
  if (self.is_obj() && self.obj()->kind == Kind::cell) self = static_cast<CellObj*>(self.obj())->value;
  for (std::size_t i = 0; i < f->fun->closure.size(); ++i) {
    Value cell = f->fun->closure[i];
    Value cls = static_cast<CellObj*>(cell.obj())->value;
    if (has_kind(cls, Kind::type) && vm.is_instance(self, static_cast<TypeObj*>(cls.obj()))) {
      return Value::object(vm.heap().make<SuperObj>(vm.t_super, static_cast<TypeObj*>(cls.obj()), self));
    }
    if (has_kind(cls, Kind::type) && has_kind(self, Kind::type)) {
      return Value::object(vm.heap().make<SuperObj>(vm.t_super, static_cast<TypeObj*>(cls.obj()), self));
    }
  }
  (void)c;
  vm.raise(vm.e_runtime, "super() can't find __class__");
}

Value make_exception(Vm& vm, Args& a) {
  auto* e = vm.heap().make<ExceptionObj>(target(a));
  e->args = vm.tuple(RootVec(a.pos, a.pos + a.n_pos));
  return Value::object(e);
}

}  // namespace

void init_makers(Vm& vm) {
  vm.t_int->maker = make_int;
  vm.t_bool->maker = make_bool;
  vm.t_float->maker = make_float;
  vm.t_complex->maker = make_complex;
  vm.t_str->maker = make_str;
  vm.t_bytes->maker = make_bytes;
  vm.t_bytearray->maker = make_bytearray;
  vm.t_memoryview->maker = make_memoryview;
  vm.t_tuple->maker = make_tuple;
  vm.t_list->maker = make_list;
  vm.t_dict->maker = make_dict;
  vm.t_set->maker = make_set;
  vm.t_frozenset->maker = make_frozenset;
  vm.t_range->maker = make_range;
  (void)make_slice;  // the reference build has no slice() constructor
  vm.t_object->maker = make_object;
  vm.t_type->maker = make_type;
  vm.t_staticmethod->maker = make_staticmethod;
  vm.t_classmethod->maker = make_classmethod;
  vm.t_property->maker = make_property;
  vm.t_super->maker = make_super;
  vm.e_base->maker = make_exception;
  for (TypeObj* t : {vm.e_system_exit,
                     vm.e_keyboard_interrupt,
                     vm.e_generator_exit,
                     vm.e_exception,
                     vm.e_stop_iteration,
                     vm.e_stop_async_iteration,
                     vm.e_arithmetic,
                     vm.e_overflow,
                     vm.e_zero_division,
                     vm.e_assertion,
                     vm.e_attribute,
                     vm.e_eof,
                     vm.e_import,
                     vm.e_lookup,
                     vm.e_index,
                     vm.e_key,
                     vm.e_memory,
                     vm.e_name,
                     vm.e_os,
                     vm.e_runtime,
                     vm.e_not_implemented,
                     vm.e_syntax,
                     vm.e_indentation,
                     vm.e_type,
                     vm.e_value,
                     vm.e_unicode,
                     vm.e_timeout,
                     vm.e_connection,
                     vm.e_broken_pipe,
                     vm.e_reload}) {
    t->maker = make_exception;
  }
}

}  // namespace cpy::vm
