// Free lists of object storage by size class: freed objects are reused without going back to malloc.
// Sanitizer builds use plain new/delete so use-after-free stays detectable.
#include <cstddef>
#include <new>

#include "firmware/vm/object.hpp"

#if defined(__SANITIZE_ADDRESS__)
#define CPY_OBJ_POOL 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CPY_OBJ_POOL 0
#endif
#endif
#ifndef CPY_OBJ_POOL
#define CPY_OBJ_POOL 1
#endif

namespace cpy::vm {

namespace {

constexpr std::size_t k_grain = 16;
constexpr std::size_t k_pooled_max = 256;
constexpr std::size_t k_classes = k_pooled_max / k_grain + 1;

struct FreeNode {
  FreeNode* next;
};

// Fresh storage is carved from large chunks (one malloc per chunk, not per object); chunks live until exit.
constexpr std::size_t k_chunk_bytes = 256 * 1024;

struct Pools {
  FreeNode* heads[k_classes] = {};
  char* bump = nullptr;
  std::size_t bump_left = 0;
  Pools() = default;
  Pools(const Pools&) = delete;
  Pools& operator=(const Pools&) = delete;
  // Chunks are never given back, not even when the thread ends: an object made on one thread may be freed
  // later on another (into that thread's lists), so its storage must outlive the thread that carved it.
  ~Pools() = default;
  void* carve(std::size_t bytes) {
    if (bump_left < bytes) {
      bump = static_cast<char*>(::operator new(k_chunk_bytes));
      bump_left = k_chunk_bytes;
    }
    void* p = bump;
    bump += bytes, bump_left -= bytes;
    return p;
  }
};

Pools& pools() {
  static thread_local Pools p;
  return p;
}

}  // namespace

void* Obj::operator new(std::size_t size) {
  if (CPY_OBJ_POOL && size <= k_pooled_max) {
    const std::size_t cls = (size + k_grain - 1) / k_grain;
    FreeNode*& head = pools().heads[cls];
    if (FreeNode* n = head) {
      head = n->next;
      return n;
    }
    return pools().carve(cls * k_grain);
  }
  return ::operator new(size);
}

void Obj::operator delete(void* p, std::size_t size) {
  if (CPY_OBJ_POOL && size <= k_pooled_max) {
    FreeNode*& head = pools().heads[(size + k_grain - 1) / k_grain];
    head = new (p) FreeNode{head};
    return;
  }
  ::operator delete(p);
}

}  // namespace cpy::vm
