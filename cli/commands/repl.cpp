// `cpytool repl`: an interactive terminal on the board's console; Ctrl-] quits; survives resets and re-plugging.
#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <thread>

#include "cli/commands/commands.hpp"
#include "cli/commands/device_session.hpp"
#include "cli/ui/output.hpp"
#include "device/usb/discovery.hpp"

namespace cpy::cli {

namespace {

constexpr char k_exit_key = '\x1d';  // Ctrl-]
constexpr auto k_tick = std::chrono::milliseconds(20);
constexpr auto k_retry = std::chrono::milliseconds(300);

struct ReplOptions {
  ConnectionOptions connection;
  std::string log;
};

/// Puts the terminal on stdin into raw mode for its lifetime (nothing when stdin is not a terminal).
class RawTerminal {
 public:
  RawTerminal() : m_active(::isatty(STDIN_FILENO) && ::tcgetattr(STDIN_FILENO, &m_saved) == 0) {
    if (!m_active) return;
    termios raw = m_saved;
    ::cfmakeraw(&raw);
    ::tcsetattr(STDIN_FILENO, TCSANOW, &raw);
  }
  ~RawTerminal() {
    if (m_active) ::tcsetattr(STDIN_FILENO, TCSANOW, &m_saved);
  }
  RawTerminal(const RawTerminal&) = delete;
  RawTerminal& operator=(const RawTerminal&) = delete;

 private:
  bool m_active;
  termios m_saved{};
};

enum class Keys { none, data, quit, closed };

/// Keys typed since the last call (waits up to one tick).
Keys read_keys(std::string& keys) {
  keys.clear();
  pollfd p{STDIN_FILENO, POLLIN, 0};
  if (::poll(&p, 1, static_cast<int>(k_tick.count())) <= 0) return Keys::none;
  char buffer[256];
  const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
  if (n <= 0) return Keys::closed;
  keys.assign(buffer, static_cast<std::size_t>(n));
  if (const auto at = keys.find(k_exit_key); at != std::string::npos) {
    keys.erase(at);
    return Keys::quit;
  }
  return Keys::data;
}

void notice(const std::string& text) {
  std::fprintf(stderr, "\r\n[cpytool: %s]\r\n", text.c_str());
  std::fflush(stderr);
}

class Terminal {
 public:
  explicit Terminal(const ReplOptions& o) : m_options(o) {
    if (!o.log.empty()) m_log.open(o.log, std::ios::binary | std::ios::app);
  }

  Status connect() {
    CPY_TRY(const std::string path, device::resolve_port(m_options.connection.port));
    CPY_TRY(m_port, device::open_serial_port(path));
    return ok_status();
  }

  /// Pumps bytes both ways until the exit key or end of input; reconnects when the port goes away.
  Status run() {
    std::string keys;
    for (;;) {
      const Keys k = read_keys(keys);
      if (m_port && !keys.empty() && !m_port->write(keys)) lost();
      if (k == Keys::quit || k == Keys::closed) return ok_status();
      if (!m_port) {
        reconnect();
        continue;
      }
      auto chunk = m_port->read(4096, k_tick);
      if (!chunk) {
        lost();
        continue;
      }
      show(*chunk);
    }
  }

 private:
  void show(const std::string& bytes) {
    if (bytes.empty()) return;
    std::fwrite(bytes.data(), 1, bytes.size(), stdout);
    std::fflush(stdout);
    if (m_log) m_log.write(bytes.data(), static_cast<std::streamsize>(bytes.size())).flush();
  }
  void lost() {
    notice("the board went away; waiting for it to come back (Ctrl-] quits)");
    m_port.reset();
    m_next_try = std::chrono::steady_clock::now() + k_retry;
  }
  void reconnect() {
    if (std::chrono::steady_clock::now() < m_next_try) return;
    m_next_try = std::chrono::steady_clock::now() + k_retry;
    if (connect()) notice("connected to " + m_port->path());
  }

  const ReplOptions& m_options;
  std::unique_ptr<device::SerialPort> m_port;
  std::ofstream m_log;
  std::chrono::steady_clock::time_point m_next_try{};
};

}  // namespace

Runner setup_repl(CLI::App& cmd) {
  auto opts = std::make_shared<ReplOptions>();
  add_port_option(cmd, opts->connection);
  cmd.add_option("--log", opts->log, "Also append everything the board prints to this file");
  cmd.footer("Every key goes to the board (Ctrl-C, Ctrl-D ...). Press Ctrl-] to quit.");
  return [opts](const GlobalOptions& globals) {
    Output out(globals);
    Terminal terminal(*opts);
    if (auto s = terminal.connect(); !s) return out.fail(s.error());
    std::fprintf(stderr, "[cpytool: connected; Ctrl-] quits]\r\n");
    RawTerminal raw;
    if (auto s = terminal.run(); !s) return out.fail(s.error());
    std::fprintf(stderr, "\r\n");
    return 0;
  };
}

}  // namespace cpy::cli
