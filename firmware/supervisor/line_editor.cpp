// Line editing for the friendly REPL, byte-compatible with MicroPython's shared/readline.
#include "firmware/supervisor/line_editor.hpp"

namespace cpy::firmware {

namespace {

/// MicroPython's mp_hal_move_cursor_back: up to 4 backspaces, else "ESC [ n D".
std::string cursor_back(std::size_t n) {
  if (n == 0) return {};
  if (n <= 4) return std::string(n, '\b');
  return "\x1b[" + std::to_string(n) + "D";
}

constexpr std::string_view k_erase_to_end = "\x1b[K";

}  // namespace

std::optional<EditKey> decode_escape(std::string_view seq) {
  if (seq == "[A") return EditKey::up;
  if (seq == "[B") return EditKey::down;
  if (seq == "[C") return EditKey::right;
  if (seq == "[D") return EditKey::left;
  if (seq == "[H" || seq == "OH" || seq == "[1~" || seq == "[7~") return EditKey::home;
  if (seq == "[F" || seq == "OF" || seq == "[4~" || seq == "[8~") return EditKey::end;
  if (seq == "[3~") return EditKey::delete_char;
  return std::nullopt;
}

std::optional<EditKey> control_key(char c) {
  switch (c) {
    case '\x01':
      return EditKey::home;
    case '\x02':
      return EditKey::left;
    case '\x04':
      return EditKey::delete_char;
    case '\x05':
      return EditKey::end;
    case '\x06':
      return EditKey::right;
    case '\x08':
    case '\x7f':
      return EditKey::backspace;
    case '\x0b':
      return EditKey::kill_to_end;
    case '\x0e':
      return EditKey::down;
    case '\x10':
      return EditKey::up;
    case '\x15':
      return EditKey::kill_to_start;
    default:
      return std::nullopt;
  }
}

void LineHistory::push(const std::string& line) {
  if (line.empty() || (!m_lines.empty() && m_lines.front() == line)) return;
  m_lines.push_front(line);
  if (m_lines.size() > k_size) m_lines.pop_back();
}

void LineEditor::start(std::string indent) {
  m_line = std::move(indent);
  m_cursor = m_line.size();
  m_indent = m_line.size();
  m_recalled.reset();
}

std::string LineEditor::insert(char c) {
  const std::size_t old_length = m_line.size();
  m_line.insert(m_cursor, 1, c);
  return redraw(old_length, 0, true, 1);
}

std::string LineEditor::apply(EditKey key) {
  const std::size_t old_length = m_line.size();
  switch (key) {
    case EditKey::left:
      return m_cursor > 0 ? redraw(old_length, 1, false, 0) : std::string();
    case EditKey::right:
      return m_cursor < m_line.size() ? redraw(old_length, 0, false, 1) : std::string();
    case EditKey::home:
      return redraw(old_length, m_cursor, false, 0);
    case EditKey::end:
      return redraw(old_length, 0, false, m_line.size() - m_cursor);
    case EditKey::up:
      if (m_history.size() > (m_recalled ? *m_recalled + 1 : 0)) return recall(m_recalled ? *m_recalled + 1 : 0);
      return {};
    case EditKey::down:
      if (!m_recalled) return {};
      return recall(*m_recalled == 0 ? std::nullopt : std::optional(*m_recalled - 1));
    case EditKey::backspace:
      return backspace();
    case EditKey::delete_char:
      if (m_cursor >= m_line.size()) return {};
      m_line.erase(m_cursor, 1);
      return redraw(old_length, 0, true, 0);
    case EditKey::kill_to_end:
      m_line.resize(m_cursor);
      return redraw(old_length, 0, true, 0);
    case EditKey::kill_to_start: {
      const std::size_t removed = m_cursor;
      m_line.erase(0, removed);
      if (m_indent > m_line.size()) m_indent = m_line.size();
      return redraw(old_length, removed, true, 0);
    }
  }
  return {};
}

/// Removes one char, or back to the previous multiple of 4 when only spaces precede the cursor (auto-indent).
std::string LineEditor::backspace() {
  if (m_cursor == 0) return {};
  const std::size_t old_length = m_line.size();
  std::size_t count = 1;
  if (m_line.find_first_not_of(' ') >= m_cursor) {
    count = m_cursor % 4 == 0 ? 4 : m_cursor % 4;
  }
  m_line.erase(m_cursor - count, count);
  if (m_indent > m_line.size()) m_indent = m_line.size();
  return redraw(old_length, count, true, 0);
}

std::string LineEditor::recall(std::optional<std::size_t> entry) {
  const std::size_t old_length = m_line.size();
  const std::size_t step_back = m_cursor;
  m_recalled = entry;
  m_line = entry ? m_history.at(*entry) : std::string();
  m_indent = 0;
  return redraw(old_length, step_back, true, m_line.size());
}

std::string LineEditor::finish() {
  m_history.push(m_line);
  return m_line;
}

std::string LineEditor::redraw(std::size_t old_length, std::size_t step_back, bool from_cursor,
                               std::size_t step_forward) {
  std::string out = cursor_back(step_back);
  m_cursor -= step_back;
  if (from_cursor) {
    if (m_line.size() < old_length) out += k_erase_to_end;
    out += m_line.substr(m_cursor);
    out += cursor_back(m_line.size() - (m_cursor + step_forward));
    m_cursor += step_forward;
  } else if (step_forward > 0) {
    out += m_line.substr(m_cursor, step_forward);
    m_cursor += step_forward;
  }
  return out;
}

}  // namespace cpy::firmware
