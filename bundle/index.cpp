// Building the bundle index from JSON or from the archive's lib/ and requirements/ folders.
#include "bundle/index.hpp"

#include <nlohmann/json.hpp>
#include <set>

#include "bundle/module_version.hpp"
#include "bundle/names.hpp"
#include "bundle/requirements.hpp"
#include "core/text.hpp"

namespace cpy::bundle {

namespace {

std::string json_text(const nlohmann::json& obj, const char* key) {
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<std::string> dependencies_from(const Archive& archive, const std::string& name) {
  std::set<std::string> deps;
  const std::string base = "requirements/" + name + "/";
  if (archive.contains(base + "requirements.txt"))
    if (auto text = archive.read(base + "requirements.txt"))
      for (const auto& req : parse_requirements(*text)) deps.insert(req.name);
  if (archive.contains(base + "pyproject.toml"))
    if (auto text = archive.read(base + "pyproject.toml"))
      for (const auto& dep : parse_circup_dependencies(*text))
        if (!is_host_only_package(dep)) deps.insert(normalise_name(dep));
  deps.erase(name);
  return {deps.begin(), deps.end()};
}

std::string version_in(const Archive& archive, const std::string& file) {
  if (file.empty()) return {};
  auto bytes = archive.read(file);
  if (!bytes) return {};
  return file.ends_with(".mpy") ? mpy_facts(*bytes).version : version_from_py(*bytes);
}

}  // namespace

Result<BundleIndex> BundleIndex::from_json(const std::string& text, const std::string& origin) {
  const auto doc = nlohmann::json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object())
    return make_error(ExitCode::bad_input, "bundle index is not a JSON object (" + origin + ")");
  BundleIndex index;
  for (const auto& [name, entry] : doc.items()) {
    if (!entry.is_object())
      return make_error(ExitCode::bad_input, "entry '" + name + "' is not an object (" + origin + ")");
    Library lib{name,
                entry.value("package", false),
                json_text(entry, "version"),
                {},
                json_text(entry, "repo"),
                json_text(entry, "pypi_name"),
                json_text(entry, "pypi_description"),
                {}};
    if (auto it = entry.find("dependencies"); it != entry.end() && it->is_array())
      for (const auto& dep : *it)
        if (dep.is_string() && !is_host_only_package(dep.get<std::string>()))
          lib.dependencies.push_back(normalise_name(dep.get<std::string>()));
    if (auto it = entry.find("external_dependencies"); it != entry.end() && it->is_array())
      for (const auto& dep : *it)
        if (dep.is_string()) lib.external_dependencies.push_back(dep.get<std::string>());
    index.m_libs.emplace(name, std::move(lib));
  }
  return index;
}

BundleIndex BundleIndex::from_archive(const Archive& archive) {
  BundleIndex index;
  for (const auto& file : archive.files_under("lib/")) {
    const std::string rest = file.substr(4);
    const auto slash = rest.find('/');
    std::string name = slash == std::string::npos ? rest.substr(0, rest.rfind('.')) : rest.substr(0, slash);
    if (slash == std::string::npos && !(rest.ends_with(".py") || rest.ends_with(".mpy"))) continue;
    if (name.empty() || name[0] == '.' || index.m_libs.count(name)) continue;
    Library lib{name, slash != std::string::npos, {}, dependencies_from(archive, name), {}, {}, {}, {}};
    lib.version = version_in(archive, module_main_file(archive, name));
    index.m_libs.emplace(name, std::move(lib));
  }
  return index;
}

const Library* BundleIndex::find(const std::string& name) const {
  auto it = m_libs.find(name);
  return it == m_libs.end() ? nullptr : &it->second;
}

std::vector<std::string> BundleIndex::names() const {
  std::vector<std::string> out;
  for (const auto& [name, _] : m_libs) out.push_back(name);
  return out;
}

std::vector<std::string> module_files(const Archive& archive, const std::string& name) {
  for (const char* ext : {".mpy", ".py"})
    if (archive.contains("lib/" + name + ext)) return {"lib/" + name + ext};
  return archive.files_under("lib/" + name + "/");
}

std::string module_main_file(const Archive& archive, const std::string& name) {
  for (const char* candidate : {".mpy", ".py", "/__init__.mpy", "/__init__.py"})
    if (archive.contains("lib/" + name + candidate)) return "lib/" + name + candidate;
  for (const auto& file : archive.files_under("lib/" + name + "/"))
    if (file.ends_with(".py") || file.ends_with(".mpy")) return file;
  return {};
}

}  // namespace cpy::bundle
