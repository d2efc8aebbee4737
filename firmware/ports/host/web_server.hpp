// The web workflow's HTTP server on 127.0.0.1: POSIX sockets and poll on its own thread, one request per
// connection and one connection at a time, like the board's server.
#pragma once

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <thread>

#include "firmware/supervisor/error.hpp"
#include "firmware/supervisor/http_request.hpp"
#include "firmware/supervisor/web_workflow.hpp"

namespace cpy::firmware::host {

class WebServer {
 public:
  /// `drive_changed` runs (on the server thread) after the reply to a successful write was sent.
  WebServer(WebWorkflow& workflow, std::function<void()> drive_changed);
  ~WebServer();
  WebServer(const WebServer&) = delete;
  WebServer& operator=(const WebServer&) = delete;

  /// Listens on 127.0.0.1:`port` (0: a free port) and starts serving; returns the port.
  FwResult<int> start(int port);
  /// Appends "METHOD TARGET STATUS" per request to `file` (opened before start()).
  FwStatus log_requests_to(const std::filesystem::path& file);

 private:
  void loop();
  void serve(int fd);
  /// Reads one request; the reply to send (parse errors included), or nothing when the client went away.
  std::optional<HttpResponse> read_request(int fd, HttpRequestParser& parser);
  bool wait_readable(int fd, int timeout_ms) const;
  void log(const HttpRequest& request, int status);

  WebWorkflow& m_workflow;
  std::function<void()> m_drive_changed;
  int m_listen_fd = -1;
  std::FILE* m_log = nullptr;
  std::atomic<bool> m_stop{false};
  std::thread m_thread;
};

}  // namespace cpy::firmware::host
