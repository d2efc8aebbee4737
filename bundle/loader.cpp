// Tag choice, asset fetching with fallbacks (mpy -> py, network -> cache), and indexing.
#include "bundle/loader.hpp"

#include <set>

#include "bundle/release.hpp"
#include "core/atomic_file.hpp"
#include "core/log.hpp"

namespace cpy::bundle {

namespace fs = std::filesystem;

void BundleSet::add(LoadedBundle bundle) { m_bundles.push_back(std::move(bundle)); }

std::optional<BundleSet::Hit> BundleSet::find(const std::string& name) const {
  for (const auto& b : m_bundles)
    if (const Library* lib = b.index.find(name)) return Hit{&b, lib};
  return std::nullopt;
}

std::vector<std::string> BundleSet::all_names() const {
  std::set<std::string> names;
  for (const auto& b : m_bundles)
    for (const auto& [name, _] : b.index.libraries()) names.insert(name);
  return {names.begin(), names.end()};
}

std::string zip_asset(const BundleSource& source, const std::string& platform, const std::string& tag) {
  return source.prefix + "-" + platform + "-" + tag + ".zip";
}

std::string json_asset(const BundleSource& source, const std::string& tag) {
  return source.prefix + "-" + tag + ".json";
}

namespace {

void warn(const LoadOptions& options, const std::string& text) {
  if (options.warn) options.warn(text);
}

Result<BundleIndex> index_for(const Archive& archive, const fs::path& json_file, bool& from_json) {
  std::error_code ec;
  from_json = !json_file.empty() && fs::exists(json_file, ec);
  if (!from_json) return BundleIndex::from_archive(archive);
  CPY_TRY(std::string text, read_file(json_file));
  return BundleIndex::from_json(text, json_file.string());
}

/// "<p>-py-<t>.zip" or "<p>-10.x-mpy-<t>.zip" -> "<p>-<t>.json" beside it.
fs::path json_beside(const fs::path& zip) {
  std::string name = zip.filename().string();
  for (const std::string marker : {"-py-", "-8.x-mpy-", "-9.x-mpy-", "-10.x-mpy-"}) {
    const auto pos = name.find(marker);
    if (pos == std::string::npos || !name.ends_with(".zip")) continue;
    return zip.parent_path() / (name.substr(0, pos) + "-" +
                                name.substr(pos + marker.size(), name.size() - pos - marker.size() - 4) + ".json");
  }
  return {};
}

std::string asset_url(const LoadOptions& options, const BundleSource& source, const std::string& tag,
                      const std::string& asset) {
  return options.base_url + "/" + source.repo + "/releases/download/" + tag + "/" + asset;
}

/// The platform zip of `tag`, falling back to the py zip when the platform zip does not exist (HTTP 404 or,
/// offline, not cached).
Result<std::pair<fs::path, std::string>> get_zip(const BundleSource& source, const std::string& tag, Http& http,
                                                 BundleCache& cache, const LoadOptions& options) {
  std::vector<std::string> platforms = {options.platform};
  if (options.platform != "py") platforms.push_back("py");
  Error last;
  for (const auto& platform : platforms) {
    const std::string asset = zip_asset(source, platform, tag);
    if (options.offline && !cache.has(source.repo, tag, asset)) {
      last = make_error(ExitCode::network, asset + " is not in the cache");
      continue;
    }
    auto path = cache.fetch(http, asset_url(options, source, tag, asset), source.repo, tag, asset, options.progress);
    if (path) {
      if (platform != options.platform)
        warn(options, source.repo + " " + tag + " has no " + options.platform + " zip; falling back to .py files");
      return std::make_pair(*path, platform);
    }
    if (path.error().code != ExitCode::failure) return path.take_error();  // only "not found" falls back
    last = path.take_error();
  }
  return last;
}

Result<LoadedBundle> load_tag(const BundleSource& source, const std::string& tag, Http& http, BundleCache& cache,
                              const LoadOptions& options) {
  CPY_TRY(auto zip, get_zip(source, tag, http, cache, options));
  const std::string json = json_asset(source, tag);
  fs::path json_file;
  if (cache.has(source.repo, tag, json) || !options.offline) {
    auto got = cache.fetch(http, asset_url(options, source, tag, json), source.repo, tag, json, options.progress);
    if (got)
      json_file = *got;
    else if (got.error().code != ExitCode::failure)
      return got.take_error();
    else
      log::info(source.repo + " " + tag + " has no JSON index; reading the zip instead");
  }
  auto archive = open_zip_on_use(zip.first);
  bool from_json = false;
  CPY_TRY(auto index, index_for(*archive, json_file, from_json));
  return LoadedBundle{source, tag, zip.second, std::move(archive), std::move(index), from_json};
}

/// Newest cached tag whose assets load, for --offline and for network failures.
Result<LoadedBundle> load_cached(const BundleSource& source, Http& http, BundleCache& cache, LoadOptions options,
                                 const std::string& skip) {
  options.offline = true;
  for (const auto& tag : cache.cached_tags(source.repo)) {
    if (tag == skip) continue;
    if (auto loaded = load_tag(source, tag, http, cache, options)) return loaded;
  }
  return make_error(ExitCode::network, "no cached copy of " + source.repo,
                    "connect to the network once (without --offline) to download it");
}

}  // namespace

Result<LoadedBundle> load_local_bundle(const BundleSource& source) {
  CPY_TRY(auto archive, open_archive(source.local_path));
  bool from_json = false;
  CPY_TRY(auto index, index_for(*archive, json_beside(source.local_path), from_json));
  return LoadedBundle{source, "local", "local", std::move(archive), std::move(index), from_json};
}

Result<LoadedBundle> load_remote_bundle(const BundleSource& source, Http& http, BundleCache& cache,
                                        const LoadOptions& options) {
  if (auto pin = options.pins.find(source.repo); pin != options.pins.end()) {
    auto loaded = load_tag(source, pin->second, http, cache, options);
    if (!loaded)
      return make_error(loaded.error().code,
                        "pinned bundle " + source.repo + " " + pin->second + ": " + loaded.error().message,
                        "check the pinned tag (--bundle-version or pyproject.toml)");
    return loaded;
  }
  if (options.offline) return load_cached(source, http, cache, options, {});
  ReleaseLookup lookup(http, options.base_url, cache.root(), options.ttl);
  auto tag = lookup.latest_tag(source.repo);
  if (!tag && tag.error().code != ExitCode::network) return tag.take_error();
  auto loaded = tag ? load_tag(source, *tag, http, cache, options) : Result<LoadedBundle>(tag.error());
  if (loaded || loaded.error().code != ExitCode::network) {
    if (loaded) cache.prune(source.repo, 2, {});
    return loaded;
  }
  auto cached = load_cached(source, http, cache, options, tag ? *tag : std::string());
  if (!cached) return loaded;
  warn(options, loaded.error().message + "; using the cached " + source.repo + " " + cached->tag);
  return cached;
}

Result<BundleSet> load_bundles(const std::vector<BundleSource>& sources, Http& http, BundleCache& cache,
                               const LoadOptions& options) {
  BundleSet set;
  std::optional<Error> first_error;
  for (const auto& source : sources) {
    auto loaded =
        source.kind == SourceKind::local ? load_local_bundle(source) : load_remote_bundle(source, http, cache, options);
    if (loaded) {
      set.add(std::move(*loaded));
      continue;
    }
    const bool fatal =
        sources.size() == 1 || options.pins.count(source.repo) || loaded.error().code == ExitCode::bad_input;
    if (fatal) return loaded.take_error();
    warn(options, "skipping bundle " + source.repo + ": " + loaded.error().message);
    if (!first_error) first_error = loaded.error();
  }
  if (set.bundles().empty())
    return first_error ? *first_error : make_error(ExitCode::failure, "no bundle sources configured");
  return set;
}

}  // namespace cpy::bundle
