// The bundle index: module name -> version, dependencies, repo; from the bundle JSON or, without it, the zip.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "bundle/archive.hpp"
#include "core/result.hpp"

namespace cpy::bundle {

struct Library {
  std::string name;  // module name as in lib/ ("adafruit_bme280", "neopixel")
  bool package = false;
  std::string version;
  std::vector<std::string> dependencies;  // normalised module names
  std::string repo;                       // lower-cased URL
  std::string pypi_name;
  std::string description;
  std::vector<std::string> external_dependencies;  // PyPI names outside the bundle (JSON only)
};

class BundleIndex {
 public:
  /// Parses `<prefix>-<tag>.json`; `origin` names it in errors.
  static Result<BundleIndex> from_json(const std::string& text, const std::string& origin);
  /// Without JSON: modules from lib/, dependencies from requirements/<lib>/requirements.txt and pyproject.toml,
  /// versions from each module's __version__.
  static BundleIndex from_archive(const Archive& archive);

  const Library* find(const std::string& name) const;
  const std::map<std::string, Library>& libraries() const { return m_libs; }
  std::vector<std::string> names() const;

 private:
  std::map<std::string, Library> m_libs;
};

/// The files of a module in a bundle archive: "lib/<name>.mpy|.py" or everything under "lib/<name>/".
std::vector<std::string> module_files(const Archive& archive, const std::string& name);
/// The file holding a module's __version__: the single file, or the package's __init__.
std::string module_main_file(const Archive& archive, const std::string& name);

}  // namespace cpy::bundle
