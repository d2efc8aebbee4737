// Mark-and-sweep collection: marking from the roots, sweeping the object pool's chunks and the large objects.
#include "firmware/vm/heap.hpp"

#include <algorithm>
#include <csetjmp>
#include <cstdint>
#include <cstring>

#if defined(__GNUC__) || defined(__clang__)
#define CPY_NO_ASAN __attribute__((no_sanitize_address))
#else
#define CPY_NO_ASAN
#endif

namespace cpy::vm {

namespace {
// The next collection comes when the heap holds this many times what survived the last one.
constexpr std::size_t k_collect_growth = 4;

struct RootRange {
  const void* p;
  std::size_t bytes;
};
// Temporaries come and go in LIFO order almost always, so a vector searched from the back is cheapest.
std::vector<RootRange>& root_ranges() {
  static thread_local std::vector<RootRange> ranges;
  return ranges;
}
}  // namespace

void root_range_add(const void* p, std::size_t bytes) { root_ranges().push_back({p, bytes}); }
void root_range_remove(const void* p) {
  auto& r = root_ranges();
  for (std::size_t i = r.size(); i-- > 0;) {
    if (r[i].p == p) {
      r.erase(r.begin() + static_cast<std::ptrdiff_t>(i));
      return;
    }
  }
}

class MarkTracer : public Tracer {
 public:
  explicit MarkTracer(std::vector<Obj*>& work) : m_work(work) {}
  void mark(Value v) override {
    if (!v.is_obj()) return;
    Obj* o = v.obj();
    if (o->marked) return;
    o->marked = true;
    m_work.push_back(o);
  }
  using Tracer::mark;
  void drain() {
    while (!m_work.empty()) {
      Obj* o = m_work.back();
      m_work.pop_back();
      o->trace(*this);
    }
  }

 private:
  std::vector<Obj*>& m_work;
};

Heap::Heap(std::size_t limit) : m_limit(limit), m_next_collect(std::min(limit, k_min_collect_bytes)) {}

Heap::~Heap() {
  m_pool.for_each([this](Obj* o) {
    o->~Obj();
    m_pool.release(o);
  });
  for (auto& r : m_large) delete r.obj;
}

void Heap::track_large(Obj* obj, std::size_t size) {
  m_large.push_back({obj, size});
  m_used += obj->footprint();
}

void Heap::ensure(std::size_t bytes) {
  if (m_stress && m_enabled && !m_collecting && ++m_allocs % m_stress == 0) collect();
  const std::size_t want = used() + bytes;
  if (m_collecting || (want <= m_next_collect && want <= m_limit)) return;
  if (m_enabled) collect();
  if (used() + bytes > m_limit && m_oom) m_oom(m_oom_ctx);
}

void Heap::reserve(std::size_t bytes) {
  ensure(bytes);
  m_used += bytes;
}

Obj* Heap::find_object(std::uintptr_t addr) const {
  if (Obj* o = m_pool.find(addr)) return o;
  auto it = std::upper_bound(m_large.begin(), m_large.end(), addr, [](std::uintptr_t a, const Record& r) {
    return a < reinterpret_cast<std::uintptr_t>(r.obj);
  });
  if (it == m_large.begin()) return nullptr;
  --it;
  return addr < reinterpret_cast<std::uintptr_t>(it->obj) + it->size ? it->obj : nullptr;
}

CPY_NO_ASAN void Heap::scan_conservative(const void* begin, const void* end, MarkTracer& tracer) {
  auto lo = reinterpret_cast<std::uintptr_t>(begin) & ~std::uintptr_t{7};
  auto hi = reinterpret_cast<std::uintptr_t>(end);
  for (std::uintptr_t p = lo; p + sizeof(std::uintptr_t) <= hi; p += sizeof(std::uintptr_t)) {
    std::uintptr_t word;
    std::memcpy(&word, reinterpret_cast<const void*>(p), sizeof word);
    if (Obj* o = find_object(word)) tracer.mark(o);
  }
}

void Heap::mark_from_roots() {
  std::sort(m_large.begin(), m_large.end(), [](const Record& a, const Record& b) { return a.obj < b.obj; });
  MarkTracer tracer(m_mark_stack);
  if (m_roots) m_roots(m_roots_ctx, tracer);
  std::jmp_buf regs;  // spills callee-saved registers onto the stack so the scan sees them
  setjmp(regs);
  volatile char here = 0;
  if (m_stack_bottom) {
    const void* top = const_cast<const char*>(&here);
    if (top < m_stack_bottom)
      scan_conservative(top, m_stack_bottom, tracer);
    else
      scan_conservative(m_stack_bottom, top, tracer);
  }
  for (auto& r : root_ranges()) scan_conservative(r.p, static_cast<const char*>(r.p) + r.bytes, tracer);
  tracer.drain();
}

// Frees the unmarked objects and unmarks the survivors, whose footprints become the bytes in use.
void Heap::sweep() {
  std::size_t used = 0;
  m_pool.for_each([&](Obj* o) {
    if (o->marked) {
      o->marked = false;
      used += o->footprint();
    } else {
      o->~Obj();
      m_pool.release(o);
    }
  });
  std::size_t keep = 0;
  for (auto& r : m_large) {
    if (r.obj->marked) {
      r.obj->marked = false;
      used += r.obj->footprint();
      m_large[keep++] = r;
    } else {
      delete r.obj;
    }
  }
  m_large.resize(keep);
  m_used = used;
}

void Heap::collect() {
  if (m_collecting) return;
  m_collecting = true;
  mark_from_roots();
  sweep();
  m_next_collect = std::min(m_limit, std::max(k_min_collect_bytes, k_collect_growth * this->used()));
  ++m_collections;
  m_collecting = false;
}

}  // namespace cpy::vm
