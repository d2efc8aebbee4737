// Resuming generators and coroutines (send/throw), and the yield-from delegation to other iterators.
#include "firmware/vm/vm.hpp"

namespace cpy::vm {

namespace {

Value resume_iterator(Vm& vm, Value it, Value send, Value throw_value, bool& yielded) {
  yielded = false;
  try {
    Value r;
    if (throw_value) {
      Value m[2];
      vm.load_method(it, "throw", m, false);
      if (!m[0]) vm.raise_value(throw_value);
      r = m[1] ? vm.call_with_self(m[0], m[1], 1, 0, &throw_value) : vm.call(m[0], 1, 0, &throw_value);
    } else if (!send || send == vm.none()) {
      if (vm.type_of(it)->is_user) {
        r = vm.call_method(it, "__next__", {});
      } else {
        r = vm.iter_next(it);
        if (!r) return vm.none();
      }
    } else {
      r = vm.call_method(it, "send", {send});
    }
    yielded = true;
    return r;
  } catch (PyRaise& e) {
    if (vm.is_instance(e.exc, vm.e_stop_iteration)) return vm.exception_arg0(e.exc);
    throw;
  }
}

}  // namespace

Value Vm::generator_resume(Value gen, Value send, Value throw_value, bool& yielded) {
  if (!gen.is_obj() || gen.obj()->kind != Kind::generator)
    return resume_iterator(*this, gen, send, throw_value, yielded);
  auto* g = static_cast<GeneratorObj*>(gen.obj());
  yielded = false;
  if (g->state == GenState::finished) {
    if (throw_value) raise_value(throw_value);
    return m_none;
  }
  if (g->state == GenState::running) raise(e_value, "generator already executing");
  if (g->state == GenState::created) {
    if (send && send != m_none && !throw_value) raise(e_type, "can't send non-None value to a just-started generator");
  } else if (!throw_value) {
    g->frame.state[g->frame.sp] = send ? send : m_none;
  }
  if (m_depth >= 900) raise(e_runtime, "maximum recursion depth exceeded");
  g->state = GenState::running;
  Value result;
  ExecStatus status;
  ++m_depth;
  try {
    status = execute(g->frame, result, throw_value);
  } catch (PyRaise& e) {
    --m_depth;
    g->state = GenState::finished;
    if (is_instance(e.exc, e_stop_iteration)) raise(e_runtime, "generator raised StopIteration");
    throw;
  }
  --m_depth;
  if (status == ExecStatus::yielded) {
    g->state = GenState::suspended;
    yielded = true;
    return result;
  }
  g->state = GenState::finished;
  return result;
}

}  // namespace cpy::vm
