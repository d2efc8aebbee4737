// WebWorkflow routing: redirects, origin check, auth, CORS, the /cp/ JSON endpoints and the small static pages.
#include "firmware/supervisor/web_workflow.hpp"

#include "firmware/supervisor/json_writer.hpp"
#include "firmware/supervisor/web_replies.hpp"

namespace cpy::firmware {

using namespace web;

namespace {

constexpr std::string_view k_local_name = "circuitpython.local";
constexpr std::string_view k_cp_methods = "GET, OPTIONS";
constexpr std::string_view k_fs_methods = "GET, OPTIONS, PUT, DELETE, MOVE";

bool constant_time_equal(std::string_view a, std::string_view b) {
  unsigned diff = a.size() == b.size() ? 0 : 1;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i]) ^ (i < b.size() ? b[i] : 0);
  return diff == 0;
}

/// `Host: circuitpython.local[:port]` is answered with a redirect to the board's own name.
bool is_shared_name(const std::string* host) {
  if (!host) return false;
  std::string_view h = *host;
  return h == k_local_name || (h.starts_with(k_local_name) && h[k_local_name.size()] == ':');
}

bool origin_allowed(std::string_view origin, std::string_view host) {
  constexpr std::string_view http = "http://";
  if (!origin.starts_with(http)) return true;
  std::string_view authority = origin.substr(http.size());
  if (authority == host) return true;
  return authority.substr(0, authority.find(':')) == "localhost";
}

}  // namespace

std::string base64_encode(std::string_view data) {
  static constexpr char k_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (std::size_t i = 0; i < data.size(); i += 3) {
    std::uint32_t n = static_cast<unsigned char>(data[i]) << 16;
    if (i + 1 < data.size()) n |= static_cast<unsigned char>(data[i + 1]) << 8;
    if (i + 2 < data.size()) n |= static_cast<unsigned char>(data[i + 2]);
    out += k_alphabet[(n >> 18) & 63];
    out += k_alphabet[(n >> 12) & 63];
    out += i + 1 < data.size() ? k_alphabet[(n >> 6) & 63] : '=';
    out += i + 2 < data.size() ? k_alphabet[n & 63] : '=';
  }
  return out;
}

WebWorkflow::WebWorkflow(const BoardIdentity& identity, Drive& drive, WebWorkflowConfig config)
    : m_identity(identity),
      m_drive(drive),
      m_config(std::move(config)),
      m_expected_authorization("Basic " + base64_encode(":" + m_config.password)) {}

HttpResponse WebWorkflow::handle(const HttpRequest& request) {
  HttpResponse response = route(request);
  add_cors(response, request);
  return response;
}

HttpResponse WebWorkflow::reject(int status, const HttpRequest& partial) const {
  HttpResponse response = status_only(status);
  add_cors(response, partial);
  return response;
}

std::optional<HttpResponse> WebWorkflow::check_before_body(const HttpRequest& head) const {
  auto decoded = percent_decode(head.target.substr(0, head.target.find('?')));
  if (!decoded) return reject(400, head);
  if (auto early = check_host_and_origin(head, *decoded)) {
    add_cors(*early, head);
    return early;
  }
  if (head.method != "PUT" || !decoded->starts_with("/fs/") || decoded->ends_with("/")) return std::nullopt;
  auto path = fs_drive_path(*decoded);
  std::optional<HttpResponse> early;
  if (!path) {
    early = status_only(400);
  } else if (!authorized(head)) {
    early = unauthorized();
  } else if (usb_owned()) {
    early = usb_conflict();
  } else {
    early = check_file_write(head, *path);
  }
  if (early) add_cors(*early, head);
  return early;
}

HttpResponse WebWorkflow::route(const HttpRequest& request) {
  auto decoded = percent_decode(request.target.substr(0, request.target.find('?')));
  if (!decoded) return status_only(400);
  if (auto early = check_host_and_origin(request, *decoded)) return *early;
  const std::string& path = *decoded;
  if (path.starts_with("/fs/")) return route_fs(request, path);
  if (path.starts_with("/cp/")) return route_cp(request, path);
  return route_static(request, path);
}

std::optional<HttpResponse> WebWorkflow::check_host_and_origin(const HttpRequest& request,
                                                               const std::string& path) const {
  const std::string* host = request.header("Host");
  if (is_shared_name(host)) {
    HttpResponse redirect = status_only(307);
    std::string port = m_config.port == 80 ? "" : ":" + std::to_string(m_config.port);
    bool websocket = request.header("Upgrade") && equals_ignoring_case(*request.header("Upgrade"), "websocket");
    redirect.with("Location", (websocket ? "ws://" : "http://") + m_config.hostname + ".local" + port + path);
    return redirect;
  }
  const std::string* origin = request.header("Origin");
  if (origin && !origin->empty() && !origin_allowed(*origin, host ? *host : "")) return status_only(403);
  return std::nullopt;
}

bool WebWorkflow::authorized(const HttpRequest& request) const {
  const std::string* given = request.header("Authorization");
  return given && constant_time_equal(*given, m_expected_authorization);
}

void WebWorkflow::add_cors(HttpResponse& response, const HttpRequest& request) const {
  const std::string* origin = request.header("Origin");
  response.with("Access-Control-Allow-Credentials", "true");
  response.with("Vary", "Origin, Accept, Upgrade");
  response.with("Access-Control-Allow-Origin", origin && !origin->empty() ? *origin : "*");
}

HttpResponse WebWorkflow::route_cp(const HttpRequest& request, const std::string& path) const {
  if (request.method == "OPTIONS") return preflight(k_cp_methods);
  if (request.method != "GET") return method_not_allowed(k_cp_methods);
  if (path == "/cp/version.json") return version_json();
  if (path == "/cp/devices.json") return devices_json();
  if (path == "/cp/diskinfo.json") return diskinfo_json();
  if (path == "/cp/serial/" && !authorized(request)) return unauthorized();
  // The serial websocket is not offered by the virtual board (its console is the pseudo-terminal).
  return status_only(404);
}

HttpResponse WebWorkflow::route_static(const HttpRequest& request, const std::string& path) const {
  if (request.method != "GET") return method_not_allowed("GET");
  if (path == "/")
    return html_reply("<!DOCTYPE html><html><head><title>" + m_config.instance_name + "</title></head><body><h1>" +
                      m_config.instance_name + "</h1><p>" + m_identity.version_line() +
                      "</p><p><a href=\"/fs/\">Files</a></p></body></html>");
  if (path == "/code/" || path == "/edit/") {
    if (!authorized(request)) return unauthorized();
    return html_reply("<!DOCTYPE html><html><body><p>Edit files through <a href=\"/fs/\">/fs/</a>.</p></body></html>");
  }
  return status_only(404);
}

HttpResponse WebWorkflow::version_json() const {
  JsonWriter json;
  json.begin_object();
  json.key("web_api_version").number(k_api_version);
  json.key("version").string(m_identity.version_tag);
  json.key("build_date").string(m_identity.build_date);
  json.key("board_name").string(m_config.instance_name);
  json.key("mcu_name").string(m_identity.mcu_name);
  json.key("board_id").string(m_identity.board_id);
  json.key("creator_id").number(0);
  json.key("creation_id").number(0);
  json.key("hostname").string(m_config.hostname);
  json.key("port").number(m_config.port);
  json.key("UID").string(m_identity.uid_hex());
  json.key("ip").string(m_config.ip);
  json.end_object();
  return json_reply(json);
}

HttpResponse WebWorkflow::devices_json() const {
  // No mDNS on loopback: no other boards are ever found.
  JsonWriter json;
  json.begin_object().key("total").number(0).key("devices").begin_array().end_array().end_object();
  return json_reply(json);
}

HttpResponse WebWorkflow::diskinfo_json() const {
  DriveUsage usage = m_drive.usage();
  JsonWriter json;
  json.begin_array().begin_object();
  json.key("root").string("/");
  json.key("free").unsigned_number(usage.free_blocks);
  json.key("total").unsigned_number(usage.total_blocks);
  json.key("block_size").unsigned_number(usage.block_size);
  json.key("writable").boolean(!usb_owned());
  json.end_object().end_array();
  return json_reply(json);
}

}  // namespace cpy::firmware
