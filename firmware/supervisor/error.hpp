// Error values of the supervisor and host port (no exceptions cross the firmware API).
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace cpy::firmware {

struct FirmwareError {
  std::string message;  ///< a full sentence naming the file or field, e.g. "bad magic in fw.cpyfw"
};

/// A value or a FirmwareError (a minimal std::expected for C++20).
template <typename T>
class FwResult {
 public:
  FwResult(T value) : m_state(std::move(value)) {}
  FwResult(FirmwareError error) : m_state(std::move(error)) {}

  bool ok() const { return m_state.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(m_state); }
  const T& value() const { return std::get<0>(m_state); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const FirmwareError& error() const { return std::get<1>(m_state); }

 private:
  std::variant<T, FirmwareError> m_state;
};

struct Done {};
using FwStatus = FwResult<Done>;

}  // namespace cpy::firmware
