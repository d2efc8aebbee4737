// XDG folders and data-file lookup relative to the executable.
#include "core/paths.hpp"

#include <cstdlib>
#include <system_error>

namespace cpy {

namespace fs = std::filesystem;

namespace {

fs::path xdg_dir(const char* override_var, const char* xdg_var, const char* fallback) {
  if (const char* dir = std::getenv(override_var); dir && *dir) return dir;
  if (const char* dir = std::getenv(xdg_var); dir && *dir) return fs::path(dir) / "cpytool";
  const char* home = std::getenv("HOME");
  return fs::path(home && *home ? home : "/tmp") / fallback / "cpytool";
}

}  // namespace

fs::path cache_dir() { return xdg_dir("CPYTOOL_CACHE_DIR", "XDG_CACHE_HOME", ".cache"); }
fs::path config_dir() { return xdg_dir("CPYTOOL_CONFIG_DIR", "XDG_CONFIG_HOME", ".config"); }

fs::path executable_path() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : exe;
}

fs::path find_data_file(const std::string& name) {
  std::error_code ec;
  if (const char* dir = std::getenv("CPYTOOL_DATA_DIR"); dir && *dir) {
    if (fs::exists(fs::path(dir) / name, ec)) return fs::path(dir) / name;
  }
  const fs::path exe = executable_path();
  if (exe.empty()) return {};
  if (fs::path p = exe.parent_path().parent_path() / "share" / "cpytool" / name; fs::exists(p, ec)) return p;
  fs::path dir = exe.parent_path();
  for (int depth = 0; depth < 5 && !dir.empty(); ++depth, dir = dir.parent_path()) {
    if (fs::path p = dir / "data" / name; fs::exists(p, ec)) return p;
    if (dir == dir.parent_path()) break;
  }
  return {};
}

}  // namespace cpy
