// Scanning lib/ on a drive: lists folders and asks the drive for each module file's facts (version, format).
#include "bundle/installed.hpp"

#include <algorithm>
#include <map>

namespace cpy::bundle {

namespace {

void add_facts(DriveReader& drive, InstalledModule& m, const std::string& path, const DriveEntry& entry) {
  const FileFacts facts = drive.facts(path, entry);
  if (path.ends_with(".mpy")) {
    m.bad_mpy = m.bad_mpy || facts.bad_mpy;
    if (!m.mpy_version) m.mpy_version = facts.mpy_version;
  }
  if (m.version.empty()) m.version = facts.version;
}

struct ListedFile {
  std::string path;
  DriveEntry entry;
};

void walk(DriveReader& drive, const std::string& dir, std::vector<ListedFile>& files) {
  auto entries = drive.list(dir);
  if (!entries) return;
  for (const auto& e : *entries) {
    if (e.name.empty() || e.name[0] == '.') continue;
    if (e.directory)
      walk(drive, dir + "/" + e.name, files);
    else
      files.push_back({dir + "/" + e.name, e});
  }
}

bool is_init(const std::string& path) { return path.find("/__init__.") != std::string::npos; }

InstalledModule scan_package(DriveReader& drive, const std::string& name) {
  InstalledModule m;
  m.name = name;
  m.package = true;
  std::vector<ListedFile> files;
  walk(drive, "lib/" + name, files);
  // __init__ first, so its __version__ wins.
  std::sort(files.begin(), files.end(), [](const ListedFile& a, const ListedFile& b) {
    return is_init(a.path) != is_init(b.path) ? is_init(a.path) : a.path < b.path;
  });
  for (const auto& f : files) {
    m.files.push_back(f.path);
    m.bytes += f.entry.size;
    const bool mpy = f.path.ends_with(".mpy");
    if ((mpy || f.path.ends_with(".py")) && (m.version.empty() || (mpy && !m.mpy_version)))
      add_facts(drive, m, f.path, f.entry);
  }
  return m;
}

}  // namespace

std::vector<InstalledModule> scan_installed(DriveReader& drive) {
  std::map<std::string, InstalledModule> modules;
  auto entries = drive.list("lib");
  if (!entries) return {};
  for (const auto& entry : *entries) {
    const std::string& file = entry.name;
    if (file.empty() || file[0] == '.') continue;
    if (entry.directory) {
      modules[file] = scan_package(drive, file);
      continue;
    }
    const auto dot = file.rfind('.');
    const std::string ext = dot == std::string::npos ? "" : file.substr(dot);
    if (ext != ".py" && ext != ".mpy") continue;
    const std::string stem = file.substr(0, dot);
    InstalledModule& m = modules[stem];
    m.name = stem;
    m.py_beside_mpy = !m.files.empty();
    m.files.push_back("lib/" + file);
    m.bytes += entry.size;
    add_facts(drive, m, "lib/" + file, entry);
  }
  std::vector<InstalledModule> out;
  for (auto& [_, m] : modules) out.push_back(std::move(m));
  return out;
}

std::vector<InstalledModule> scan_installed(const std::filesystem::path& drive_root) {
  return scan_installed(*local_drive(drive_root));
}

const InstalledModule* find_installed(const std::vector<InstalledModule>& modules, const std::string& name) {
  for (const auto& m : modules)
    if (m.name == name) return &m;
  return nullptr;
}

}  // namespace cpy::bundle
