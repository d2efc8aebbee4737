// The default import lookup: modules and packages in folders of the host's file system.
#include <filesystem>

#include "firmware/vm/vm.hpp"

namespace cpy::vm {

namespace {

namespace fs = std::filesystem;

/// "" + "foo" -> "foo" (a relative entry stays relative), "/" + "foo" -> "/foo", "lib" + "foo" -> "lib/foo".
std::string join(const std::string& dir, std::string_view name) {
  if (dir.empty()) return std::string(name);
  if (dir.back() == '/') return dir + std::string(name);
  return dir + "/" + std::string(name);
}

bool is_file(const std::string& path) {
  std::error_code ec;
  return fs::is_regular_file(path.empty() ? "." : path, ec);
}

std::optional<ImportSource> code_file(VmHost& host, const std::string& file, std::string package_dir) {
  ImportSource found;
  if (!is_file(file) || !host.read_file(file, found.code)) return std::nullopt;
  found.kind = file.ends_with(".mpy") ? ImportSource::Kind::mpy : ImportSource::Kind::source;
  found.file = file;
  found.package_dir = std::move(package_dir);
  return found;
}

}  // namespace

std::optional<ImportSource> VmHost::find_module(const std::vector<std::string>& dirs, std::string_view name) {
  for (const auto& dir : dirs) {
    const std::string base = join(dir, name);
    std::error_code ec;
    const bool folder = fs::is_directory(base, ec);
    if (folder)
      for (const char* init : {"/__init__.py", "/__init__.mpy"})
        if (auto found = code_file(*this, base + init, base)) return found;
    for (const char* ext : {".py", ".mpy"})
      if (auto found = code_file(*this, base + ext, {})) return found;
    if (folder) {
      ImportSource ns;
      ns.kind = ImportSource::Kind::namespace_package;
      ns.package_dir = base;
      return ns;
    }
  }
  return std::nullopt;
}

}  // namespace cpy::vm
