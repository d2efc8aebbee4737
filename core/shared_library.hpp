// A shared library opened at run time (dlopen), for dependencies that would slow every start if linked.
#pragma once

#include <initializer_list>
#include <mutex>
#include <string>

#include "core/result.hpp"

namespace cpy {

class SharedLibrary {
 public:
  /// Opens the first of `sonames` that loads; the handle stays open for the life of the process.
  static Result<SharedLibrary> open(std::initializer_list<const char*> sonames, const std::string& package);

  /// Points `fn` at the exported function `name`; false when the library lacks it.
  template <typename Fn>
  bool resolve(const char* name, Fn& fn) const {
    fn = reinterpret_cast<Fn>(symbol(name));
    return fn != nullptr;
  }

 private:
  explicit SharedLibrary(void* handle) : m_handle(handle) {}
  void* symbol(const char* name) const;
  void* m_handle;
};

/// Runs `load` once per function table type and returns its outcome to every later caller.
template <typename Table>
Result<const Table*> load_once(Result<const Table*> (*load)()) {
  static std::once_flag once;
  static Result<const Table*> loaded = make_error(ExitCode::failure, "not loaded");
  std::call_once(once, [load] { loaded = load(); });
  return loaded;
}

}  // namespace cpy
