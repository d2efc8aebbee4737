// Result<T>: a value or an Error, and CPY_TRY to propagate errors without exceptions.
#pragma once

#include <optional>
#include <utility>
#include <variant>

#include "core/error.hpp"

namespace cpy {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : m_v(std::move(value)) {}
  Result(Error error) : m_v(std::move(error)) {}

  bool ok() const { return m_v.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(m_v); }
  const T& value() const& { return std::get<0>(m_v); }
  T&& value() && { return std::get<0>(std::move(m_v)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const { return std::get<1>(m_v); }
  Error&& take_error() { return std::get<1>(std::move(m_v)); }

 private:
  std::variant<T, Error> m_v;
};

struct Ok {};
using Status = Result<Ok>;

inline Status ok_status() { return Ok{}; }

}  // namespace cpy

#define CPY_CONCAT_INNER(a, b) a##b
#define CPY_CONCAT(a, b) CPY_CONCAT_INNER(a, b)
/// CPY_TRY(auto x, expr): evaluate expr, return its error from the enclosing function, else bind x.
#define CPY_TRY(decl, expr)                                                                \
  auto CPY_CONCAT(cpy_try_, __LINE__) = (expr);                                            \
  if (!CPY_CONCAT(cpy_try_, __LINE__)) return CPY_CONCAT(cpy_try_, __LINE__).take_error(); \
  decl = std::move(CPY_CONCAT(cpy_try_, __LINE__)).value()
/// CPY_CHECK(expr): return the error of a Status-like expression.
#define CPY_CHECK(expr)                                \
  do {                                                 \
    auto cpy_check_r = (expr);                         \
    if (!cpy_check_r) return cpy_check_r.take_error(); \
  } while (0)
