// Writing bundle assets: zips through libzip (to a temp name, renamed when complete) and the JSON index.
#include "bundle/builder.hpp"

#include <algorithm>
#include <deque>
#include <nlohmann/json.hpp>
#include <set>

#include "bundle/module_version.hpp"
#include "bundle/names.hpp"
#include "bundle/requirements.hpp"
#include "bundle/zip_library.hpp"
#include "core/atomic_file.hpp"
#include "core/text.hpp"

namespace cpy::bundle {

namespace fs = std::filesystem;

namespace {

const std::set<std::string> k_skipped_top = {"examples", "docs", "tests", "utils", "setup.py", "conf.py", "build"};

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

/// The module at the top of a library folder: one *.py file or one folder of *.py (src/ is looked into).
std::optional<SourceLibrary> library_in(const fs::path& dir, const BuildOptions& options) {
  fs::path top = fs::exists(dir / "src") ? dir / "src" : dir;
  std::error_code ec;
  std::vector<fs::directory_entry> entries;
  for (const auto& e : fs::directory_iterator(top, ec)) entries.push_back(e);
  std::sort(entries.begin(), entries.end());
  for (const auto& e : entries) {
    const std::string name = e.path().filename().string();
    if (name[0] == '.' || k_skipped_top.count(name)) continue;
    const bool package = e.is_directory() && fs::exists(e.path() / "__init__.py");
    if (!package && !(e.is_regular_file() && e.path().extension() == ".py")) continue;
    SourceLibrary lib{top, package ? name : e.path().stem().string(), package, {}, {}};
    auto text = read_file(package ? e.path() / "__init__.py" : e.path());
    lib.version = text ? version_from_py(*text) : "";
    if (lib.version.empty() || lib.version == "0.0.0-auto.0" || lib.version == "0.0.0+auto.0")
      lib.version = options.tag;
    lib.repo = lower(options.repo_base + "/" + dir.filename().string());
    lib.dir = dir;
    return lib;
  }
  return std::nullopt;
}

/// The files of a library's module, as (path inside lib/, absolute path).
std::vector<std::pair<std::string, fs::path>> module_sources(const SourceLibrary& lib) {
  const fs::path top = fs::exists(lib.dir / "src") ? lib.dir / "src" : lib.dir;
  std::vector<std::pair<std::string, fs::path>> out;
  if (!lib.package) return {{lib.module + ".py", top / (lib.module + ".py")}};
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(top / lib.module, ec); it != fs::recursive_directory_iterator();
       it.increment(ec))
    if (it->is_regular_file() && it->path().filename().string()[0] != '.' && it->path().extension() != ".pyc")
      out.emplace_back(fs::relative(it->path(), top).generic_string(), it->path());
  std::sort(out.begin(), out.end());
  return out;
}

class ZipWriter {
 public:
  Status open(const fs::path& path) {
    m_path = path;
    m_temp = path.parent_path() / ("." + path.filename().string() + ".part");
    CPY_TRY(const ZipLibrary* lib, zip_library());
    m_lib = lib;
    int err = 0;
    m_zip = m_lib->open(m_temp.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (!m_zip) return make_error(ExitCode::io, "cannot create " + m_temp.string());
    return ok_status();
  }
  Status add(const std::string& name, std::string bytes) {
    m_buffers.push_back(std::move(bytes));
    zip_source_t* src = m_lib->source_buffer(m_zip, m_buffers.back().data(), m_buffers.back().size(), 0);
    if (!src || m_lib->file_add(m_zip, name.c_str(), src, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8) < 0) {
      if (src) m_lib->source_free(src);
      return make_error(ExitCode::io, "cannot add " + name + " to " + m_path.string() + ": " + m_lib->strerror(m_zip));
    }
    return ok_status();
  }
  Status close() {
    if (m_lib->close(m_zip) != 0) {
      const std::string reason = m_lib->strerror(m_zip);
      m_lib->discard(m_zip);
      return make_error(ExitCode::io, "cannot write " + m_path.string() + ": " + reason);
    }
    std::error_code ec;
    fs::rename(m_temp, m_path, ec);
    if (ec) return make_error(ExitCode::io, "cannot rename " + m_temp.string() + ": " + ec.message());
    return ok_status();
  }

 private:
  const ZipLibrary* m_lib = nullptr;
  fs::path m_path, m_temp;
  zip_t* m_zip = nullptr;
  std::deque<std::string> m_buffers;
};

struct Dependencies {
  std::vector<std::string> internal, external;
};

Dependencies dependencies_of(const SourceLibrary& lib, const std::set<std::string>& in_bundle) {
  std::set<std::string> internal, external;
  if (auto text = read_file(lib.dir / "requirements.txt"))
    for (const auto& req : parse_requirements(*text))
      (in_bundle.count(req.name) ? internal : external).insert(req.name);
  if (auto text = read_file(lib.dir / "pyproject.toml"))
    for (const auto& dep : parse_circup_dependencies(*text)) internal.insert(normalise_name(dep));
  internal.erase(lib.module);
  return {{internal.begin(), internal.end()}, {external.begin(), external.end()}};
}

/// Files common to every zip: requirements/, examples/, README.txt, VERSIONS.txt.
Status add_common(ZipWriter& zip, const std::string& top, const BuildOptions& options,
                  const std::vector<SourceLibrary>& libs) {
  std::string versions = options.tag + "\r\n";
  for (const auto& lib : libs) {
    versions += lib.repo + "/releases/tag/" + lib.version + "\r\n";
    for (const char* file : {"requirements.txt", "pyproject.toml"}) {
      auto text = read_file(lib.dir / file);
      if (text && !trim(*text).empty()) CPY_CHECK(zip.add(top + "requirements/" + lib.module + "/" + file, *text));
    }
    std::error_code ec;
    std::vector<fs::path> examples;
    for (auto it = fs::recursive_directory_iterator(lib.dir / "examples", ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
      if (it->is_regular_file()) examples.push_back(it->path());
    std::sort(examples.begin(), examples.end());
    const std::string short_name = lib.module.starts_with("adafruit_") ? lib.module.substr(9) : lib.module;
    for (const auto& ex : examples) {
      CPY_TRY(std::string bytes, read_file(ex));
      std::string rel = fs::relative(ex, lib.dir / "examples").generic_string();
      std::replace(rel.begin(), rel.end(), '-', '_');
      CPY_CHECK(zip.add(top + "examples/" + short_name + "/" + rel, std::move(bytes)));
    }
  }
  CPY_CHECK(zip.add(top + "VERSIONS.txt", versions));
  return zip.add(top + "README.txt", "Bundle " + options.prefix + " " + options.tag + ", built by cpytool.\r\n");
}

Result<fs::path> write_zip(const BuildOptions& options, const std::vector<SourceLibrary>& libs,
                           ModuleCompiler* compiler) {
  const std::string platform = compiler ? compiler->target_name() + "-mpy" : "py";
  const std::string top = options.prefix + "-" + platform + "-" + options.tag + "/";
  const fs::path path = options.out_dir / (options.prefix + "-" + platform + "-" + options.tag + ".zip");
  ZipWriter zip;
  CPY_CHECK(zip.open(path));
  for (const auto& lib : libs) {
    for (const auto& [rel, file] : module_sources(lib)) {
      CPY_TRY(std::string bytes, read_file(file));
      std::string name = rel;
      if (rel.ends_with(".py")) {
        if (auto v = version_from_py(bytes); v == "0.0.0-auto.0" || v == "0.0.0+auto.0")
          bytes.replace(bytes.find(v), v.size(), lib.version);
        if (compiler) {
          CPY_TRY(std::string mpy, compiler->compile(bytes, rel));
          bytes = std::move(mpy);
          name = rel.substr(0, rel.size() - 3) + ".mpy";
        }
      }
      CPY_CHECK(zip.add(top + "lib/" + name, std::move(bytes)));
    }
  }
  CPY_CHECK(add_common(zip, top, options, libs));
  CPY_CHECK(zip.close());
  return path;
}

Result<fs::path> write_json(const BuildOptions& options, const std::vector<SourceLibrary>& libs) {
  std::set<std::string> names;
  for (const auto& lib : libs) names.insert(lib.module);
  nlohmann::json doc = nlohmann::json::object();
  for (const auto& lib : libs) {
    const auto deps = dependencies_of(lib, names);
    std::string pypi = lower(lib.dir.filename().string());
    std::replace(pypi.begin(), pypi.end(), '_', '-');
    doc[lib.module] = {{"dependencies", deps.internal},
                       {"external_dependencies", deps.external},
                       {"package", lib.package},
                       {"path", "lib/" + lib.module},
                       {"pypi_name", pypi},
                       {"repo", lib.repo},
                       {"version", lib.version}};
  }
  const fs::path path = options.out_dir / (options.prefix + "-" + options.tag + ".json");
  CPY_CHECK(write_file_atomic(path, doc.dump(2) + "\n"));
  return path;
}

}  // namespace

Result<std::vector<SourceLibrary>> find_source_libraries(const BuildOptions& options) {
  std::vector<SourceLibrary> libs;
  for (const auto& src : options.sources) {
    std::error_code ec;
    if (fs::is_regular_file(src, ec)) continue;  // a shell glob over a libraries folder also names its README
    if (!fs::is_directory(src, ec)) return make_error(ExitCode::bad_input, "not a library folder: " + src.string());
    if (auto lib = library_in(src, options)) {
      libs.push_back(*lib);
      continue;
    }
    std::vector<fs::path> subdirs;
    for (const auto& e : fs::directory_iterator(src, ec))
      if (e.is_directory() && e.path().filename().string()[0] != '.') subdirs.push_back(e.path());
    std::sort(subdirs.begin(), subdirs.end());
    for (const auto& sub : subdirs)
      if (auto lib = library_in(sub, options)) libs.push_back(*lib);
  }
  if (libs.empty())
    return make_error(ExitCode::bad_input,
                      "no library sources found (a folder needs a .py module or a package at its top)");
  std::set<std::string> seen;
  for (const auto& lib : libs)
    if (!seen.insert(lib.module).second)
      return make_error(ExitCode::bad_input, "two source folders provide module '" + lib.module + "'");
  return libs;
}

Result<BuildResult> build_bundle(const BuildOptions& options) {
  if (options.tag.empty() || options.prefix.empty())
    return make_error(ExitCode::usage, "bundle build needs --tag and --prefix");
  CPY_TRY(auto libs, find_source_libraries(options));
  std::error_code ec;
  fs::create_directories(options.out_dir, ec);
  if (ec) return make_error(ExitCode::io, "cannot create " + options.out_dir.string() + ": " + ec.message());
  BuildResult result{{}, libs};
  CPY_TRY(fs::path py, write_zip(options, libs, nullptr));
  result.files.push_back(py);
  for (auto* compiler : options.compilers) {
    CPY_TRY(fs::path mpy, write_zip(options, libs, compiler));
    result.files.push_back(mpy);
  }
  CPY_TRY(fs::path json, write_json(options, libs));
  result.files.push_back(json);
  return result;
}

}  // namespace cpy::bundle
