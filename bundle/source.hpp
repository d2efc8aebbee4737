// Bundle sources: the Adafruit and Community bundles, custom owner/repo bundles, and local zips or folders.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace cpy::bundle {

enum class SourceKind { builtin, custom, local };

struct BundleSource {
  std::string repo;    // "owner/Repo_Name"; for a local source, the path
  std::string prefix;  // asset prefix: the repo name lower-cased, '_' -> '-'
  SourceKind kind = SourceKind::builtin;
  std::filesystem::path local_path;
};

inline constexpr const char* k_adafruit_bundle = "adafruit/Adafruit_CircuitPython_Bundle";
inline constexpr const char* k_community_bundle = "adafruit/CircuitPython_Community_Bundle";

/// "adafruit/Adafruit_CircuitPython_Bundle" -> "adafruit-circuitpython-bundle".
std::string asset_prefix(const std::string& repo);
/// Checks "owner/repo" (also accepts a https://github.com/owner/repo URL) and returns "owner/repo".
Result<std::string> parse_repo(const std::string& text);

BundleSource remote_source(const std::string& repo, SourceKind kind);
BundleSource local_source(const std::filesystem::path& path);

/// The built-in bundles followed by the custom ones saved in `<config>/bundles.json`.
Result<std::vector<BundleSource>> configured_sources(const std::filesystem::path& config_dir);
Status add_custom_source(const std::filesystem::path& config_dir, const std::string& repo);
/// Removes a custom bundle; removing a built-in one is an error.
Status remove_custom_source(const std::filesystem::path& config_dir, const std::string& repo);
Status reset_custom_sources(const std::filesystem::path& config_dir);

}  // namespace cpy::bundle
