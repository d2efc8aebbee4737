// Outgoing references of each object kind, for the collector.
#include "firmware/vm/object.hpp"
#include "firmware/vm/frame.hpp"

namespace cpy::vm {

void Obj::trace(Tracer& t) {
  t.mark(type);
  t.mark(attrs);
}
void MemoryViewObj::trace(Tracer& t) { Obj::trace(t), t.mark(base); }
void SeqObj::trace(Tracer& t) { Obj::trace(t), t.mark_all(items); }
void HashTable::trace(Tracer& t) const {
  for (const auto& e : entries) {
    t.mark(e.key);
    t.mark(e.value);
  }
}
void DictObj::trace(Tracer& t) { Obj::trace(t), table.trace(t); }
void SetObj::trace(Tracer& t) { Obj::trace(t), table.trace(t); }
void SliceObj::trace(Tracer& t) { Obj::trace(t), t.mark(start), t.mark(stop), t.mark(step); }
void CodeObj::trace(Tracer& t) {
  Obj::trace(t);
  t.mark(data), t.mark(name), t.mark_all(arg_names);
  for (CodeObj* c : children) t.mark(c);
}
void ModuleData::trace(Tracer& t) { Obj::trace(t), t.mark_all(qstrs), t.mark_all(consts), t.mark(source_name); }
void FunctionObj::trace(Tracer& t) {
  Obj::trace(t);
  t.mark(code), t.mark(globals), t.mark_all(defaults), t.mark(kw_defaults), t.mark_all(closure);
}
void NativeFunctionObj::trace(Tracer& t) { Obj::trace(t), t.mark(self), t.mark(data); }
void BoundMethodObj::trace(Tracer& t) { Obj::trace(t), t.mark(fn), t.mark(self); }
void CellObj::trace(Tracer& t) { Obj::trace(t), t.mark(value); }
void TypeObj::trace(Tracer& t) {
  Obj::trace(t);
  t.mark(dict), t.mark(native_base);
  for (TypeObj* b : bases) t.mark(b);
  for (TypeObj* m : mro) t.mark(m);
}
void ExceptionObj::trace(Tracer& t) {
  Obj::trace(t), t.mark(args);
  for (auto& f : traceback) t.mark(f.file), t.mark(f.name);
}
void ModuleObj::trace(Tracer& t) { Obj::trace(t), t.mark(name), t.mark(globals); }
void WrapperObj::trace(Tracer& t) { Obj::trace(t), t.mark(fn), t.mark(setter), t.mark(deleter); }
void SuperObj::trace(Tracer& t) { Obj::trace(t), t.mark(cls), t.mark(self); }
void IterObj::trace(Tracer& t) { Obj::trace(t), t.mark(seq), t.mark(fn), t.mark_all(values); }
void DictViewObj::trace(Tracer& t) { Obj::trace(t), t.mark(dict); }
void DequeObj::trace(Tracer& t) { Obj::trace(t), t.mark_all(items); }

std::int64_t RangeObj::length() const {
  if (step > 0 && start < stop) return (stop - start + step - 1) / step;
  if (step < 0 && start > stop) return (start - stop - step - 1) / (-step);
  return 0;
}

void Frame::trace(Tracer& t) const {
  t.mark(code), t.mark(fun), t.mark(globals), t.mark(locals);
  if (state) {
    for (std::uint32_t i = 0; i < n_state; ++i) t.mark(state[i]);
  }
  for (const auto& b : exc) t.mark(b.prev_exc);
}

void GeneratorObj::trace(Tracer& t) {
  Obj::trace(t);
  frame.trace(t);
  t.mark_all(storage);
}

}  // namespace cpy::vm
