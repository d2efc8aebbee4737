// Bundle source naming and the saved list of custom bundles.
#include "bundle/source.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/atomic_file.hpp"
#include "core/text.hpp"

namespace cpy::bundle {

namespace fs = std::filesystem;

namespace {

fs::path config_file(const fs::path& dir) { return dir / "bundles.json"; }

Result<std::vector<std::string>> load_custom(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(config_file(dir), ec)) return std::vector<std::string>{};
  CPY_TRY(std::string text, read_file(config_file(dir)));
  const auto doc = nlohmann::json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.value("custom", nlohmann::json::array()).is_array())
    return make_error(ExitCode::bad_input, "not a bundle list: " + config_file(dir).string(),
                      "fix or delete the file (cpytool bundle remove --reset)");
  std::vector<std::string> repos;
  for (const auto& r : doc.value("custom", nlohmann::json::array()))
    if (r.is_string()) repos.push_back(r.get<std::string>());
  return repos;
}

Status save_custom(const fs::path& dir, const std::vector<std::string>& repos) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return make_error(ExitCode::io, "cannot create " + dir.string() + ": " + ec.message());
  const nlohmann::json doc = {{"custom", repos}};
  return write_file_atomic(config_file(dir), doc.dump(2) + "\n");
}

bool is_builtin(const std::string& repo) { return repo == k_adafruit_bundle || repo == k_community_bundle; }

}  // namespace

std::string asset_prefix(const std::string& repo) {
  std::string name = repo.substr(repo.rfind('/') + 1);
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  std::replace(name.begin(), name.end(), '_', '-');
  return name;
}

Result<std::string> parse_repo(const std::string& text) {
  std::string repo(trim(text));
  for (const char* prefix : {"https://github.com/", "http://github.com/", "github.com/"})
    if (starts_with(repo, prefix)) repo = repo.substr(std::string_view(prefix).size());
  while (!repo.empty() && repo.back() == '/') repo.pop_back();
  if (repo.ends_with(".git")) repo.resize(repo.size() - 4);
  const auto parts = split(repo, '/');
  const auto valid = [](const std::string& p) {
    return !p.empty() && p != "." && p != ".." && std::all_of(p.begin(), p.end(), [](unsigned char c) {
      return std::isalnum(c) || c == '_' || c == '-' || c == '.';
    });
  };
  if (parts.size() != 2 || !valid(parts[0]) || !valid(parts[1]))
    return make_error(ExitCode::usage, "not a GitHub repository: '" + text + "'", "write it as owner/repo");
  return repo;
}

BundleSource remote_source(const std::string& repo, SourceKind kind) { return {repo, asset_prefix(repo), kind, {}}; }

BundleSource local_source(const fs::path& path) {
  return {path.string(), path.stem().string(), SourceKind::local, path};
}

Result<std::vector<BundleSource>> configured_sources(const fs::path& config_dir) {
  std::vector<BundleSource> sources = {remote_source(k_adafruit_bundle, SourceKind::builtin),
                                       remote_source(k_community_bundle, SourceKind::builtin)};
  CPY_TRY(auto custom, load_custom(config_dir));
  for (const auto& repo : custom) sources.push_back(remote_source(repo, SourceKind::custom));
  return sources;
}

Status add_custom_source(const fs::path& config_dir, const std::string& repo) {
  CPY_TRY(auto custom, load_custom(config_dir));
  if (is_builtin(repo) || std::find(custom.begin(), custom.end(), repo) != custom.end()) return ok_status();
  custom.push_back(repo);
  return save_custom(config_dir, custom);
}

Status remove_custom_source(const fs::path& config_dir, const std::string& repo) {
  if (is_builtin(repo)) return make_error(ExitCode::usage, repo + " is a built-in bundle and cannot be removed");
  CPY_TRY(auto custom, load_custom(config_dir));
  auto it = std::find(custom.begin(), custom.end(), repo);
  if (it == custom.end())
    return make_error(ExitCode::usage, repo + " is not in the bundle list", "see cpytool bundle show");
  custom.erase(it);
  return save_custom(config_dir, custom);
}

Status reset_custom_sources(const fs::path& config_dir) { return save_custom(config_dir, {}); }

}  // namespace cpy::bundle
