// The bytecode interpreter: one dispatch loop over .mpy v6 opcodes, exception unwinding, function calls.
#include <cstring>

#include "firmware/vm/vm.hpp"

namespace cpy::vm {

using mpy::Op;

namespace {

constexpr int k_max_depth = 900;
constexpr int k_iter_slots = 4;
// Spare slots on both sides of a frame's state: one instruction can overshoot by a few slots before the
// per-instruction bounds check turns a hostile stack use into an exception instead of a wild write.
constexpr std::uint32_t k_stack_slack = 8;

std::uint64_t read_uint(const std::uint8_t*& ip) {
  std::uint64_t v = 0;
  std::uint8_t b;
  do {
    b = *ip++;
    v = (v << 7) | (b & 0x7F);
  } while (b & 0x80);
  return v;
}

std::int64_t read_sint(const std::uint8_t*& ip) {
  std::int64_t v = (*ip & 0x40) ? -1 : 0;
  std::uint8_t b;
  do {
    b = *ip++;
    v = static_cast<std::int64_t>(static_cast<std::uint64_t>(v) << 7) | (b & 0x7F);
  } while (b & 0x80);
  return v;
}

int read_jump(const std::uint8_t*& ip, bool is_signed) {
  int v = *ip++;
  if (v & 0x80) {
    v = (v & 0x7F) | (*ip++ << 7);
    return is_signed ? v - 0x4000 : v;
  }
  return is_signed ? v - 0x40 : v;
}

}  // namespace

std::size_t Vm::line_of(const CodeObj* code, std::uint32_t offset) const {
  std::size_t line = 1;
  const auto& t = code->line_table;
  std::size_t i = 0;
  while (i < t.size()) {
    std::size_t b, l;
    std::uint8_t c = t[i];
    if ((c & 0x80) == 0) {
      b = c & 0x1F, l = c >> 5, i += 1;
    } else {
      if (i + 1 >= t.size()) break;
      b = c & 0xF, l = (static_cast<std::size_t>(c << 4) & 0x700) | t[i + 1], i += 2;
    }
    if (offset >= b) {
      offset -= static_cast<std::uint32_t>(b);
      line += l;
    } else {
      break;
    }
  }
  return line;
}

bool Vm::catch_in_frame(Frame& f, Value exc) {
  auto* e = static_cast<ExceptionObj*>(exc.obj());
  std::uint8_t op = f.op_ip < f.code->bytecode.size() ? f.code->bytecode[f.op_ip] : 0;
  if (op != static_cast<std::uint8_t>(Op::END_FINALLY) && op != static_cast<std::uint8_t>(Op::RAISE_LAST)) {
    e->traceback.push_back({f.code->data->source_name, f.code->name, line_of(f.code, f.op_ip)});
  }
  while (f.in_except && !f.exc.empty()) {
    f.in_except = f.exc.back().saved_in_except;
    f.exc.pop_back();
  }
  if (f.exc.empty()) return false;
  ExcBlock& b = f.exc.back();
  f.ip = b.handler;
  f.sp = b.sp;
  f.state[++f.sp] = exc;
  b.prev_exc = exc;
  f.in_except = true;
  return true;
}

Vm::ExecStatus Vm::execute(Frame& f, Value& result, Value throw_value) {
  FrameGuard guard(*this, &f);
  Value inject = throw_value;
  for (;;) {
    try {
      return run_frame(f, result, inject);
    } catch (PyRaise& r) {
      inject = Value();
      if (!catch_in_frame(f, r.exc)) throw;
    }
  }
}

Value Vm::make_function(CodeObj* code, DictObj* globals, const Value* closure, std::size_t n_closed, Value defaults,
                        Value kw_defaults) {
  auto* fn = m_heap.make<FunctionObj>(t_function, code, globals);
  fn->closure.assign(closure, closure + n_closed);
  if (defaults.is_obj() && defaults.obj()->kind == Kind::tuple)
    fn->defaults = static_cast<SeqObj*>(defaults.obj())->items;
  if (kw_defaults.is_obj() && kw_defaults.obj()->kind == Kind::dict)
    fn->kw_defaults = static_cast<DictObj*>(kw_defaults.obj());
  return Value::object(fn);
}

void Vm::bind_arguments(Frame& f, FunctionObj* fn, std::size_t n_pos, std::size_t n_kw, const Value* args, Value self) {
  CodeObj* c = fn->code;
  if (n_kw == 0 && c->n_kwonly == 0 && (c->flags & 0x06) == 0 && fn->closure.empty() && c->cells.empty() &&
      n_pos + (self ? 1 : 0) == c->n_pos) {  // the common case: exactly the positional arguments
    std::uint32_t slot = 0;
    if (self) f.fast(slot++) = self;
    for (std::size_t i = 0; i < n_pos; ++i) f.fast(slot++) = args[i];
    return;
  }
  const std::size_t n_closed = fn->closure.size();
  const std::size_t np = c->n_pos, nk = c->n_kwonly;
  const std::size_t given = n_pos + (self ? 1 : 0) + n_closed;
  const bool var_args = c->flags & 0x04, var_kw = c->flags & 0x02;
  auto arg_at = [&](std::size_t i) -> Value {  // i-th positional including closure cells and self
    if (i < n_closed) return fn->closure[i];
    i -= n_closed;
    if (self) {
      if (i == 0) return self;
      --i;
    }
    return args[i];
  };
  if (given > np && !var_args) {
    raise(e_type, "function takes " + std::to_string(np - n_closed) + " positional arguments but " +
                      std::to_string(given - n_closed) + " were given");
  }
  for (std::size_t i = 0; i < given && i < np; ++i) f.fast(static_cast<std::uint32_t>(i)) = arg_at(i);
  if (var_args) {
    RootVec extra;
    for (std::size_t i = np; i < given; ++i) extra.push_back(arg_at(i));
    f.fast(static_cast<std::uint32_t>(np + nk)) = tuple(std::move(extra));
  }
  DictObj* kw_dict = nullptr;
  if (var_kw) {
    kw_dict = static_cast<DictObj*>(dict().obj());
    f.fast(static_cast<std::uint32_t>(np + nk + (var_args ? 1 : 0))) = Value::object(kw_dict);
  }
  const Value* kw = args + n_pos;
  for (std::size_t k = 0; k < n_kw; ++k) {
    Value name = kw[2 * k], value = kw[2 * k + 1];
    const std::string& key = to_str(name);
    std::size_t slot = np + nk;
    for (std::size_t i = n_closed; i < np + nk; ++i) {
      if (is_str(c->arg_names[i]) && static_cast<StrObj*>(c->arg_names[i].obj())->value == key) {
        slot = i;
        break;
      }
    }
    if (slot < np + nk) {
      Value& dst = f.fast(static_cast<std::uint32_t>(slot));
      if (dst) raise(e_type, "function got multiple values for argument '" + key + "'");
      dst = value;
    } else if (kw_dict) {
      table_store(kw_dict->table, name, value);
    } else {
      raise(e_type, "unexpected keyword argument '" + key + "'");
    }
  }
  const std::size_t first_default = np - c->n_def;
  for (std::size_t i = given; i < np; ++i) {
    Value& dst = f.fast(static_cast<std::uint32_t>(i));
    if (dst) continue;
    if (i >= first_default && i - first_default < fn->defaults.size()) {
      dst = fn->defaults[i - first_default];
    } else {
      raise(e_type, "function missing " + std::to_string(np - i) + " required positional arguments");
    }
  }
  for (std::size_t i = np; i < np + nk; ++i) {
    Value& dst = f.fast(static_cast<std::uint32_t>(i));
    if (dst) continue;
    Value* d = nullptr;
    if (fn->kw_defaults) d = table_find(fn->kw_defaults->table, c->arg_names[i]);
    if (!d) raise(e_type, "function missing required keyword argument '" + to_str(c->arg_names[i]) + "'");
    dst = *d;
  }
  for (std::uint8_t cell : c->cells) {
    Value& slot = f.fast(cell);
    slot = Value::object(m_heap.make<CellObj>(t_cell, slot));
  }
}

Value Vm::call_function(FunctionObj* fn, std::size_t n_pos, std::size_t n_kw, const Value* args, Value self,
                        DictObj* locals) {
  CodeObj* c = fn->code;
  if (c->flags & 0x01) {
    auto* g = m_heap.make<GeneratorObj>((c->flags & 0x10) ? t_coroutine : t_generator);
    Value gv = Value::object(g);
    g->storage.assign(c->n_state + 2 * k_stack_slack, Value());
    g->frame.code = c;
    g->frame.fun = fn;
    g->frame.globals = fn->globals;
    g->frame.state = g->storage.data() + k_stack_slack;
    g->frame.n_state = c->n_state;
    g->frame.exc.reserve(c->n_exc_stack);
    bind_arguments(g->frame, fn, n_pos, n_kw, args, self);
    return gv;
  }
  if (m_depth >= k_max_depth) raise(e_runtime, "maximum recursion depth exceeded");
  check_stack();
  FrameSlots state(m_frame_slots, c->n_state + 2 * k_stack_slack);
  Frame f;
  f.code = c;
  f.fun = fn;
  f.globals = fn->globals;
  f.locals = locals;
  f.state = state.data() + k_stack_slack;
  f.n_state = c->n_state;
  f.exc.reserve(c->n_exc_stack);
  bind_arguments(f, fn, n_pos, n_kw, args, self);
  struct Depth {
    int& d;
    explicit Depth(int& x) : d(x) { ++d; }
    ~Depth() { --d; }
  } depth(m_depth);
  Value result;
  execute(f, result, Value());
  return result;
}

namespace {

// Expands a CALL_*_VAR_KW argument block (positional args with a star bitmap, kw pairs with null-key
// ** entries) into plain positional + keyword arrays.
void expand_star_args(Vm& vm, std::size_t n_pos, std::size_t n_kw, const Value* args, RootVec& out,
                      std::size_t& out_pos, std::size_t& out_kw) {
  std::uint64_t bitmap = static_cast<std::uint64_t>(args[n_pos + 2 * n_kw].small_value());
  RootVec kws;
  for (std::size_t i = 0; i < n_pos; ++i) {
    if (i < 64 && (bitmap >> i) & 1) {
      Value it = vm.get_iter(args[i]);
      while (Value v = vm.iter_next(it)) out.push_back(v);
    } else {
      out.push_back(args[i]);
    }
  }
  for (std::size_t k = 0; k < n_kw; ++k) {
    Value key = args[n_pos + 2 * k], value = args[n_pos + 2 * k + 1];
    if (key) {
      kws.push_back(key), kws.push_back(value);
      continue;
    }
    if (value.is_obj() && value.obj()->kind == Kind::dict) {
      for (auto& e : static_cast<DictObj*>(value.obj())->table.entries) {
        if (!e.key.is_null()) kws.push_back(e.key), kws.push_back(e.value);
      }
    } else {
      Value keys = vm.call_method(value, "keys", {});
      Value it = vm.get_iter(keys);
      while (Value k2 = vm.iter_next(it)) kws.push_back(k2), kws.push_back(vm.subscr(value, k2));
    }
  }
  out_pos = out.size();
  out_kw = kws.size() / 2;
  out.insert(out.end(), kws.begin(), kws.end());
}

// An exact float, or a small int taking part in float arithmetic.
bool as_double(const Vm& vm, Value v, double& out) {
  if (v.is_small()) {
    out = static_cast<double>(v.small_value());
    return true;
  }
  if (v.is_null() || v.obj()->type != vm.t_float) return false;
  out = static_cast<FloatObj*>(v.obj())->value;
  return true;
}

// `a op b` without the generic dispatch when one side is a float and the other a float or small int;
// null when the generic path must decide (other types, division by zero, less common operators).
Value float_fast_op(Vm& vm, BinaryOp op, Value a, Value b) {
  double x, y;
  if ((a.is_small() && b.is_small()) || !as_double(vm, a, x) || !as_double(vm, b, y)) return {};
  switch (op) {
    case BinaryOp::add:
    case BinaryOp::inplace_add:
      return vm.float_value(x + y);
    case BinaryOp::subtract:
    case BinaryOp::inplace_subtract:
      return vm.float_value(x - y);
    case BinaryOp::multiply:
    case BinaryOp::inplace_multiply:
      return vm.float_value(x * y);
    case BinaryOp::true_divide:
    case BinaryOp::inplace_true_divide:
      return y == 0 ? Value() : vm.float_value(x / y);
    case BinaryOp::less:
      return vm.boolean(x < y);
    case BinaryOp::more:
      return vm.boolean(x > y);
    case BinaryOp::less_equal:
      return vm.boolean(x <= y);
    case BinaryOp::more_equal:
      return vm.boolean(x >= y);
    default:
      return {};
  }
}

bool is_cell(Value v) { return v.is_obj() && v.obj()->kind == Kind::cell; }
bool has_kind_of(Value v, Kind k) { return v.is_obj() && v.obj()->kind == k; }

Value import_star_target(Frame& f) { return Value::object(f.locals ? f.locals : f.globals); }

// Leaving a finally block that is running (a break/continue/return inside it): drop what the block
// left under the value on top: either (data, cause) of an unwind in progress, or its None/exception.
void cancel_active_finally(Value*& sp) {
  if (sp[-1].is_small()) {
    sp[-2] = sp[0];
    sp -= 2;
  } else {
    sp[-1] = sp[0];
    --sp;
  }
}

}  // namespace

Vm::ExecStatus Vm::run_frame(Frame& f, Value& result, Value& inject) {
  CodeObj* code = f.code;
  const std::uint8_t* const base = code->bytecode.data();
  const std::uint8_t* ip = base + f.ip;
  Value* const stack = f.state;
  Value* sp = stack + f.sp;
  const std::vector<Value>& qstrs = code->data->qstrs;
  auto qname = [&](std::uint64_t q) -> const std::string& { return static_cast<StrObj*>(qstrs[q].obj())->value; };
  auto sync = [&]() {
    f.ip = static_cast<std::uint32_t>(ip - base);
    f.sp = static_cast<std::int32_t>(sp - stack);
  };
  // Guards for a hostile .mpy: an instruction that pops n values needs n on the stack, one that pushes
  // n needs room for them.
  auto check_depth = [&](std::size_t n) {
    if (static_cast<std::size_t>(sp - stack + 1) < n) raise(e_runtime, "bytecode stack underflow");
  };
  auto check_room = [&](std::size_t n) {
    if (static_cast<std::size_t>(stack + f.n_state - sp) < n) raise(e_runtime, "bytecode stack overflow");
  };
  std::uint32_t backjumps = 0;

  if (inject && *ip != static_cast<std::uint8_t>(Op::YIELD_FROM)) {
    Value exc = inject;
    inject = Value();
    raise_value(exc);
  }

  Value* const stack_end = stack + f.n_state;
  for (;;) {
    f.op_ip = static_cast<std::uint32_t>(ip - base);
    if (sp < stack - 1 || sp >= stack_end) [[unlikely]] {
      sync();
      raise(e_runtime, "bytecode stack overflow");
    }
    std::uint8_t op = *ip++;
    switch (op) {
      case static_cast<std::uint8_t>(Op::LOAD_CONST_STRING):
        *++sp = qstrs[read_uint(ip)];
        break;
      case static_cast<std::uint8_t>(Op::LOAD_NAME): {
        Value key = qstrs[read_uint(ip)];
        Value* v = f.locals ? dict_find_qstr(f.locals, key) : nullptr;
        if (!v) v = dict_find_qstr(f.globals, key);
        if (!v) v = dict_find_qstr(m_builtins, key);
        if (!v) sync(), raise(e_name, "name '" + to_str(key) + "' isn't defined");
        *++sp = *v;
        break;
      }
      case static_cast<std::uint8_t>(Op::LOAD_GLOBAL): {
        Value key = qstrs[read_uint(ip)];
        Value* v = dict_find_qstr(f.globals, key);
        if (!v) v = dict_find_qstr(m_builtins, key);
        if (!v) sync(), raise(e_name, "name '" + to_str(key) + "' isn't defined");
        *++sp = *v;
        break;
      }
      case static_cast<std::uint8_t>(Op::LOAD_ATTR): {
        Value key = qstrs[read_uint(ip)];
        sync();
        *sp = getattr(*sp, key);
        break;
      }
      case static_cast<std::uint8_t>(Op::LOAD_METHOD): {
        Value key = qstrs[read_uint(ip)];
        sync();
        load_method(*sp, key, sp);
        ++sp;
        break;
      }
      case static_cast<std::uint8_t>(Op::LOAD_SUPER_METHOD): {
        const std::string& name = qname(read_uint(ip));
        sp -= 1;
        Value cls = sp[0], self = sp[1];
        sync();
        if (!has_kind_of(cls, Kind::type)) raise(e_type, "super() argument 1 must be type");
        auto* so = heap().make<SuperObj>(t_super, static_cast<TypeObj*>(cls.obj()), self);
        Value m = getattr(Value::object(so), name);
        if (m.is_obj() && m.obj()->kind == Kind::bound_method && static_cast<BoundMethodObj*>(m.obj())->self == self) {
          sp[-1] = static_cast<BoundMethodObj*>(m.obj())->fn;
          sp[0] = self;
        } else {
          sp[-1] = m;
          sp[0] = Value();
        }
        break;
      }
      case static_cast<std::uint8_t>(Op::STORE_NAME): {
        const std::string& name = qname(read_uint(ip));
        sync();
        dict_store_str(f.locals ? f.locals : f.globals, name, *sp--);
        break;
      }
      case static_cast<std::uint8_t>(Op::STORE_GLOBAL): {
        const std::string& name = qname(read_uint(ip));
        sync();
        dict_store_str(f.globals, name, *sp--);
        break;
      }
      case static_cast<std::uint8_t>(Op::STORE_ATTR): {
        Value key = qstrs[read_uint(ip)];
        sync();
        if (sp[-1])
          setattr(sp[0], key, sp[-1]);
        else
          delattr(sp[0], to_str(key));
        sp -= 2;
        break;
      }
      case static_cast<std::uint8_t>(Op::DELETE_NAME):
      case static_cast<std::uint8_t>(Op::DELETE_GLOBAL): {
        const std::string& name = qname(read_uint(ip));
        DictObj* d = (op == static_cast<std::uint8_t>(Op::DELETE_NAME) && f.locals) ? f.locals : f.globals;
        sync();
        if (!table_remove(d->table, qstr(name))) raise(e_name, "name '" + name + "' isn't defined");
        break;
      }
      case static_cast<std::uint8_t>(Op::IMPORT_NAME): {
        const std::string& name = qname(read_uint(ip));
        sync();
        Value fromlist = *sp--;
        *sp = import_module(name, fromlist, static_cast<int>(to_int(*sp)));
        break;
      }
      case static_cast<std::uint8_t>(Op::IMPORT_FROM): {
        const std::string& name = qname(read_uint(ip));
        sync();
        Value v = getattr_opt(*sp, name);
        if (!v) raise(e_import, "cannot import name " + name);
        *++sp = v;
        break;
      }
      case static_cast<std::uint8_t>(Op::IMPORT_STAR): {
        sync();
        Value mod = *sp--;
        auto* target = static_cast<DictObj*>(import_star_target(f).obj());
        if (mod.is_obj() && mod.obj()->kind == Kind::module) {
          for (auto& e : static_cast<ModuleObj*>(mod.obj())->globals->table.entries) {
            if (e.key.is_null() || to_str(e.key).starts_with("_")) continue;
            table_store(target->table, e.key, e.value);
          }
        }
        break;
      }
      case static_cast<std::uint8_t>(Op::MAKE_CLOSURE):
      case static_cast<std::uint8_t>(Op::MAKE_CLOSURE_DEFARGS): {
        std::size_t child = read_uint(ip);
        std::size_t n_closed = *ip++;
        bool defargs = op == static_cast<std::uint8_t>(Op::MAKE_CLOSURE_DEFARGS);
        sync();
        check_depth(n_closed + (defargs ? 2 : 0));
        Value* cells = sp - n_closed + 1;
        Value fn;
        if (defargs) {
          Value* d = cells - 2;
          fn = make_function(code->children[child], f.globals, cells, n_closed, d[0], d[1]);
          sp = d;
        } else {
          fn = make_function(code->children[child], f.globals, cells, n_closed, Value(), Value());
          sp = cells;
        }
        *sp = fn;
        break;
      }
      case static_cast<std::uint8_t>(Op::LOAD_CONST_SMALL_INT):
        *++sp = int_value(read_sint(ip));
        break;
      case static_cast<std::uint8_t>(Op::LOAD_CONST_OBJ):
        *++sp = code->data->consts[read_uint(ip)];
        break;
      case static_cast<std::uint8_t>(Op::LOAD_FAST_N): {
        Value v = f.fast(static_cast<std::uint32_t>(read_uint(ip)));
        if (!v) raise(e_name, "local variable referenced before assignment");
        *++sp = v;
        break;
      }
      case static_cast<std::uint8_t>(Op::LOAD_DEREF): {
        Value cell = f.fast(static_cast<std::uint32_t>(read_uint(ip)));
        if (!is_cell(cell)) sync(), raise(e_runtime, "bytecode uses a non-cell as a cell");
        Value v = static_cast<CellObj*>(cell.obj())->value;
        if (!v) raise(e_name, "local variable referenced before assignment");
        *++sp = v;
        break;
      }
      case static_cast<std::uint8_t>(Op::STORE_FAST_N):
        f.fast(static_cast<std::uint32_t>(read_uint(ip))) = *sp--;
        break;
      case static_cast<std::uint8_t>(Op::STORE_DEREF): {
        Value cell = f.fast(static_cast<std::uint32_t>(read_uint(ip)));
        if (!is_cell(cell)) sync(), raise(e_runtime, "bytecode uses a non-cell as a cell");
        static_cast<CellObj*>(cell.obj())->value = *sp--;
        break;
      }
      case static_cast<std::uint8_t>(Op::DELETE_FAST): {
        Value& slot = f.fast(static_cast<std::uint32_t>(read_uint(ip)));
        if (!slot) raise(e_name, "local variable referenced before assignment");
        slot = Value();
        break;
      }
      case static_cast<std::uint8_t>(Op::DELETE_DEREF): {
        Value cell = f.fast(static_cast<std::uint32_t>(read_uint(ip)));
        if (!is_cell(cell)) sync(), raise(e_runtime, "bytecode uses a non-cell as a cell");
        auto* c = static_cast<CellObj*>(cell.obj());
        if (!c->value) raise(e_name, "local variable referenced before assignment");
        c->value = Value();
        break;
      }
      case static_cast<std::uint8_t>(Op::BUILD_TUPLE):
      case static_cast<std::uint8_t>(Op::BUILD_LIST): {
        std::size_t n = read_uint(ip);
        sync();
        check_depth(n);
        const Value* items = sp - n + 1;  // stay on the frame's stack (traced) while the sequence is made
        Value v = op == static_cast<std::uint8_t>(Op::BUILD_TUPLE) ? tuple_from(items, n) : list_from(items, n);
        sp -= n;
        *++sp = v;
        break;
      }
      case static_cast<std::uint8_t>(Op::BUILD_MAP):
        read_uint(ip);
        sync();
        *++sp = dict();
        break;
      case static_cast<std::uint8_t>(Op::BUILD_SET): {
        std::size_t n = read_uint(ip);
        sync();
        check_depth(n);
        Value s = set();
        for (std::size_t i = 0; i < n; ++i)
          table_store(static_cast<SetObj*>(s.obj())->table,
                      sp[-static_cast<std::ptrdiff_t>(n) + 1 + static_cast<std::ptrdiff_t>(i)], Value());
        sp -= n;
        *++sp = s;
        break;
      }
      case static_cast<std::uint8_t>(Op::BUILD_SLICE): {
        std::size_t n = read_uint(ip);
        sync();
        Value step = n == 3 ? *sp-- : m_none;
        Value stop = *sp--;
        *sp = Value::object(heap().make<SliceObj>(t_slice, *sp, stop, step));
        break;
      }
      case static_cast<std::uint8_t>(Op::STORE_COMP): {
        std::size_t n = read_uint(ip);
        sync();
        check_depth((n >> 2) + 1);
        Value target = sp[-static_cast<std::ptrdiff_t>(n >> 2)];
        Kind want = (n & 3) == 0 ? Kind::list : (n & 3) == 1 ? Kind::dict : Kind::set;
        if (!has_kind_of(target, want)) raise(e_runtime, "bad STORE_COMP target in bytecode");
        if ((n & 3) == 0) {
          auto* l = static_cast<SeqObj*>(target.obj());
          l->items.push_back(*sp--);
        } else if ((n & 3) == 1) {
          table_store(static_cast<DictObj*>(target.obj())->table, sp[0], sp[-1]);
          sp -= 2;
        } else {
          table_store(static_cast<SetObj*>(target.obj())->table, *sp--, Value());
        }
        break;
      }
      case static_cast<std::uint8_t>(Op::UNPACK_SEQUENCE): {
        std::size_t n = read_uint(ip);
        sync();
        Value seq = *sp--;
        RootVec items;
        if (seq.is_obj() && (seq.obj()->kind == Kind::tuple || seq.obj()->kind == Kind::list)) {
          items.assign(static_cast<SeqObj*>(seq.obj())->items.begin(), static_cast<SeqObj*>(seq.obj())->items.end());
        } else {
          Value it = get_iter(seq);
          while (Value v = iter_next(it)) {
            items.push_back(v);
            if (items.size() > n) break;
          }
        }
        if (items.size() < n) raise(e_value, "need more than " + std::to_string(items.size()) + " values to unpack");
        if (items.size() > n) raise(e_value, "too many values to unpack (expected " + std::to_string(n) + ")");
        for (std::size_t i = n; i-- > 0;) *++sp = items[i];
        break;
      }
      case static_cast<std::uint8_t>(Op::UNPACK_EX): {
        std::size_t n = read_uint(ip);
        std::size_t left = n & 0xFF, right = n >> 8;
        sync();
        check_room(left + right + 1);
        Value seq = *sp--;
        RootVec items;
        for (Value v : to_vector(seq)) items.push_back(v);
        if (items.size() < left + right)
          raise(e_value, "need more than " + std::to_string(items.size()) + " values to unpack");
        for (std::size_t i = 0; i < right; ++i) *++sp = items[items.size() - 1 - i];
        *++sp = list(RootVec(items.begin() + static_cast<std::ptrdiff_t>(left),
                             items.end() - static_cast<std::ptrdiff_t>(right)));
        for (std::size_t i = left; i-- > 0;) *++sp = items[i];
        break;
      }
      case static_cast<std::uint8_t>(Op::MAKE_FUNCTION): {
        std::size_t child = read_uint(ip);
        sync();
        *++sp = make_function(code->children[child], f.globals, nullptr, 0, Value(), Value());
        break;
      }
      case static_cast<std::uint8_t>(Op::MAKE_FUNCTION_DEFARGS): {
        std::size_t child = read_uint(ip);
        sync();
        Value fn = make_function(code->children[child], f.globals, nullptr, 0, sp[-1], sp[0]);
        *--sp = fn;
        break;
      }
      case static_cast<std::uint8_t>(Op::CALL_FUNCTION):
      case static_cast<std::uint8_t>(Op::CALL_FUNCTION_VAR_KW):
      case static_cast<std::uint8_t>(Op::CALL_METHOD):
      case static_cast<std::uint8_t>(Op::CALL_METHOD_VAR_KW): {
        std::size_t n = read_uint(ip);
        std::size_t n_pos = n & 0xFF, n_kw = (n >> 8) & 0xFF;
        bool method =
            op == static_cast<std::uint8_t>(Op::CALL_METHOD) || op == static_cast<std::uint8_t>(Op::CALL_METHOD_VAR_KW);
        bool var = op == static_cast<std::uint8_t>(Op::CALL_FUNCTION_VAR_KW) ||
                   op == static_cast<std::uint8_t>(Op::CALL_METHOD_VAR_KW);
        std::size_t n_items = n_pos + 2 * n_kw + (var ? 1 : 0) + (method ? 2 : 1);
        check_depth(n_items);
        sp -= static_cast<std::ptrdiff_t>(n_items) - 1;
        sync();
        if (++backjumps > 64) backjumps = 0, check_interrupt();
        Value fn = sp[0];
        Value self = method ? sp[1] : Value();
        const Value* args = sp + (method ? 2 : 1);
        Value r;
        if (var) {
          RootVec expanded;
          std::size_t p, k;
          expand_star_args(*this, n_pos, n_kw, args, expanded, p, k);
          r = self ? call_with_self(fn, self, p, k, expanded.data()) : call(fn, p, k, expanded.data());
        } else {
          r = self ? call_with_self(fn, self, n_pos, n_kw, args) : call(fn, n_pos, n_kw, args);
        }
        *sp = r;
        break;
      }
      case static_cast<std::uint8_t>(Op::UNWIND_JUMP): {
        int off = read_jump(ip, true);
        std::int64_t dest = (ip - base) + off;  // relative to the end of the offset field
        std::uint8_t unum = *ip++;
        *++sp = Value::small(dest);
        *++sp = Value::small(unum);
        goto do_unwind_jump;
      }
      case static_cast<std::uint8_t>(Op::JUMP): {
        int off = read_jump(ip, true);
        ip += off;
        if (off < 0 && ++backjumps > 64) backjumps = 0, sync(), check_interrupt();
        break;
      }
      case static_cast<std::uint8_t>(Op::POP_JUMP_IF_TRUE):
      case static_cast<std::uint8_t>(Op::POP_JUMP_IF_FALSE): {
        int off = read_jump(ip, true);
        sync();
        bool t = truthy(*sp--);
        if (t == (op == static_cast<std::uint8_t>(Op::POP_JUMP_IF_TRUE))) {
          ip += off;
          if (off < 0 && ++backjumps > 64) backjumps = 0, sync(), check_interrupt();
        }
        break;
      }
      case static_cast<std::uint8_t>(Op::JUMP_IF_TRUE_OR_POP):
      case static_cast<std::uint8_t>(Op::JUMP_IF_FALSE_OR_POP): {
        int off = read_jump(ip, false);
        sync();
        bool t = truthy(*sp);
        if (t == (op == static_cast<std::uint8_t>(Op::JUMP_IF_TRUE_OR_POP)))
          ip += off;
        else
          --sp;
        break;
      }
      case static_cast<std::uint8_t>(Op::SETUP_WITH): {
        int off = read_jump(ip, false);
        sync();
        Value mgr = *sp;
        Value exit_m[2], enter_m[2];
        load_method(mgr, "__exit__", exit_m);
        load_method(mgr, "__enter__", enter_m);
        Value r = enter_m[1] ? call_with_self(enter_m[0], enter_m[1], 0, 0, nullptr) : call(enter_m[0], 0, 0, nullptr);
        sp[0] = exit_m[0];
        sp[1] = exit_m[1] ? exit_m[1] : m_none;
        if (!exit_m[1]) {
          sp[1] = Value();
        }
        sp += 1;
        if (f.exc.size() >= f.code->n_exc_stack + 1u) raise(e_runtime, "bytecode exception stack overflow");
        f.exc.push_back({static_cast<std::uint32_t>(ip - base + off), static_cast<std::int32_t>(sp - stack), true,
                         f.in_except, Value()});
        f.in_except = false;
        *++sp = r;
        break;
      }
      case static_cast<std::uint8_t>(Op::SETUP_EXCEPT):
      case static_cast<std::uint8_t>(Op::SETUP_FINALLY): {
        int off = read_jump(ip, false);
        if (f.exc.size() >= f.code->n_exc_stack + 1u) sync(), raise(e_runtime, "bytecode exception stack overflow");
        f.exc.push_back({static_cast<std::uint32_t>(ip - base + off), static_cast<std::int32_t>(sp - stack),
                         op == static_cast<std::uint8_t>(Op::SETUP_FINALLY), f.in_except, Value()});
        f.in_except = false;
        break;
      }
      case static_cast<std::uint8_t>(Op::POP_EXCEPT_JUMP): {
        int off = read_jump(ip, false);
        if (f.exc.empty()) sync(), raise(e_runtime, "bytecode exception stack underflow");
        f.in_except = f.exc.back().saved_in_except;
        f.exc.pop_back();
        ip += off;
        break;
      }
      case static_cast<std::uint8_t>(Op::FOR_ITER): {
        int off = read_jump(ip, false);
        sync();
        Value v = iter_next(sp[-3] ? sp[-3] : sp[-2]);  // null first slot: iterator object in the second
        if (!v) {
          sp -= k_iter_slots;
          ip += off;
        } else {
          *++sp = v;
        }
        break;
      }
      case static_cast<std::uint8_t>(Op::LOAD_CONST_FALSE):
        *++sp = m_false;
        break;
      case static_cast<std::uint8_t>(Op::LOAD_CONST_NONE):
        *++sp = m_none;
        break;
      case static_cast<std::uint8_t>(Op::LOAD_CONST_TRUE):
        *++sp = m_true;
        break;
      case static_cast<std::uint8_t>(Op::LOAD_NULL):
        *++sp = Value();
        break;
      case static_cast<std::uint8_t>(Op::LOAD_BUILD_CLASS):
        *++sp = *dict_find_str(m_builtins, "__build_class__");
        break;
      case static_cast<std::uint8_t>(Op::LOAD_SUBSCR): {
        sync();
        Value index = *sp--;
        *sp = subscr(*sp, index);
        break;
      }
      case static_cast<std::uint8_t>(Op::STORE_SUBSCR): {
        sync();
        if (sp[-2])
          store_subscr(sp[-1], sp[0], sp[-2]);
        else
          delete_subscr(sp[-1], sp[0]);
        sp -= 3;
        break;
      }
      case static_cast<std::uint8_t>(Op::DUP_TOP):
        sp[1] = sp[0], ++sp;
        break;
      case static_cast<std::uint8_t>(Op::DUP_TOP_TWO):
        sp[1] = sp[-1], sp[2] = sp[0], sp += 2;
        break;
      case static_cast<std::uint8_t>(Op::POP_TOP):
        --sp;
        break;
      case static_cast<std::uint8_t>(Op::ROT_TWO):
        std::swap(sp[0], sp[-1]);
        break;
      case static_cast<std::uint8_t>(Op::ROT_THREE): {
        Value top = sp[0];
        sp[0] = sp[-1], sp[-1] = sp[-2], sp[-2] = top;
        break;
      }
      case static_cast<std::uint8_t>(Op::WITH_CLEANUP): {
        sync();
        check_depth(3);
        auto call_exit = [&](Value* at) {  // at: exit fn, self-or-null, a, b, c
          return at[1] ? call_with_self(at[0], at[1], 3, 0, at + 2) : call(at[0], 3, 0, at + 2);
        };
        if (*sp == m_none) {
          sp[1] = m_none, sp[2] = m_none;
          sp -= 2;
          call_exit(sp);
          *sp = m_none;
        } else if (sp->is_small()) {
          Value data = sp[-1], cause = sp[0];
          sp[-1] = m_none, sp[0] = m_none, sp[1] = m_none;
          call_exit(sp - 3);
          sp[-3] = data, sp[-2] = cause;
          sp -= 2;
        } else {
          sp[1] = sp[0];
          sp[0] = Value::object(type_of(sp[0]));
          sp[2] = m_none;
          sp -= 2;
          Value r = call_exit(sp);
          if (truthy(r))
            *sp = m_none;
          else
            sp[0] = sp[3];
        }
        break;
      }
      case static_cast<std::uint8_t>(Op::END_FINALLY): {
        if (f.exc.empty()) sync(), raise(e_runtime, "bytecode exception stack underflow");
        f.in_except = f.exc.back().saved_in_except;
        f.exc.pop_back();
        if (*sp == m_none) {
          --sp;
        } else if (sp->is_small()) {
          std::int64_t cause = (*sp--).small_value();
          if (cause < 0) goto do_unwind_return;
          *++sp = Value::small(cause);
          goto do_unwind_jump;
        } else {
          sync();
          if (!sp->is_obj() || sp->obj()->kind != Kind::exception)
            raise(e_runtime, "bytecode re-raises a non-exception");
          throw PyRaise{*sp};
        }
        break;
      }
      case static_cast<std::uint8_t>(Op::GET_ITER):
        sync(), *sp = get_iter(*sp);
        break;
      case static_cast<std::uint8_t>(Op::GET_ITER_STACK): {
        sync();
        Value it = get_iter(*sp);
        sp[0] = it, sp[1] = Value(), sp[2] = Value(), sp[3] = Value();
        sp += 3;
        break;
      }
      case static_cast<std::uint8_t>(Op::STORE_MAP): {
        sp -= 2;
        sync();
        if (!has_kind_of(sp[0], Kind::dict)) raise(e_runtime, "bad STORE_MAP target in bytecode");
        table_store(static_cast<DictObj*>(sp[0].obj())->table, sp[2], sp[1]);
        break;
      }
      case static_cast<std::uint8_t>(Op::RETURN_VALUE):
        goto do_unwind_return;
      case static_cast<std::uint8_t>(Op::RAISE_LAST): {
        sync();
        for (auto it = f.exc.rbegin(); it != f.exc.rend(); ++it) {
          if (it->prev_exc) throw PyRaise{it->prev_exc};
        }
        raise(e_runtime, "no active exception to reraise");
      }
      case static_cast<std::uint8_t>(Op::RAISE_OBJ):
        sync(), raise_value(*sp);
      case static_cast<std::uint8_t>(Op::RAISE_FROM): {
        sync();
        if (*sp != m_none) write("Warning: exception chaining not supported\n");
        --sp;
        raise_value(*sp);
      }
      case static_cast<std::uint8_t>(Op::YIELD_VALUE):
        result = *sp;
        sync();
        return ExecStatus::yielded;
      case static_cast<std::uint8_t>(Op::YIELD_FROM): {
        Value send = *sp--;
        sync();
        Value t_exc = inject;
        inject = Value();
        bool yielded = false;
        Value ret;
        try {
          ret = generator_resume(*sp, t_exc ? Value() : send, t_exc, yielded);
        } catch (PyRaise&) {
          --sp;
          sync();
          throw;
        }
        if (yielded) {
          --ip;
          *++sp = ret;
          result = ret;
          f.ip = static_cast<std::uint32_t>(ip - base);
          f.sp = static_cast<std::int32_t>(sp - stack);
          return ExecStatus::yielded;
        }
        *sp = ret;
        if (t_exc && is_instance(t_exc, e_generator_exit)) raise_value(t_exc);
        break;
      }
      default:
        if (op >= 0x70 && op < 0xB0) {
          *++sp = Value::small(static_cast<std::int64_t>(op) - 0x80);
        } else if (op >= 0xB0 && op < 0xC0) {
          Value v = f.fast(op - 0xB0u);
          if (!v) sync(), raise(e_name, "local variable referenced before assignment");
          *++sp = v;
        } else if (op >= 0xC0 && op < 0xD0) {
          f.fast(op - 0xC0u) = *sp--;
        } else if (op >= 0xD0 && op < 0xD4) {
          sync();
          if (!*sp) raise(e_runtime, "bytecode uses a null value");
          *sp = unary_op(static_cast<UnaryOp>(op - 0xD0), *sp);
        } else if (op >= 0xD7 && op < 0xD7 + mpy::k_binary_op_count) {
          Value b = *sp--;
          Value a = *sp;
          if (a.is_small() && b.is_small()) {
            std::int64_t x = a.small_value(), y = b.small_value();
            switch (static_cast<BinaryOp>(op - 0xD7)) {
              case BinaryOp::less:
                *sp = boolean(x < y);
                goto next;
              case BinaryOp::more:
                *sp = boolean(x > y);
                goto next;
              case BinaryOp::equal:
                *sp = boolean(x == y);
                goto next;
              case BinaryOp::less_equal:
                *sp = boolean(x <= y);
                goto next;
              case BinaryOp::more_equal:
                *sp = boolean(x >= y);
                goto next;
              case BinaryOp::not_equal:
                *sp = boolean(x != y);
                goto next;
              case BinaryOp::add:
              case BinaryOp::inplace_add:
                *sp = int_value(x + y);
                goto next;
              case BinaryOp::subtract:
              case BinaryOp::inplace_subtract:
                *sp = int_value(x - y);
                goto next;
              case BinaryOp::multiply:
              case BinaryOp::inplace_multiply: {
                std::int64_t r;
                if (__builtin_mul_overflow(x, y, &r)) break;
                *sp = int_value(r);
                goto next;
              }
              case BinaryOp::and_:
              case BinaryOp::inplace_and:
                *sp = Value::small(x & y);
                goto next;
              case BinaryOp::or_:
              case BinaryOp::inplace_or:
                *sp = Value::small(x | y);
                goto next;
              case BinaryOp::xor_:
              case BinaryOp::inplace_xor:
                *sp = Value::small(x ^ y);
                goto next;
              case BinaryOp::floor_divide:
              case BinaryOp::inplace_floor_divide:
              case BinaryOp::modulo:
              case BinaryOp::inplace_modulo: {
                if (y == 0) break;  // the generic path raises ZeroDivisionError
                std::int64_t q = x / y, m = x % y;
                if (m != 0 && ((m < 0) != (y < 0))) q -= 1, m += y;
                bool is_mod = op - 0xD7 == static_cast<int>(BinaryOp::modulo) ||
                              op - 0xD7 == static_cast<int>(BinaryOp::inplace_modulo);
                *sp = int_value(is_mod ? m : q);
                goto next;
              }
              case BinaryOp::rshift:
              case BinaryOp::inplace_rshift:
                if (y < 0) break;
                *sp = Value::small(x >> (y > 63 ? 63 : y));
                goto next;
              case BinaryOp::is:
                *sp = boolean(x == y);
                goto next;
              default:
                break;
            }
          }
          sync();
          if (!a || !b) raise(e_runtime, "bytecode uses a null value");
          if (Value r = float_fast_op(*this, static_cast<BinaryOp>(op - 0xD7), a, b)) {
            *sp = r;
            break;
          }
          *sp = binary_op(static_cast<BinaryOp>(op - 0xD7), a, b);
        } else {
          sync();
          raise(e_runtime, "invalid opcode");
        }
        break;
    }
    continue;
  do_unwind_jump : {
    std::int64_t u = (*sp--).small_value();
    bool run_finally = false;
    while ((u & 0x7F) > 0) {
      u -= 1;
      if (f.exc.empty()) sync(), raise(e_runtime, "bytecode exception stack underflow");
      ExcBlock& b = f.exc.back();
      if (b.is_finally && b.handler >= static_cast<std::uint32_t>(ip - base)) {
        *++sp = Value::small(u);
        ip = base + b.handler;
        run_finally = true;
        break;
      }
      if (b.is_finally) cancel_active_finally(sp);
      f.in_except = b.saved_in_except;
      f.exc.pop_back();
    }
    if (run_finally) continue;
    std::int64_t dest = (*sp--).small_value();
    if (dest < 0 || static_cast<std::size_t>(dest) >= code->bytecode.size())
      sync(), raise(e_runtime, "bad jump in bytecode");
    ip = base + dest;
    if (u != 0) sp -= k_iter_slots;
    if (++backjumps > 64) backjumps = 0, sync(), check_interrupt();
    continue;
  }
  do_unwind_return : {
    bool run_finally = false;
    while (!f.exc.empty()) {
      ExcBlock& b = f.exc.back();
      if (b.is_finally && b.handler >= static_cast<std::uint32_t>(ip - base)) {
        Value* finally_sp = stack + b.sp;
        finally_sp[1] = sp[0];
        sp = finally_sp + 1;
        *++sp = Value::small(-1);
        ip = base + b.handler;
        run_finally = true;
        break;
      }
      if (b.is_finally) cancel_active_finally(sp);
      f.in_except = b.saved_in_except;
      f.exc.pop_back();
    }
    if (run_finally) continue;
    result = *sp--;
    sync();
    return ExecStatus::returned;
  }
  next:;
  }
}

}  // namespace cpy::vm
