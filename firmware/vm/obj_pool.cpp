// Size-classed object slots in aligned chunks: free lists, carving, the in-use bitmap and address lookup.
// Sanitizer builds poison free slots so a use after free is still reported.
#include "firmware/vm/obj_pool.hpp"

#include <algorithm>
#include <new>

#if defined(__SANITIZE_ADDRESS__)
#define CPY_POOL_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CPY_POOL_ASAN 1
#endif
#endif

#ifdef CPY_POOL_ASAN
#include <sanitizer/asan_interface.h>
#define CPY_POISON(p, n) ASAN_POISON_MEMORY_REGION(p, n)
#define CPY_UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION(p, n)
#else
#define CPY_POISON(p, n) ((void)(p), (void)(n))
#define CPY_UNPOISON(p, n) ((void)(p), (void)(n))
#endif

namespace cpy::vm {

namespace {

void* default_allocate(std::size_t bytes) { return ::operator new (bytes, std::align_val_t{bytes}); }
void default_release(void* p, std::size_t bytes) { ::operator delete (p, std::align_val_t{bytes}); }

ChunkSource& chunk_source() {
  static ChunkSource source{default_allocate, default_release};
  return source;
}

}  // namespace

void set_chunk_source(const ChunkSource& source) { chunk_source() = source; }

ObjPool::~ObjPool() {
  for (Chunk* c : m_chunks) {
    CPY_UNPOISON(c, k_chunk_bytes);
    chunk_source().release(c, k_chunk_bytes);
  }
}

void* ObjPool::take(std::size_t bytes) {
  const std::size_t cls = (bytes + k_grain - 1) / k_grain;
  FreeNode* n = m_free[cls];
  if (!n) return carve(cls);
  CPY_UNPOISON(n, cls * k_grain);
  m_free[cls] = n->next;
  return n;
}

void ObjPool::push_free(Chunk* c, void* slot) {
  auto* n = new (slot) FreeNode{m_free[c->cls]};
  m_free[c->cls] = n;
  CPY_POISON(slot, c->slot_bytes);
}

void ObjPool::release(void* slot) {
  Chunk* c = chunk_of(slot);
  c->clear(slot);
  push_free(c, slot);
}

void* ObjPool::carve(std::size_t cls) {
  const std::size_t bytes = cls * k_grain;
  Carving& cv = m_carving[cls];
  if (static_cast<std::size_t>(cv.end - cv.next) < bytes) {
    char* base = reinterpret_cast<char*>(new_chunk(cls));
    cv.next = base + k_first_slot;
    cv.end = base + k_first_slot + (k_chunk_bytes - k_first_slot) / bytes * bytes;
  }
  void* p = cv.next;
  cv.next += bytes;
  return p;
}

ObjPool::Chunk* ObjPool::new_chunk(std::size_t cls) {
  void* mem = chunk_source().allocate(k_chunk_bytes);
  auto* c = new (mem) Chunk{};
  c->cls = static_cast<std::uint32_t>(cls);
  c->slot_bytes = static_cast<std::uint32_t>(cls * k_grain);
  m_chunks.insert(std::upper_bound(m_chunks.begin(), m_chunks.end(), c), c);
  return c;
}

Obj* ObjPool::find(std::uintptr_t addr) const {
  Chunk* c = chunk_of(reinterpret_cast<const void*>(addr));
  if (!std::binary_search(m_chunks.begin(), m_chunks.end(), c)) return nullptr;
  const std::uintptr_t offset = addr - reinterpret_cast<std::uintptr_t>(c);
  if (offset < k_first_slot) return nullptr;
  const std::size_t slot_offset = k_first_slot + (offset - k_first_slot) / c->slot_bytes * c->slot_bytes;
  if (slot_offset + c->slot_bytes > k_chunk_bytes) return nullptr;
  void* slot = reinterpret_cast<char*>(c) + slot_offset;
  return c->test(slot) ? static_cast<Obj*>(slot) : nullptr;
}

}  // namespace cpy::vm
