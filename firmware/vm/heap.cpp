// Mark-and-sweep collection over all tracked objects.
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
  std::vector<Obj*> m_work;
};

Heap::Heap(std::size_t limit) : m_limit(limit), m_next_collect(std::min(limit, k_min_collect_bytes)) {}

Heap::~Heap() {
  for (auto& r : m_objects) delete r.obj;
}

void Heap::track(Obj* obj, std::size_t size) {
  m_objects.push_back({obj, size});
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

CPY_NO_ASAN void Heap::scan_conservative(const void* begin, const void* end, MarkTracer& tracer) {
  auto lo = reinterpret_cast<std::uintptr_t>(begin) & ~std::uintptr_t{7};
  auto hi = reinterpret_cast<std::uintptr_t>(end);
  for (std::uintptr_t p = lo; p + sizeof(std::uintptr_t) <= hi; p += sizeof(std::uintptr_t)) {
    std::uintptr_t word;
    std::memcpy(&word, reinterpret_cast<const void*>(p), sizeof word);
    auto it = std::upper_bound(m_objects.begin(), m_objects.end(), word, [](std::uintptr_t w, const Record& r) {
      return w < reinterpret_cast<std::uintptr_t>(r.obj);
    });
    if (it == m_objects.begin()) continue;
    --it;
    if (word < reinterpret_cast<std::uintptr_t>(it->obj) + it->size) tracer.mark(Value::object(it->obj));
  }
}

// Only the objects made since the last collection are sorted; the survivors before them still are.
void Heap::sort_objects() {
  auto by_address = [](const Record& a, const Record& b) { return a.obj < b.obj; };
  auto mid = m_objects.begin() + static_cast<std::ptrdiff_t>(m_sorted);
  std::sort(mid, m_objects.end(), by_address);
  std::inplace_merge(m_objects.begin(), mid, m_objects.end(), by_address);
  m_sorted = m_objects.size();
}

void Heap::mark_from_roots() {
  sort_objects();
  MarkTracer tracer;
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

void Heap::collect() {
  if (m_collecting) return;
  m_collecting = true;
  mark_from_roots();
  std::size_t used = 0;
  std::size_t keep = 0;
  for (auto& r : m_objects) {
    if (r.obj->marked) {
      r.obj->marked = false;
      used += r.obj->footprint();
      m_objects[keep++] = r;
    } else {
      delete r.obj;
    }
  }
  m_objects.resize(keep);
  m_sorted = keep;
  m_used = used;
  m_next_collect = std::min(m_limit, std::max(k_min_collect_bytes, k_collect_growth * this->used()));
  ++m_collections;
  m_collecting = false;
}

}  // namespace cpy::vm
