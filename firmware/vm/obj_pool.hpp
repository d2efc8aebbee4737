// Storage for one heap's objects: size-classed slots carved from aligned chunks, each chunk with a bitmap of
// the slots in use, so the collector sweeps chunk by chunk and maps any address to the object holding it.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace cpy::vm {

struct Obj;

/// Where object chunks come from. A port may supply memory that is cheaper to fault in (the host port: huge
/// pages); the default is aligned operator new. Set it before any heap exists; it applies to the whole process.
struct ChunkSource {
  void* (*allocate)(std::size_t bytes);  ///< `bytes` of memory aligned to `bytes` (throws std::bad_alloc)
  void (*release)(void* p, std::size_t bytes);
};
void set_chunk_source(const ChunkSource& source);

class ObjPool {
 public:
  static constexpr std::size_t k_grain = 8;
  static constexpr std::size_t k_max_slot = 256;
  static constexpr std::size_t k_chunk_bytes = 256 * 1024;

  ObjPool() = default;
  ~ObjPool();  ///< gives the chunks back; the objects in them must already be destroyed
  ObjPool(const ObjPool&) = delete;
  ObjPool& operator=(const ObjPool&) = delete;

  /// A slot of at least `bytes` (at most k_max_slot); it counts as in use only after commit().
  void* take(std::size_t bytes);
  /// Marks a slot from take() as holding a constructed object.
  void commit(void* slot) { chunk_of(slot)->set(slot); }
  /// Returns a slot from take() that never held an object.
  void give_back(void* slot) { push_free(chunk_of(slot), slot); }
  /// Frees the slot of a destroyed object.
  void release(void* slot);
  /// The object whose slot contains addr (an interior pointer counts), or nullptr.
  Obj* find(std::uintptr_t addr) const;

  /// Calls f(Obj*) for every object in use; f may release the object it is given.
  template <typename F>
  void for_each(F&& f) {
    for (Chunk* c : m_chunks) {
      for (std::size_t w = 0; w < k_bitmap_words; ++w) {
        for (std::uint64_t bits = c->used[w]; bits != 0; bits &= bits - 1) {
          const std::size_t granule = w * 64 + static_cast<std::size_t>(std::countr_zero(bits));
          f(reinterpret_cast<Obj*>(reinterpret_cast<char*>(c) + granule * k_grain));
        }
      }
    }
  }

 private:
  static constexpr std::size_t k_classes = k_max_slot / k_grain + 1;
  static constexpr std::size_t k_bitmap_words = k_chunk_bytes / k_grain / 64;

  struct Chunk {
    std::uint32_t slot_bytes;
    std::uint32_t cls;
    std::uint64_t used[k_bitmap_words];  ///< one bit per grain, set at the first grain of a slot in use
    std::size_t granule(const void* p) const {
      return static_cast<std::size_t>(static_cast<const char*>(p) - reinterpret_cast<const char*>(this)) / k_grain;
    }
    void set(const void* p) { used[granule(p) / 64] |= std::uint64_t{1} << (granule(p) % 64); }
    void clear(const void* p) { used[granule(p) / 64] &= ~(std::uint64_t{1} << (granule(p) % 64)); }
    bool test(const void* p) const { return (used[granule(p) / 64] >> (granule(p) % 64)) & 1u; }
  };
  static constexpr std::size_t k_first_slot = (sizeof(Chunk) + k_grain - 1) / k_grain * k_grain;

  struct FreeNode {
    FreeNode* next;
  };
  struct Carving {
    char* next = nullptr;
    char* end = nullptr;
  };

  static Chunk* chunk_of(const void* p) {
    return reinterpret_cast<Chunk*>(reinterpret_cast<std::uintptr_t>(p) & ~(k_chunk_bytes - 1));
  }
  void push_free(Chunk* c, void* slot);
  void* carve(std::size_t cls);
  Chunk* new_chunk(std::size_t cls);

  FreeNode* m_free[k_classes] = {};
  Carving m_carving[k_classes] = {};
  std::vector<Chunk*> m_chunks;  ///< by address
};

}  // namespace cpy::vm
