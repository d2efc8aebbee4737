// The host port's huge-page chunk source for VM heaps: objects survive collections, chunks are reused.
#include <doctest/doctest.h>

#include <vector>

#include "firmware/ports/host/huge_page_chunks.hpp"
#include "firmware/vm/heap.hpp"

using cpy::vm::FloatObj;
using cpy::vm::Heap;
using cpy::vm::Tracer;
using cpy::vm::Value;

namespace {

struct Roots {
  std::vector<Value> values;
  static void trace(void* ctx, Tracer& t) { t.mark_all(static_cast<Roots*>(ctx)->values); }
};

}  // namespace

TEST_CASE("heaps on huge-page chunks keep their live objects and hand chunks on to the next heap") {
  cpy::firmware::host::use_huge_page_chunks();
  const void* first_slot = nullptr;
  {
    Heap heap(64 * 1024 * 1024);
    Roots roots;
    heap.set_roots(&Roots::trace, &roots);
    for (int i = 0; i < 400000; ++i) {  // about 16 MB of objects: several arenas' worth of chunks
      Value v = Value::object(heap.make<FloatObj>(nullptr, i));
      if (i % 100 == 0) roots.values.push_back(v);
    }
    REQUIRE(heap.collections() > 0);
    bool intact = true;
    for (std::size_t k = 0; k < roots.values.size(); ++k)
      intact &= static_cast<FloatObj*>(roots.values[k].obj())->value == k * 100.0;
    CHECK(intact);
  }
  {
    Heap heap(1024 * 1024);
    first_slot = heap.make<FloatObj>(nullptr, 1.0);
  }
  Heap heap(1024 * 1024);
  CHECK(static_cast<const void*>(heap.make<FloatObj>(nullptr, 2.0)) == first_slot);
}
