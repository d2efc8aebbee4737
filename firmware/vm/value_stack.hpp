// Storage for the locals and value stacks of bytecode frames: one block used last in, first out, traced
// by the collector up to its top, so a call needs no allocation of its own.
#pragma once

#include <algorithm>
#include <cstddef>
#include <memory>

#include "firmware/vm/heap.hpp"

namespace cpy::vm {

class ValueStack {
 public:
  explicit ValueStack(std::size_t capacity) : m_slots(std::allocator<Value>().allocate(capacity)), m_cap(capacity) {}
  ~ValueStack() { std::allocator<Value>().deallocate(m_slots, m_cap); }
  ValueStack(const ValueStack&) = delete;
  ValueStack& operator=(const ValueStack&) = delete;

  /// n null slots on top, or nullptr when the block is full (the caller then allocates elsewhere).
  Value* push(std::size_t n) {
    if (n > m_cap - m_top) return nullptr;
    Value* p = m_slots + m_top;
    std::fill_n(p, n, Value());
    m_top += n;
    return p;
  }
  std::size_t top() const { return m_top; }
  void pop_to(std::size_t top) { m_top = top; }
  void trace(Tracer& t) const {
    for (std::size_t i = 0; i < m_top; ++i) t.mark(m_slots[i]);
  }

 private:
  Value* m_slots;
  std::size_t m_cap;
  std::size_t m_top = 0;
};

/// Slots for one frame: from the VM's ValueStack while it has room, else a GC-scanned heap buffer.
class FrameSlots {
 public:
  FrameSlots(ValueStack& stack, std::size_t n) : m_stack(stack), m_top(stack.top()), m_data(stack.push(n)) {
    if (!m_data) {
      m_spill.assign(n, Value());
      m_data = m_spill.data();
    }
  }
  ~FrameSlots() { m_stack.pop_to(m_top); }
  FrameSlots(const FrameSlots&) = delete;
  FrameSlots& operator=(const FrameSlots&) = delete;
  Value* data() const { return m_data; }

 private:
  ValueStack& m_stack;
  std::size_t m_top;
  Value* m_data;
  RootVec m_spill;
};

}  // namespace cpy::vm
