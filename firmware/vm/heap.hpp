// Garbage-collected object heap with a byte budget: precise tracing of objects, conservative scanning
// of the C++ stack and of registered temporary buffers (RootVec), MemoryError when the budget is exhausted.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <utility>
#include <vector>

#include "firmware/vm/obj_pool.hpp"
#include "firmware/vm/object.hpp"

namespace cpy::vm {

inline constexpr std::size_t k_default_heap_bytes = 192 * 1024;
/// A large heap is collected long before it is full: once the bytes in use reach a few times what survived
/// the last collection (at least this much), so the working set stays small and freed storage is reused.
inline constexpr std::size_t k_min_collect_bytes = 1024 * 1024;

/// Conservatively scanned memory ranges (temporary C++ buffers holding Values).
void root_range_add(const void* p, std::size_t bytes);
void root_range_remove(const void* p);

/// Allocator for temporaries that hold Values: their buffers count as GC roots while they live.
template <typename T>
struct RootAlloc {
  using value_type = T;
  RootAlloc() = default;
  template <typename U>
  RootAlloc(const RootAlloc<U>&) {}
  T* allocate(std::size_t n) {
    T* p = std::allocator<T>().allocate(n);
    root_range_add(p, n * sizeof(T));
    return p;
  }
  void deallocate(T* p, std::size_t n) {
    root_range_remove(p);
    std::allocator<T>().deallocate(p, n);
  }
  template <typename U>
  bool operator==(const RootAlloc<U>&) const {
    return true;
  }
};

using RootVec = std::vector<Value, RootAlloc<Value>>;

class Heap {
 public:
  using RootFn = void (*)(void* ctx, Tracer& tracer);
  using OomFn = void (*)(void* ctx);

  explicit Heap(std::size_t limit);
  ~Heap();
  Heap(const Heap&) = delete;
  Heap& operator=(const Heap&) = delete;

  void set_roots(RootFn fn, void* ctx) { m_roots = fn, m_roots_ctx = ctx; }
  void set_oom(OomFn fn, void* ctx) { m_oom = fn, m_oom_ctx = ctx; }
  void set_stack_bottom(const void* p) { m_stack_bottom = p; }
  const void* stack_bottom() const { return m_stack_bottom; }

  template <typename T, typename... A>
  T* make(A&&... args) {
    ensure(sizeof(T) + 16);
    if constexpr (sizeof(T) <= ObjPool::k_max_slot) {
      void* slot = m_pool.take(sizeof(T));
      SlotGuard guard{m_pool, slot};
      T* obj = new (slot) T(std::forward<A>(args)...);
      guard.slot = nullptr;
      m_pool.commit(slot);
      m_used += obj->footprint();
      return obj;
    } else {
      T* obj = new T(std::forward<A>(args)...);
      track_large(obj, sizeof(T));
      return obj;
    }
  }

  /// Charges extra bytes (e.g. a container growing); collects or raises MemoryError if over budget.
  void reserve(std::size_t bytes);
  /// Like reserve, without charging (the allocation is counted when it is tracked).
  void ensure(std::size_t bytes);
  void collect();
  void set_enabled(bool on) { m_enabled = on; }
  /// Test hook: collect on every `every`-th allocation (0 = off) to flush out missing roots.
  void set_stress(std::size_t every) { m_stress = every; }
  bool enabled() const { return m_enabled; }
  /// Objects made so far (the VM's types, builtins and methods) are the firmware's "ROM": they stay
  /// alive and do not count against the budget.
  void freeze_baseline() { m_baseline = m_used; }
  std::size_t used() const { return m_used - m_baseline; }
  std::size_t limit() const { return m_limit; }
  std::size_t collections() const { return m_collections; }

 private:
  struct Record {
    Obj* obj;
    std::size_t size;
  };
  /// Gives a slot back if the object's constructor throws.
  struct SlotGuard {
    ObjPool& pool;
    void* slot;
    ~SlotGuard() {
      if (slot) pool.give_back(slot);
    }
  };
  void track_large(Obj* obj, std::size_t size);
  void mark_from_roots();
  Obj* find_object(std::uintptr_t addr) const;
  void scan_conservative(const void* begin, const void* end, class MarkTracer& tracer);
  void sweep();

  ObjPool m_pool;               ///< objects up to ObjPool::k_max_slot bytes
  std::vector<Record> m_large;  ///< bigger objects (few), sorted by address during a collection
  std::vector<Obj*> m_mark_stack;
  std::size_t m_limit;
  std::size_t m_next_collect;
  std::size_t m_used = 0;
  std::size_t m_baseline = 0;
  std::size_t m_stress = 0;
  std::size_t m_allocs = 0;
  std::size_t m_collections = 0;
  bool m_enabled = true;
  bool m_collecting = false;
  RootFn m_roots = nullptr;
  void* m_roots_ctx = nullptr;
  OomFn m_oom = nullptr;
  void* m_oom_ctx = nullptr;
  const void* m_stack_bottom = nullptr;
};

}  // namespace cpy::vm
