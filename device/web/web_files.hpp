// The web workflow backend (device-protocol.md §7): /cp/version.json and the /fs/ API with Basic auth.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/http.hpp"
#include "device/board_files.hpp"

namespace cpy::device {

struct WebTarget {
  std::string host;      // "cpy-abc123.local", "192.168.1.5:8080"
  std::string password;  // CIRCUITPY_WEB_API_PASSWORD of the board; never printed or put in a URL
};

/// The password from `given`, else CPYTOOL_WEB_PASSWORD, else circup's CIRCUP_WEBWORKFLOW_PASSWORD.
std::string web_password(const std::string& given);

class WebFiles final : public BoardFiles {
 public:
  WebFiles(Http& http, WebTarget target);

  /// /cp/version.json, fetched once and then kept.
  Result<nlohmann::json> version();
  Result<std::vector<FileEntry>> list(const std::string& dir) override;
  Result<std::string> read(const std::string& path) override;
  Status write(const std::string& path, const std::string& data) override;
  Status remove(const std::string& path) override;
  Status mkdir(const std::string& path) override;
  Status move(const std::string& from, const std::string& to) override;
  /// Size from the folder listing; the web API offers no checksum, so the file is read back for one.
  Result<FileCheck> check(const std::string& path) override;
  /// HTTP requests made so far (the issue bounds them per command).
  int request_count() const { return m_requests; }
  /// Free bytes on the drive as the last folder listing reported them (web_api_version 4), if it did.
  std::optional<std::uint64_t> free_bytes() const { return m_free; }

 private:
  Result<HttpResponse> request(const std::string& method, const std::string& fs_path, std::string body = {},
                               std::vector<std::string> extra = {});
  Error status_error(long status, const std::string& what, const std::string& path) const;

  Http& m_http;
  WebTarget m_target;
  std::optional<nlohmann::json> m_version;
  int m_requests = 0;
  std::optional<std::uint64_t> m_free;
};

/// Percent-encodes a board path for a URL ('/' kept).
std::string url_path(const std::string& path);
std::string base64(std::string_view data);

}  // namespace cpy::device
