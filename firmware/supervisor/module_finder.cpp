// Import resolution: each sys.path entry is a drive folder or the frozen modules of the firmware.
#include "firmware/supervisor/module_finder.hpp"

#include "mpy/format_version.hpp"

namespace cpy::firmware {

namespace {

/// "" + "foo" -> "foo" (relative __file__, as the '' entry gives), "/" + "foo" -> "/foo", "/lib" -> "/lib/foo".
std::string join(const std::string& dir, std::string_view name) {
  if (dir.empty()) return std::string(name);
  if (dir.back() == '/') return dir + std::string(name);
  return dir + "/" + std::string(name);
}

bool is_frozen_path(std::string_view path) {
  return path == k_frozen_entry || path.starts_with(std::string(k_frozen_entry) + "/");
}

/// ".frozen/adafruit_hid" -> "adafruit_hid/", ".frozen" -> "".
std::string frozen_prefix(const std::string& dir) {
  if (dir.size() <= k_frozen_entry.size()) return {};
  return dir.substr(k_frozen_entry.size() + 1) + "/";
}

}  // namespace

std::vector<std::string> ModuleFinder::default_sys_path() const {
  return {"", "/", std::string(k_frozen_entry), "/lib"};
}

std::optional<FoundModule> ModuleFinder::find_top_level(std::string_view name,
                                                        const std::vector<std::string>& sys_path) const {
  for (const auto& entry : sys_path) {
    if (auto found = find_in(entry, name)) return found;
  }
  return std::nullopt;
}

std::optional<FoundModule> ModuleFinder::find_in(std::string_view search_path, std::string_view name) const {
  std::string dir(search_path);
  if (is_frozen_path(dir)) return find_frozen(dir, name);
  return find_on_drive(dir, name);
}

std::optional<FoundModule> ModuleFinder::find_on_drive(const std::string& dir, std::string_view name) const {
  std::string base = join(dir, name);
  const bool folder = m_drive.kind(base) == EntryKind::directory;
  if (folder) {
    for (const char* init : {"/__init__.py", "/__init__.mpy"}) {
      std::string file = base + init;
      if (auto code = m_drive.read(file); code && m_drive.kind(file) == EntryKind::file) {
        bool mpy = file.ends_with(".mpy");
        return FoundModule{mpy ? FoundModule::Kind::mpy : FoundModule::Kind::source, true, *code, file, base};
      }
    }
  }
  for (const char* ext : {".py", ".mpy"}) {
    std::string file = base + ext;
    if (m_drive.kind(file) != EntryKind::file) continue;
    auto code = m_drive.read(file);
    if (!code) continue;
    bool mpy = file.ends_with(".mpy");
    return FoundModule{mpy ? FoundModule::Kind::mpy : FoundModule::Kind::source, false, *code, file, {}};
  }
  // Since CircuitPython 10.3 a sibling name.py or name.mpy wins over a folder without __init__.
  if (folder) return FoundModule{FoundModule::Kind::namespace_package, true, {}, {}, base};
  return std::nullopt;
}

std::optional<FoundModule> ModuleFinder::find_frozen(const std::string& dir, std::string_view name) const {
  std::string stem = frozen_prefix(dir) + std::string(name);
  std::string package_dir = join(dir, name);
  if (auto it = m_frozen.modules.find(stem + "/__init__.py"); it != m_frozen.modules.end())
    return FoundModule{FoundModule::Kind::mpy, true, it->second, it->first, package_dir};
  if (auto it = m_frozen.modules.find(stem + ".py"); it != m_frozen.modules.end())
    return FoundModule{FoundModule::Kind::mpy, false, it->second, it->first, {}};
  auto it = m_frozen.modules.lower_bound(stem + "/");
  if (it != m_frozen.modules.end() && it->first.starts_with(stem + "/"))
    return FoundModule{FoundModule::Kind::namespace_package, true, {}, {}, package_dir};
  return std::nullopt;
}

std::optional<std::string> mpy_refusal(std::string_view bytes) {
  if (bytes.size() < 2) return "incompatible .mpy file";
  auto magic = static_cast<std::uint8_t>(bytes[0]);
  auto version = static_cast<std::uint8_t>(bytes[1]);
  if (magic == mpy::k_magic_micropython) return "MicroPython .mpy file; use CircuitPython mpy-cross";
  if (magic != mpy::k_magic_circuitpython || version != mpy::k_version) return "incompatible .mpy file";
  return std::nullopt;
}

}  // namespace cpy::firmware
