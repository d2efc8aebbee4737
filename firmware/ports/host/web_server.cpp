// WebServer: accept, parse one request (with 100-continue), reply, close gracefully, then trigger auto-reload.
#include "firmware/ports/host/web_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

namespace cpy::firmware::host {

namespace {

constexpr int k_poll_slice_ms = 100;
constexpr int k_idle_timeout_ms = 10'000;
constexpr int k_linger_ms = 1'000;
constexpr int k_backlog = 8;

bool send_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

/// Half-closes, then reads what the client still sends until it closes too, so the reply is not lost to a reset.
void close_gracefully(int fd) {
  ::shutdown(fd, SHUT_WR);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(k_linger_ms);
  char sink[4096];
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, k_poll_slice_ms) <= 0) continue;
    if (::recv(fd, sink, sizeof sink, 0) <= 0) break;
  }
  ::close(fd);
}

FirmwareError socket_error(const std::string& what, int port) {
  return FirmwareError{"cannot " + what + " 127.0.0.1:" + std::to_string(port) + " for the web workflow (" +
                       std::strerror(errno) + ")"};
}

}  // namespace

WebServer::WebServer(WebWorkflow& workflow, std::function<void()> drive_changed)
    : m_workflow(workflow), m_drive_changed(std::move(drive_changed)) {}

WebServer::~WebServer() {
  m_stop = true;
  if (m_thread.joinable()) m_thread.join();
  if (m_listen_fd >= 0) ::close(m_listen_fd);
  if (m_log) std::fclose(m_log);
}

FwStatus WebServer::log_requests_to(const std::filesystem::path& file) {
  m_log = std::fopen(file.c_str(), "a");
  if (!m_log) return FirmwareError{"cannot open the web log " + file.string() + ": " + std::strerror(errno)};
  return Done{};
}

FwResult<int> WebServer::start(int port) {
  m_listen_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (m_listen_fd < 0) return socket_error("open a socket for", port);
  int one = 1;
  ::setsockopt(m_listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(m_listen_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) return socket_error("listen on", port);
  if (::listen(m_listen_fd, k_backlog) != 0) return socket_error("listen on", port);
  socklen_t length = sizeof addr;
  ::getsockname(m_listen_fd, reinterpret_cast<sockaddr*>(&addr), &length);
  m_thread = std::thread([this] { loop(); });
  return static_cast<int>(ntohs(addr.sin_port));
}

void WebServer::loop() {
  while (!m_stop) {
    pollfd p{m_listen_fd, POLLIN, 0};
    if (::poll(&p, 1, k_poll_slice_ms) <= 0) continue;
    int fd = ::accept4(m_listen_fd, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd >= 0) serve(fd);
  }
}

void WebServer::serve(int fd) {
  timeval send_timeout{k_idle_timeout_ms / 1000, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &send_timeout, sizeof send_timeout);
  HttpRequestParser parser;
  std::optional<HttpResponse> reply = read_request(fd, parser);
  if (reply) {
    send_all(fd, serialize(*reply));
    log(parser.request(), reply->status);
  }
  close_gracefully(fd);
  if (reply && reply->drive_changed && m_drive_changed) m_drive_changed();
}

std::optional<HttpResponse> WebServer::read_request(int fd, HttpRequestParser& parser) {
  bool head_checked = false;
  bool received = false;
  char buf[16384];
  while (!m_stop) {
    if (!wait_readable(fd, k_idle_timeout_ms)) {
      if (!received) return std::nullopt;
      return m_workflow.reject(408, parser.request());
    }
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return std::nullopt;
    received = true;
    parser.feed(std::string_view(buf, static_cast<std::size_t>(n)));
    const HttpRequest& request = parser.request();
    if (parser.state() == ParseState::failed) {
      int status = parser.error_status() == 413 && request.expects_continue() ? 417 : parser.error_status();
      return m_workflow.reject(status, request);
    }
    if (parser.head_done() && !head_checked) {
      head_checked = true;
      if (request.expects_continue()) {
        if (auto early = m_workflow.check_before_body(request)) return early;
        if (parser.state() == ParseState::body) send_all(fd, k_continue_reply);
      }
    }
    if (parser.state() == ParseState::complete) return m_workflow.handle(request);
  }
  return std::nullopt;
}

bool WebServer::wait_readable(int fd, int timeout_ms) const {
  for (int waited = 0; waited < timeout_ms && !m_stop; waited += k_poll_slice_ms) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, k_poll_slice_ms) > 0) return true;
  }
  return false;
}

void WebServer::log(const HttpRequest& request, int status) {
  if (!m_log) return;
  std::fprintf(m_log, "%s %s %d\n", request.method.empty() ? "-" : request.method.c_str(),
               request.target.empty() ? "-" : request.target.c_str(), status);
  std::fflush(m_log);
}

}  // namespace cpy::firmware::host
