// Import resolution rooted at the drive: sys.path order, .py before .mpy, packages, frozen modules (§4).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "firmware/supervisor/drive.hpp"
#include "firmware/supervisor/frozen_image.hpp"

namespace cpy::firmware {

/// The sys.path entry that names the modules frozen into the firmware.
inline constexpr std::string_view k_frozen_entry = ".frozen";

struct FoundModule {
  enum class Kind { source, mpy, namespace_package };
  Kind kind = Kind::source;
  bool is_package = false;
  /// Source text or .mpy bytes (empty for a namespace package).
  std::string code;
  /// The module's __file__ ("foo.py", "/lib/foo.mpy", "adafruit_hid/keyboard.py"); empty for namespace packages.
  std::string file;
  /// Where submodules of a package are searched ("/lib/adafruit_hid", ".frozen/adafruit_hid").
  std::string search_path;
};

class ModuleFinder {
 public:
  ModuleFinder(const Drive& drive, const FrozenImage& frozen) : m_drive(drive), m_frozen(frozen) {}

  /// The sys.path a fresh VM gets: ['', '/', '.frozen', '/lib'] (no '.frozen' without frozen modules).
  std::vector<std::string> default_sys_path() const;

  /// Looks `name` (one component, no dots) up in each entry of `sys_path` in order.
  std::optional<FoundModule> find_top_level(std::string_view name, const std::vector<std::string>& sys_path) const;
  /// Looks a submodule `name` up inside a package's search_path.
  std::optional<FoundModule> find_in(std::string_view search_path, std::string_view name) const;

  /// Names of frozen modules for help('modules').
  std::vector<std::string> frozen_help_names() const { return m_frozen.help_names(); }
  const FrozenImage& frozen() const { return m_frozen; }

 private:
  std::optional<FoundModule> find_on_drive(const std::string& dir, std::string_view name) const;
  std::optional<FoundModule> find_frozen(const std::string& dir, std::string_view name) const;

  const Drive& m_drive;
  const FrozenImage& m_frozen;
};

/// Why CircuitPython refuses these .mpy bytes (the ValueError text), or nothing when the header is loadable.
std::optional<std::string> mpy_refusal(std::string_view bytes);

}  // namespace cpy::firmware
