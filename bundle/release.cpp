// GET <base>/<repo>/releases/latest without following the redirect; the tag is the Location's last segment.
#include "bundle/release.hpp"

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "core/atomic_file.hpp"
#include "core/log.hpp"

namespace cpy::bundle {

namespace fs = std::filesystem;

namespace {

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

nlohmann::json load_tags(const fs::path& file) {
  auto text = read_file(file);
  if (!text) return nlohmann::json::object();
  auto doc = nlohmann::json::parse(*text, nullptr, false);
  return doc.is_object() ? doc : nlohmann::json::object();
}

}  // namespace

std::string github_base_url() {
  std::string url = "https://github.com";
  if (const char* env = std::getenv("CPYTOOL_GITHUB_URL"); env && *env) url = env;
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

std::string tag_from_location(const std::string& location) {
  std::string loc = location.substr(0, location.find_first_of("?#"));
  while (!loc.empty() && loc.back() == '/') loc.pop_back();
  const auto marker = loc.find("/releases/tag/");
  if (marker == std::string::npos) return {};
  const std::string tag = loc.substr(marker + 14);
  return tag.find('/') == std::string::npos ? tag : std::string();
}

ReleaseLookup::ReleaseLookup(Http& http, std::string base_url, fs::path cache_dir, std::chrono::seconds ttl)
    : m_http(http), m_base_url(std::move(base_url)), m_file(cache_dir / "latest-tags.json"), m_ttl(ttl) {}

Result<std::string> ReleaseLookup::latest_tag(const std::string& repo) {
  const auto tags = load_tags(m_file);
  if (auto it = tags.find(repo); it != tags.end() && it->is_object()) {
    const std::int64_t age = now_seconds() - it->value("checked", std::int64_t{0});
    if (age >= 0 && age < m_ttl.count()) {
      // A repository without releases (the Community bundle on a fork, a typo) is not asked again every run.
      if (it->value("missing", false)) return no_releases(repo, "remembered for " + std::to_string(age) + " s");
      return it->value("tag", std::string());
    }
  }
  auto tag = ask_server(repo);
  if (tag.ok()) remember(repo, *tag);
  if (!tag.ok() && m_missing) remember_missing(repo);
  return tag;
}

Error ReleaseLookup::no_releases(const std::string& repo, const std::string& why) const {
  return make_error(ExitCode::failure, "no releases found for " + repo + " (" + why + ")",
                    "check the owner/repo name (cpytool bundle show)");
}

std::string ReleaseLookup::remembered_tag(const std::string& repo) const {
  const auto tags = load_tags(m_file);
  auto it = tags.find(repo);
  return it != tags.end() && it->is_object() ? it->value("tag", std::string()) : std::string();
}

Result<std::string> ReleaseLookup::ask_server(const std::string& repo) {
  const std::string url = m_base_url + "/" + repo + "/releases/latest";
  log::debug("GET (no redirect) " + url);
  HttpRequest request;
  request.url = url;
  request.redirects = Redirects::keep;
  m_missing = false;
  CPY_TRY(HttpResponse response, m_http.fetch(request));
  if (response.status == 404) {
    m_missing = true;
    return no_releases(repo, "HTTP 404 from " + url);
  }
  if (response.status >= 500)
    return make_error(ExitCode::network, "HTTP " + std::to_string(response.status) + " from " + url);
  const std::string tag = tag_from_location(response.location);
  if (response.status < 300 || response.status >= 400 || tag.empty())
    return make_error(ExitCode::network, "unexpected answer to " + url + " (HTTP " + std::to_string(response.status) +
                                             ", no release tag)");
  return tag;
}

void ReleaseLookup::remember(const std::string& repo, const std::string& tag) {
  auto tags = load_tags(m_file);
  tags[repo] = {{"tag", tag}, {"checked", now_seconds()}};
  save_tags(tags);
}

void ReleaseLookup::remember_missing(const std::string& repo) {
  auto tags = load_tags(m_file);
  if (!tags[repo].is_object()) tags[repo] = nlohmann::json::object();
  tags[repo]["missing"] = true;  // an earlier tag stays for the offline fallback
  tags[repo]["checked"] = now_seconds();
  save_tags(tags);
}

void ReleaseLookup::save_tags(const nlohmann::json& tags) const {
  std::error_code ec;
  fs::create_directories(m_file.parent_path(), ec);
  if (auto s = write_file_atomic(m_file, tags.dump(2)); !s)
    log::warn("cannot save the tag cache: " + s.error().message);
}

}  // namespace cpy::bundle
