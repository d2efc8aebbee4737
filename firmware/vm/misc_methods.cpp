// Methods of generators, exceptions, object, property, int and float.
#include <cmath>

#include "firmware/vm/native.hpp"

namespace cpy::vm {

namespace {

Value g_send(Vm& vm, Args& a) {
  check_args(vm, a, 1, 1);
  bool yielded;
  Value r = vm.generator_resume(a.self, a[0], Value(), yielded);
  if (!yielded)
    throw PyRaise{r == vm.none() ? vm.make_exception_args(vm.e_stop_iteration, {})
                                 : vm.make_exception_args(vm.e_stop_iteration, {r})};
  return r;
}

Value g_next(Vm& vm, Args& a) {
  bool yielded;
  Value r = vm.generator_resume(a.self, vm.none(), Value(), yielded);
  if (!yielded)
    throw PyRaise{r == vm.none() ? vm.make_exception_args(vm.e_stop_iteration, {})
                                 : vm.make_exception_args(vm.e_stop_iteration, {r})};
  return r;
}

Value make_throw_value(Vm& vm, const Args& a) {
  Value exc = a[0];
  if (vm.is_exception_type(exc)) {
    Value arg = a.n_pos > 1 ? a[1] : Value();
    exc = arg && arg != vm.none() ? vm.call(exc, {arg}) : vm.call(exc, 0, 0, nullptr);
  }
  return exc;
}

Value g_throw(Vm& vm, Args& a) {
  check_args(vm, a, 1, 3);
  bool yielded;
  Value r = vm.generator_resume(a.self, Value(), make_throw_value(vm, a), yielded);
  if (!yielded)
    throw PyRaise{r == vm.none() ? vm.make_exception_args(vm.e_stop_iteration, {})
                                 : vm.make_exception_args(vm.e_stop_iteration, {r})};
  return r;
}

Value g_close(Vm& vm, Args& a) {
  auto* g = static_cast<GeneratorObj*>(a.self.obj());
  if (g->state == GenState::created || g->state == GenState::finished) {
    g->state = GenState::finished;
    return vm.none();
  }
  bool yielded;
  try {
    vm.generator_resume(a.self, Value(), vm.make_exception_args(vm.e_generator_exit, {}), yielded);
  } catch (PyRaise& e) {
    if (vm.is_instance(e.exc, vm.e_generator_exit) || vm.is_instance(e.exc, vm.e_stop_iteration)) return vm.none();
    throw;
  }
  if (yielded) vm.raise(vm.e_runtime, "generator ignored GeneratorExit");
  return vm.none();
}

Value g_iter(Vm&, Args& a) { return a.self; }

Value e_init(Vm& vm, Args& a) {
  if (!has_kind(a.self, Kind::exception)) vm.raise(vm.e_type, "exception __init__ needs an exception");
  static_cast<ExceptionObj*>(a.self.obj())->args = vm.tuple(RootVec(a.pos, a.pos + a.n_pos));
  return vm.none();
}

Value e_with_traceback(Vm&, Args& a) { return a.self; }

Value o_init(Vm& vm, Args&) { return vm.none(); }

Value o_new(Vm& vm, Args& a) {
  if (a.n_pos < 1 || !has_kind(a[0], Kind::type)) vm.raise(vm.e_type, "object.__new__(X): X is not a type object");
  auto* t = static_cast<TypeObj*>(a[0].obj());
  if (t->native_base && t->native_base != vm.t_object && t->native_base->maker) {
    Args inner{nullptr, 0, nullptr, 0, a[0]};
    return t->native_base->maker(vm, inner);
  }
  return Value::object(vm.heap().make<InstanceObj>(t));
}

Value o_setattr(Vm& vm, Args& a) {
  check_args(vm, a, 2, 2);
  Obj* o = a.self.obj();
  if (!o->attrs) o->attrs = static_cast<DictObj*>(vm.dict().obj());
  vm.table_store(o->attrs->table, a[0], a[1]);
  return vm.none();
}

Value o_delattr(Vm& vm, Args& a) {
  check_args(vm, a, 1, 1);
  Obj* o = a.self.obj();
  if (!o->attrs || !vm.table_remove(o->attrs->table, a[0])) vm.raise(vm.e_attribute, vm.to_str(a[0]));
  return vm.none();
}

Value o_getattribute(Vm& vm, Args& a) {
  check_args(vm, a, 1, 1);
  Obj* o = a.self.obj();
  if (o->attrs) {
    if (Value* v = vm.dict_find_str(o->attrs, vm.to_str(a[0]))) return *v;
  }
  return vm.getattr(a.self, vm.to_str(a[0]));
}

Value o_eq(Vm& vm, Args& a) { return a.self == a[0] ? vm.boolean(true) : vm.m_not_implemented; }
Value o_ne(Vm& vm, Args& a) { return a.self == a[0] ? vm.boolean(false) : vm.m_not_implemented; }
Value o_hash(Vm& vm, Args& a) { return vm.int_value(static_cast<std::int64_t>(a.self.bits() >> 4)); }
Value o_str(Vm& vm, Args& a) { return vm.str(vm.repr(a.self)); }
Value o_repr(Vm& vm, Args& a) { return vm.str("<" + std::string(vm.type_name(a.self)) + " object>"); }

WrapperObj* copy_property(Vm& vm, Value p) {
  auto* src = static_cast<WrapperObj*>(p.obj());
  auto* dst = vm.heap().make<WrapperObj>(Kind::property, vm.t_property, src->fn);
  dst->setter = src->setter;
  dst->deleter = src->deleter;
  return dst;
}

Value p_setter(Vm& vm, Args& a) {
  WrapperObj* p = copy_property(vm, a.self);
  p->setter = a[0];
  return Value::object(p);
}
Value p_getter(Vm& vm, Args& a) {
  WrapperObj* p = copy_property(vm, a.self);
  p->fn = a[0];
  return Value::object(p);
}
Value p_deleter(Vm& vm, Args& a) {
  WrapperObj* p = copy_property(vm, a.self);
  p->deleter = a[0];
  return Value::object(p);
}

Value i_to_bytes(Vm& vm, Args& a) {
  check_args(vm, a, 0, 2);
  std::int64_t len = vm.to_int(a.get(0, "length", Value::small(1)));
  Value order = a.get(1, "byteorder", vm.str("big"));
  bool little = vm.to_str(order) == "little";
  Value sgn = a.kwarg("signed");
  BigInt v = vm.to_bigint(a.self);
  if (v.is_negative() && !(sgn && vm.truthy(sgn))) vm.raise(vm.e_overflow, "can't convert negative int to unsigned");
  if (len < 0) vm.raise(vm.e_value, "length must be non-negative");
  auto bytes = v.to_bytes(static_cast<std::size_t>(len), little);
  return vm.bytes(std::move(bytes));
}

Value i_from_bytes(Vm& vm, Args& a) {
  check_args(vm, a, 1, 2);
  auto data = bytes_of(vm, a[0]);
  Value order = a.get(1, "byteorder", vm.str("big"));
  Value sgn = a.kwarg("signed");
  BigInt v = BigInt::from_bytes(data.data(), data.size(), vm.to_str(order) == "little", sgn && vm.truthy(sgn));
  return vm.int_value(v);
}

Value i_bit_length(Vm& vm, Args& a) {
  BigInt v = vm.to_bigint(a.self);
  return vm.int_value(static_cast<std::int64_t>((v.is_negative() ? -v : v).bit_length()));
}

Value f_is_integer(Vm& vm, Args& a) {
  double d = vm.to_float(a.self);
  return vm.boolean(std::isfinite(d) && d == std::floor(d));
}

Value c_conjugate(Vm& vm, Args& a) {
  auto* c = static_cast<ComplexObj*>(a.self.obj());
  return vm.complex_value(c->real, -c->imag);
}

}  // namespace

void init_misc_methods(Vm& vm) {
  for (TypeObj* t : {vm.t_generator, vm.t_coroutine}) {
    vm.add_method(t, "send", g_send);
    vm.add_method(t, "throw", g_throw);
    vm.add_method(t, "close", g_close);
    vm.add_method(t, "__next__", g_next);
    vm.add_method(t, "__iter__", g_iter);
  }
  vm.add_method(vm.e_base, "__init__", e_init);
  vm.add_method(vm.e_base, "with_traceback", e_with_traceback);
  vm.add_method(vm.t_object, "__init__", o_init);
  vm.add_static(vm.t_object, "__new__", o_new);
  vm.add_method(vm.t_object, "__setattr__", o_setattr);
  vm.add_method(vm.t_object, "__delattr__", o_delattr);
  vm.add_method(vm.t_object, "__getattribute__", o_getattribute);
  vm.add_method(vm.t_object, "__eq__", o_eq);
  vm.add_method(vm.t_object, "__ne__", o_ne);
  vm.add_method(vm.t_object, "__hash__", o_hash);
  vm.add_method(vm.t_object, "__str__", o_str);
  vm.add_method(vm.t_object, "__repr__", o_repr);
  vm.add_method(vm.t_property, "setter", p_setter);
  vm.add_method(vm.t_property, "getter", p_getter);
  vm.add_method(vm.t_property, "deleter", p_deleter);
  vm.add_classmethod(vm.t_int, "from_bytes", i_from_bytes);  // MicroPython's table order (help(int) shows it)
  vm.add_method(vm.t_int, "to_bytes", i_to_bytes);
  (void)i_bit_length;  // not in MicroPython
  vm.add_method(vm.t_float, "is_integer", f_is_integer);
  vm.add_method(vm.t_complex, "conjugate", c_conjugate);
}

}  // namespace cpy::vm
