// The object protocol: truth, repr/str, hash, equality, operators, containment.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "firmware/vm/errno_text.hpp"
#include "firmware/vm/float_format.hpp"
#include "firmware/vm/numeric.hpp"
#include "firmware/vm/vm.hpp"

namespace cpy::vm {

std::uint64_t hash_string(std::string_view s);
Value seq_binary_op(Vm& vm, BinaryOp op, Value a, Value b);
Value str_modulo(Vm& vm, Value fmt, Value args);

namespace {

const char* dunder_for(BinaryOp op) {
  switch (op) {
    case BinaryOp::less:
      return "__lt__";
    case BinaryOp::more:
      return "__gt__";
    case BinaryOp::equal:
      return "__eq__";
    case BinaryOp::less_equal:
      return "__le__";
    case BinaryOp::more_equal:
      return "__ge__";
    case BinaryOp::not_equal:
      return "__ne__";
    case BinaryOp::inplace_or:
      return "__ior__";
    case BinaryOp::inplace_xor:
      return "__ixor__";
    case BinaryOp::inplace_and:
      return "__iand__";
    case BinaryOp::inplace_lshift:
      return "__ilshift__";
    case BinaryOp::inplace_rshift:
      return "__irshift__";
    case BinaryOp::inplace_add:
      return "__iadd__";
    case BinaryOp::inplace_subtract:
      return "__isub__";
    case BinaryOp::inplace_multiply:
      return "__imul__";
    case BinaryOp::inplace_mat_multiply:
      return "__imatmul__";
    case BinaryOp::inplace_floor_divide:
      return "__ifloordiv__";
    case BinaryOp::inplace_true_divide:
      return "__itruediv__";
    case BinaryOp::inplace_modulo:
      return "__imod__";
    case BinaryOp::inplace_power:
      return "__ipow__";
    case BinaryOp::or_:
      return "__or__";
    case BinaryOp::xor_:
      return "__xor__";
    case BinaryOp::and_:
      return "__and__";
    case BinaryOp::lshift:
      return "__lshift__";
    case BinaryOp::rshift:
      return "__rshift__";
    case BinaryOp::add:
      return "__add__";
    case BinaryOp::subtract:
      return "__sub__";
    case BinaryOp::multiply:
      return "__mul__";
    case BinaryOp::mat_multiply:
      return "__matmul__";
    case BinaryOp::floor_divide:
      return "__floordiv__";
    case BinaryOp::true_divide:
      return "__truediv__";
    case BinaryOp::modulo:
      return "__mod__";
    case BinaryOp::power:
      return "__pow__";
    default:
      return nullptr;
  }
}

const char* reflected_for(BinaryOp op) {
  switch (op) {
    case BinaryOp::less:
      return "__gt__";
    case BinaryOp::more:
      return "__lt__";
    case BinaryOp::less_equal:
      return "__ge__";
    case BinaryOp::more_equal:
      return "__le__";
    case BinaryOp::equal:
      return "__eq__";
    case BinaryOp::not_equal:
      return "__ne__";
    case BinaryOp::or_:
      return "__ror__";
    case BinaryOp::xor_:
      return "__rxor__";
    case BinaryOp::and_:
      return "__rand__";
    case BinaryOp::lshift:
      return "__rlshift__";
    case BinaryOp::rshift:
      return "__rrshift__";
    case BinaryOp::add:
      return "__radd__";
    case BinaryOp::subtract:
      return "__rsub__";
    case BinaryOp::multiply:
      return "__rmul__";
    case BinaryOp::mat_multiply:
      return "__rmatmul__";
    case BinaryOp::floor_divide:
      return "__rfloordiv__";
    case BinaryOp::true_divide:
      return "__rtruediv__";
    case BinaryOp::modulo:
      return "__rmod__";
    case BinaryOp::power:
      return "__rpow__";
    default:
      return nullptr;
  }
}

const char* op_symbol(BinaryOp op) {
  static const char* k_symbols[] = {"<",   ">",  "==", "<=",  ">=",  "!=", "in", "is", "exception match",
                                    "|=",  "^=", "&=", "<<=", ">>=", "+=", "-=", "*=", "@=",
                                    "//=", "/=", "%=", "**=", "|",   "^",  "&",  "<<", ">>",
                                    "+",   "-",  "*",  "@",   "//",  "/",  "%",  "**"};
  return k_symbols[static_cast<int>(op)];
}

bool is_user(Vm& vm, Value v) { return vm.type_of(v)->is_user; }

std::string complex_part(double d) {
  std::string s = float_repr(d);
  if (s.ends_with(".0")) s.resize(s.size() - 2);
  return s;
}

std::string repr_str(std::string_view s) {
  bool has_single = s.find('\'') != std::string_view::npos, has_double = s.find('"') != std::string_view::npos;
  char q = has_single && !has_double ? '"' : '\'';
  std::string out(1, q);
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    std::uint32_t cp = c;
    std::size_t n = 1;
    if (c >= 0xF0)
      cp = c & 0x07, n = 4;
    else if (c >= 0xE0)
      cp = c & 0x0F, n = 3;
    else if (c >= 0xC0)
      cp = c & 0x1F, n = 2;
    for (std::size_t k = 1; k < n && i + k < s.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += n;
    char buf[16];
    if (cp == static_cast<unsigned char>(q) || cp == '\\')
      out += '\\', out += static_cast<char>(cp);
    else if (cp == '\n')
      out += "\\n";
    else if (cp == '\r')
      out += "\\r";
    else if (cp == '\t')
      out += "\\t";
    else if (cp >= 0x20 && cp < 0x7F)
      out += static_cast<char>(cp);
    else {
      if (cp < 0x100)
        std::snprintf(buf, sizeof buf, "\\x%02x", cp);
      else if (cp < 0x10000)
        std::snprintf(buf, sizeof buf, "\\u%04x", cp);
      else
        std::snprintf(buf, sizeof buf, "\\U%08x", cp);
      out += buf;
    }
  }
  out += q;
  return out;
}

}  // namespace

std::string repr_bytes(const std::vector<std::uint8_t>& data) {
  bool has_single = false, has_double = false;
  for (auto c : data) has_single |= c == '\'', has_double |= c == '"';
  char q = has_single && !has_double ? '"' : '\'';
  std::string out = "b";
  out += q;
  for (unsigned char c : data) {
    if (c == static_cast<unsigned char>(q) || c == '\\')
      out += '\\', out += static_cast<char>(c);
    else if (c == '\n')
      out += "\\n";
    else if (c == '\r')
      out += "\\r";
    else if (c == '\t')
      out += "\\t";
    else if (c < 0x20 || c >= 0x7F) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else
      out += static_cast<char>(c);
  }
  out += q;
  return out;
}

std::string repr_quoted(std::string_view s) { return repr_str(s); }

bool Vm::truthy(Value v) {
  if (v.is_small()) return v.small_value() != 0;
  if (v.is_null()) raise(e_runtime, "bytecode uses a null value");  // hostile .mpy only
  Obj* o = v.obj();
  switch (o->kind) {
    case Kind::none:
      return false;
    case Kind::boolean:
      return static_cast<BoolObj*>(o)->value;
    case Kind::integer:
      return !static_cast<IntObj*>(o)->value.is_zero();
    case Kind::flt:
      return static_cast<FloatObj*>(o)->value != 0;
    case Kind::complex:
      return static_cast<ComplexObj*>(o)->real != 0 || static_cast<ComplexObj*>(o)->imag != 0;
    case Kind::str:
      return !static_cast<StrObj*>(o)->value.empty();
    case Kind::bytes:
    case Kind::bytearray:
      return !static_cast<BytesObj*>(o)->data.empty();
    case Kind::tuple:
    case Kind::list:
      if (!o->type->is_user) return !static_cast<SeqObj*>(o)->items.empty();
      break;
    case Kind::dict:
      if (!o->type->is_user) return static_cast<DictObj*>(o)->table.used != 0;
      break;
    case Kind::set:
    case Kind::frozenset:
      return static_cast<SetObj*>(o)->table.used != 0;
    case Kind::range:
      return static_cast<RangeObj*>(o)->length() != 0;
    default:
      break;
  }
  if (o->type->is_user) {
    if (Value f = lookup_special(v, "__bool__")) return truthy(call(f, 0, 0, nullptr));
    if (Value f = lookup_special(v, "__len__")) return truthy(call(f, 0, 0, nullptr));
  }
  if (o->kind == Kind::list || o->kind == Kind::tuple) return !static_cast<SeqObj*>(o)->items.empty();
  if (o->kind == Kind::dict) return static_cast<DictObj*>(o)->table.used != 0;
  return true;
}

std::string Vm::to_text(Value v) {
  if (is_str(v)) return static_cast<StrObj*>(v.obj())->value;
  if (v.is_obj() && v.obj()->type->is_user) {
    if (Value f = lookup_special(v, "__str__")) return to_str(call(f, 0, 0, nullptr));
  }
  if (v.is_obj() && v.obj()->kind == Kind::exception) {
    auto* args = static_cast<SeqObj*>(static_cast<ExceptionObj*>(v.obj())->args.obj());
    if (args->items.empty()) return "";
    if (args->items.size() == 1) {
      Value only = args->items[0];
      if (only.is_small() && is_subtype(v.obj()->type, e_os)) {
        const auto code = static_cast<int>(only.small_value());
        if (std::string text = errno_text(code); !text.empty()) return "[Errno " + std::to_string(code) + "] " + text;
      }
      return to_text(only);
    }
    return repr(Value::object(args));
  }
  return repr(v);
}

std::string Vm::repr(Value v) {
  if (v.is_small()) return std::to_string(v.small_value());
  if (v.is_null()) raise(e_runtime, "bytecode uses a null value");  // hostile .mpy only
  check_stack();
  Obj* o = v.obj();
  if (o->type->is_user && o->kind != Kind::type) {
    if (Value f = lookup_special(v, "__repr__")) return to_str(call(f, 0, 0, nullptr));
  }
  auto join = [&](const auto& items, const char* open, const char* close) {
    std::string out = open;
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (i) out += ", ";
      out += repr(items[i]);
    }
    return out + close;
  };
  switch (o->kind) {
    case Kind::none:
      return "None";
    case Kind::boolean:
      return static_cast<BoolObj*>(o)->value ? "True" : "False";
    case Kind::ellipsis:
      return "Ellipsis";
    case Kind::not_implemented:
      return "NotImplemented";
    case Kind::integer:
      return static_cast<IntObj*>(o)->value.to_string();
    case Kind::flt:
      return float_repr(static_cast<FloatObj*>(o)->value);
    case Kind::complex: {
      auto* c = static_cast<ComplexObj*>(o);
      if (c->real == 0 && !std::signbit(c->real)) return complex_part(c->imag) + "j";
      std::string s = "(" + complex_part(c->real);
      if (c->imag >= 0 || std::isnan(c->imag)) s += "+";
      return s + complex_part(c->imag) + "j)";
    }
    case Kind::str:
      return repr_str(static_cast<StrObj*>(o)->value);
    case Kind::bytes:
      return repr_bytes(static_cast<BytesObj*>(o)->data);
    case Kind::bytearray:
      return "bytearray(" + repr_bytes(static_cast<BytesObj*>(o)->data) + ")";
    case Kind::tuple: {
      auto& items = static_cast<SeqObj*>(o)->items;
      if (Value fields = o->type != t_tuple ? class_lookup(o->type, "_fields") : Value();
          fields.is_obj() && fields.obj()->kind == Kind::tuple) {  // a namedtuple: Name(a=1, b=2)
        auto& names = static_cast<SeqObj*>(fields.obj())->items;
        std::string out = o->type->name + "(";
        for (std::size_t i = 0; i < items.size(); ++i) {
          if (i) out += ", ";
          out += (i < names.size() ? to_text(names[i]) : "?") + "=" + repr(items[i]);
        }
        return out + ")";
      }
      if (items.size() == 1) return "(" + repr(items[0]) + ",)";
      return join(items, "(", ")");
    }
    case Kind::list:
      return join(static_cast<SeqObj*>(o)->items, "[", "]");
    case Kind::dict: {
      std::string out = "{";
      bool first = true;
      for (auto& e : static_cast<DictObj*>(o)->table.entries) {
        if (e.key.is_null()) continue;
        if (!first) out += ", ";
        first = false;
        out += repr(e.key) + ": " + repr(e.value);
      }
      if (o->type != t_dict && !o->type->is_user) return o->type->name + "(" + out + "})";  // OrderedDict({...})
      return out + "}";
    }
    case Kind::set:
    case Kind::frozenset: {
      RootVec keys;
      for (auto& e : static_cast<SetObj*>(o)->table.entries) {
        if (!e.key.is_null()) keys.push_back(e.key);
      }
      bool frozen = o->kind == Kind::frozenset;
      if (keys.empty()) return frozen ? "frozenset()" : "set()";
      std::string s = join(keys, "{", "}");
      return frozen ? "frozenset(" + s + ")" : s;
    }
    case Kind::range: {
      auto* r = static_cast<RangeObj*>(o);
      std::string s = "range(" + std::to_string(r->start) + ", " + std::to_string(r->stop);
      if (r->step != 1) s += ", " + std::to_string(r->step);
      return s + ")";
    }
    case Kind::slice: {
      auto* s = static_cast<SliceObj*>(o);
      return "slice(" + repr(s->start) + ", " + repr(s->stop) + ", " + repr(s->step) + ")";
    }
    case Kind::exception: {
      auto* e = static_cast<ExceptionObj*>(o);
      auto& items = static_cast<SeqObj*>(e->args.obj())->items;
      if (items.size() == 1) return o->type->name + "(" + repr(items[0]) + ",)";
      return o->type->name + repr(e->args);
    }
    case Kind::type:
      return "<class '" + static_cast<TypeObj*>(o)->name + "'>";
    case Kind::function:
      return "<function " + to_str(static_cast<FunctionObj*>(o)->code->name) + ">";
    case Kind::native_function:
      return "<function>";  // MicroPython does not name built-in functions
    case Kind::staticmethod:
      return "<staticmethod>";
    case Kind::classmethod:
      return "<classmethod>";
    case Kind::property:
      return "<property>";
    case Kind::bound_method:
      return "<bound_method>";
    case Kind::module: {
      auto* m = static_cast<ModuleObj*>(o);
      const std::string name = "<module '" + to_text(m->name) + "'";
      if (Value* file = dict_find_str(m->globals, "__file__"); file && is_str(*file))
        return name + " from '" + to_text(*file) + "'>";
      return name + ">";
    }
    case Kind::generator: {
      auto* g = static_cast<GeneratorObj*>(o);
      return "<" + o->type->name + " object '" + to_text(g->frame.code->name) + "'>";
    }
    case Kind::dict_view: {
      auto* dv = static_cast<DictViewObj*>(o);
      const char* names[] = {"dict_keys", "dict_values", "dict_items"};
      return std::string(names[static_cast<int>(dv->vk)]) + "(" + repr(list(to_vector(v))) + ")";
    }
    case Kind::cell:
      return "<cell>";
    case Kind::code:
      return "<code>";
    case Kind::array: {
      std::string head = std::string("array('") + static_cast<ArrayObj*>(o)->typecode + "'";
      RootVec items = to_vector(v);
      return items.empty() ? head + ")" : head + ", " + repr(list(items)) + ")";
    }
    default:
      break;
  }
  return "<" + o->type->name + " object>";
}

std::uint64_t Vm::hash(Value v) {
  if (v.is_small()) return static_cast<std::uint64_t>(v.small_value());
  if (v.is_null()) raise(e_runtime, "bytecode uses a null value");  // hostile .mpy only
  Obj* o = v.obj();
  switch (o->kind) {
    case Kind::str: {
      auto* s = static_cast<StrObj*>(o);
      if (!s->hashed) s->hash = hash_string(s->value), s->hashed = true;
      return s->hash;
    }
    case Kind::boolean:
      return static_cast<BoolObj*>(o)->value;
    case Kind::integer: {
      auto& b = static_cast<IntObj*>(o)->value;
      return b.fits_int64() ? static_cast<std::uint64_t>(b.to_int64()) : b.hash();
    }
    case Kind::flt: {
      double d = static_cast<FloatObj*>(o)->value;
      if (d == std::floor(d) && std::fabs(d) < 9e18) return static_cast<std::uint64_t>(static_cast<std::int64_t>(d));
      std::uint64_t bits;
      std::memcpy(&bits, &d, sizeof bits);
      return bits * 0x9E3779B97F4A7C15ull;
    }
    case Kind::bytes: {
      auto& d = static_cast<BytesObj*>(o)->data;
      return hash_string(std::string_view(reinterpret_cast<const char*>(d.data()), d.size()));
    }
    case Kind::tuple: {
      check_stack();
      std::uint64_t h = 0x345678;
      for (Value item : static_cast<SeqObj*>(o)->items) h = (h * 1000003u) ^ hash(item);
      return h;
    }
    case Kind::frozenset: {
      std::uint64_t h = 0;
      for (auto& e : static_cast<SetObj*>(o)->table.entries) {
        if (!e.key.is_null()) h ^= e.hash * 0x9E3779B97F4A7C15ull;
      }
      return h;
    }
    case Kind::list:
    case Kind::dict:
    case Kind::set:
    case Kind::bytearray:
      if (!o->type->is_user) raise(e_type, "unsupported type for __hash__: '" + o->type->name + "'");
      break;
    default:
      break;
  }
  if (o->type->is_user) {
    if (Value f = lookup_special(v, "__hash__")) return static_cast<std::uint64_t>(to_int(call(f, 0, 0, nullptr)));
    if (lookup_special(v, "__eq__")) raise(e_type, "unhashable type: '" + o->type->name + "'");
  }
  return static_cast<std::uint64_t>(v.bits() >> 3) * 0x9E3779B97F4A7C15ull;
}

bool Vm::equal(Value a, Value b) {
  if (a == b) {
    if (a.is_obj() && a.obj()->kind == Kind::flt) return !std::isnan(static_cast<FloatObj*>(a.obj())->value);
    return true;
  }
  if (a.is_small() && b.is_small()) return false;
  check_stack();
  if (is_str(a) && is_str(b)) return static_cast<StrObj*>(a.obj())->value == static_cast<StrObj*>(b.obj())->value;
  return truthy(binary_op(BinaryOp::equal, a, b));
}

bool Vm::contains(Value container, Value item) {
  if (container.is_obj()) {
    Obj* o = container.obj();
    if (o->type->is_user) {
      if (Value f = lookup_special(container, "__contains__")) return truthy(call(f, {item}));
    }
    switch (o->kind) {
      case Kind::str: {
        if (!is_str(item)) raise(e_type, "'in <string>' requires string as left operand");
        return static_cast<StrObj*>(o)->value.find(to_str(item)) != std::string::npos;
      }
      case Kind::bytes:
      case Kind::bytearray: {
        auto& d = static_cast<BytesObj*>(o)->data;
        if (is_int(item)) {
          auto n = to_int(item);
          for (auto c : d) {
            if (c == n) return true;
          }
          return false;
        }
        if (item.is_obj() && (item.obj()->kind == Kind::bytes || item.obj()->kind == Kind::bytearray)) {
          auto& needle = static_cast<BytesObj*>(item.obj())->data;
          return std::search(d.begin(), d.end(), needle.begin(), needle.end()) != d.end();
        }
        raise(e_type, "unsupported type");
      }
      case Kind::dict:
        return table_find(static_cast<DictObj*>(o)->table, item) != nullptr;
      case Kind::set:
      case Kind::frozenset:
        return table_find(static_cast<SetObj*>(o)->table, item) != nullptr;
      case Kind::dict_view: {
        auto* dv = static_cast<DictViewObj*>(o);
        if (dv->vk == ViewKind::keys) return table_find(static_cast<DictObj*>(dv->dict.obj())->table, item) != nullptr;
        break;
      }
      case Kind::range: {
        auto* r = static_cast<RangeObj*>(o);
        if (!is_int(item)) break;
        std::int64_t n = to_int(item);
        if (r->step > 0 ? (n < r->start || n >= r->stop) : (n > r->start || n <= r->stop)) return false;
        return (n - r->start) % r->step == 0;
      }
      default:
        break;
    }
  }
  Value it = get_iter(container);
  while (Value x = iter_next(it)) {
    if (equal(x, item)) return true;
  }
  return false;
}

Value Vm::binary_op(BinaryOp op, Value a, Value b) {
  if (op == BinaryOp::is) return boolean(a == b);
  if (op == BinaryOp::in) return boolean(contains(b, a));
  if (op == BinaryOp::exception_match) {
    if (b.is_obj() && b.obj()->kind == Kind::tuple) {
      for (Value t : static_cast<SeqObj*>(b.obj())->items) {
        if (is_instance(a, static_cast<TypeObj*>(t.obj()))) return m_true;
      }
      return m_false;
    }
    if (!b.is_obj() || b.obj()->kind != Kind::type) return m_false;
    return boolean(is_instance(a, static_cast<TypeObj*>(b.obj())));
  }
  bool user_a = is_user(*this, a), user_b = is_user(*this, b);
  if (user_a) {
    const char* name = dunder_for(op);
    Value f = name ? lookup_special(a, name) : Value();
    if (!f && name && op >= BinaryOp::inplace_or && op <= BinaryOp::inplace_power) {
      f = lookup_special(a, dunder_for(base_op(op)));
    }
    if (f) {
      Value r = call(f, {b});
      if (r != m_not_implemented) return r;
    }
  }
  if (user_b && (!user_a || type_of(a) != type_of(b))) {
    const char* rname = reflected_for(base_op(op));
    if (Value f = rname ? lookup_special(b, rname) : Value()) {
      Value r = call(f, {a});
      if (r != m_not_implemented) return r;
    }
  }
  if (Value r = numeric_binary_op(*this, op, a, b)) return r;
  if (Value r = seq_binary_op(*this, op, a, b)) return r;
  if (op == BinaryOp::equal) return boolean(a == b);
  if (op == BinaryOp::not_equal) {
    if (user_a) {
      if (Value f = lookup_special(a, "__eq__")) {
        Value r = call(f, {b});
        if (r != m_not_implemented) return boolean(!truthy(r));
      }
    }
    return boolean(a != b);
  }
  if (base_op(op) == BinaryOp::modulo && is_str(a)) return str_modulo(*this, a, b);
  const char* name = dunder_for(op);
  raise_type_error_unsupported(name ? name : op_symbol(op), a, b);
}

Value Vm::unary_op(UnaryOp op, Value a) {
  if (op == UnaryOp::not_) return boolean(!truthy(a));
  if (a.is_small()) {
    std::int64_t n = a.small_value();
    if (op == UnaryOp::positive) return a;
    if (op == UnaryOp::negative) return int_value(-n);
    return int_value(~n);
  }
  Obj* o = a.obj();
  switch (o->kind) {
    case Kind::boolean:
      return unary_op(op, Value::small(static_cast<BoolObj*>(o)->value));
    case Kind::integer: {
      auto& b = static_cast<IntObj*>(o)->value;
      if (op == UnaryOp::positive) return a;
      if (op == UnaryOp::negative) return int_value(-b);
      return int_value(-b - BigInt(1));
    }
    case Kind::flt: {
      double d = static_cast<FloatObj*>(o)->value;
      if (op == UnaryOp::positive) return a;
      if (op == UnaryOp::negative) return float_value(-d);
      break;
    }
    case Kind::complex: {
      auto* c = static_cast<ComplexObj*>(o);
      if (op == UnaryOp::positive) return a;
      if (op == UnaryOp::negative) return complex_value(-c->real, -c->imag);
      break;
    }
    default:
      break;
  }
  if (o->type->is_user) {
    const char* names[] = {"__pos__", "__neg__", "__invert__"};
    if (Value f = lookup_special(a, names[static_cast<int>(op)])) return call(f, 0, 0, nullptr);
  }
  const char* syms[] = {"+", "-", "~"};
  raise(e_type,
        "unsupported type for " + std::string(syms[static_cast<int>(op)]) + ": '" + std::string(type_name(a)) + "'");
}

}  // namespace cpy::vm
