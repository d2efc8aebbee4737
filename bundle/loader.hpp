// Loading bundles for a command: pick each source's tag (pin, offline, latest), fetch or reuse its assets,
// fall back to the cache when the network fails, and index the result.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bundle/archive.hpp"
#include "bundle/cache.hpp"
#include "bundle/index.hpp"
#include "bundle/source.hpp"
#include "core/http.hpp"

namespace cpy::bundle {

struct LoadOptions {
  std::string base_url;
  bool offline = false;
  std::map<std::string, std::string> pins;  // "owner/repo" -> tag
  std::string platform = "py";              // "py", "8.x-mpy", "9.x-mpy", "10.x-mpy"
  std::chrono::seconds ttl{3600};
  ProgressSink* progress = nullptr;
  std::function<void(const std::string&)> warn;
};

struct LoadedBundle {
  BundleSource source;
  std::string tag;
  std::string platform;  // what was loaded (py when the platform zip was missing)
  std::unique_ptr<Archive> archive;
  BundleIndex index;
  bool indexed_from_json = false;
};

class BundleSet {
 public:
  struct Hit {
    const LoadedBundle* bundle;
    const Library* library;
  };
  void add(LoadedBundle bundle);
  /// The first bundle (in source order) that provides `name`.
  std::optional<Hit> find(const std::string& name) const;
  std::vector<std::string> all_names() const;
  const std::vector<LoadedBundle>& bundles() const { return m_bundles; }

 private:
  std::vector<LoadedBundle> m_bundles;
};

/// "<prefix>-<platform>-<tag>.zip" and "<prefix>-<tag>.json".
std::string zip_asset(const BundleSource& source, const std::string& platform, const std::string& tag);
std::string json_asset(const BundleSource& source, const std::string& tag);

Result<LoadedBundle> load_local_bundle(const BundleSource& source);
Result<LoadedBundle> load_remote_bundle(const BundleSource& source, Http& http, BundleCache& cache,
                                        const LoadOptions& options);
/// Every source; a source that fails is reported through options.warn unless it is the only one or pinned.
Result<BundleSet> load_bundles(const std::vector<BundleSource>& sources, Http& http, BundleCache& cache,
                               const LoadOptions& options);

}  // namespace cpy::bundle
