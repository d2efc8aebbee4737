// The web workflow (device-protocol.md §7) as request -> reply over the drive: /cp/ JSON, the /fs/ file API,
// Basic auth with an empty user, CORS, and the 409 while a USB host owns the drive. No sockets here.
#pragma once

#include <atomic>
#include <optional>
#include <string>

#include "firmware/supervisor/board_identity.hpp"
#include "firmware/supervisor/drive.hpp"
#include "firmware/supervisor/http_request.hpp"
#include "firmware/supervisor/http_response.hpp"

namespace cpy::firmware {

struct WebWorkflowConfig {
  std::string password;       ///< CIRCUITPY_WEB_API_PASSWORD (the server does not start without one)
  std::string instance_name;  ///< CIRCUITPY_WEB_INSTANCE_NAME, else the board name
  std::string hostname;       ///< "cpy-xxxxxx"
  std::string ip = "127.0.0.1";
  int port = 80;
};

/// Who may write the drive: a USB host that mounted it makes every web write answer 409.
enum class UsbDrive { released, owned_by_host };

class WebWorkflow {
 public:
  static constexpr int k_api_version = 4;

  WebWorkflow(const BoardIdentity& identity, Drive& drive, WebWorkflowConfig config);

  void set_port(int port) { m_config.port = port; }
  void set_usb_drive(UsbDrive state) { m_usb = state; }

  /// For a request with `Expect: 100-continue`, decided from the head alone: the final reply to send instead of
  /// `100 Continue` (401, 403, 404, 409, 417), or nothing to go on and read the body.
  std::optional<HttpResponse> check_before_body(const HttpRequest& head) const;
  /// The reply to a complete request. File changes happen here; `drive_changed` says one succeeded.
  HttpResponse handle(const HttpRequest& request);
  /// The reply to a request the parser rejected (`partial` holds what was parsed).
  HttpResponse reject(int status, const HttpRequest& partial) const;

 private:
  HttpResponse route(const HttpRequest& request);
  std::optional<HttpResponse> check_host_and_origin(const HttpRequest& request, const std::string& path) const;
  HttpResponse route_cp(const HttpRequest& request, const std::string& path) const;
  HttpResponse route_static(const HttpRequest& request, const std::string& path) const;
  HttpResponse route_fs(const HttpRequest& request, const std::string& path);
  bool authorized(const HttpRequest& request) const;
  void add_cors(HttpResponse& response, const HttpRequest& request) const;

  HttpResponse version_json() const;
  HttpResponse devices_json() const;
  HttpResponse diskinfo_json() const;

  HttpResponse list_directory(const HttpRequest& request, const std::string& dir) const;
  HttpResponse get_file(const std::string& path) const;
  HttpResponse put_file(const HttpRequest& request, const std::string& path);
  HttpResponse make_directories(const HttpRequest& request, const std::string& path);
  HttpResponse delete_entry(const std::string& path);
  HttpResponse move_entry(const HttpRequest& request, const std::string& path);
  /// 404 when the parent folder is missing, 417/413 when the body cannot fit; nothing when the write may go on.
  std::optional<HttpResponse> check_file_write(const HttpRequest& head, const std::string& path) const;
  FwStatus remove_tree(const std::string& path);
  bool usb_owned() const { return m_usb == UsbDrive::owned_by_host; }

  const BoardIdentity& m_identity;
  Drive& m_drive;
  WebWorkflowConfig m_config;
  std::string m_expected_authorization;
  std::atomic<UsbDrive> m_usb{UsbDrive::released};
};

/// Standard base64 with padding (the Authorization header).
std::string base64_encode(std::string_view data);

/// "/fs/lib/a.py" -> "/lib/a.py", "/fs/lib/" -> "/lib", "/fs/" -> "/"; nothing for "." / ".." / empty segments.
std::optional<std::string> fs_drive_path(std::string_view decoded_target);

}  // namespace cpy::firmware
