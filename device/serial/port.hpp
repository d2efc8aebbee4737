// The serial port as the device link sees it: bytes in and out with timeouts, behind an interface for tests.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "core/result.hpp"

namespace cpy::device {

class SerialPort {
 public:
  virtual ~SerialPort() = default;
  /// Writes every byte; an error when the board went away (ExitCode::no_board) or the write stalls.
  virtual Status write(std::string_view bytes) = 0;
  /// Up to `max` bytes that arrive within `timeout`; empty on timeout; an error when the board went away.
  virtual Result<std::string> read(std::size_t max, std::chrono::milliseconds timeout) = 0;
  /// The path the port was opened from (for messages).
  virtual const std::string& path() const = 0;
};

/// Opens a POSIX tty: raw mode, exclusive (TIOCEXCL), DTR and RTS asserted, 115200 baud (ignored by USB CDC).
Result<std::unique_ptr<SerialPort>> open_serial_port(const std::string& path);

/// The error every layer uses when the port disappears mid-command.
Error board_disconnected(const std::string& path);

}  // namespace cpy::device
