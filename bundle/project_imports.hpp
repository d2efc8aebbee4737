// The modules a CircuitPython project imports: its code.py (or code.txt, main.py, main.txt) and the local modules
// that imports, followed with the compiler's parser (mpycross::scan_imports).
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace cpy::bundle {

struct ProjectImport {
  std::string module;  ///< top-level module name
  std::string file;    ///< the file that imports it
  int line = 0;
  bool optional = false;  ///< every import of it is inside a try: block
};

struct ProjectImports {
  std::filesystem::path entry;
  std::vector<ProjectImport> imports;              ///< modules that are not local files, first import first
  std::vector<std::filesystem::path> local_files;  ///< the entry and every local module followed
};

/// True for a module name a bundle provides: a copy in the project's lib/ is then that library.
using IsLibrary = std::function<bool(const std::string&)>;

/// The first of code.txt, code.py, main.py, main.txt in `dir`.
Result<std::filesystem::path> project_entry(const std::filesystem::path& dir);

/// Scans `entry` and follows local modules: `<root>/<name>.py`, `<root>/<name>/__init__.py` (and submodules),
/// relative imports, and `<root>/lib/<name>` when it is not a library. A file that does not parse is
/// ExitCode::bad_input with the parser's message and line.
Result<ProjectImports> scan_project(const std::filesystem::path& root, const std::filesystem::path& entry,
                                    const IsLibrary& is_library);

}  // namespace cpy::bundle
