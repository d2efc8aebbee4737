// FdConsole: pseudo-terminal or stdio transport with a reader thread and DTR-like connection gating.
#include "firmware/ports/host/fd_console.hpp"

#include <fcntl.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace cpy::firmware::host {

namespace {

bool make_raw(int fd) {
  termios t{};
  if (tcgetattr(fd, &t) != 0) return false;
  cfmakeraw(&t);
  return tcsetattr(fd, TCSANOW, &t) == 0;
}

termios g_saved_stdin{};
bool g_stdin_raw = false;

}  // namespace

FwResult<std::unique_ptr<FdConsole>> FdConsole::open_pty() {
  int master = posix_openpt(O_RDWR | O_NOCTTY);
  if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0)
    return FirmwareError{std::string("cannot create a pseudo-terminal: ") + std::strerror(errno)};
  const char* name = ptsname(master);
  if (!name) return FirmwareError{"cannot name the pseudo-terminal"};
  std::string path = name;
  // Raw mode for the pair: no echo, no CR/LF translation, no signals from Ctrl-C.
  int slave = ::open(path.c_str(), O_RDWR | O_NOCTTY);
  if (slave < 0 || !make_raw(slave)) return FirmwareError{"cannot configure " + path};
  ::close(slave);
  fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);
  return std::unique_ptr<FdConsole>(new FdConsole(Kind::pty, master, master, path));
}

std::unique_ptr<FdConsole> FdConsole::open_stdio() {
  if (isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &g_saved_stdin) == 0) {
    g_stdin_raw = make_raw(STDIN_FILENO);
  }
  return std::unique_ptr<FdConsole>(new FdConsole(Kind::stdio, STDIN_FILENO, STDOUT_FILENO, {}));
}

FdConsole::FdConsole(Kind kind, int in_fd, int out_fd, std::string slave_path)
    : m_kind(kind), m_in_fd(in_fd), m_out_fd(out_fd), m_slave_path(std::move(slave_path)) {
  m_reader = std::thread([this] { reader_loop(); });
}

FdConsole::~FdConsole() {
  m_stop = true;
  if (m_reader.joinable()) m_reader.join();
  if (m_kind == Kind::pty) ::close(m_in_fd);
  if (m_kind == Kind::stdio && g_stdin_raw) tcsetattr(STDIN_FILENO, TCSANOW, &g_saved_stdin);
}

void FdConsole::reader_loop() {
  char buf[512];
  while (!m_stop) {
    pollfd p{m_in_fd, POLLIN, 0};
    int r = ::poll(&p, 1, 50);
    if (r <= 0) continue;
    if (!(p.revents & POLLIN)) {
      // A pty without anyone on the other side reports POLLHUP: wait for a host to open it.
      if (m_kind == Kind::stdio && (p.revents & (POLLHUP | POLLERR))) m_input_closed = true;
      ::usleep(50 * 1000);
      continue;
    }
    ssize_t n = ::read(m_in_fd, buf, sizeof buf);
    if (n > 0) {
      deliver(buf, static_cast<std::size_t>(n));
    } else if (n == 0 && m_kind == Kind::stdio) {
      m_input_closed = true;
      return;
    } else {
      ::usleep(20 * 1000);
    }
  }
}

void FdConsole::deliver(const char* data, std::size_t n) {
  std::function<void()> interrupt;
  {
    std::lock_guard lock(m_mutex);
    for (std::size_t i = 0; i < n; ++i) {
      if (data[i] == '\x03' && m_interrupt) {
        // Like the board's CDC: a Ctrl-C while code runs drops everything received with it.
        m_queue.clear();
        interrupt = m_interrupt;
        break;
      }
      m_queue.push_back(data[i]);
    }
  }
  m_cv.notify_all();
  if (interrupt) interrupt();
}

void FdConsole::write(std::string_view bytes) {
  if (!connected()) return;
  std::lock_guard lock(m_write_mutex);
  while (!bytes.empty() && !m_stop) {
    ssize_t n = ::write(m_out_fd, bytes.data(), bytes.size());
    if (n > 0) {
      bytes.remove_prefix(static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno != EAGAIN && errno != EINTR) return;
    // The host is not reading: wait like a board whose USB buffer is full, unless it went away.
    pollfd p{m_out_fd, POLLOUT, 0};
    ::poll(&p, 1, 100);
    if (!connected()) return;
  }
}

std::optional<char> FdConsole::read(std::chrono::milliseconds timeout) {
  std::unique_lock lock(m_mutex);
  if (!m_cv.wait_for(lock, timeout, [this] { return !m_queue.empty(); })) return std::nullopt;
  char c = m_queue.front();
  m_queue.pop_front();
  return c;
}

void FdConsole::flush_input() {
  std::lock_guard lock(m_mutex);
  m_queue.clear();
}

bool FdConsole::connected() const {
  if (m_kind == Kind::stdio) return true;
  pollfd p{m_in_fd, 0, 0};
  if (::poll(&p, 1, 0) < 0) return false;
  return !(p.revents & POLLHUP);
}

void FdConsole::set_interrupt_handler(std::function<void()> handler) {
  std::lock_guard lock(m_mutex);
  m_interrupt = std::move(handler);
}

}  // namespace cpy::firmware::host
