// Console text clean-up: CRLF to LF and removal of status-bar title sequences and line clears.
#include "device/serial/console_text.hpp"

namespace cpy::device {

std::string CrlfToLf::feed(std::string_view chunk) {
  std::string out;
  out.reserve(chunk.size() + 1);
  for (char c : chunk) {
    if (m_pending_cr && c != '\n') out += '\r';
    m_pending_cr = c == '\r';
    if (!m_pending_cr) out += c;
  }
  return out;
}

std::string CrlfToLf::finish() {
  const bool had = m_pending_cr;
  m_pending_cr = false;
  return had ? "\r" : "";
}

namespace {
bool removed_csi(const std::string& seq) { return seq == "\x1b[2K" || seq == "\x1b[0G"; }
}  // namespace

std::string ConsoleFilter::feed(std::string_view chunk) {
  std::string out;
  for (char c : chunk) {
    switch (m_state) {
      case State::text:
        if (c == '\x1b') {
          m_state = State::escape;
          m_held = c;
        } else {
          out += c;
        }
        break;
      case State::escape:
        m_held += c;
        m_state = c == ']' ? State::osc : c == '[' ? State::csi : State::text;
        if (m_state == State::text) out += m_held;
        break;
      case State::osc:
        if (c == '\x07') m_state = State::text;
        if (c == '\x1b') m_state = State::osc_escape;
        break;
      case State::osc_escape:
        m_state = c == '\\' ? State::text : State::osc;
        break;
      case State::csi:
        m_held += c;
        if (c >= 0x40 && c <= 0x7e) {
          if (!removed_csi(m_held)) out += m_held;
          m_state = State::text;
        }
        break;
    }
  }
  return out;
}

std::string strip_console_decorations(std::string_view text) {
  ConsoleFilter filter;
  return filter.feed(text);
}

}  // namespace cpy::device
