// Scanning lib/ on a drive: reads only each module's main file for its version.
#include "bundle/installed.hpp"

#include <algorithm>
#include <map>

#include "bundle/module_version.hpp"
#include "core/atomic_file.hpp"

namespace cpy::bundle {

namespace fs = std::filesystem;

namespace {

void read_version(const fs::path& root, InstalledModule& m, const std::string& rel) {
  auto bytes = read_file(root / rel);
  if (!bytes) return;
  if (rel.ends_with(".mpy")) {
    const MpyFacts facts = mpy_facts(*bytes);
    m.bad_mpy = m.bad_mpy || !facts.valid;
    if (!m.mpy_version) m.mpy_version = facts.mpy_version;
    if (m.version.empty()) m.version = facts.version;
  } else if (m.version.empty()) {
    m.version = version_from_py(*bytes);
  }
}

/// Package files with __init__ first, so its __version__ wins.
std::vector<std::string> package_files(const fs::path& root, const fs::path& dir) {
  std::vector<std::string> files;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec))
    if (it->is_regular_file(ec) && it->path().filename().string()[0] != '.')
      files.push_back(fs::relative(it->path(), root).generic_string());
  std::sort(files.begin(), files.end(), [](const std::string& a, const std::string& b) {
    const bool ia = a.find("/__init__.") != std::string::npos, ib = b.find("/__init__.") != std::string::npos;
    return ia != ib ? ia : a < b;
  });
  return files;
}

InstalledModule scan_package(const fs::path& root, const fs::path& dir) {
  InstalledModule m;
  m.name = dir.filename().string();
  m.package = true;
  m.files = package_files(root, dir);
  std::error_code ec;
  for (const auto& f : m.files) {
    m.bytes += fs::file_size(root / f, ec);
    if ((f.ends_with(".py") || f.ends_with(".mpy")) && (m.version.empty() || !m.mpy_version)) read_version(root, m, f);
  }
  return m;
}

}  // namespace

std::vector<InstalledModule> scan_installed(const fs::path& drive_root) {
  std::map<std::string, InstalledModule> modules;
  std::error_code ec;
  std::vector<fs::directory_entry> entries;
  for (const auto& e : fs::directory_iterator(drive_root / "lib", ec)) entries.push_back(e);
  std::sort(entries.begin(), entries.end());
  for (const auto& entry : entries) {
    const std::string file = entry.path().filename().string();
    if (file.empty() || file[0] == '.') continue;
    if (entry.is_directory(ec)) {
      modules[file] = scan_package(drive_root, entry.path());
      continue;
    }
    const std::string ext = entry.path().extension().string();
    if (ext != ".py" && ext != ".mpy") continue;
    InstalledModule& m = modules[entry.path().stem().string()];
    m.name = entry.path().stem().string();
    m.py_beside_mpy = !m.files.empty();
    m.files.push_back("lib/" + file);
    m.bytes += entry.file_size(ec);
    read_version(drive_root, m, "lib/" + file);
  }
  std::vector<InstalledModule> out;
  for (auto& [_, m] : modules) out.push_back(std::move(m));
  return out;
}

const InstalledModule* find_installed(const std::vector<InstalledModule>& modules, const std::string& name) {
  for (const auto& m : modules)
    if (m.name == name) return &m;
  return nullptr;
}

}  // namespace cpy::bundle
