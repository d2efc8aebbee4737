// Console text clean-up: CRLF to LF and removal of the status-bar title sequences, both usable on a stream.
#pragma once

#include <string>
#include <string_view>

namespace cpy::device {

/// Turns "\r\n" into "\n" across chunk boundaries (a lone "\r" is kept).
class CrlfToLf {
 public:
  std::string feed(std::string_view chunk);
  /// Whatever is held back at the end of the stream (a trailing "\r").
  std::string finish();

 private:
  bool m_pending_cr = false;
};

/// Removes OSC window-title sequences (ESC ] ... ESC \ or BEL) and the line-clear ESC[2K ESC[0G, across
/// chunk boundaries. Other escape sequences pass through (user programs may print colours).
class ConsoleFilter {
 public:
  std::string feed(std::string_view chunk);

 private:
  enum class State { text, escape, osc, osc_escape, csi };
  State m_state = State::text;
  std::string m_held;  // an escape sequence seen so far, kept until we know whether it is removed
};

/// One-shot form of ConsoleFilter for a complete text.
std::string strip_console_decorations(std::string_view text);

}  // namespace cpy::device
