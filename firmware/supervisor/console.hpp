// The serial console as the supervisor sees it: bytes out, bytes in with a timeout, a Ctrl-C hook.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string_view>

namespace cpy::firmware {

class Console {
 public:
  virtual ~Console() = default;
  /// Sends bytes as they are (the caller cooks line endings).
  virtual void write(std::string_view bytes) = 0;
  /// The next received byte, or nothing when `timeout` passes first.
  virtual std::optional<char> read(std::chrono::milliseconds timeout) = 0;
  /// Drops every byte received but not read yet.
  virtual void flush_input() = 0;
  /// True while a host holds the port open (DTR on a real board).
  virtual bool connected() const = 0;
  /// While set, a received Ctrl-C is not queued: pending input is dropped and `handler` is called
  /// (from the console's own thread). An empty function removes the hook.
  virtual void set_interrupt_handler(std::function<void()> handler) = 0;
};

/// Turns every "\n" into "\r\n" as CircuitPython's console writer does (no check for a preceding "\r").
std::string cook_line_endings(std::string_view text);

}  // namespace cpy::firmware
