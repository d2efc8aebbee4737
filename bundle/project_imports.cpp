// Walks a project's import graph: parse each file, resolve every import to a local file or an outside module.
#include "bundle/project_imports.hpp"

#include <algorithm>
#include <set>

#include "core/atomic_file.hpp"
#include "core/text.hpp"
#include "mpycross/source_scan.hpp"

namespace cpy::bundle {
namespace {

namespace fs = std::filesystem;

bool is_file(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);
}

/// `base/a/b.py` or `base/a/b/__init__.py` for the dotted name "a.b"; empty when neither exists.
fs::path module_file(const fs::path& base, const std::string& dotted) {
  fs::path p = base;
  for (const auto& part : split(dotted, '.')) p /= std::string(part);
  if (is_file(fs::path(p).concat(".py"))) return fs::path(p).concat(".py");
  if (is_file(p / "__init__.py")) return p / "__init__.py";
  return {};
}

class ProjectWalker {
 public:
  ProjectWalker(fs::path root, const IsLibrary& is_library) : m_root(std::move(root)), m_is_library(is_library) {}

  Status walk(const fs::path& entry) {
    m_out.entry = entry;
    m_todo.push_back(entry);
    while (!m_todo.empty()) {
      const fs::path file = m_todo.front();
      m_todo.erase(m_todo.begin());
      std::error_code ec;
      if (!m_seen.insert(fs::weakly_canonical(file, ec)).second) continue;
      m_out.local_files.push_back(file);
      CPY_CHECK(scan_file(file));
    }
    return ok_status();
  }

  ProjectImports take() { return std::move(m_out); }

 private:
  Status scan_file(const fs::path& file) {
    CPY_TRY(std::string text, read_file(file));
    const auto scan = mpycross::scan_imports(text);
    if (scan.error)
      return make_error(ExitCode::bad_input,
                        scan.error->type + ": " + scan.error->message + " (" + file.string() + ", line " +
                            std::to_string(scan.error->line) + ")",
                        "fix the file so mpy-cross compiles it");
    for (const auto& imp : scan.imports) resolve(file, imp);
    return ok_status();
  }

  void resolve(const fs::path& file, const mpycross::ImportedModule& imp) {
    if (imp.level > 0) {
      fs::path base = file.parent_path();
      for (int i = 1; i < imp.level; ++i) base = base.parent_path();
      follow(base, imp);
      return;
    }
    const std::string top = imp.module.substr(0, imp.module.find('.'));
    if (follow(m_root, imp)) return;
    if (!m_is_library(top) && follow(m_root / "lib", imp)) return;
    record(top, file, imp);
  }

  /// Queues the local files `imp` names under `base`; false when its module is not there.
  bool follow(const fs::path& base, const mpycross::ImportedModule& imp) {
    const fs::path main = imp.module.empty() ? fs::path() : module_file(base, imp.module);
    if (!imp.module.empty() && main.empty()) return false;
    if (!main.empty()) m_todo.push_back(main);
    queue_parent_packages(base, imp.module);
    // `from pkg import sub` and `from . import sub` may name submodules.
    const fs::path package = imp.module.empty()                 ? base
                             : main.filename() == "__init__.py" ? main.parent_path()
                                                                : fs::path();
    for (const auto& [name, alias] : imp.names)
      if (!package.empty() && name != "*")
        if (auto sub = module_file(package, name); !sub.empty()) m_todo.push_back(sub);
    return true;
  }

  /// Importing `a.b.c` runs `a/__init__.py` and `a/b/__init__.py` first.
  void queue_parent_packages(const fs::path& base, const std::string& dotted) {
    const auto parts = split(dotted, '.');
    fs::path dir = base;
    for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
      dir /= parts[i];
      if (is_file(dir / "__init__.py")) m_todo.push_back(dir / "__init__.py");
    }
  }

  void record(const std::string& top, const fs::path& file, const mpycross::ImportedModule& imp) {
    auto it = std::find_if(m_out.imports.begin(), m_out.imports.end(),
                           [&top](const ProjectImport& p) { return p.module == top; });
    if (it == m_out.imports.end()) {
      m_out.imports.push_back({top, file.string(), imp.line, imp.guarded});
    } else if (!imp.guarded) {
      it->optional = false;
    }
  }

  fs::path m_root;
  const IsLibrary& m_is_library;
  ProjectImports m_out;
  std::vector<fs::path> m_todo;
  std::set<fs::path> m_seen;
};

}  // namespace

Result<fs::path> project_entry(const fs::path& dir) {
  for (const char* name : {"code.txt", "code.py", "main.py", "main.txt"})
    if (is_file(dir / name)) return dir / name;
  return make_error(ExitCode::bad_input, "no code.py (or code.txt, main.py, main.txt) in " + dir.string(),
                    "name the project folder, or the file itself");
}

Result<ProjectImports> scan_project(const fs::path& root, const fs::path& entry, const IsLibrary& is_library) {
  ProjectWalker walker(root, is_library);
  CPY_CHECK(walker.walk(entry));
  return walker.take();
}

}  // namespace cpy::bundle
