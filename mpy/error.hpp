// Error values of the mpy/ layer: what went wrong and at which byte offset (no exceptions cross the API).
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <variant>

namespace cpy::mpy {

struct MpyError {
  std::size_t offset = 0;  ///< byte offset in the input where the problem was found
  std::string message;     ///< full sentence, already names the offset, e.g. "truncated at offset 812 while ..."
};

/// A value or an MpyError (a minimal std::expected for C++20).
template <typename T>
class MpyResult {
 public:
  MpyResult(T value) : m_state(std::move(value)) {}
  MpyResult(MpyError error) : m_state(std::move(error)) {}

  bool ok() const { return m_state.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(m_state); }
  const T& value() const { return std::get<0>(m_state); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const MpyError& error() const { return std::get<1>(m_state); }

 private:
  std::variant<T, MpyError> m_state;
};

}  // namespace cpy::mpy
