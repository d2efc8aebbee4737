// The VM heap's collection policy and the frame slot stack: early collection of large heaps, survivors
// kept across collections (precise and conservative roots), ValueStack growth and spill.
#include <doctest/doctest.h>

#include <cstddef>
#include <vector>

#include "firmware/vm/heap.hpp"
#include "firmware/vm/value_stack.hpp"

using cpy::vm::FloatObj;
using cpy::vm::FrameSlots;
using cpy::vm::Heap;
using cpy::vm::RootVec;
using cpy::vm::Tracer;
using cpy::vm::Value;
using cpy::vm::ValueStack;

namespace {

struct Roots {
  std::vector<Value> values;
  static void trace(void* ctx, Tracer& t) { t.mark_all(static_cast<Roots*>(ctx)->values); }
};

double value_of(Value v) { return static_cast<FloatObj*>(v.obj())->value; }

}  // namespace

TEST_CASE("a large heap is collected long before its budget is used up") {
  Heap heap(64 * 1024 * 1024);
  for (int i = 0; i < 200000; ++i) heap.make<FloatObj>(nullptr, i);
  CHECK(heap.collections() > 0);
  CHECK(heap.used() < 4 * cpy::vm::k_min_collect_bytes);
}

TEST_CASE("a small heap still uses its whole budget before collecting") {
  Heap heap(64 * 1024);
  for (int i = 0; i < 1000; ++i) heap.make<FloatObj>(nullptr, i);  // 32 bytes each: 32,000 of 65,536
  CHECK(heap.collections() == 0);
}

TEST_CASE("objects reachable from roots or root buffers survive many collections among garbage") {
  Heap heap(64 * 1024 * 1024);
  Roots roots;
  heap.set_roots(&Roots::trace, &roots);
  RootVec scanned;  // conservatively scanned buffer, like a native function's temporaries
  for (int i = 0; i < 300000; ++i) {
    Value v = Value::object(heap.make<FloatObj>(nullptr, i));
    if (i % 1000 == 0) roots.values.push_back(v);
    if (i % 1000 == 500) scanned.push_back(v);
  }
  REQUIRE(heap.collections() > 2);
  heap.collect();
  bool intact = true;
  for (std::size_t k = 0; k < roots.values.size(); ++k) intact &= value_of(roots.values[k]) == k * 1000.0;
  for (std::size_t k = 0; k < scanned.size(); ++k) intact &= value_of(scanned[k]) == k * 1000.0 + 500;
  CHECK(intact);
  // Fresh objects reuse freed storage; the survivors must not be among it.
  for (int i = 0; i < 100000; ++i) heap.make<FloatObj>(nullptr, -1.0);
  for (std::size_t k = 0; k < roots.values.size(); ++k) intact &= value_of(roots.values[k]) == k * 1000.0;
  CHECK(intact);
}

TEST_CASE("frame slots come from the value stack, cleared, and are released last in first out") {
  ValueStack stack(16);
  {
    FrameSlots outer(stack, 6);
    outer.data()[5] = Value::small(7);
    CHECK(stack.top() == 6);
    {
      FrameSlots inner(stack, 10);
      CHECK(inner.data() == outer.data() + 6);
      CHECK(stack.top() == 16);
      FrameSlots spilled(stack, 4);  // no room left: a separate buffer
      CHECK(stack.top() == 16);
      spilled.data()[3] = Value::small(1);
      CHECK(spilled.data()[0].is_null());
    }
    CHECK(stack.top() == 6);
    FrameSlots again(stack, 3);
    CHECK(again.data()[0].is_null());
    CHECK(outer.data()[5] == Value::small(7));
  }
  CHECK(stack.top() == 0);
}

TEST_CASE("the value stack is a collector root up to its top") {
  Heap heap(64 * 1024 * 1024);
  ValueStack stack(8);
  heap.set_roots([](void* ctx, Tracer& t) { static_cast<ValueStack*>(ctx)->trace(t); }, &stack);
  FrameSlots slots(stack, 2);
  slots.data()[1] = Value::object(heap.make<FloatObj>(nullptr, 42.0));
  for (int i = 0; i < 200000; ++i) heap.make<FloatObj>(nullptr, i);
  REQUIRE(heap.collections() > 0);
  CHECK(value_of(slots.data()[1]) == 42.0);
}
