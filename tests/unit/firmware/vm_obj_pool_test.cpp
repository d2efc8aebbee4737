// The heap's object storage: slots by size class, the in-use bitmap, address lookup (interior pointers),
// and collection of pooled and large objects, cycles included.
#include <doctest/doctest.h>

#include <cstdint>
#include <set>
#include <vector>

#include "firmware/vm/heap.hpp"
#include "firmware/vm/obj_pool.hpp"

using cpy::vm::Heap;
using cpy::vm::Kind;
using cpy::vm::Obj;
using cpy::vm::ObjPool;
using cpy::vm::Tracer;
using cpy::vm::Value;

namespace {

int g_live = 0;

/// A test object of N bytes that counts its instances and holds one reference.
template <std::size_t N>
struct Counted : Obj {
  Counted() : Obj(Kind::instance, nullptr) { ++g_live; }
  ~Counted() override { --g_live; }
  void trace(Tracer& t) override { t.mark(ref); }
  Value ref;
  char pad[N];
};
using Small = Counted<8>;
using Big = Counted<1000>;  // beyond the pooled sizes: allocated on its own

struct Roots {
  std::vector<Value> values;
  static void trace(void* ctx, Tracer& t) { t.mark_all(static_cast<Roots*>(ctx)->values); }
};

Obj* make_in(ObjPool& pool, std::size_t bytes) {
  void* slot = pool.take(bytes);
  auto* o = new (slot) Obj(Kind::instance, nullptr);
  pool.commit(slot);
  return o;
}

void destroy_in(ObjPool& pool, Obj* o) {
  o->~Obj();
  pool.release(o);
}

}  // namespace

TEST_CASE("an address inside an object's slot finds the object; free slots and foreign memory find nothing") {
  ObjPool pool;
  Obj* a = make_in(pool, 40);
  Obj* b = make_in(pool, 40);
  auto addr = [](const void* p, std::size_t offset = 0) { return reinterpret_cast<std::uintptr_t>(p) + offset; };
  CHECK(pool.find(addr(a)) == a);
  CHECK(pool.find(addr(a, 39)) == a);
  CHECK(pool.find(addr(b, 8)) == b);
  void* uncommitted = pool.take(40);
  CHECK(pool.find(addr(uncommitted)) == nullptr);
  pool.give_back(uncommitted);
  destroy_in(pool, a);
  CHECK(pool.find(addr(a)) == nullptr);
  int local = 0;
  CHECK(pool.find(addr(&local)) == nullptr);
  CHECK(pool.find(0) == nullptr);
  CHECK(pool.find(1) == nullptr);
  destroy_in(pool, b);
}

TEST_CASE("a released slot is reused by the next object of its size class") {
  ObjPool pool;
  Obj* a = make_in(pool, 72);
  destroy_in(pool, a);
  Obj* again = make_in(pool, 70);  // rounds up to the same class
  CHECK(again == a);
  destroy_in(pool, again);
}

TEST_CASE("every object in use is visited once, across size classes and chunks") {
  ObjPool pool;
  std::set<Obj*> made;
  for (int i = 0; i < 20000; ++i) made.insert(make_in(pool, 24 + (i % 9) * 24));  // several 256 kB chunks
  std::vector<Obj*> dropped;
  for (auto it = made.begin(); it != made.end();) {
    if (reinterpret_cast<std::uintptr_t>(*it) % 3 == 0) {
      dropped.push_back(*it);
      it = made.erase(it);
    } else {
      ++it;
    }
  }
  for (Obj* o : dropped) destroy_in(pool, o);
  std::set<Obj*> seen;
  std::size_t visits = 0;
  pool.for_each([&](Obj* o) { seen.insert(o), ++visits; });
  CHECK(visits == made.size());
  CHECK(seen == made);
  pool.for_each([&](Obj* o) { destroy_in(pool, o); });
  visits = 0;
  pool.for_each([&](Obj*) { ++visits; });
  CHECK(visits == 0);
}

TEST_CASE("unreachable cycles of pooled and large objects are freed; reachable ones survive") {
  g_live = 0;
  {
    Heap heap(64 * 1024 * 1024);
    Roots roots;
    heap.set_roots(&Roots::trace, &roots);
    auto* kept_small = heap.make<Small>();
    auto* kept_big = heap.make<Big>();
    kept_small->ref = Value::object(kept_big);
    kept_big->ref = Value::object(kept_small);
    roots.values.push_back(Value::object(kept_small));
    for (int i = 0; i < 1000; ++i) {
      auto* s = heap.make<Small>();
      auto* b = heap.make<Big>();
      s->ref = Value::object(b);
      b->ref = Value::object(s);
    }
    CHECK(g_live == 2002);
    heap.collect();
    CHECK(g_live == 2);
    CHECK(kept_small->ref == Value::object(kept_big));
    CHECK(kept_big->ref == Value::object(kept_small));
    roots.values.clear();
    heap.collect();
    CHECK(g_live == 0);
  }
  CHECK(g_live == 0);
}

TEST_CASE("an interior pointer in a conservatively scanned buffer keeps its object alive") {
  g_live = 0;
  Heap heap(64 * 1024 * 1024);
  std::uintptr_t buffer[2] = {};
  cpy::vm::root_range_add(buffer, sizeof buffer);
  auto* small = heap.make<Small>();
  auto* big = heap.make<Big>();
  buffer[0] = reinterpret_cast<std::uintptr_t>(&small->pad[4]);
  buffer[1] = reinterpret_cast<std::uintptr_t>(&big->pad[900]);
  heap.collect();
  CHECK(g_live == 2);
  buffer[0] = buffer[1] = 0;
  heap.collect();
  CHECK(g_live == 0);
  cpy::vm::root_range_remove(buffer);
}

TEST_CASE("the heap destroys the objects it still holds when it goes away") {
  g_live = 0;
  {
    Heap heap(64 * 1024 * 1024);
    for (int i = 0; i < 100; ++i) heap.make<Small>(), heap.make<Big>();
    CHECK(g_live == 200);
  }
  CHECK(g_live == 0);
}
