// Building a bundle release from library source folders: the py zip, the N.x-mpy zips (through a
// compiler the caller supplies) and the JSON index, in the official layout.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace cpy::bundle {

/// Compiles one module's source to .mpy bytes for one CircuitPython target; `source_name` is the path
/// recorded in the .mpy ("adafruit_bus_device/i2c_device.py").
class ModuleCompiler {
 public:
  virtual ~ModuleCompiler() = default;
  virtual std::string target_name() const = 0;  // "9.x", "10.x"
  virtual Result<std::string> compile(const std::string& source, const std::string& source_name) = 0;
};

struct BuildOptions {
  std::vector<std::filesystem::path> sources;  // library folders, or folders of library folders
  std::string tag;
  std::string prefix;
  std::filesystem::path out_dir;
  std::string repo_base = "https://github.com/adafruit";
  std::vector<ModuleCompiler*> compilers;  // one mpy zip each; none -> py zip and JSON only
};

struct SourceLibrary {
  std::filesystem::path dir;
  std::string module;  // lib/ name
  bool package = false;
  std::string version;
  std::string repo;
};

struct BuildResult {
  std::vector<std::filesystem::path> files;  // written assets
  std::vector<SourceLibrary> libraries;
};

/// The libraries found in the source folders (a folder with a module at its top is one library; otherwise
/// each sub-folder is tried).
Result<std::vector<SourceLibrary>> find_source_libraries(const BuildOptions& options);
Result<BuildResult> build_bundle(const BuildOptions& options);

}  // namespace cpy::bundle
