// Latest-release lookup through GitHub's `releases/latest` redirect, remembered for a TTL.
#pragma once

#include <chrono>
#include <filesystem>
#include <nlohmann/json_fwd.hpp>
#include <string>

#include "core/http.hpp"
#include "core/result.hpp"

namespace cpy::bundle {

/// CPYTOOL_GITHUB_URL without a trailing slash, default https://github.com.
std::string github_base_url();

class ReleaseLookup {
 public:
  ReleaseLookup(Http& http, std::string base_url, std::filesystem::path cache_dir, std::chrono::seconds ttl);
  /// The latest tag of `repo`: from the tag cache when younger than the TTL, else from the redirect. A repository
  /// that answered 404 is remembered as having no releases for the TTL too.
  Result<std::string> latest_tag(const std::string& repo);
  /// The tag remembered from an earlier lookup, whatever its age ("" when none).
  std::string remembered_tag(const std::string& repo) const;

 private:
  Result<std::string> ask_server(const std::string& repo);
  void remember(const std::string& repo, const std::string& tag);
  void remember_missing(const std::string& repo);
  void save_tags(const nlohmann::json& tags) const;
  Error no_releases(const std::string& repo, const std::string& why) const;
  Http& m_http;
  std::string m_base_url;
  std::filesystem::path m_file;
  std::chrono::seconds m_ttl;
  bool m_missing = false;  // the last ask_server got a 404
};

/// The tag in a `Location: .../releases/tag/<tag>` header; "" when the URL has no tag.
std::string tag_from_location(const std::string& location);

}  // namespace cpy::bundle
