// What is in a board's lib/ folder: modules and packages with their versions and formats.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "bundle/drive.hpp"

namespace cpy::bundle {

struct InstalledModule {
  std::string name;
  bool package = false;
  std::string version;             // "" when the module declares none
  std::vector<std::string> files;  // paths relative to the drive root ("lib/neopixel.mpy")
  int mpy_version = 0;             // of the module's main .mpy file; 0 for .py modules
  bool bad_mpy = false;            // a .mpy that is not a CircuitPython .mpy (wrong magic or version)
  bool py_beside_mpy = false;      // both lib/x.py and lib/x.mpy: the .py wins at import
  std::uint64_t bytes = 0;
};

/// Scans `lib/` of the drive: *.py, *.mpy and folders, skipping dot-files; a package's version comes from its
/// __init__ (then the first file that declares one). A folder that cannot be listed counts as empty.
std::vector<InstalledModule> scan_installed(DriveReader& drive);
std::vector<InstalledModule> scan_installed(const std::filesystem::path& drive_root);

const InstalledModule* find_installed(const std::vector<InstalledModule>& modules, const std::string& name);

}  // namespace cpy::bundle
