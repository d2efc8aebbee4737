// The web workflow client: every /fs/ call with Basic auth (empty user), statuses turned into clear errors.
#include "device/web/web_files.hpp"

#include <cstdlib>

namespace cpy::device {

std::string web_password(const std::string& given) {
  if (!given.empty()) return given;
  for (const char* name : {"CPYTOOL_WEB_PASSWORD", "CIRCUP_WEBWORKFLOW_PASSWORD"})
    if (const char* value = std::getenv(name); value && *value) return value;
  return {};
}

std::string base64(std::string_view data) {
  static constexpr char k_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < data.size(); i += 3) {
    const auto n = (static_cast<unsigned char>(data[i]) << 16) | (static_cast<unsigned char>(data[i + 1]) << 8) |
                   static_cast<unsigned char>(data[i + 2]);
    for (int shift : {18, 12, 6, 0}) out += k_alphabet[(n >> shift) & 63];
  }
  const std::size_t rest = data.size() - i;
  if (rest > 0) {
    const auto n =
        (static_cast<unsigned char>(data[i]) << 16) | (rest == 2 ? static_cast<unsigned char>(data[i + 1]) << 8 : 0);
    out += k_alphabet[(n >> 18) & 63];
    out += k_alphabet[(n >> 12) & 63];
    out += rest == 2 ? k_alphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::string url_path(const std::string& path) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += k_hex[c >> 4];
      out += k_hex[c & 15];
    }
  }
  return out;
}

WebFiles::WebFiles(Http& http, WebTarget target) : m_http(http), m_target(std::move(target)) {}

Error WebFiles::status_error(long status, const std::string& what, const std::string& path) const {
  const std::string where = " (" + m_target.host + path + ")";
  switch (status) {
    case 401:
      return make_error(ExitCode::failure, "the board refused the web workflow password" + where,
                        "give the CIRCUITPY_WEB_API_PASSWORD from the board's settings.toml with --password or "
                        "CPYTOOL_WEB_PASSWORD");
    case 403:
      return make_error(ExitCode::failure, "the board refused the request (403)" + where,
                        "set CIRCUITPY_WEB_API_PASSWORD in the board's settings.toml");
    case 404:
      return make_error(ExitCode::io, "no such file or folder on the board" + where);
    case 409:
      return make_error(ExitCode::io, "the board's drive is in use over USB, so it is read-only on the network" + where,
                        "eject CIRCUITPY on the computer it is plugged into (or unplug USB), then retry");
    case 412:
      return make_error(ExitCode::io, "the destination already exists" + where);
    case 413:
    case 417:
      return make_error(ExitCode::io, "the file is too big for the board's drive" + where);
    default:
      return make_error(ExitCode::network, what + " failed with HTTP " + std::to_string(status) + where);
  }
}

Result<HttpResponse> WebFiles::request(const std::string& method, const std::string& fs_path, std::string body,
                                       std::vector<std::string> extra) {
  HttpRequest req;
  req.url = "http://" + m_target.host + "/fs" + url_path(fs_path);
  HttpSend send;
  send.method = method;
  send.body = std::move(body);
  send.headers = std::move(extra);
  send.headers.push_back("Authorization: Basic " + base64(":" + m_target.password));
  ++m_requests;
  auto response = m_http.send(req, send);
  if (!response && response.error().code == ExitCode::network)
    return make_error(ExitCode::network, "cannot reach the board at " + m_target.host + ": " + response.error().message,
                      "check the host name or IP (the board prints it in its status bar) and that it is on Wi-Fi");
  return response;
}

Result<nlohmann::json> WebFiles::version() {
  if (m_version) return *m_version;
  HttpRequest req;
  req.url = "http://" + m_target.host + "/cp/version.json";
  ++m_requests;
  auto response = m_http.fetch(req);
  if (!response)
    return make_error(ExitCode::network, "cannot reach the board at " + m_target.host + ": " + response.error().message,
                      "check the host name or IP and that the board's web workflow is on (settings.toml)");
  if (response->status != 200) return status_error(response->status, "GET /cp/version.json", "");
  auto doc = nlohmann::json::parse(response->body, nullptr, false);
  if (doc.is_discarded() || !doc.is_object())
    return make_error(ExitCode::bad_input, "the board's /cp/version.json is not a JSON object (" + m_target.host + ")");
  m_version = doc;
  return doc;
}

Result<std::vector<FileEntry>> WebFiles::list(const std::string& dir) {
  std::string path = normalize_board_path(dir);
  if (path.back() != '/') path += '/';
  CPY_TRY(HttpResponse response, request("GET", path, {}, {"Accept: application/json"}));
  if (response.status != 200) return status_error(response.status, "listing", path);
  auto doc = nlohmann::json::parse(response.body, nullptr, false);
  // web_api_version 4 wraps the list in an object; 8.x sent the bare array.
  const nlohmann::json* files = doc.is_object() && doc.contains("files") ? &doc["files"] : &doc;
  if (doc.is_discarded() || !files->is_array())
    return make_error(ExitCode::bad_input, "the board's folder listing is not the expected JSON (" + path + ")");
  if (doc.is_object() && doc.contains("free") && doc["free"].is_number_unsigned() && doc.contains("block_size") &&
      doc["block_size"].is_number_unsigned())
    m_free = doc["free"].get<std::uint64_t>() * doc["block_size"].get<std::uint64_t>();
  std::vector<FileEntry> entries;
  try {
    for (const auto& f : *files) {
      FileEntry e;
      e.name = f.at("name").get<std::string>();
      e.directory = f.value("directory", false);
      e.size = f.value("file_size", std::uint64_t{0});
      e.mtime = static_cast<std::int64_t>(f.value("modified_ns", std::int64_t{0}) / 1000000000);
      entries.push_back(std::move(e));
    }
  } catch (const nlohmann::json::exception&) {
    return make_error(ExitCode::bad_input, "the board's folder listing has an entry of the wrong shape (" + path + ")");
  }
  return entries;
}

Result<std::string> WebFiles::read(const std::string& path) {
  const std::string p = normalize_board_path(path);
  CPY_TRY(HttpResponse response, request("GET", p));
  if (response.status != 200) return status_error(response.status, "reading", p);
  return std::move(response.body);
}

Status WebFiles::write(const std::string& path, const std::string& data) {
  const std::string p = normalize_board_path(path);
  CPY_TRY(HttpResponse response, request("PUT", p, data, {"Expect:"}));
  if (response.status != 201 && response.status != 204) return status_error(response.status, "writing", p);
  return ok_status();
}

Status WebFiles::remove(const std::string& path) {
  const std::string p = normalize_board_path(path);
  CPY_TRY(HttpResponse response, request("DELETE", p));
  if (response.status != 204 && response.status != 200) return status_error(response.status, "removing", p);
  return ok_status();
}

Status WebFiles::mkdir(const std::string& path) {
  std::string p = normalize_board_path(path);
  if (p.back() != '/') p += '/';
  CPY_TRY(HttpResponse response, request("PUT", p, {}, {"Expect:"}));
  if (response.status != 201 && response.status != 204) return status_error(response.status, "creating", p);
  return ok_status();
}

Status WebFiles::move(const std::string& from, const std::string& to) {
  const std::string p = normalize_board_path(from);
  CPY_TRY(HttpResponse response, request("MOVE", p, {}, {"X-Destination: /fs" + url_path(normalize_board_path(to))}));
  if (response.status != 201 && response.status != 204) return status_error(response.status, "moving", p);
  return ok_status();
}

Result<FileCheck> WebFiles::check(const std::string& path) {
  CPY_TRY(std::string data, read(path));
  return FileCheck{data.size(), crc32(data)};
}

}  // namespace cpy::device
