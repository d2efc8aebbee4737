// Huge-page arenas for the VM's object chunks: a growing heap takes one page fault per 2 MB instead of per 4 kB.
#include "firmware/ports/host/huge_page_chunks.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <new>
#include <vector>

#include "firmware/vm/obj_pool.hpp"

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace cpy::firmware::host {

namespace {

constexpr std::size_t k_arena_bytes = 2 * 1024 * 1024;

#if defined(__linux__)
// Chunks are cut from arenas and kept for reuse when a heap gives them back; arenas live until exit.
struct Arenas {
  std::mutex lock;
  std::vector<void*> free_chunks;
  std::vector<std::uintptr_t> bases;  ///< of the arenas, to tell their chunks from others
  char* next = nullptr;
  char* end = nullptr;
};

Arenas& arenas() {
  static Arenas* a = new Arenas;  // never destroyed: heaps may give chunks back during exit
  return *a;
}

char* map_arena() {
  const std::size_t span = 2 * k_arena_bytes;
  void* raw = mmap(nullptr, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) throw std::bad_alloc();
  auto start = reinterpret_cast<std::uintptr_t>(raw);
  auto aligned = (start + k_arena_bytes - 1) & ~(std::uintptr_t{k_arena_bytes} - 1);
  if (aligned > start) munmap(raw, aligned - start);
  const std::uintptr_t tail = aligned + k_arena_bytes;
  if (start + span > tail) munmap(reinterpret_cast<void*>(tail), start + span - tail);
  auto* arena = reinterpret_cast<char*>(aligned);
  madvise(arena, k_arena_bytes, MADV_HUGEPAGE);  // advice only: without huge pages it still works
  return arena;
}

bool fits_arenas(std::size_t bytes) { return bytes <= k_arena_bytes && k_arena_bytes % bytes == 0; }

void* allocate_chunk(std::size_t bytes) {
  if (!fits_arenas(bytes)) return ::operator new (bytes, std::align_val_t{bytes});
  Arenas& a = arenas();
  std::lock_guard guard(a.lock);
  if (!a.free_chunks.empty()) {
    void* p = a.free_chunks.back();
    a.free_chunks.pop_back();
    return p;
  }
  if (a.next == a.end) {
    a.next = map_arena();
    a.end = a.next + k_arena_bytes;
    a.bases.push_back(reinterpret_cast<std::uintptr_t>(a.next));
  }
  void* p = a.next;
  a.next += bytes;
  return p;
}

// A chunk from elsewhere (made before the switch to arenas, or of another size) goes back where it came from.
void release_chunk(void* p, std::size_t bytes) {
  Arenas& a = arenas();
  std::lock_guard guard(a.lock);
  const auto base = reinterpret_cast<std::uintptr_t>(p) & ~(std::uintptr_t{k_arena_bytes} - 1);
  if (fits_arenas(bytes) && std::find(a.bases.begin(), a.bases.end(), base) != a.bases.end())
    return a.free_chunks.push_back(p);
  ::operator delete (p, std::align_val_t{bytes});
}
#endif

}  // namespace

void use_huge_page_chunks() {
#if defined(__linux__)
  vm::set_chunk_source({allocate_chunk, release_chunk});
#endif
}

}  // namespace cpy::firmware::host
