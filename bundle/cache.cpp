// Downloads into the cache with verify-then-rename, listing and pruning of cached tags.
#include "bundle/cache.hpp"

#include <unistd.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "bundle/archive.hpp"
#include "bundle/semver.hpp"
#include "core/atomic_file.hpp"
#include "core/log.hpp"

namespace cpy::bundle {

namespace fs = std::filesystem;

namespace {

Status verify_asset(const fs::path& file, const std::string& asset) {
  if (asset.ends_with(".zip")) return verify_zip(file);
  if (asset.ends_with(".json")) {
    CPY_TRY(std::string text, read_file(file));
    if (nlohmann::json::parse(text, nullptr, false).is_discarded())
      return make_error(ExitCode::bad_input, "downloaded " + asset + " is not valid JSON (truncated?)");
  }
  return ok_status();
}

Status check_status(const HttpResponse& response, const std::string& url) {
  if (response.status == 200) return ok_status();
  const std::string what = "HTTP " + std::to_string(response.status) + " for " + url;
  if (response.status == 404) return make_error(ExitCode::failure, "not found: " + what);
  if (response.status >= 500)
    return make_error(ExitCode::network, "server error: " + what, "try again later, or use --offline");
  return make_error(ExitCode::network, "unexpected " + what);
}

}  // namespace

BundleCache::BundleCache(fs::path root) : m_root(std::move(root)) {}

fs::path BundleCache::asset_path(const std::string& repo, const std::string& tag, const std::string& asset) const {
  return m_root / "bundles" / repo / tag / asset;
}

bool BundleCache::has(const std::string& repo, const std::string& tag, const std::string& asset) const {
  std::error_code ec;
  return fs::is_regular_file(asset_path(repo, tag, asset), ec);
}

std::vector<std::string> BundleCache::cached_tags(const std::string& repo) const {
  std::vector<std::string> tags;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(m_root / "bundles" / repo, ec))
    if (entry.is_directory()) tags.push_back(entry.path().filename().string());
  std::sort(tags.begin(), tags.end(), [](const auto& a, const auto& b) { return compare_versions(a, b) > 0; });
  return tags;
}

Result<fs::path> BundleCache::fetch(Http& http, const std::string& url, const std::string& repo, const std::string& tag,
                                    const std::string& asset, ProgressSink* progress) {
  const fs::path target = asset_path(repo, tag, asset);
  if (has(repo, tag, asset)) return target;
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  if (ec)
    return make_error(ExitCode::io,
                      "cannot create cache folder " + target.parent_path().string() + ": " + ec.message());
  const fs::path temp = target.parent_path() / ("." + asset + ".part-" + std::to_string(::getpid()));
  log::debug("GET " + url);
  HttpRequest request;
  request.url = url;
  request.to_file = temp.string();
  request.progress = progress;
  request.progress_label = asset;
  auto response = http.fetch(request);
  Status status = response ? check_status(*response, url) : Status(response.error());
  if (status.ok()) status = verify_asset(temp, asset);
  if (!status.ok()) {
    fs::remove(temp, ec);
    if (fs::is_empty(target.parent_path(), ec)) fs::remove(target.parent_path(), ec);
    return status.take_error();
  }
  fs::rename(temp, target, ec);
  if (ec) return make_error(ExitCode::io, "cannot move download into " + target.string() + ": " + ec.message());
  return target;
}

void BundleCache::prune(const std::string& repo, std::size_t keep, const std::vector<std::string>& pinned) const {
  const auto tags = cached_tags(repo);
  for (std::size_t i = keep; i < tags.size(); ++i) {
    if (std::find(pinned.begin(), pinned.end(), tags[i]) != pinned.end()) continue;
    std::error_code ec;
    fs::remove_all(m_root / "bundles" / repo / tags[i], ec);
    log::info("pruned cached bundle " + repo + " " + tags[i]);
  }
}

}  // namespace cpy::bundle
