// Attribute access, method lookup, calls, class creation and super().
#include <algorithm>

#include "firmware/vm/vm.hpp"

namespace cpy::vm {

namespace {

bool is_native_method(Value v) {
  return v.is_obj() && v.obj()->kind == Kind::native_function &&
         !static_cast<NativeFunctionObj*>(v.obj())->data.is_null();
}

bool binds_self(Value v) { return v.is_obj() && (v.obj()->kind == Kind::function || is_native_method(v)); }

}  // namespace

Value Vm::class_lookup(const TypeObj* t, std::string_view name) const {
  for (TypeObj* m : t->mro) {
    if (Value* v = const_cast<Vm*>(this)->dict_find_str(m->dict, name)) return *v;
  }
  return {};
}

Value Vm::class_lookup(const TypeObj* t, Value qname) {
  for (TypeObj* m : t->mro) {
    if (Value* v = dict_find_qstr(m->dict, qname)) return *v;
  }
  return {};
}

void Vm::add_method(TypeObj* t, std::string_view name, NativeFn fn) {
  auto* f = m_heap.make<NativeFunctionObj>(t_native_function, name, fn, Value());
  f->data = Value::object(t);
  dict_store_str(t->dict, name, Value::object(f));
}

void Vm::add_static(TypeObj* t, std::string_view name, NativeFn fn) {
  Value f = native_fn(name, fn);
  dict_store_str(t->dict, name, Value::object(m_heap.make<WrapperObj>(Kind::staticmethod, t_staticmethod, f)));
}

void Vm::add_classmethod(TypeObj* t, std::string_view name, NativeFn fn) {
  Value f = native_fn(name, fn);
  dict_store_str(t->dict, name, Value::object(m_heap.make<WrapperObj>(Kind::classmethod, t_classmethod, f)));
}

void Vm::add_attr(TypeObj* t, std::string_view name, Value v) { dict_store_str(t->dict, name, v); }

Value Vm::lookup_special(Value obj, std::string_view name) {
  Value f;
  for (TypeObj* m : type_of(obj)->mro) {
    if (!m->is_user) continue;
    if (Value* v = dict_find_str(m->dict, name)) {
      f = *v;
      break;
    }
  }
  if (!f) return {};
  if (binds_self(f)) return Value::object(m_heap.make<BoundMethodObj>(t_bound_method, f, obj));
  if (f.is_obj() && f.obj()->kind == Kind::staticmethod) return static_cast<WrapperObj*>(f.obj())->fn;
  if (f.is_obj() && f.obj()->kind == Kind::classmethod) {
    return Value::object(m_heap.make<BoundMethodObj>(t_bound_method, static_cast<WrapperObj*>(f.obj())->fn,
                                                     Value::object(type_of(obj))));
  }
  return f;
}

// Applies the descriptor protocol to a class attribute found for `obj` (an instance, or null for class access).
static Value bind_class_attr(Vm& vm, Value attr, Value obj, TypeObj* owner) {
  if (!attr.is_obj()) return attr;
  Obj* a = attr.obj();
  switch (a->kind) {
    case Kind::function:
      return obj ? Value::object(vm.heap().make<BoundMethodObj>(vm.t_bound_method, attr, obj)) : attr;
    case Kind::native_function:
      if (obj && is_native_method(attr))
        return Value::object(vm.heap().make<BoundMethodObj>(vm.t_bound_method, attr, obj));
      return attr;
    case Kind::staticmethod:
      return static_cast<WrapperObj*>(a)->fn;
    case Kind::classmethod:
      return Value::object(
          vm.heap().make<BoundMethodObj>(vm.t_bound_method, static_cast<WrapperObj*>(a)->fn, Value::object(owner)));
    case Kind::property:
      if (!obj) return attr;
      if (!static_cast<WrapperObj*>(a)->fn || static_cast<WrapperObj*>(a)->fn == vm.none())
        vm.raise(vm.e_attribute, "unreadable attribute");
      return vm.call(static_cast<WrapperObj*>(a)->fn, {obj});
    default:
      break;
  }
  if (a->type->is_user) {
    if (Value get = vm.class_lookup(a->type, "__get__")) {
      Value args[3] = {attr, obj ? obj : vm.none(), Value::object(owner)};
      return vm.call(get, 3, 0, args);
    }
  }
  return attr;
}

static Value special_attr(Vm& vm, Value obj, std::string_view name) {
  Obj* o = obj.obj();
  if (name == "__class__") return Value::object(vm.type_of(obj));
  if (name == "__dict__" && o->attrs) return Value::object(o->attrs);
  switch (o->kind) {
    case Kind::type: {
      auto* t = static_cast<TypeObj*>(o);
      if (name == "__name__" || name == "__qualname__") return vm.str(t->name);
      if (name == "__bases__") {
        RootVec b;
        for (TypeObj* base : t->bases) b.push_back(Value::object(base));
        return vm.tuple(std::move(b));
      }
      if (name == "__dict__") return Value::object(t->dict);
      if (name == "__mro__") {
        RootVec m;
        for (TypeObj* base : t->mro) m.push_back(Value::object(base));
        return vm.tuple(std::move(m));
      }
      break;
    }
    case Kind::function: {
      auto* f = static_cast<FunctionObj*>(o);
      if (name == "__name__") return f->code->name;
      if (name == "__globals__") return Value::object(f->globals);
      break;
    }
    case Kind::native_function:
      if (name == "__name__") return vm.str(std::string(static_cast<NativeFunctionObj*>(o)->name));
      break;
    case Kind::bound_method: {
      auto* m = static_cast<BoundMethodObj*>(o);
      if (name == "__self__") return m->self;
      if (name == "__func__") return m->fn;
      if (name == "__name__") return vm.getattr(m->fn, name);
      break;
    }
    case Kind::module: {
      auto* m = static_cast<ModuleObj*>(o);
      if (Value* v = vm.dict_find_str(m->globals, name)) return *v;
      if (name == "__dict__") return Value::object(m->globals);
      break;
    }
    case Kind::exception: {
      auto* e = static_cast<ExceptionObj*>(o);
      if (name == "args") return e->args;
      if (name == "value" || name == "errno" || name == "code") return vm.exception_arg0(obj);
      break;
    }
    case Kind::complex: {
      auto* c = static_cast<ComplexObj*>(o);
      if (name == "real") return vm.float_value(c->real);
      if (name == "imag") return vm.float_value(c->imag);
      break;
    }
    case Kind::slice: {
      auto* s = static_cast<SliceObj*>(o);
      if (name == "start") return s->start;
      if (name == "stop") return s->stop;
      if (name == "step") return s->step;
      break;
    }
    case Kind::range: {
      auto* r = static_cast<RangeObj*>(o);
      if (name == "start") return vm.int_value(r->start);
      if (name == "stop") return vm.int_value(r->stop);
      if (name == "step") return vm.int_value(r->step);
      break;
    }
    case Kind::tuple:
      if (Value fields = vm.class_lookup(o->type, "_fields"); fields && o->type != vm.t_tuple) {
        auto& names = static_cast<SeqObj*>(fields.obj())->items;
        auto& items = static_cast<SeqObj*>(o)->items;
        for (std::size_t i = 0; i < names.size() && i < items.size(); ++i) {
          if (vm.is_str(names[i]) && vm.to_str(names[i]) == name) return items[i];
        }
      }
      break;
    case Kind::property:
      if (name == "fget") return static_cast<WrapperObj*>(o)->fn;
      break;
    case Kind::cell:
      if (name == "cell_contents") return static_cast<CellObj*>(o)->value;
      break;
    default:
      break;
  }
  return {};
}

Value Vm::getattr_opt(Value obj, std::string_view name) {
  if (obj.is_null()) raise(e_runtime, "bytecode uses a null value");  // hostile .mpy only
  TypeObj* t = type_of(obj);
  if (name == "__class__") return Value::object(t);
  if (obj.is_obj()) {
    Obj* o = obj.obj();
    if (o->kind == Kind::type) {
      auto* cls = static_cast<TypeObj*>(o);
      if (Value v = class_lookup(cls, name)) return bind_class_attr(*this, v, Value(), cls);
      if (Value v = special_attr(*this, obj, name)) return v;
      if (Value v = class_lookup(t, name)) return bind_class_attr(*this, v, obj, t);
      return {};
    }
    if (o->kind == Kind::super_obj) {
      auto* s = static_cast<SuperObj*>(o);
      TypeObj* st = type_of(s->self);
      bool after = false;
      for (TypeObj* m : st->mro) {
        if (after) {
          if (Value* v = dict_find_str(m->dict, name)) return bind_class_attr(*this, *v, s->self, st);
        }
        after |= m == s->cls;
      }
      if (Value v = class_lookup(t_object, name)) return bind_class_attr(*this, v, s->self, st);
      return {};
    }
    if (o->attrs) {
      if (Value* v = dict_find_str(o->attrs, name)) return *v;
    }
  }
  if (Value v = class_lookup(t, name)) return bind_class_attr(*this, v, obj, t);
  if (obj.is_obj()) {
    if (Value v = special_attr(*this, obj, name)) return v;
    if (t->is_user) {
      if (Value ga = class_lookup(t, "__getattr__")) {
        Value args[2] = {obj, qstr(name)};
        return call(ga, 2, 0, args);
      }
    }
  }
  return {};
}

Value Vm::getattr(Value obj, std::string_view name) {
  if (Value v = getattr_opt(obj, name)) return v;
  if (obj.is_obj() && obj.obj()->kind == Kind::type) {
    raise(e_attribute,
          "type object '" + static_cast<TypeObj*>(obj.obj())->name + "' has no attribute '" + std::string(name) + "'");
  }
  if (obj.is_obj() && obj.obj()->kind == Kind::module) {
    raise(e_attribute, "'module' object has no attribute '" + std::string(name) + "'");
  }
  raise(e_attribute, "'" + std::string(type_name(obj)) + "' object has no attribute '" + std::string(name) + "'");
}

// getattr_opt's order (instance dict, then the class) for ordinary objects, without string compares.
Value Vm::getattr(Value obj, Value qname) {
  if (obj.is_obj() && qname != m_q_class) {
    Obj* o = obj.obj();
    if (o->kind != Kind::type && o->kind != Kind::super_obj) {
      if (o->attrs) {
        if (Value* v = dict_find_qstr(o->attrs, qname)) return *v;
      }
      if (Value v = class_lookup(o->type, qname)) return bind_class_attr(*this, v, obj, o->type);
    }
  }
  return getattr(obj, std::string_view(to_str(qname)));
}

void Vm::load_method(Value obj, Value qname, Value* out) {
  if (obj.is_obj()) {
    Obj* o = obj.obj();
    if (o->kind != Kind::type && o->kind != Kind::super_obj && o->kind != Kind::module &&
        (!o->attrs || !dict_find_qstr(o->attrs, qname))) {
      Value v = class_lookup(o->type, qname);
      if (v && binds_self(v)) {
        out[0] = v, out[1] = obj;
        return;
      }
    }
  }
  load_method(obj, std::string_view(to_str(qname)), out);
}

void Vm::load_method(Value obj, std::string_view name, Value* out, bool must_exist) {
  if (obj.is_null()) raise(e_runtime, "bytecode uses a null value");  // hostile .mpy only
  TypeObj* t = type_of(obj);
  bool plain = obj.is_small() ||
               (obj.obj()->kind != Kind::type && obj.obj()->kind != Kind::super_obj &&
                obj.obj()->kind != Kind::module && (!obj.obj()->attrs || !dict_find_str(obj.obj()->attrs, name)));
  if (plain) {  // a method from the class, bound without allocating a bound-method object
    Value v = class_lookup(t, name);
    if (v && binds_self(v)) {
      out[0] = v, out[1] = obj;
      return;
    }
  }
  Value v = must_exist ? getattr(obj, name) : getattr_opt(obj, name);
  out[0] = v, out[1] = Value();
}

void Vm::setattr(Value obj, std::string_view name, Value v) {
  if (obj.is_small()) raise(e_attribute, "'int' object has no attribute '" + std::string(name) + "'");
  setattr(obj, qstr(name), v);
}

void Vm::setattr(Value obj, Value qname, Value v) {
  if (obj.is_null()) raise(e_runtime, "bytecode uses a null value");  // hostile .mpy only
  if (obj.is_small()) raise(e_attribute, "'int' object has no attribute '" + to_str(qname) + "'");
  Obj* o = obj.obj();
  if (o->kind == Kind::type) {
    dict_store_qstr(static_cast<TypeObj*>(o)->dict, qname, v);
    return;
  }
  if (o->kind == Kind::module) {
    dict_store_qstr(static_cast<ModuleObj*>(o)->globals, qname, v);
    return;
  }
  TypeObj* t = o->type;
  if (t->is_user) {
    if (Value attr = class_lookup(t, qname); attr.is_obj()) {
      if (attr.obj()->kind == Kind::property) {
        Value setter = static_cast<WrapperObj*>(attr.obj())->setter;
        if (!setter || setter == m_none) raise(e_attribute, "can't set attribute");
        call(setter, {obj, v});
        return;
      }
      if (attr.obj()->type->is_user) {
        if (Value set = class_lookup(attr.obj()->type, "__set__")) {
          Value args[3] = {attr, obj, v};
          call(set, 3, 0, args);
          return;
        }
      }
    }
    if (Value sa = class_lookup(t, m_q_setattr); sa && !is_native_method(sa)) {
      Value args[3] = {obj, qname, v};
      call(sa, 3, 0, args);
      return;
    }
  } else if (o->kind != Kind::function) {
    raise(e_attribute, "'" + t->name + "' object has no attribute '" + to_str(qname) + "'");
  }
  if (!o->attrs) o->attrs = static_cast<DictObj*>(dict().obj());
  dict_store_qstr(o->attrs, qname, v);
}

void Vm::delattr(Value obj, std::string_view name) {
  if (obj.is_obj()) {
    Obj* o = obj.obj();
    if (o->type->is_user) {
      if (Value attr = class_lookup(o->type, name); attr.is_obj() && attr.obj()->kind == Kind::property) {
        Value deleter = static_cast<WrapperObj*>(attr.obj())->deleter;
        if (!deleter || deleter == m_none) raise(e_attribute, "can't delete attribute");
        call(deleter, {obj});
        return;
      }
      if (Value attr = class_lookup(o->type, name); attr.is_obj() && attr.obj()->type->is_user) {
        if (Value del = class_lookup(attr.obj()->type, "__delete__")) {
          call(del, {attr, obj});
          return;
        }
      }
      if (Value da = class_lookup(o->type, "__delattr__"); da && !is_native_method(da)) {
        call(da, {obj, qstr(name)});
        return;
      }
    }
    DictObj* d = o->kind == Kind::type     ? static_cast<TypeObj*>(o)->dict
                 : o->kind == Kind::module ? static_cast<ModuleObj*>(o)->globals
                                           : o->attrs;
    if (d && table_remove(d->table, qstr(name))) return;
  }
  raise(e_attribute, "'" + std::string(type_name(obj)) + "' object has no attribute '" + std::string(name) + "'");
}

// ---- calls ----

Value Vm::call(Value fn, std::size_t n_pos, std::size_t n_kw, const Value* args) {
  if (!fn.is_obj()) raise(e_type, "'int' object isn't callable");
  Obj* o = fn.obj();
  switch (o->kind) {
    case Kind::function:
      return call_function(static_cast<FunctionObj*>(o), n_pos, n_kw, args);
    case Kind::native_function: {
      auto* nf = static_cast<NativeFunctionObj*>(o);
      Args a{args, n_pos, args + n_pos, n_kw, nf->self};
      if (!nf->self && nf->data) {
        if (n_pos == 0) raise(e_type, "method needs a receiver");
        if (nf->data.is_obj() && nf->data.obj()->kind == Kind::type &&
            !is_instance(args[0], static_cast<TypeObj*>(nf->data.obj())))
          raise(e_type, "method of '" + static_cast<TypeObj*>(nf->data.obj())->name + "' got a wrong receiver");
        a.self = args[0], a.pos = args + 1, a.n_pos = n_pos - 1;
      }
      return nf->fn(*this, a);
    }
    case Kind::bound_method: {
      auto* m = static_cast<BoundMethodObj*>(o);
      return call_with_self(m->fn, m->self, n_pos, n_kw, args);
    }
    case Kind::type:
      return call_type(static_cast<TypeObj*>(o), n_pos, n_kw, args);
    default:
      break;
  }
  if (o->type->is_user) {
    if (Value c = class_lookup(o->type, "__call__")) return call_with_self(c, fn, n_pos, n_kw, args);
  }
  raise(e_type, "'" + o->type->name + "' object isn't callable");
}

Value Vm::call_with_self(Value fn, Value self, std::size_t n_pos, std::size_t n_kw, const Value* args) {
  if (fn.is_obj() && fn.obj()->kind == Kind::function) {
    return call_function(static_cast<FunctionObj*>(fn.obj()), n_pos, n_kw, args, self);
  }
  if (fn.is_obj() && fn.obj()->kind == Kind::native_function) {  // methods and bound classmethods
    Args a{args, n_pos, args + n_pos, n_kw, self};
    return static_cast<NativeFunctionObj*>(fn.obj())->fn(*this, a);
  }
  RootVec all;
  all.reserve(n_pos + 2 * n_kw + 1);
  all.push_back(self);
  all.insert(all.end(), args, args + n_pos + 2 * n_kw);
  return call(fn, n_pos + 1, n_kw, all.data());
}

Value Vm::call_method(Value obj, std::string_view name, std::initializer_list<Value> args) {
  Value m[2];
  load_method(obj, name, m);
  if (m[1]) return call_with_self(m[0], m[1], args.size(), 0, args.begin());
  return call(m[0], args.size(), 0, args.begin());
}

Value Vm::call_type(TypeObj* t, std::size_t n_pos, std::size_t n_kw, const Value* args) {
  if (t == t_type && n_pos == 1 && n_kw == 0) return Value::object(type_of(args[0]));
  if (!t->is_user) {
    if (!t->maker) raise(e_type, "cannot create '" + t->name + "' instances");
    Args a{args, n_pos, args + n_pos, n_kw, Value::object(t)};
    return t->maker(*this, a);
  }
  Value obj;
  Value new_fn = class_lookup(t, "__new__");
  if (new_fn && new_fn.is_obj() && new_fn.obj()->kind == Kind::staticmethod)
    new_fn = static_cast<WrapperObj*>(new_fn.obj())->fn;
  if (new_fn && new_fn.is_obj() && new_fn.obj()->kind == Kind::function) {
    obj = call_with_self(new_fn, Value::object(t), n_pos, n_kw, args);
    if (!is_instance(obj, t)) return obj;
  } else if (t->native_base->maker && t->native_base != t_object) {
    Args a{args, n_pos, args + n_pos, n_kw, Value::object(t)};
    obj = t->native_base->maker(*this, a);
  } else {
    obj = Value::object(m_heap.make<InstanceObj>(t));
  }
  Value init = class_lookup(t, "__init__");
  if (init && init.is_obj() && init.obj()->kind == Kind::function) {
    Value r = call_function(static_cast<FunctionObj*>(init.obj()), n_pos, n_kw, args, obj);
    if (r != m_none) raise(e_type, "__init__() should return None, not '" + std::string(type_name(r)) + "'");
  } else if (!t->native_base->maker && (n_pos || n_kw) && !new_fn) {
    raise(e_type, "function takes 0 positional arguments but " + std::to_string(n_pos) + " were given");
  }
  return obj;
}

// ---- classes ----

static void collect_mro(TypeObj* t, std::vector<TypeObj*>& out, TypeObj* object) {
  if (t == object) return;
  for (TypeObj* m : out) {
    if (m == t) return;
  }
  out.push_back(t);
  for (TypeObj* b : t->bases) collect_mro(b, out, object);
  if (!t->is_user) {
    for (TypeObj* m : t->mro) {
      if (m != t && m != object && std::find(out.begin(), out.end(), m) == out.end()) out.push_back(m);
    }
  }
}

Value Vm::build_class(Value body, Value name, std::span<const Value> bases, Value metaclass) {
  auto* ns = static_cast<DictObj*>(dict().obj());
  auto* fn = static_cast<FunctionObj*>(body.obj());
  if (Value* modname = dict_find_str(fn->globals, "__name__")) dict_store_str(ns, "__module__", *modname);
  dict_store_str(ns, "__qualname__", name);
  Frame* caller = m_frame;
  (void)caller;
  Value cell = call_function(fn, 0, 0, nullptr, Value(), ns);
  if (metaclass && metaclass != Value::object(t_type)) {
    Value args[3] = {name, tuple(RootVec(bases.begin(), bases.end())), Value::object(ns)};
    Value cls = call(metaclass, 3, 0, args);
    if (cell.is_obj() && cell.obj()->kind == Kind::cell) static_cast<CellObj*>(cell.obj())->value = cls;
    return cls;
  }
  auto* t = m_heap.make<TypeObj>(t_type, to_str(name), Kind::instance);
  t->is_user = true;
  t->dict = ns;
  for (Value b : bases) {
    if (!b.is_obj() || b.obj()->kind != Kind::type) raise(e_type, "bases must be types");
    t->bases.push_back(static_cast<TypeObj*>(b.obj()));
  }
  collect_mro(t, t->mro, t_object);
  t->mro.push_back(t_object);
  t->native_base = t_object;
  for (TypeObj* m : t->mro) {
    if (!m->is_user && m != t_object) {
      t->native_base = m;
      t->instance_kind = m->instance_kind;
      break;
    }
  }
  Value cls = Value::object(t);
  if (cell.is_obj() && cell.obj()->kind == Kind::cell) static_cast<CellObj*>(cell.obj())->value = cls;
  for (auto& e : ns->table.entries) {
    if (e.key.is_null() || !e.value.is_obj() || !e.value.obj()->type->is_user) continue;
    if (Value sn = class_lookup(e.value.obj()->type, "__set_name__")) {
      Value args[3] = {e.value, cls, e.key};
      call(sn, 3, 0, args);
    }
  }
  return cls;
}

}  // namespace cpy::vm
