// The builtins module: functions like print/len/sorted and the names of the built-in types.
#include <algorithm>
#include <cmath>

#include "firmware/vm/float_format.hpp"
#include "firmware/vm/native.hpp"

namespace cpy::vm {

namespace {

Value b_print(Vm& vm, Args& a) {
  Value sep = a.kwarg("sep"), end = a.kwarg("end"), file = a.kwarg("file");
  std::string s_sep = sep && sep != vm.none() ? vm.to_str(sep) : " ";
  std::string s_end = end && end != vm.none() ? vm.to_str(end) : "\n";
  std::string out;
  for (std::size_t i = 0; i < a.n_pos; ++i) {
    if (i) out += s_sep;
    out += vm.to_text(a[i]);
  }
  out += s_end;
  if (file && file != vm.none())
    vm.call_method(file, "write", {vm.str(out)});
  else
    vm.write(out);
  return vm.none();
}

Value b_len(Vm& vm, Args& a) {
  check_args(vm, a, 1, 1);
  return vm.int_value(static_cast<std::int64_t>(vm.len(a[0])));
}

Value b_repr(Vm& vm, Args& a) {
  check_args(vm, a, 1, 1);
  return vm.str(vm.repr(a[0]));
}

Value b_abs(Vm& vm, Args& a) {
  check_args(vm, a, 1, 1);
  Value v = a[0];
  if (has_kind(v, Kind::flt)) return vm.float_value(std::fabs(vm.to_float(v)));
  if (has_kind(v, Kind::complex)) {
    auto* c = static_cast<ComplexObj*>(v.obj());
    return vm.float_value(std::hypot(c->real, c->imag));
  }
  if (vm.is_int(v))
    return vm.truthy(vm.binary_op(BinaryOp::less, v, Value::small(0))) ? vm.unary_op(UnaryOp::negative, v)
                                                                       : vm.int_value(vm.to_bigint(v));
  if (Value f = vm.lookup_special(v, "__abs__")) return vm.call(f, 0, 0, nullptr);
  vm.raise(vm.e_type, "unsupported type for __abs__: '" + std::string(vm.type_name(v)) + "'");
}

Value b_all(Vm& vm, Args& a) {
  Value it = vm.get_iter(a[0]);
  while (Value v = vm.iter_next(it)) {
    if (!vm.truthy(v)) return vm.boolean(false);
  }
  return vm.boolean(true);
}

Value b_any(Vm& vm, Args& a) {
  Value it = vm.get_iter(a[0]);
  while (Value v = vm.iter_next(it)) {
    if (vm.truthy(v)) return vm.boolean(true);
  }
  return vm.boolean(false);
}

std::string int_to_base(Vm& vm, Value v, int base, const char* prefix) {
  if (!vm.is_int(v)) {
    if (Value f = vm.lookup_special(v, "__index__"))
      v = vm.call(f, 0, 0, nullptr);
    else
      vm.raise(vm.e_type, "can't convert " + std::string(vm.type_name(v)) + " to int");
  }
  BigInt b = vm.to_bigint(v);
  std::string digits = (b.is_negative() ? -b : b).to_string(base);
  return (b.is_negative() ? "-" : "") + std::string(prefix) + digits;
}

Value b_bin(Vm& vm, Args& a) { return vm.str(int_to_base(vm, a[0], 2, "0b")); }
Value b_oct(Vm& vm, Args& a) { return vm.str(int_to_base(vm, a[0], 8, "0o")); }
Value b_hex(Vm& vm, Args& a) { return vm.str(int_to_base(vm, a[0], 16, "0x")); }

Value b_callable(Vm& vm, Args& a) {
  Value v = a[0];
  if (!v.is_obj()) return vm.boolean(false);
  switch (v.obj()->kind) {
    case Kind::function:
    case Kind::native_function:
    case Kind::bound_method:
    case Kind::type:
      return vm.boolean(true);
    default:
      return vm.boolean(v.obj()->type->is_user && !vm.class_lookup(v.obj()->type, "__call__").is_null());
  }
}

std::string utf8_encode(std::uint32_t cp) {
  std::string out;
  if (cp < 0x80)
    out += static_cast<char>(cp);
  else if (cp < 0x800)
    out += static_cast<char>(0xC0 | (cp >> 6)), out += static_cast<char>(0x80 | (cp & 0x3F));
  else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

Value b_chr(Vm& vm, Args& a) {
  std::int64_t c = vm.to_int(a[0]);
  if (c < 0 || c > 0x10FFFF) vm.raise(vm.e_value, "chr() arg not in range(0x110000)");
  return vm.str(utf8_encode(static_cast<std::uint32_t>(c)));
}

Value b_ord(Vm& vm, Args& a) {
  if (is_bytes_like(a[0])) {
    auto& d = as_bytes(a[0])->data;
    if (d.size() != 1)
      vm.raise(vm.e_type, "ord() expected a character, but string of length " + std::to_string(d.size()) + " found");
    return Value::small(d[0]);
  }
  const std::string& s = vm.to_str(a[0]);
  if (as_str_obj(a[0])->chars != 1) {
    vm.raise(vm.e_type,
             "ord() expected a character, but string of length " + std::to_string(as_str_obj(a[0])->chars) + " found");
  }
  auto c = static_cast<unsigned char>(s[0]);
  std::uint32_t cp = c;
  std::size_t n = 0;
  if (c >= 0xF0)
    cp = c & 0x07, n = 3;
  else if (c >= 0xE0)
    cp = c & 0x0F, n = 2;
  else if (c >= 0xC0)
    cp = c & 0x1F, n = 1;
  for (std::size_t i = 1; i <= n && i < s.size(); ++i) cp = (cp << 6) | (static_cast<unsigned char>(s[i]) & 0x3F);
  return Value::small(cp);
}

/// Attributes that are not entries of a dict but that dir() reports when lookup finds them (MicroPython's dir
/// probes every name; these are the ones its objects answer outside their type's table).
constexpr std::string_view k_probed_names[] = {"__class__",   "__name__", "__bases__", "__dict__", "__code__",
                                               "__globals__", "__next__", "start",     "stop",     "step",
                                               "args",        "value",    "errno",     "real",     "imag"};
/// Of object's own methods, the ones dir(object) shows (the others are implementation details here).
constexpr std::string_view k_object_names[] = {"__init__", "__new__", "__delattr__", "__setattr__"};

bool has_attribute(Vm& vm, Value v, std::string_view name) {
  try {
    return !vm.getattr_opt(v, name).is_null();
  } catch (PyRaise& e) {
    if (vm.is_instance(e.exc, vm.e_attribute)) return false;
    throw;
  }
}

/// dir(v): names of its instance dict and its class chain (without object's, as in MicroPython) plus the
/// special attributes lookup finds; sorted (MicroPython's order is that of its string table).
void add_attribute_names(Vm& vm, Value v, RootVec& names) {
  auto add_dict = [&](DictObj* d) {
    if (!d) return;
    for (auto& e : d->table.entries) {
      if (!e.key.is_null()) names.push_back(e.key);
    }
  };
  if (has_kind(v, Kind::module)) {
    add_dict(static_cast<ModuleObj*>(v.obj())->globals);
  } else {
    if (v.is_obj()) add_dict(v.obj()->attrs);
    TypeObj* t = has_kind(v, Kind::type) ? static_cast<TypeObj*>(v.obj()) : vm.type_of(v);
    for (TypeObj* m : t->mro) {
      if (m != vm.t_object) add_dict(m->dict);
    }
    if (t == vm.t_object) {
      for (auto name : k_object_names) names.push_back(vm.qstr(name));
    }
    // A named tuple's fields are attributes of its instances.
    if (Value fields = vm.class_lookup(t, "_fields"); has_kind(fields, Kind::tuple) && !has_kind(v, Kind::type)) {
      for (Value name : as_seq(fields)->items) names.push_back(name);
    }
  }
  for (auto name : k_probed_names) {
    if (has_attribute(vm, v, name)) names.push_back(vm.qstr(name));
  }
}

Value b_dir(Vm& vm, Args& a) {
  check_args(vm, a, 0, 1);
  RootVec names;
  if (a.n_pos == 0) {
    Frame* f = vm.current_frame();
    if (f) {
      for (auto& e : f->globals->table.entries) {
        if (!e.key.is_null()) names.push_back(e.key);
      }
    }
  } else {
    add_attribute_names(vm, a[0], names);
  }
  RootVec uniq;
  for (Value n : names) {
    bool dup = false;
    for (Value u : uniq) dup = dup || vm.equal(u, n);
    if (!dup) uniq.push_back(n);
  }
  mp_sort(vm, uniq.data(), uniq.size(), Value(), false);
  return vm.list(uniq);
}

Value b_divmod(Vm& vm, Args& a) {
  check_args(vm, a, 2, 2);
  return vm.tuple({vm.binary_op(BinaryOp::floor_divide, a[0], a[1]), vm.binary_op(BinaryOp::modulo, a[0], a[1])});
}

Value b_getattr(Vm& vm, Args& a) {
  check_args(vm, a, 2, 3);
  if (a.n_pos == 3) {
    try {
      Value v = vm.getattr_opt(a[0], vm.to_str(a[1]));
      return v ? v : a[2];
    } catch (PyRaise& e) {
      if (vm.is_instance(e.exc, vm.e_attribute)) return a[2];
      throw;
    }
  }
  return vm.getattr(a[0], vm.to_str(a[1]));
}

Value b_setattr(Vm& vm, Args& a) {
  check_args(vm, a, 3, 3);
  vm.setattr(a[0], vm.to_str(a[1]), a[2]);
  return vm.none();
}

Value b_delattr(Vm& vm, Args& a) {
  check_args(vm, a, 2, 2);
  vm.delattr(a[0], vm.to_str(a[1]));
  return vm.none();
}

Value b_hasattr(Vm& vm, Args& a) {
  check_args(vm, a, 2, 2);
  try {
    return vm.boolean(!vm.getattr_opt(a[0], vm.to_str(a[1])).is_null());
  } catch (PyRaise& e) {
    if (vm.is_instance(e.exc, vm.e_attribute)) return vm.boolean(false);
    throw;
  }
}

Value b_globals(Vm& vm, Args&) {
  Frame* f = vm.current_frame();
  return f ? Value::object(f->globals) : vm.dict();
}

Value b_locals(Vm& vm, Args&) {
  Frame* f = vm.current_frame();
  if (f && f->locals) return Value::object(f->locals);
  return f ? Value::object(f->globals) : vm.dict();
}

Value b_hash(Vm& vm, Args& a) {
  std::uint64_t h = vm.hash(a[0]);
  auto s = static_cast<std::int64_t>(h);
  if (!vm.is_int(a[0]) && !has_kind(a[0], Kind::flt)) s &= 0x3FFFFFFF;
  return vm.int_value(s);
}

Value b_id(Vm& vm, Args& a) { return vm.int_value(static_cast<std::int64_t>(a[0].bits() >> 1)); }

bool type_matches(Vm& vm, Value v, Value t, bool subclass) {
  if (has_kind(t, Kind::tuple)) {
    for (Value x : as_seq(t)->items) {
      if (type_matches(vm, v, x, subclass)) return true;
    }
    return false;
  }
  if (!has_kind(t, Kind::type))
    vm.raise(vm.e_type, "issubclass() arg 2 must be a class or a tuple of classes");  // MicroPython's, for both
  if (subclass) {
    if (!has_kind(v, Kind::type)) vm.raise(vm.e_type, "issubclass() arg 1 must be a class");
    return Vm::is_subtype(static_cast<TypeObj*>(v.obj()), static_cast<TypeObj*>(t.obj()));
  }
  return vm.is_instance(v, static_cast<TypeObj*>(t.obj()));
}

Value b_isinstance(Vm& vm, Args& a) {
  check_args(vm, a, 2, 2);
  return vm.boolean(type_matches(vm, a[0], a[1], false));
}
Value b_issubclass(Vm& vm, Args& a) {
  check_args(vm, a, 2, 2);
  return vm.boolean(type_matches(vm, a[0], a[1], true));
}

Value b_iter(Vm& vm, Args& a) {
  check_args(vm, a, 1, 2);
  if (a.n_pos == 2) {
    auto* it = vm.heap().make<IterObj>(vm.t_iterator, IterKind::callable, Value());
    it->fn = a[0];
    it->values.push_back(a[1]);
    return Value::object(it);
  }
  return vm.get_iter(a[0]);
}

Value b_next(Vm& vm, Args& a) {
  check_args(vm, a, 1, 2);
  if (has_kind(a[0], Kind::generator)) {
    bool yielded;
    Value r = vm.generator_resume(a[0], vm.none(), Value(), yielded);
    if (yielded) return r;
    if (a.n_pos == 2) return a[1];
    throw PyRaise{r == vm.none() ? vm.make_exception_args(vm.e_stop_iteration, {})
                                 : vm.make_exception_args(vm.e_stop_iteration, {r})};
  }
  Value v = vm.iter_next(a[0]);
  if (v) return v;
  if (a.n_pos == 2) return a[1];
  throw PyRaise{vm.make_exception_args(vm.e_stop_iteration, {})};
}

Value min_max(Vm& vm, Args& a, bool want_max) {
  Value key = a.kwarg("key"), dflt = a.kwarg("default");
  RootVec items = a.n_pos == 1 ? vm.to_vector(a[0]) : RootVec(a.pos, a.pos + a.n_pos);
  if (items.empty()) {
    if (dflt) return dflt;
    vm.raise(vm.e_value, "arg is an empty sequence");
  }
  Value best = items[0];
  Value best_key = key && key != vm.none() ? vm.call(key, {best}) : best;
  for (std::size_t i = 1; i < items.size(); ++i) {
    Value k = key && key != vm.none() ? vm.call(key, {items[i]}) : items[i];
    // MicroPython compares the candidate with the best so far (the operand order shows in TypeErrors).
    bool better = vm.truthy(vm.binary_op(want_max ? BinaryOp::more : BinaryOp::less, k, best_key));
    if (better) best = items[i], best_key = k;
  }
  return best;
}

Value b_max(Vm& vm, Args& a) { return min_max(vm, a, true); }
Value b_min(Vm& vm, Args& a) { return min_max(vm, a, false); }

Value b_pow(Vm& vm, Args& a) {
  check_args(vm, a, 2, 3);
  if (a.n_pos == 3) {
    BigInt base = vm.to_bigint(a[0]), exp = vm.to_bigint(a[1]), mod = vm.to_bigint(a[2]);
    if (mod.is_zero()) vm.raise(vm.e_value, "divide by zero");
    BigInt result(1), q, r;
    BigInt::floor_divmod(base, mod, q, base);
    while (!exp.is_zero()) {
      BigInt e2, bit;
      BigInt::floor_divmod(exp, BigInt(2), e2, bit);
      if (!bit.is_zero()) BigInt::floor_divmod(result * base, mod, q, result);
      BigInt::floor_divmod(base * base, mod, q, base);
      exp = e2;
    }
    return vm.int_value(result);
  }
  return vm.binary_op(BinaryOp::power, a[0], a[1]);
}

Value b_round(Vm& vm, Args& a) {
  check_args(vm, a, 1, 2);
  Value v = a[0];
  Value nd = a.n_pos == 2 ? a[1] : vm.none();
  if (vm.is_int(v)) {
    if (nd == vm.none() || vm.to_int(nd) >= 0) return vm.int_value(vm.to_bigint(v));
    std::int64_t n = vm.to_int(nd), p = 1;
    for (std::int64_t i = 0; i < -n && p < (std::int64_t{1} << 60) / 10; ++i) p *= 10;
    std::int64_t x = vm.to_int(v);
    std::int64_t q = x / p, r = x % p;
    if (r < 0) r += p, q -= 1;
    if (2 * r > p || (2 * r == p && (q & 1))) q += 1;
    return vm.int_value(q * p);
  }
  double d = vm.to_float(v);
  if (nd == vm.none()) {
    double r = std::nearbyint(d);
    auto b = BigInt::from_double(r);
    if (!b) {
      if (std::isnan(d)) vm.raise(vm.e_value, "can't convert NaN to int");
      vm.raise(vm.e_overflow, "can't convert inf to int");
    }
    return vm.int_value(*b);
  }
  std::int64_t n = vm.to_int(nd);
  if (n >= 0) {
    double m = std::pow(10.0, static_cast<double>(n));
    double r = std::nearbyint(d * m) / m;
    return vm.float_value(std::isfinite(r) ? r : d);
  }
  double m = std::pow(10.0, static_cast<double>(-n));
  return vm.float_value(std::nearbyint(d / m) * m);
}

Value b_sorted(Vm& vm, Args& a) {
  check_args(vm, a, 1, 1);
  Value l = vm.list(vm.to_vector(a[0]));
  auto& items = as_seq(l)->items;
  Value key = a.kwarg("key"), rev = a.kwarg("reverse");
  mp_sort(vm, items.data(), items.size(), key && key != vm.none() ? key : Value(), rev && vm.truthy(rev));
  return l;
}

Value b_sum(Vm& vm, Args& a) {
  check_args(vm, a, 1, 2);
  Value total = a.n_pos == 2 ? a[1] : Value::small(0);
  Value it = vm.get_iter(a[0]);
  while (Value v = vm.iter_next(it)) total = vm.binary_op(BinaryOp::add, total, v);
  return total;
}

Value b_build_class(Vm& vm, Args& a) {
  if (a.n_pos < 2) vm.raise(vm.e_type, "__build_class__ needs a function and a name");
  Value meta = a.kwarg("metaclass");
  return vm.build_class(a[0], a[1], std::span<const Value>(a.pos + 2, a.n_pos - 2), meta);
}

Value b_import(Vm& vm, Args& a) {
  check_args(vm, a, 1, 5);
  Value fromlist = a.n_pos > 3 ? a[3] : vm.none();
  int level = a.n_pos > 4 ? static_cast<int>(vm.to_int(a[4])) : 0;
  return vm.import_module(vm.to_str(a[0]), fromlist, level);
}

constexpr std::string_view k_eval_slot = "__cpytool_eval_result__";

bool is_code(Value v) { return v.is_obj() && v.obj()->kind == Kind::code; }

/// The text of eval/exec/compile's first argument: str or bytes.
std::string source_argument(Vm& vm, Value v) {
  if (vm.is_str(v)) return static_cast<StrObj*>(v.obj())->value;
  if (v.is_obj() && v.obj()->kind == Kind::bytes) {
    const auto& data = static_cast<BytesObj*>(v.obj())->data;
    return std::string(data.begin(), data.end());
  }
  vm.raise(vm.e_type, "can't convert '" + std::string(vm.type_name(v)) + "' object to str implicitly");
}

DictObj* dict_argument(Vm& vm, Args& a, std::size_t index) {
  if (a.n_pos <= index || a[index] == vm.none()) return nullptr;
  if (!a[index].is_obj() || a[index].obj()->kind != Kind::dict) vm.raise(vm.e_type, "expected a dict");
  return vm.dict_of(a[index]);
}

Value compile_text(Vm& vm, const std::string& text, std::string_view filename) {
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  return vm.compile_source({bytes, text.size()}, filename);
}

/// True when the text has no tokens (only blank and comment lines): not an expression.
bool is_blank_source(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    const auto first = line.find_first_not_of(" \t\r\f");
    if (first != std::string_view::npos && line[first] != '#') return false;
    pos = end + 1;
  }
  return true;
}

/// An expression compiled as an assignment to a slot name in the locals it runs with (names still resolve
/// through those locals, then globals, then builtins). Errors are the ones MicroPython gives for the text.
Value compile_expression(Vm& vm, const std::string& expression, std::string_view filename) {
  // Like MicroPython, leading blanks are an unexpected indent: compile the text as it is to raise that error.
  if (!expression.empty() && (expression[0] == ' ' || expression[0] == '\t')) compile_text(vm, expression, filename);
  if (is_blank_source(expression)) vm.raise(vm.e_syntax, "invalid syntax");
  try {
    return compile_text(vm, std::string(k_eval_slot) + " = (" + expression + "\n)\n", filename);
  } catch (PyRaise& e) {
    // An error at the wrapper's closing line is, for MicroPython's eval input, at the expression's last line.
    auto* exc = static_cast<ExceptionObj*>(e.exc.obj());
    const auto lines = static_cast<std::size_t>(std::count(expression.begin(), expression.end(), '\n')) + 1;
    if (vm.is_instance(e.exc, vm.e_syntax) && !exc->traceback.empty() && exc->traceback.front().line > lines)
      exc->traceback.front().line = lines;
    throw;
  }
}

/// Mode 'single': an expression's value is printed (repr, unless None) like at the REPL; statements run as
/// in mode 'exec' (expression statements inside them are not echoed).
Value compile_single(Vm& vm, const std::string& text, std::string_view filename) {
  if (!text.empty() && (text[0] == ' ' || text[0] == '\t')) compile_text(vm, text, filename);
  if (is_blank_source(text)) return compile_text(vm, text, filename);
  try {
    return compile_text(vm, "__repl_print__((" + text + "\n))\n", filename);
  } catch (PyRaise& e) {
    if (!vm.is_instance(e.exc, vm.e_syntax)) throw;
  }
  return compile_text(vm, text, filename);
}

/// Runs module code with `globals` (default: the caller's) and `locals`.
void run_code(Vm& vm, Value code, DictObj* globals, DictObj* locals) {
  if (!globals) {
    Frame* f = vm.current_frame();
    globals = f ? f->globals : vm.dict_of(vm.dict());
    if (!locals && f && f->locals) locals = f->locals;
  }
  Value fn = vm.make_function(static_cast<CodeObj*>(code.obj()), globals, nullptr, 0, Value(), Value());
  vm.call_function(static_cast<FunctionObj*>(fn.obj()), 0, 0, nullptr, {}, locals);
}

/// Removes the eval slot a code object compiled in mode 'eval' leaves in the dict it ran with.
Value take_eval_result(Vm& vm, DictObj* dict) {
  Value* found = vm.dict_find_str(dict, k_eval_slot);
  if (!found) return vm.none();
  Value result = *found;
  vm.table_remove(dict->table, vm.str(std::string(k_eval_slot)));
  return result;
}

Value b_exec(Vm& vm, Args& a) {
  if (a.n_pos < 1) vm.raise(vm.e_type, "exec expected at least 1 argument");
  DictObj* globals = dict_argument(vm, a, 1);
  DictObj* locals = dict_argument(vm, a, 2);
  if (!is_code(a[0])) {
    run_code(vm, compile_text(vm, source_argument(vm, a[0]), "<string>"), globals, locals);
    return vm.none();
  }
  if (!locals) {
    Frame* f = vm.current_frame();
    locals = f && f->locals && !globals ? f->locals : globals ? globals : f ? f->globals : nullptr;
  }
  run_code(vm, a[0], globals, locals);
  // As in MicroPython, exec() of a code object compiled in mode 'eval' returns the value.
  return locals ? take_eval_result(vm, locals) : vm.none();
}

Value b_eval(Vm& vm, Args& a) {
  if (a.n_pos < 1) vm.raise(vm.e_type, "eval expected at least 1 argument");
  Value code = is_code(a[0]) ? a[0] : compile_expression(vm, source_argument(vm, a[0]), "<string>");
  DictObj* globals = dict_argument(vm, a, 1);
  DictObj* locals = dict_argument(vm, a, 2);
  Value scratch = vm.dict();
  if (!locals) locals = vm.dict_of(scratch);
  run_code(vm, code, globals, locals);
  return take_eval_result(vm, locals);
}

/// execfile(path[, globals[, locals]]): runs a source file like exec() (OSError ENOENT when it is missing).
Value b_execfile(Vm& vm, Args& a) {
  check_args(vm, a, 1, 3);
  const std::string& path = vm.to_str(a[0]);
  std::vector<std::uint8_t> text;
  if (!vm.host().read_file(path, text)) throw PyRaise{vm.make_exception_args(vm.e_os, {Value::small(2)})};
  run_code(vm, vm.compile_source(text, path), dict_argument(vm, a, 1), dict_argument(vm, a, 2));
  return vm.none();
}

/// compile(source, filename, mode[, flags[, dont_inherit]]): a code object eval() and exec() run.
Value b_compile(Vm& vm, Args& a) {
  check_args(vm, a, 3, 5);
  const std::string text = source_argument(vm, a[0]);
  const std::string& filename = vm.to_str(a[1]);
  const std::string& mode = vm.to_str(a[2]);
  if (mode == "exec") return compile_text(vm, text, filename);
  if (mode == "eval") return compile_expression(vm, text, filename);
  if (mode == "single") return compile_single(vm, text, filename);
  vm.raise(vm.e_value, "bad compile mode");
}

/// What the REPL (and compile mode 'single') calls for an expression statement: prints its repr unless None.
Value b_repl_print(Vm& vm, Args& a) {
  check_args(vm, a, 1, 1);
  if (a[0] != vm.none()) vm.write(vm.repr(a[0]) + "\n");
  return vm.none();
}

/// help("modules"): the built-in module names in columns, as MicroPython prints them.
void print_module_names(Vm& vm) {
  constexpr std::size_t k_columns = 4, k_width = 18;
  std::vector<std::string> names = vm.builtin_module_names();
  names.emplace_back("__main__");
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  const std::size_t rows = (names.size() + k_columns - 1) / k_columns;
  std::string out;
  for (std::size_t row = 0; row < rows; ++row) {
    for (std::size_t i = row; i < names.size(); i += rows) {
      if (i != row) out.append(names[i - rows].size() < k_width ? k_width - names[i - rows].size() : 1, ' ');
      out += names[i];
    }
    out += "\n";
  }
  vm.write(out + "\nPlus any modules on the filesystem\n");
}

/// help(obj): its type and the entries of its module or class table.
void print_object_help(Vm& vm, Value v) {
  std::string out = "object " + vm.to_text(v) + " is of type " + std::string(vm.type_name(v)) + "\n";
  DictObj* table = has_kind(v, Kind::module) ? static_cast<ModuleObj*>(v.obj())->globals
                   : has_kind(v, Kind::type) ? static_cast<TypeObj*>(v.obj())->dict
                                             : vm.type_of(v)->dict;
  if (table && table != vm.builtins()) {
    for (const auto& e : table->table.entries) {
      if (!e.key.is_null()) out += "  " + vm.to_text(e.key) + " -- " + vm.to_text(e.value) + "\n";
    }
  }
  vm.write(out);
}

Value b_help(Vm& vm, Args& a) {
  check_args(vm, a, 0, 1);
  if (a.n_pos == 0) {
    vm.write("Welcome to Adafruit CircuitPython " + vm.config().uname.release +
             "!\n\nVisit circuitpython.org for more information.\n\n"
             "To list built-in modules type `help(\"modules\")`.\n");
  } else if (vm.is_str(a[0]) && vm.to_str(a[0]) == "modules") {
    print_module_names(vm);
  } else {
    print_object_help(vm, a[0]);
  }
  return vm.none();
}

Value b_input(Vm& vm, Args& a) {
  if (a.n_pos) vm.write(vm.to_text(a[0]));
  vm.raise(vm.e_eof, "");
}

Value b_open(Vm& vm, Args&) { vm.raise_value(vm.make_exception_args(vm.e_os, {Value::small(2)})); }

Value make_iter_obj(Vm& vm, TypeObj* t, IterKind k) { return Value::object(vm.heap().make<IterObj>(t, k, Value())); }

Value b_enumerate(Vm& vm, Args& a) {
  Value v = make_iter_obj(vm, vm.t_enumerate, IterKind::enumerate);
  auto* it = static_cast<IterObj*>(v.obj());
  it->seq = vm.get_iter(a.get(0, "iterable"));
  Value start = a.get(1, "start");
  it->index = start ? vm.to_int(start) : 0;
  return v;
}

Value b_zip(Vm& vm, Args& a) {
  Value v = make_iter_obj(vm, vm.t_zip, IterKind::zip);
  auto* it = static_cast<IterObj*>(v.obj());
  for (std::size_t i = 0; i < a.n_pos; ++i) it->values.push_back(vm.get_iter(a[i]));
  return v;
}

Value b_map(Vm& vm, Args& a) {
  check_args(vm, a, 2, 64);
  Value v = make_iter_obj(vm, vm.t_map, IterKind::map);
  auto* it = static_cast<IterObj*>(v.obj());
  it->fn = a[0];
  for (std::size_t i = 1; i < a.n_pos; ++i) it->values.push_back(vm.get_iter(a[i]));
  return v;
}

Value b_filter(Vm& vm, Args& a) {
  check_args(vm, a, 2, 2);
  Value v = make_iter_obj(vm, vm.t_filter, IterKind::filter);
  auto* it = static_cast<IterObj*>(v.obj());
  it->fn = a[0];
  it->seq = vm.get_iter(a[1]);
  return v;
}

Value b_reversed(Vm& vm, Args& a) {
  check_args(vm, a, 1, 1);
  if (Value f = vm.lookup_special(a[0], "__reversed__")) return vm.call(f, 0, 0, nullptr);
  Value v = make_iter_obj(vm, vm.t_reversed, IterKind::reversed);
  auto* it = static_cast<IterObj*>(v.obj());
  it->seq = a[0];
  if (has_kind(a[0], Kind::dict) || has_kind(a[0], Kind::set))
    vm.raise(vm.e_type, "'" + std::string(vm.type_name(a[0])) + "' object isn't reversible");
  it->index = static_cast<std::int64_t>(vm.len(a[0]));
  return v;
}

Value b_format(Vm& vm, Args& a) {
  check_args(vm, a, 1, 2);
  return vm.str(format_value(vm, a[0], a.n_pos == 2 ? std::string_view(vm.to_str(a[1])) : std::string_view()));
}

}  // namespace

void Vm::init_builtins() {
  struct Entry {
    const char* name;
    NativeFn fn;
  };
  static const Entry k_functions[] = {
      {"print", b_print},
      {"len", b_len},
      {"repr", b_repr},
      {"abs", b_abs},
      {"all", b_all},
      {"any", b_any},
      {"bin", b_bin},
      {"oct", b_oct},
      {"hex", b_hex},
      {"callable", b_callable},
      {"chr", b_chr},
      {"ord", b_ord},
      {"dir", b_dir},
      {"divmod", b_divmod},
      {"getattr", b_getattr},
      {"setattr", b_setattr},
      {"delattr", b_delattr},
      {"hasattr", b_hasattr},
      {"globals", b_globals},
      {"locals", b_locals},
      {"hash", b_hash},
      {"id", b_id},
      {"isinstance", b_isinstance},
      {"issubclass", b_issubclass},
      {"iter", b_iter},
      {"next", b_next},
      {"max", b_max},
      {"min", b_min},
      {"pow", b_pow},
      {"round", b_round},
      {"sorted", b_sorted},
      {"sum", b_sum},
      {"__build_class__", b_build_class},
      {"__import__", b_import},
      {"eval", b_eval},
      {"exec", b_exec},
      {"execfile", b_execfile},
      {"compile", b_compile},
      {"__repl_print__", b_repl_print},
      {"input", b_input},
      {"open", b_open},
      {"format", b_format},
      {"help", b_help},
  };
  for (const auto& e : k_functions) dict_store_str(m_builtins, e.name, native_fn(e.name, e.fn));
  // Iterator "types" are functions here: calling them builds the iterator.
  dict_store_str(m_builtins, "enumerate", native_fn("enumerate", b_enumerate));
  dict_store_str(m_builtins, "zip", native_fn("zip", b_zip));
  dict_store_str(m_builtins, "map", native_fn("map", b_map));
  dict_store_str(m_builtins, "filter", native_fn("filter", b_filter));
  dict_store_str(m_builtins, "reversed", native_fn("reversed", b_reversed));
  for (TypeObj* t : {t_object,    t_type,      t_int,        t_bool,     t_float,        t_complex,     t_str,
                     t_bytes,     t_bytearray, t_memoryview, t_tuple,    t_list,         t_dict,        t_set,
                     t_frozenset, t_range,     t_slice,      t_property, t_staticmethod, t_classmethod, t_super}) {
    dict_store_str(m_builtins, t->name, Value::object(t));
  }
  for (TypeObj* t : m_all_types) {
    if (t->instance_kind == Kind::exception) dict_store_str(m_builtins, t->name, Value::object(t));
  }
  dict_store_str(m_builtins, "Ellipsis", m_ellipsis);
  dict_store_str(m_builtins, "NotImplemented", m_not_implemented);
  dict_store_str(m_builtins, "__name__", qstr("builtins"));
  dict_store_str(m_builtins, "__debug__", m_true);
  init_makers(*this);
  init_str_methods(*this);
  init_container_methods(*this);
  init_misc_methods(*this);
}

}  // namespace cpy::vm
