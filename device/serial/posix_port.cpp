// SerialPort over a POSIX tty (termios, poll): exclusive open, DTR asserted, disconnects reported as errors.
#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "device/serial/port.hpp"

namespace cpy::device {

Error board_disconnected(const std::string& path) {
  return make_error(ExitCode::no_board, "the board disconnected (" + path + ")",
                    "check the cable; the board may have reset or re-enumerated under another port");
}

namespace {

constexpr std::chrono::milliseconds k_write_stall{5000};

class PosixPort final : public SerialPort {
 public:
  PosixPort(int fd, std::string path) : m_fd(fd), m_path(std::move(path)) {}
  ~PosixPort() override {
    // A pseudo-terminal (the virtual board) keeps the exclusive flag after the last close: clear it, or the
    // next non-root open of the same port fails with EBUSY.
    ::ioctl(m_fd, TIOCNXCL);
    ::close(m_fd);
  }
  PosixPort(const PosixPort&) = delete;
  PosixPort& operator=(const PosixPort&) = delete;

  Status write(std::string_view bytes) override {
    while (!bytes.empty()) {
      const ssize_t n = ::write(m_fd, bytes.data(), bytes.size());
      if (n > 0) {
        bytes.remove_prefix(static_cast<std::size_t>(n));
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && errno != EAGAIN) return board_disconnected(m_path);
      CPY_CHECK(wait_writable());
    }
    return ok_status();
  }

  Result<std::string> read(std::size_t max, std::chrono::milliseconds timeout) override {
    pollfd p{m_fd, POLLIN, 0};
    int r = 0;
    do {
      r = ::poll(&p, 1, static_cast<int>(timeout.count()));
    } while (r < 0 && errno == EINTR);
    if (r < 0) return board_disconnected(m_path);
    if (r == 0) return std::string();
    std::string buffer(max, '\0');
    const ssize_t n = ::read(m_fd, buffer.data(), max);
    if (n > 0) {
      buffer.resize(static_cast<std::size_t>(n));
      return buffer;
    }
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) return std::string();
    return board_disconnected(m_path);  // 0 bytes after POLLIN/POLLHUP, or EIO: the other end is gone
  }

  const std::string& path() const override { return m_path; }

 private:
  Status wait_writable() {
    pollfd p{m_fd, POLLOUT, 0};
    const int r = ::poll(&p, 1, static_cast<int>(k_write_stall.count()));
    if (r == 0)
      return make_error(ExitCode::io, "the board stopped reading (" + m_path + ")",
                        "press reset on the board, or unplug it and plug it in again");
    if (r < 0 || (p.revents & (POLLERR | POLLHUP))) return board_disconnected(m_path);
    return ok_status();
  }

  int m_fd;
  std::string m_path;
};

Status configure(int fd) {
  termios tio{};
  if (::tcgetattr(fd, &tio) != 0)
    return make_error(ExitCode::io, std::string("not a serial port: ") + std::strerror(errno));
  ::cfmakeraw(&tio);
  tio.c_cflag |= CLOCAL | CREAD;
  tio.c_cc[VMIN] = 0;
  tio.c_cc[VTIME] = 0;
  ::cfsetispeed(&tio, B115200);
  ::cfsetospeed(&tio, B115200);
  if (::tcsetattr(fd, TCSANOW, &tio) != 0)
    return make_error(ExitCode::io, std::string("cannot configure: ") + std::strerror(errno));
  int lines = TIOCM_DTR | TIOCM_RTS;
  ::ioctl(fd, TIOCMBIS, &lines);  // fails on pseudo-terminals, which have no modem lines: harmless
  return ok_status();
}

}  // namespace

Result<std::unique_ptr<SerialPort>> open_serial_port(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    const int e = errno;
    if (e == ENOENT || e == ENODEV || e == ENXIO)
      return make_error(ExitCode::no_board, "no serial port " + path, "run 'cpytool devices' to see connected boards");
    if (e == EBUSY)
      return make_error(ExitCode::io, "the serial port is in use by another program (" + path + ")",
                        "close the other terminal (screen, tio, Mu, Thonny) and try again");
    if (e == EACCES)
      return make_error(ExitCode::io, "permission denied opening " + path,
                        "add yourself to the 'dialout' (or 'uucp') group and log in again");
    return make_error(ExitCode::io, "cannot open " + path + ": " + std::strerror(e));
  }
  if (::ioctl(fd, TIOCEXCL) != 0 && errno == EBUSY) {
    ::close(fd);
    return make_error(ExitCode::io, "the serial port is in use by another program (" + path + ")");
  }
  if (auto status = configure(fd); !status) {
    ::close(fd);
    Error e = status.take_error();
    e.message += " (" + path + ")";
    return e;
  }
  return std::unique_ptr<SerialPort>(std::make_unique<PosixPort>(fd, path));
}

}  // namespace cpy::device
