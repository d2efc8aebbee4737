// Vm construction, built-in type objects, value constructors, conversions and exceptions.
#include "firmware/vm/vm.hpp"

#include <chrono>
#include <cmath>
#include <fstream>
#include <iterator>
#include <thread>

namespace cpy::vm {

std::uint64_t VmHost::monotonic_ns() {
  return static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
          .count());
}
std::uint64_t VmHost::epoch_seconds() {
  return static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count());
}
void VmHost::sleep_ns(std::uint64_t ns) { std::this_thread::sleep_for(std::chrono::nanoseconds(ns)); }
bool VmHost::read_file(const std::string& path, std::vector<std::uint8_t>& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return true;
}

Value Args::get(std::size_t i, std::string_view name, Value fallback) const {
  if (i < n_pos) return pos[i];
  Value k = kwarg(name);
  return k ? k : fallback;
}

Value Args::kwarg(std::string_view name) const {
  for (std::size_t i = 0; i < n_kw; ++i) {
    const Value key = kw[2 * i];
    if (!key.is_obj() || key.obj()->kind != Kind::str) continue;  // hostile bytecode can pass any key
    if (static_cast<StrObj*>(key.obj())->value == name) return kw[2 * i + 1];
  }
  return {};
}

FrameGuard::FrameGuard(Vm& vm, Frame* f) : m_vm(vm) {
  f->back = vm.m_frame;
  vm.m_frame = f;
}
FrameGuard::~FrameGuard() { m_vm.m_frame = m_vm.m_frame->back; }

namespace {
void roots_thunk(void* ctx, Tracer& t) { static_cast<Vm*>(ctx)->trace_roots(t); }
void oom_thunk(void* ctx) {
  auto* vm = static_cast<Vm*>(ctx);
  vm->raise_value(vm->make_exception(vm->e_memory, ""));
}
}  // namespace

Vm::Vm(VmConfig config, VmHost* host)
    : m_config(std::move(config)), m_host(host ? host : &m_default_host), m_heap(m_config.heap_bytes) {
  volatile char bottom = 0;
  m_heap.set_stack_bottom(const_cast<const char*>(&bottom));
  m_heap.set_enabled(false);
  m_heap.set_roots(roots_thunk, this);
  init_types();
  init_builtins();
  init_modules();
  m_memory_error = make_exception_args(e_memory, {});
  m_heap.freeze_baseline();
  m_heap.set_oom(
      [](void* ctx) {
        auto* vm = static_cast<Vm*>(ctx);
        throw PyRaise{vm->m_memory_error};
      },
      this);
  (void)oom_thunk;
  m_heap.set_enabled(true);
}

Vm::~Vm() = default;

void Vm::trace_roots(Tracer& t) {
  for (TypeObj* type : m_all_types) t.mark(type);
  t.mark(m_none), t.mark(m_true), t.mark(m_false), t.mark(m_ellipsis), t.mark(m_not_implemented);
  t.mark(m_builtins), t.mark(m_modules), t.mark(m_qstr_cache), t.mark(m_sys), t.mark(m_memory_error);
  for (Frame* f = m_frame; f; f = f->back) f->trace(t);
  m_frame_slots.trace(t);
}

TypeObj* Vm::make_type(std::string name, Kind instance_kind, TypeObj* base) {
  auto* t = m_heap.make<TypeObj>(t_type, std::move(name), instance_kind);
  t->dict = m_heap.make<DictObj>(t_dict);
  if (base) {
    t->bases.push_back(base);
    t->mro.push_back(t);
    for (TypeObj* b : base->mro) t->mro.push_back(b);
  } else {
    t->mro.push_back(t);
  }
  t->native_base = t;
  m_all_types.push_back(t);
  return t;
}

void Vm::init_types() {
  // type, object and dict refer to each other: create them by hand first.
  t_type = m_heap.make<TypeObj>(nullptr, "type", Kind::type);
  t_type->type = t_type;
  t_object = m_heap.make<TypeObj>(t_type, "object", Kind::instance);
  t_dict = m_heap.make<TypeObj>(t_type, "dict", Kind::dict);
  for (TypeObj* t : {t_type, t_object, t_dict}) {
    t->dict = m_heap.make<DictObj>(t_dict);
    t->mro.push_back(t);
    t->native_base = t;
    m_all_types.push_back(t);
  }
  t_type->bases.push_back(t_object), t_type->mro.push_back(t_object);
  t_dict->bases.push_back(t_object), t_dict->mro.push_back(t_object);
  t_none = make_type("NoneType", Kind::none, t_object);
  t_int = make_type("int", Kind::integer, t_object);
  t_bool = make_type("bool", Kind::boolean, t_object);  // MicroPython: not a subclass of int
  t_float = make_type("float", Kind::flt, t_object);
  t_complex = make_type("complex", Kind::complex, t_object);
  t_str = make_type("str", Kind::str, t_object);
  t_bytes = make_type("bytes", Kind::bytes, t_object);
  t_bytearray = make_type("bytearray", Kind::bytearray, t_object);
  t_memoryview = make_type("memoryview", Kind::memoryview, t_object);
  t_tuple = make_type("tuple", Kind::tuple, t_object);
  t_list = make_type("list", Kind::list, t_object);
  t_set = make_type("set", Kind::set, t_object);
  t_frozenset = make_type("frozenset", Kind::frozenset, t_object);
  t_range = make_type("range", Kind::range, t_object);
  t_slice = make_type("slice", Kind::slice, t_object);
  t_function = make_type("function", Kind::function, t_object);
  t_native_function = make_type("function", Kind::native_function, t_object);
  t_bound_method = make_type("bound_method", Kind::bound_method, t_object);
  t_cell = make_type("cell", Kind::cell, t_object);
  t_module = make_type("module", Kind::module, t_object);
  t_property = make_type("property", Kind::property, t_object);
  t_staticmethod = make_type("staticmethod", Kind::staticmethod, t_object);
  t_classmethod = make_type("classmethod", Kind::classmethod, t_object);
  t_generator = make_type("generator", Kind::generator, t_object);
  t_coroutine = make_type("coroutine", Kind::generator, t_object);
  t_iterator = make_type("iterator", Kind::iterator, t_object);
  t_enumerate = make_type("enumerate", Kind::iterator, t_object);
  t_zip = make_type("zip", Kind::iterator, t_object);
  t_map = make_type("map", Kind::iterator, t_object);
  t_filter = make_type("filter", Kind::iterator, t_object);
  t_reversed = make_type("reversed", Kind::iterator, t_object);
  t_dict_view = make_type("dict_view", Kind::dict_view, t_object);
  t_code = make_type("code", Kind::code, t_object);
  t_module_data = make_type("module_data", Kind::module_data, t_object);
  t_super = make_type("super", Kind::super_obj, t_object);
  t_ellipsis = make_type("ellipsis", Kind::ellipsis, t_object);
  t_not_implemented = make_type("NotImplementedType", Kind::not_implemented, t_object);
  t_string_io = make_type("StringIO", Kind::text_io, t_object);
  t_bytes_io = make_type("BytesIO", Kind::bytes_io, t_object);
  t_array = make_type("array", Kind::array, t_object);
  t_deque = make_type("deque", Kind::deque, t_object);

  m_none = Value::object(m_heap.make<Obj>(Kind::none, t_none));
  m_true = Value::object(m_heap.make<BoolObj>(t_bool, true));
  m_false = Value::object(m_heap.make<BoolObj>(t_bool, false));
  m_ellipsis = Value::object(m_heap.make<Obj>(Kind::ellipsis, t_ellipsis));
  m_not_implemented = Value::object(m_heap.make<Obj>(Kind::not_implemented, t_not_implemented));

  auto exc = [&](const char* name, TypeObj* base) { return make_type(name, Kind::exception, base); };
  e_base = exc("BaseException", t_object);
  e_system_exit = exc("SystemExit", e_base);
  e_keyboard_interrupt = exc("KeyboardInterrupt", e_base);
  e_generator_exit = exc("GeneratorExit", e_base);
  e_exception = exc("Exception", e_base);
  e_stop_iteration = exc("StopIteration", e_exception);
  e_stop_async_iteration = exc("StopAsyncIteration", e_exception);
  e_arithmetic = exc("ArithmeticError", e_exception);
  e_overflow = exc("OverflowError", e_arithmetic);
  e_zero_division = exc("ZeroDivisionError", e_arithmetic);
  e_assertion = exc("AssertionError", e_exception);
  e_attribute = exc("AttributeError", e_exception);
  e_eof = exc("EOFError", e_exception);
  e_import = exc("ImportError", e_exception);
  e_lookup = exc("LookupError", e_exception);
  e_index = exc("IndexError", e_lookup);
  e_key = exc("KeyError", e_lookup);
  e_memory = exc("MemoryError", e_exception);
  e_name = exc("NameError", e_exception);
  e_os = exc("OSError", e_exception);
  e_timeout = exc("TimeoutError", e_os);
  e_connection = exc("ConnectionError", e_os);
  e_broken_pipe = exc("BrokenPipeError", e_connection);
  e_runtime = exc("RuntimeError", e_exception);
  e_not_implemented = exc("NotImplementedError", e_runtime);
  e_syntax = exc("SyntaxError", e_exception);
  e_indentation = exc("IndentationError", e_syntax);
  e_type = exc("TypeError", e_exception);
  e_value = exc("ValueError", e_exception);
  e_unicode = exc("UnicodeError", e_value);
  e_reload = exc("ReloadException", e_base);

  m_qstr_cache = static_cast<DictObj*>(dict().obj());
  m_q_class = qstr("__class__");
  m_q_setattr = qstr("__setattr__");
  m_modules = static_cast<DictObj*>(dict().obj());
  m_builtins = static_cast<DictObj*>(dict().obj());
}

// ---- values ----

Value Vm::int_value(std::int64_t v) {
  if (Value::fits_small(v)) return Value::small(v);
  return Value::object(m_heap.make<IntObj>(t_int, BigInt(v)));
}

Value Vm::int_value(const BigInt& v) {
  if (v.fits_int64()) {
    std::int64_t n = v.to_int64();
    if (Value::fits_small(n)) return Value::small(n);
  }
  return Value::object(m_heap.make<IntObj>(t_int, v));
}

Value Vm::float_value(double d) { return Value::object(m_heap.make<FloatObj>(t_float, d)); }
Value Vm::complex_value(double re, double im) { return Value::object(m_heap.make<ComplexObj>(t_complex, re, im)); }

StrObj::StrObj(TypeObj* t, std::string s) : Obj(Kind::str, t), value(std::move(s)) {
  std::size_t n = 0;
  for (unsigned char c : value) n += (c & 0xC0) != 0x80;
  chars = static_cast<std::uint32_t>(n);
}

Value Vm::str(std::string s) {
  m_heap.reserve(s.size());
  return Value::object(m_heap.make<StrObj>(t_str, std::move(s)));
}

Value Vm::qstr(std::string_view s) {
  if (Value* v = dict_find_str(m_qstr_cache, s)) return *v;
  Value v = str(std::string(s));
  table_store(m_qstr_cache->table, v, v);
  return v;
}

Value Vm::bytes(std::vector<std::uint8_t> data, Kind kind) {
  m_heap.reserve(data.size());
  return Value::object(m_heap.make<BytesObj>(kind, kind == Kind::bytes ? t_bytes : t_bytearray, std::move(data)));
}

Value Vm::tuple_from(const Value* items, std::size_t n) {
  m_heap.reserve(n * sizeof(Value));
  return Value::object(m_heap.make<SeqObj>(Kind::tuple, t_tuple, std::vector<Value>(items, items + n)));
}

Value Vm::list_from(const Value* items, std::size_t n) {
  m_heap.reserve(n * sizeof(Value));
  return Value::object(m_heap.make<SeqObj>(Kind::list, t_list, std::vector<Value>(items, items + n)));
}

Value Vm::dict() { return Value::object(m_heap.make<DictObj>(t_dict)); }
Value Vm::set(Kind kind) { return Value::object(m_heap.make<SetObj>(kind, kind == Kind::set ? t_set : t_frozenset)); }

Value Vm::native_fn(std::string_view name, NativeFn fn, Value self) {
  return Value::object(m_heap.make<NativeFunctionObj>(t_native_function, name, fn, self));
}

// ---- type queries ----

// A null value only reaches here from hostile bytecode (LOAD_NULL used as an operand): treat it as None.
TypeObj* Vm::type_of(Value v) const { return v.is_small() ? t_int : v.is_null() ? t_none : v.obj()->type; }

bool Vm::is_subtype(const TypeObj* t, const TypeObj* base) {
  for (TypeObj* m : t->mro) {
    if (m == base) return true;
  }
  return false;
}

bool Vm::is_instance(Value v, const TypeObj* t) const { return is_subtype(type_of(v), t); }

bool Vm::is_int(Value v) const {
  return v.is_small() || (v.is_obj() && (v.obj()->kind == Kind::integer || v.obj()->kind == Kind::boolean));
}

bool Vm::is_exception_type(Value v) const {
  return v.is_obj() && v.obj()->kind == Kind::type && is_subtype(static_cast<TypeObj*>(v.obj()), e_base);
}

std::string_view Vm::type_name(Value v) const { return type_of(v)->name; }

std::int64_t Vm::to_int(Value v) {
  if (v.is_small()) return v.small_value();
  if (v.is_obj()) {
    if (v.obj()->kind == Kind::boolean) return static_cast<BoolObj*>(v.obj())->value;
    if (v.obj()->kind == Kind::integer) {
      auto& b = static_cast<IntObj*>(v.obj())->value;
      if (!b.fits_int64()) raise(e_overflow, "overflow converting long int to machine word");
      return b.to_int64();
    }
  }
  raise(e_type, "can't convert " + std::string(type_name(v)) + " to int");
}

BigInt Vm::to_bigint(Value v) {
  if (v.is_obj() && v.obj()->kind == Kind::integer) return static_cast<IntObj*>(v.obj())->value;
  return BigInt(to_int(v));
}

double Vm::to_float(Value v) {
  if (v.is_small()) return static_cast<double>(v.small_value());
  if (v.is_obj()) {
    switch (v.obj()->kind) {
      case Kind::flt:
        return static_cast<FloatObj*>(v.obj())->value;
      case Kind::boolean:
        return static_cast<BoolObj*>(v.obj())->value;
      case Kind::integer:
        return static_cast<IntObj*>(v.obj())->value.to_double();
      default:
        break;
    }
    Value f = lookup_special(v, "__float__");
    if (f) return to_float(call(f, 0, 0, nullptr));
  }
  raise(e_type, "can't convert " + std::string(type_name(v)) + " to float");
}

const std::string& Vm::to_str(Value v) {
  if (!is_str(v)) raise(e_type, "can't convert '" + std::string(type_name(v)) + "' object to str implicitly");
  return static_cast<StrObj*>(v.obj())->value;
}

// ---- exceptions ----

Value Vm::make_exception_from(TypeObj* type, const Value* args, std::size_t n) {
  auto* e = m_heap.make<ExceptionObj>(type);
  Value keep = Value::object(e);
  e->args = tuple_from(args, n);
  return keep;
}

Value Vm::make_exception(TypeObj* type, std::string_view message) {
  if (message.empty()) return make_exception_args(type, {});
  return make_exception_args(type, {str(std::string(message))});
}

void Vm::raise(TypeObj* type, std::string_view message) { throw PyRaise{make_exception(type, message)}; }

void Vm::raise_value(Value v) {
  if (is_exception_type(v)) v = call(v, 0, 0, nullptr);
  if (!v.is_obj() || v.obj()->kind != Kind::exception) raise(e_type, "exceptions must derive from BaseException");
  throw PyRaise{v};
}

void Vm::raise_type_error_unsupported(std::string_view op, Value a, Value b) {
  raise(e_type, "unsupported types for " + std::string(op) + ": '" + std::string(type_name(a)) + "', '" +
                    std::string(type_name(b)) + "'");
}

Value Vm::exception_arg0(Value exc) {
  auto* e = static_cast<ExceptionObj*>(exc.obj());
  auto* args = static_cast<SeqObj*>(e->args.obj());
  return args->items.empty() ? m_none : args->items[0];
}

void Vm::check_interrupt() {
  if (m_config.poll_budget && ++m_polls > m_config.poll_budget) throw VmAborted{};
  if (m_interrupt.load(std::memory_order_relaxed)) {
    m_interrupt.store(false);
    // CircuitPython raises it with one empty-string argument, so the traceback ends "KeyboardInterrupt: ".
    raise_value(make_exception_args(e_keyboard_interrupt, {str("")}));
  }
}

void Vm::check_stack() {
  volatile char here = 0;
  auto top = reinterpret_cast<std::uintptr_t>(&here);
  auto bottom = reinterpret_cast<std::uintptr_t>(m_heap.stack_bottom());
  if (bottom > top && bottom - top > m_config.c_stack_bytes) raise(e_runtime, "maximum recursion depth exceeded");
}

void Vm::write(std::string_view text) {
  if (m_config.write) m_config.write(text);
}

}  // namespace cpy::vm
