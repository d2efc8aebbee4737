// Blinka requirements: the PyPI packages that let a CircuitPython project run under CPython on a Linux board
// with Adafruit Blinka, from the modules it imports and the bundle index (pypi_name, version, dependencies).
#pragma once

#include <string>
#include <vector>

#include "bundle/loader.hpp"

namespace cpy::bundle {

struct BlinkaPackage {
  std::string pypi_name;    ///< "adafruit-circuitpython-bme280"
  std::string version;      ///< "" when unknown (then unpinned)
  std::string module;       ///< the bundle module it comes from; "" for adafruit-blinka itself
  std::string required_by;  ///< the module that pulled it in as a dependency; "" when imported directly
};

struct BlinkaNote {
  enum class Level { warning, note };
  Level level = Level::warning;
  std::string module;
  std::string text;
};

struct BlinkaRequirements {
  std::vector<BlinkaPackage> packages;  ///< adafruit-blinka first, then by PyPI name
  std::vector<BlinkaNote> notes;        ///< modules with no PyPI package, partial equivalents, unknown names
};

struct ImportedTopModule {
  std::string name;       ///< top-level module name ("adafruit_display_text")
  std::string version;    ///< the installed version, when known (freeze --pip); else the bundle's is used
  bool optional = false;  ///< imported inside try: (missing ones are notes, not warnings)
};

/// Maps imported top-level modules to pip requirements, following bundle dependencies transitively.
/// Python's standard library and the modules Blinka itself provides need nothing.
BlinkaRequirements blinka_requirements(const std::vector<ImportedTopModule>& modules, const BundleSet& bundles);

/// requirements.txt text: a comment naming `origin`, one `name==version` line per package, and the notes as
/// comments at the end.
std::string requirements_text(const BlinkaRequirements& reqs, const std::string& origin);

}  // namespace cpy::bundle
