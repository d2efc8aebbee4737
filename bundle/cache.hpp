// The download cache: release assets kept whole under <cache>/bundles/<owner>/<repo>/<tag>/, verified before use.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/http.hpp"
#include "core/result.hpp"

namespace cpy::bundle {

class BundleCache {
 public:
  explicit BundleCache(std::filesystem::path root);

  std::filesystem::path asset_path(const std::string& repo, const std::string& tag, const std::string& asset) const;
  bool has(const std::string& repo, const std::string& tag, const std::string& asset) const;
  /// Tags with any cached asset, newest first.
  std::vector<std::string> cached_tags(const std::string& repo) const;

  /// The cached asset, or a download of `url` to a temp file that is renamed into place only after it verifies
  /// (zips: structure and every CRC; JSON: parses). HTTP 404 gives ExitCode::failure, 5xx and connection
  /// failures ExitCode::network, a corrupt or truncated file ExitCode::bad_input.
  Result<std::filesystem::path> fetch(Http& http, const std::string& url, const std::string& repo,
                                      const std::string& tag, const std::string& asset, ProgressSink* progress);

  /// Deletes the tags of `repo` other than the `keep` newest ones and `pinned`.
  void prune(const std::string& repo, std::size_t keep, const std::vector<std::string>& pinned) const;
  const std::filesystem::path& root() const { return m_root; }

 private:
  std::filesystem::path m_root;
};

}  // namespace cpy::bundle
