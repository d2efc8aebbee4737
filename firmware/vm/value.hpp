// The VM's value word: a tagged small int, a pointer to a heap object, or null (no value).
#pragma once

#include <cstdint>

namespace cpy::vm {

struct Obj;

/// Small ints are stored as (n << 1) | 1; heap objects as their (8-byte aligned) address; 0 means "no value".
class Value {
 public:
  static constexpr std::int64_t k_small_max = (std::int64_t{1} << 61) - 1;
  static constexpr std::int64_t k_small_min = -(std::int64_t{1} << 61);

  constexpr Value() = default;
  static Value small(std::int64_t n) { return Value((static_cast<std::uintptr_t>(n) << 1) | 1u); }
  static Value object(const Obj* o) { return Value(reinterpret_cast<std::uintptr_t>(o)); }
  static constexpr bool fits_small(std::int64_t n) { return n >= k_small_min && n <= k_small_max; }

  bool is_null() const { return m_bits == 0; }
  bool is_small() const { return (m_bits & 1u) != 0; }
  bool is_obj() const { return m_bits != 0 && (m_bits & 1u) == 0; }
  std::int64_t small_value() const { return static_cast<std::int64_t>(m_bits) >> 1; }
  Obj* obj() const { return reinterpret_cast<Obj*>(m_bits); }
  std::uintptr_t bits() const { return m_bits; }
  explicit operator bool() const { return m_bits != 0; }
  bool operator==(const Value& other) const = default;

 private:
  explicit constexpr Value(std::uintptr_t bits) : m_bits(bits) {}
  std::uintptr_t m_bits = 0;
};

}  // namespace cpy::vm
