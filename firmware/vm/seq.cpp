// Iteration, indexing, slicing, len() and the sequence operators (+, *, comparisons) of built-in types.
#include <algorithm>

#include "firmware/vm/numeric.hpp"
#include "firmware/vm/vm.hpp"

namespace cpy::vm {

std::size_t utf8_offset(const std::string& s, std::size_t char_index);

namespace {

std::size_t normalize_index(Vm& vm, Value index, std::size_t len, const char* what) {
  std::int64_t i = vm.to_int(index);
  if (i < 0) i += static_cast<std::int64_t>(len);
  if (i < 0 || i >= static_cast<std::int64_t>(len)) vm.raise(vm.e_index, std::string(what) + " index out of range");
  return static_cast<std::size_t>(i);
}

}  // namespace

/// MicroPython (as built for the reference) slices str, bytes and tuple only with step 1.
static void require_unit_step(Vm& vm, Value index) {
  auto* s = static_cast<SliceObj*>(index.obj());
  if (s->step != vm.none() && !(s->step.is_small() && s->step.small_value() == 1)) {
    vm.raise(vm.e_not_implemented, "only slices with step=1 (aka None) are supported");
  }
}

/// Resolves a slice against a length: start, stop, step and the resulting count.
void slice_indices(Vm& vm, SliceObj* s, std::int64_t len, std::int64_t& start, std::int64_t& stop, std::int64_t& step) {
  step = s->step == vm.none() ? 1 : vm.to_int(s->step);
  if (step == 0) vm.raise(vm.e_value, "slice step cannot be zero");
  auto clamp = [&](Value v, std::int64_t dflt) {
    if (v == vm.none()) return dflt;
    std::int64_t i = vm.to_int(v);
    if (i < 0) i += len;
    if (step > 0) return std::clamp<std::int64_t>(i, 0, len);
    return std::clamp<std::int64_t>(i, -1, len - 1);
  };
  start = clamp(s->start, step > 0 ? 0 : len - 1);
  stop = clamp(s->stop, step > 0 ? len : -1);
}

std::vector<std::size_t> slice_positions(Vm& vm, SliceObj* s, std::size_t len) {
  std::int64_t start, stop, step;
  slice_indices(vm, s, static_cast<std::int64_t>(len), start, stop, step);
  std::vector<std::size_t> out;
  for (std::int64_t i = start; step > 0 ? i < stop : i > stop; i += step) out.push_back(static_cast<std::size_t>(i));
  return out;
}

Value Vm::get_iter(Value v) {
  if (v.is_obj()) {
    Obj* o = v.obj();
    if (o->type->is_user) {
      if (Value f = class_lookup(o->type, "__iter__")) return call_with_self(f, v, 0, 0, nullptr);
      // Only plain instances iterate through __getitem__ (a dict or list subclass iterates natively).
      if (o->kind == Kind::instance && class_lookup(o->type, "__getitem__")) {
        auto* it = m_heap.make<IterObj>(t_iterator, IterKind::getitem, v);
        return Value::object(it);
      }
      if (o->kind == Kind::instance) raise(e_type, "'" + o->type->name + "' object isn't iterable");
    }
    IterKind ik;
    switch (o->kind) {
      case Kind::tuple:
      case Kind::list:
        ik = IterKind::seq;
        break;
      case Kind::str:
        ik = IterKind::str;
        break;
      case Kind::bytes:
      case Kind::bytearray:
        ik = IterKind::bytes;
        break;
      case Kind::range: {
        auto* r = static_cast<RangeObj*>(o);
        auto* it = m_heap.make<IterObj>(t_iterator, IterKind::range, v);
        it->index = r->start, it->stop = r->stop, it->step = r->step;
        return Value::object(it);
      }
      case Kind::dict:
        ik = IterKind::dict_keys;
        break;
      case Kind::set:
      case Kind::frozenset:
        ik = IterKind::set;
        break;
      case Kind::dict_view: {
        auto* dv = static_cast<DictViewObj*>(o);
        IterKind kinds[] = {IterKind::dict_keys, IterKind::dict_values, IterKind::dict_items};
        return Value::object(m_heap.make<IterObj>(t_iterator, kinds[static_cast<int>(dv->vk)], dv->dict));
      }
      case Kind::deque:
        ik = IterKind::deque;
        break;
      case Kind::array:
        ik = IterKind::getitem;
        break;
      case Kind::iterator:
      case Kind::generator:
        return v;
      case Kind::text_io:
      case Kind::bytes_io:
        return v;
      default:
        raise(e_type, "'" + o->type->name + "' object isn't iterable");
    }
    return Value::object(m_heap.make<IterObj>(t_iterator, ik, v));
  }
  raise(e_type, "'int' object isn't iterable");
}

Value Vm::iter_next(Value itv) {
  if (!itv.is_obj()) raise(e_type, "'int' object isn't an iterator");
  Obj* o = itv.obj();
  if (o->kind == Kind::generator) {
    bool yielded;
    Value r = generator_resume(itv, m_none, Value(), yielded);
    return yielded ? r : Value();
  }
  if (o->kind != Kind::iterator || o->type->is_user) {
    Value f = class_lookup(o->type, "__next__");
    if (!f) raise(e_type, "'" + o->type->name + "' object isn't an iterator");
    try {
      return call_with_self(f, itv, 0, 0, nullptr);
    } catch (PyRaise& e) {
      if (is_instance(e.exc, e_stop_iteration)) return {};
      throw;
    }
  }
  auto* it = static_cast<IterObj*>(o);
  switch (it->ik) {
    case IterKind::seq: {
      auto& items = static_cast<SeqObj*>(it->seq.obj())->items;
      if (static_cast<std::size_t>(it->index) >= items.size()) return {};
      return items[static_cast<std::size_t>(it->index++)];
    }
    case IterKind::str: {
      auto& s = static_cast<StrObj*>(it->seq.obj())->value;
      auto i = static_cast<std::size_t>(it->index);
      if (i >= s.size()) return {};
      std::size_t n = 1;
      while (i + n < s.size() && (static_cast<unsigned char>(s[i + n]) & 0xC0) == 0x80) ++n;
      it->index += static_cast<std::int64_t>(n);
      return str(s.substr(i, n));
    }
    case IterKind::bytes: {
      auto& d = static_cast<BytesObj*>(it->seq.obj())->data;
      if (static_cast<std::size_t>(it->index) >= d.size()) return {};
      return Value::small(d[static_cast<std::size_t>(it->index++)]);
    }
    case IterKind::range: {
      if (it->step > 0 ? it->index >= it->stop : it->index <= it->stop) return {};
      Value v = int_value(it->index);
      it->index += it->step;
      return v;
    }
    case IterKind::dict_keys:
    case IterKind::dict_values:
    case IterKind::dict_items:
    case IterKind::set: {
      auto& entries = it->seq.obj()->kind == Kind::dict ? static_cast<DictObj*>(it->seq.obj())->table.entries
                                                        : static_cast<SetObj*>(it->seq.obj())->table.entries;
      while (static_cast<std::size_t>(it->index) < entries.size() &&
             entries[static_cast<std::size_t>(it->index)].key.is_null())
        ++it->index;
      if (static_cast<std::size_t>(it->index) >= entries.size()) return {};
      auto& e = entries[static_cast<std::size_t>(it->index++)];
      if (it->ik == IterKind::dict_values) return e.value;
      if (it->ik == IterKind::dict_items) return tuple({e.key, e.value});
      return e.key;
    }
    case IterKind::deque: {
      auto& items = static_cast<DequeObj*>(it->seq.obj())->items;
      if (static_cast<std::size_t>(it->index) >= items.size()) return {};
      return items[static_cast<std::size_t>(it->index++)];
    }
    case IterKind::map: {
      RootVec args;
      for (Value sub : it->values) {
        Value v = iter_next(sub);
        if (!v) return {};
        args.push_back(v);
      }
      return call(it->fn, args.size(), 0, args.data());
    }
    case IterKind::zip: {
      if (it->values.empty()) return {};  // zip() of nothing is empty
      RootVec items;
      for (Value sub : it->values) {
        Value v = iter_next(sub);
        if (!v) return {};
        items.push_back(v);
      }
      return tuple(std::move(items));
    }
    case IterKind::enumerate: {
      Value v = iter_next(it->seq);
      if (!v) return {};
      return tuple({int_value(it->index++), v});
    }
    case IterKind::filter:
      for (;;) {
        Value v = iter_next(it->seq);
        if (!v) return {};
        bool keep = it->fn == m_none ? truthy(v) : truthy(call(it->fn, {v}));
        if (keep) return v;
      }
    case IterKind::reversed: {
      if (it->index <= 0) return {};
      return subscr(it->seq, int_value(--it->index));
    }
    case IterKind::callable: {
      Value v = call(it->fn, 0, 0, nullptr);
      if (equal(v, it->values[0])) return {};
      return v;
    }
    case IterKind::getitem: {
      try {
        return subscr(it->seq, int_value(it->index++));
      } catch (PyRaise& e) {
        if (is_instance(e.exc, e_index) || is_instance(e.exc, e_stop_iteration)) return {};
        throw;
      }
    }
  }
  return {};
}

RootVec Vm::to_vector(Value iterable) {
  if (iterable.is_obj() && (iterable.obj()->kind == Kind::tuple || iterable.obj()->kind == Kind::list) &&
      !iterable.obj()->type->is_user) {
    {
      auto& src = static_cast<SeqObj*>(iterable.obj())->items;
      return RootVec(src.begin(), src.end());
    }
  }
  RootVec tmp;
  Value it = get_iter(iterable);
  while (Value v = iter_next(it)) tmp.push_back(v);
  return RootVec(tmp.begin(), tmp.end());
}

std::size_t Vm::len(Value v) {
  if (v.is_obj()) {
    Obj* o = v.obj();
    if (o->type->is_user) {
      if (Value f = class_lookup(o->type, "__len__")) {
        std::int64_t n = to_int(call_with_self(f, v, 0, 0, nullptr));
        if (n < 0) raise(e_value, "__len__() should return >= 0");
        return static_cast<std::size_t>(n);
      }
    }
    switch (o->kind) {
      case Kind::str:
        return static_cast<StrObj*>(o)->chars;
      case Kind::bytes:
      case Kind::bytearray:
        return static_cast<BytesObj*>(o)->data.size();
      case Kind::tuple:
      case Kind::list:
        return static_cast<SeqObj*>(o)->items.size();
      case Kind::dict:
        return static_cast<DictObj*>(o)->table.used;
      case Kind::set:
      case Kind::frozenset:
        return static_cast<SetObj*>(o)->table.used;
      case Kind::range:
        return static_cast<std::size_t>(static_cast<RangeObj*>(o)->length());
      case Kind::dict_view:
        return static_cast<DictObj*>(static_cast<DictViewObj*>(o)->dict.obj())->table.used;
      case Kind::deque:
        return static_cast<DequeObj*>(o)->items.size();
      case Kind::memoryview:
        return static_cast<MemoryViewObj*>(o)->len;
      case Kind::array: {
        auto* a = static_cast<ArrayObj*>(o);
        extern std::size_t array_item_size(char);
        return a->data.size() / array_item_size(a->typecode);
      }
      default:
        break;
    }
  }
  raise(e_type, "object of type '" + std::string(type_name(v)) + "' has no len()");
}

Value array_subscr(Vm& vm, ArrayObj* a, Value index, Value store);

Value Vm::subscr(Value obj, Value index) {
  if (!obj.is_obj()) raise(e_type, "'int' object isn't subscriptable");
  Obj* o = obj.obj();
  if (o->type->is_user) {
    if (Value f = class_lookup(o->type, "__getitem__")) return call_with_self(f, obj, 1, 0, &index);
  }
  bool is_slice = index.is_obj() && index.obj()->kind == Kind::slice;
  switch (o->kind) {
    case Kind::list:
    case Kind::tuple: {
      auto& items = static_cast<SeqObj*>(o)->items;
      if (is_slice) {
        if (o->kind == Kind::tuple) require_unit_step(*this, index);
        RootVec out;
        for (std::size_t i : slice_positions(*this, static_cast<SliceObj*>(index.obj()), items.size()))
          out.push_back(items[i]);
        return o->kind == Kind::list ? list(std::move(out)) : tuple(std::move(out));
      }
      return items[normalize_index(*this, index, items.size(), o->kind == Kind::list ? "list" : "tuple")];
    }
    case Kind::str: {
      auto* s = static_cast<StrObj*>(o);
      bool ascii = s->chars == s->value.size();
      if (is_slice) {
        require_unit_step(*this, index);
        std::string out;
        auto pos = slice_positions(*this, static_cast<SliceObj*>(index.obj()), s->chars);
        for (std::size_t i : pos) {
          if (ascii) {
            out += s->value[i];
          } else {
            std::size_t a = utf8_offset(s->value, i), b = utf8_offset(s->value, i + 1);
            out += s->value.substr(a, b - a);
          }
        }
        return str(std::move(out));
      }
      std::size_t i = normalize_index(*this, index, s->chars, "string");
      if (ascii) return qstr(std::string_view(&s->value[i], 1));  // one-character strings are shared
      std::size_t a = utf8_offset(s->value, i), b = utf8_offset(s->value, i + 1);
      return str(s->value.substr(a, b - a));
    }
    case Kind::bytes:
    case Kind::bytearray: {
      auto& d = static_cast<BytesObj*>(o)->data;
      if (is_slice) {
        require_unit_step(*this, index);
        std::vector<std::uint8_t> out;
        for (std::size_t i : slice_positions(*this, static_cast<SliceObj*>(index.obj()), d.size())) out.push_back(d[i]);
        return bytes(std::move(out), o->kind);
      }
      return Value::small(d[normalize_index(*this, index, d.size(), o->kind == Kind::bytes ? "bytes" : "bytearray")]);
    }
    case Kind::range: {
      auto* r = static_cast<RangeObj*>(o);
      if (is_slice) {
        std::int64_t start, stop, step;
        slice_indices(*this, static_cast<SliceObj*>(index.obj()), r->length(), start, stop, step);
        return Value::object(
            m_heap.make<RangeObj>(t_range, r->start + start * r->step, r->start + stop * r->step, r->step * step));
      }
      std::size_t i = normalize_index(*this, index, static_cast<std::size_t>(r->length()), "range");
      return int_value(r->start + static_cast<std::int64_t>(i) * r->step);
    }
    case Kind::dict: {
      if (Value* v = table_find(static_cast<DictObj*>(o)->table, index)) return *v;
      if (o->type->is_user) {
        if (Value f = class_lookup(o->type, "__missing__")) return call_with_self(f, obj, 1, 0, &index);
      }
      throw PyRaise{make_exception_args(e_key, {index})};
    }
    case Kind::deque: {
      auto& items = static_cast<DequeObj*>(o)->items;
      return items[normalize_index(*this, index, items.size(), "deque")];
    }
    case Kind::array:
      return array_subscr(*this, static_cast<ArrayObj*>(o), index, Value());
    case Kind::memoryview: {
      auto* mv = static_cast<MemoryViewObj*>(o);
      auto& d = static_cast<BytesObj*>(mv->base.obj())->data;
      if (is_slice) {
        std::int64_t start, stop, step;
        slice_indices(*this, static_cast<SliceObj*>(index.obj()), static_cast<std::int64_t>(mv->len), start, stop,
                      step);
        std::size_t n = stop > start ? static_cast<std::size_t>(stop - start) : 0;
        return Value::object(
            m_heap.make<MemoryViewObj>(t_memoryview, mv->base, mv->start + static_cast<std::size_t>(start), n));
      }
      return Value::small(d[mv->start + normalize_index(*this, index, mv->len, "memoryview")]);
    }
    default:
      break;
  }
  if (o->kind == Kind::type) {
    auto* t = static_cast<TypeObj*>(o);
    if (Value f = class_lookup(t, "__class_getitem__")) return call(f, {index});
  }
  raise(e_type, "'" + o->type->name + "' object isn't subscriptable");
}

void Vm::store_subscr(Value obj, Value index, Value v) {
  if (!obj.is_obj()) raise(e_type, "'int' object doesn't support item assignment");
  Obj* o = obj.obj();
  if (o->type->is_user) {
    if (Value f = class_lookup(o->type, "__setitem__")) {
      Value args[2] = {index, v};
      call_with_self(f, obj, 2, 0, args);
      return;
    }
  }
  bool is_slice = index.is_obj() && index.obj()->kind == Kind::slice;
  switch (o->kind) {
    case Kind::list: {
      auto& items = static_cast<SeqObj*>(o)->items;
      if (is_slice) {
        auto* s = static_cast<SliceObj*>(index.obj());
        RootVec src = to_vector(v);
        std::int64_t start, stop, step;
        slice_indices(*this, s, static_cast<std::int64_t>(items.size()), start, stop, step);
        if (step != 1) raise(e_not_implemented, "only slices with step=1 (aka None) are supported");
        if (stop < start) stop = start;
        items.erase(items.begin() + start, items.begin() + stop);
        items.insert(items.begin() + start, src.begin(), src.end());
        return;
      }
      items[normalize_index(*this, index, items.size(), "list")] = v;
      return;
    }
    case Kind::dict:
      table_store(static_cast<DictObj*>(o)->table, index, v);
      return;
    case Kind::bytearray: {
      auto& d = static_cast<BytesObj*>(o)->data;
      if (is_slice) {
        std::vector<std::uint8_t> src;
        for (Value x : to_vector(v)) src.push_back(static_cast<std::uint8_t>(to_int(x)));
        std::int64_t start, stop, step;
        slice_indices(*this, static_cast<SliceObj*>(index.obj()), static_cast<std::int64_t>(d.size()), start, stop,
                      step);
        if (stop < start) stop = start;
        d.erase(d.begin() + start, d.begin() + stop);
        d.insert(d.begin() + start, src.begin(), src.end());
        return;
      }
      d[normalize_index(*this, index, d.size(), "bytearray")] = static_cast<std::uint8_t>(to_int(v));
      return;
    }
    case Kind::array:
      array_subscr(*this, static_cast<ArrayObj*>(o), index, v);
      return;
    case Kind::memoryview: {
      auto* mv = static_cast<MemoryViewObj*>(o);
      auto& d = static_cast<BytesObj*>(mv->base.obj())->data;
      d[mv->start + normalize_index(*this, index, mv->len, "memoryview")] = static_cast<std::uint8_t>(to_int(v));
      return;
    }
    case Kind::deque: {
      auto& items = static_cast<DequeObj*>(o)->items;
      items[normalize_index(*this, index, items.size(), "deque")] = v;
      return;
    }
    default:
      break;
  }
  raise(e_type, "'" + o->type->name + "' object doesn't support item assignment");
}

void Vm::delete_subscr(Value obj, Value index) {
  if (!obj.is_obj()) raise(e_type, "'int' object doesn't support item deletion");
  Obj* o = obj.obj();
  if (o->type->is_user) {
    if (Value f = class_lookup(o->type, "__delitem__")) {
      call_with_self(f, obj, 1, 0, &index);
      return;
    }
  }
  if (o->kind == Kind::list) {
    auto& items = static_cast<SeqObj*>(o)->items;
    if (index.is_obj() && index.obj()->kind == Kind::slice) {
      require_unit_step(*this, index);
      auto pos = slice_positions(*this, static_cast<SliceObj*>(index.obj()), items.size());
      std::sort(pos.begin(), pos.end());
      for (std::size_t i = pos.size(); i-- > 0;) items.erase(items.begin() + static_cast<std::ptrdiff_t>(pos[i]));
      return;
    }
    items.erase(items.begin() + static_cast<std::ptrdiff_t>(normalize_index(*this, index, items.size(), "list")));
    return;
  }
  if (o->kind == Kind::dict) {
    if (!table_remove(static_cast<DictObj*>(o)->table, index)) throw PyRaise{make_exception_args(e_key, {index})};
    return;
  }
  if (o->kind == Kind::bytearray) {
    auto& d = static_cast<BytesObj*>(o)->data;
    d.erase(d.begin() + static_cast<std::ptrdiff_t>(normalize_index(*this, index, d.size(), "bytearray")));
    return;
  }
  raise(e_type, "'" + o->type->name + "' object doesn't support item deletion");
}

namespace {

int compare_seq(Vm& vm, const std::vector<Value>& a, const std::vector<Value>& b) {
  std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (vm.equal(a[i], b[i])) continue;
    return vm.less(a[i], b[i]) ? -1 : 1;
  }
  return a.size() < b.size() ? -1 : a.size() > b.size() ? 1 : 0;
}

std::int64_t repeat_count(Vm& vm, Value n) {
  std::int64_t c = vm.to_int(n);
  return c < 0 ? 0 : c;
}

Value set_op(Vm& vm, BinaryOp op, SetObj* a, SetObj* b, Kind result_kind);

}  // namespace

Value seq_binary_op(Vm& vm, BinaryOp op, Value a, Value b) {
  if (op == BinaryOp::inplace_add && a.is_obj() && a.obj()->kind == Kind::list) {
    auto* l = static_cast<SeqObj*>(a.obj());
    RootVec extra = vm.to_vector(b);
    l->items.insert(l->items.end(), extra.begin(), extra.end());
    return a;
  }
  if (a.is_obj() && a.obj()->kind == Kind::set && b.is_obj() &&
      (b.obj()->kind == Kind::set || b.obj()->kind == Kind::frozenset) &&
      (op == BinaryOp::inplace_or || op == BinaryOp::inplace_and || op == BinaryOp::inplace_subtract ||
       op == BinaryOp::inplace_xor)) {
    Value r = seq_binary_op(vm, base_op(op), a, b);
    static_cast<SetObj*>(a.obj())->table = static_cast<SetObj*>(r.obj())->table;
    return a;
  }
  op = base_op(op);
  if (!a.is_obj()) {
    if (op == BinaryOp::multiply && b.is_obj() && vm.is_int(a)) return seq_binary_op(vm, op, b, a);
    return {};
  }
  Kind ka = a.obj()->kind;
  bool same = b.is_obj() && b.obj()->kind == ka;
  switch (ka) {
    case Kind::str: {
      auto& sa = static_cast<StrObj*>(a.obj())->value;
      if (same) {
        auto& sb = static_cast<StrObj*>(b.obj())->value;
        if (op == BinaryOp::add) return vm.str(sa + sb);
        return compare_result(vm, op, sa.compare(sb) < 0 ? -1 : sa.compare(sb) > 0 ? 1 : 0);
      }
      if (op == BinaryOp::multiply && vm.is_int(b)) {
        std::int64_t n = repeat_count(vm, b);
        vm.heap().reserve(sa.size() * static_cast<std::size_t>(n));
        std::string out;
        for (std::int64_t i = 0; i < n; ++i) out += sa;
        return vm.str(std::move(out));
      }
      break;
    }
    case Kind::bytes:
    case Kind::bytearray: {
      auto& da = static_cast<BytesObj*>(a.obj())->data;
      bool other_bytes = b.is_obj() && (b.obj()->kind == Kind::bytes || b.obj()->kind == Kind::bytearray);
      if (other_bytes) {
        auto& db = static_cast<BytesObj*>(b.obj())->data;
        if (op == BinaryOp::add) {
          std::vector<std::uint8_t> out = da;
          out.insert(out.end(), db.begin(), db.end());
          return vm.bytes(std::move(out), ka);
        }
        int c = std::lexicographical_compare(da.begin(), da.end(), db.begin(), db.end()) ? -1 : da == db ? 0 : 1;
        return compare_result(vm, op, c);
      }
      if (op == BinaryOp::multiply && vm.is_int(b)) {
        std::vector<std::uint8_t> out;
        std::int64_t n = repeat_count(vm, b);
        vm.heap().reserve(da.size() * static_cast<std::size_t>(n));
        for (std::int64_t i = 0; i < n; ++i) out.insert(out.end(), da.begin(), da.end());
        return vm.bytes(std::move(out), ka);
      }
      break;
    }
    case Kind::tuple:
    case Kind::list: {
      auto& ia = static_cast<SeqObj*>(a.obj())->items;
      if (same) {
        auto& ib = static_cast<SeqObj*>(b.obj())->items;
        if (op == BinaryOp::add) {
          RootVec out(ia.begin(), ia.end());
          out.insert(out.end(), ib.begin(), ib.end());
          return ka == Kind::list ? vm.list(std::move(out)) : vm.tuple(std::move(out));
        }
        if (op == BinaryOp::equal || op == BinaryOp::not_equal) {
          bool eq = ia.size() == ib.size();
          for (std::size_t i = 0; eq && i < ia.size(); ++i) eq = vm.equal(ia[i], ib[i]);
          return vm.boolean(eq == (op == BinaryOp::equal));
        }
        if (Value r = compare_result(vm, op, compare_seq(vm, ia, ib))) return r;
      }
      if (op == BinaryOp::multiply && vm.is_int(b)) {
        std::int64_t n = repeat_count(vm, b);
        vm.heap().reserve(ia.size() * static_cast<std::size_t>(n) * sizeof(Value));
        RootVec out;
        for (std::int64_t i = 0; i < n; ++i) out.insert(out.end(), ia.begin(), ia.end());
        return ka == Kind::list ? vm.list(std::move(out)) : vm.tuple(std::move(out));
      }
      break;
    }
    case Kind::set:
    case Kind::frozenset: {
      bool other_set = b.is_obj() && (b.obj()->kind == Kind::set || b.obj()->kind == Kind::frozenset);
      if (other_set) return set_op(vm, op, static_cast<SetObj*>(a.obj()), static_cast<SetObj*>(b.obj()), ka);
      break;
    }
    case Kind::dict: {
      if (same && (op == BinaryOp::equal || op == BinaryOp::not_equal)) {
        auto& ta = static_cast<DictObj*>(a.obj())->table;
        auto& tb = static_cast<DictObj*>(b.obj())->table;
        bool eq = ta.used == tb.used;
        for (auto& e : ta.entries) {
          if (!eq) break;
          if (e.key.is_null()) continue;
          Value* v = vm.table_find(tb, e.key);
          eq = v && vm.equal(*v, e.value);
        }
        return vm.boolean(eq == (op == BinaryOp::equal));
      }
      break;
    }
    case Kind::range: {
      if (same && (op == BinaryOp::equal || op == BinaryOp::not_equal)) {
        auto* ra = static_cast<RangeObj*>(a.obj());
        auto* rb = static_cast<RangeObj*>(b.obj());
        bool eq = ra->length() == rb->length() &&
                  (ra->length() == 0 || (ra->start == rb->start && (ra->length() == 1 || ra->step == rb->step)));
        return vm.boolean(eq == (op == BinaryOp::equal));
      }
      break;
    }
    default:
      break;
  }
  return {};
}

namespace {

Value set_op(Vm& vm, BinaryOp op, SetObj* a, SetObj* b, Kind result_kind) {
  auto contains = [&](SetObj* s, Value k) { return vm.table_find(s->table, k) != nullptr; };
  auto subset = [&](SetObj* x, SetObj* y) {
    for (auto& e : x->table.entries) {
      if (!e.key.is_null() && !contains(y, e.key)) return false;
    }
    return true;
  };
  switch (op) {
    case BinaryOp::equal:
      return vm.boolean(a->table.used == b->table.used && subset(a, b));
    case BinaryOp::not_equal:
      return vm.boolean(!(a->table.used == b->table.used && subset(a, b)));
    case BinaryOp::less_equal:
      return vm.boolean(subset(a, b));
    case BinaryOp::more_equal:
      return vm.boolean(subset(b, a));
    case BinaryOp::less:
      return vm.boolean(a->table.used < b->table.used && subset(a, b));
    case BinaryOp::more:
      return vm.boolean(a->table.used > b->table.used && subset(b, a));
    default:
      break;
  }
  Value rv = vm.set(result_kind);
  auto* r = static_cast<SetObj*>(rv.obj());
  auto add_if = [&](SetObj* src, auto pred) {
    for (auto& e : src->table.entries) {
      if (!e.key.is_null() && pred(e.key)) vm.table_store(r->table, e.key, Value());
    }
  };
  switch (op) {
    case BinaryOp::or_:
      add_if(a, [](Value) { return true; });
      add_if(b, [](Value) { return true; });
      return rv;
    case BinaryOp::and_:
      add_if(a, [&](Value k) { return contains(b, k); });
      return rv;
    case BinaryOp::subtract:
      add_if(a, [&](Value k) { return !contains(b, k); });
      return rv;
    case BinaryOp::xor_:
      add_if(a, [&](Value k) { return !contains(b, k); });
      add_if(b, [&](Value k) { return !contains(a, k); });
      return rv;
    default:
      return {};
  }
}

}  // namespace

}  // namespace cpy::vm
