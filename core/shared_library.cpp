// dlopen/dlsym behind SharedLibrary.
#include "core/shared_library.hpp"

#include <dlfcn.h>

namespace cpy {

Result<SharedLibrary> SharedLibrary::open(std::initializer_list<const char*> sonames, const std::string& package) {
  std::string reason;
  for (const char* soname : sonames) {
    if (void* handle = dlopen(soname, RTLD_NOW | RTLD_LOCAL)) return SharedLibrary(handle);
    if (reason.empty()) reason = dlerror();
  }
  return make_error(ExitCode::failure, "cannot load " + std::string(*sonames.begin()) + ": " + reason,
                    "install it: apt-get install " + package);
}

void* SharedLibrary::symbol(const char* name) const { return dlsym(m_handle, name); }

}  // namespace cpy
