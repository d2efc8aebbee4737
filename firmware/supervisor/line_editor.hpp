// The friendly REPL's line editor: cursor keys, history, Emacs-style keys, and the exact terminal bytes
// MicroPython's readline sends to redraw a line (CircuitPython builds with MICROPY_REPL_EMACS_KEYS).
#pragma once

#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <string_view>

namespace cpy::firmware {

enum class EditKey {
  left,           ///< ESC [ D, Ctrl-B
  right,          ///< ESC [ C, Ctrl-F
  home,           ///< ESC [ H, ESC [ 1~, ESC [ 7~, ESC O H, Ctrl-A
  end,            ///< ESC [ F, ESC [ 4~, ESC [ 8~, ESC O F, Ctrl-E
  up,             ///< ESC [ A, Ctrl-P: older history entry
  down,           ///< ESC [ B, Ctrl-N: newer history entry
  backspace,      ///< DEL (0x7f), Ctrl-H
  delete_char,    ///< ESC [ 3~, Ctrl-D on a non-empty line
  kill_to_end,    ///< Ctrl-K
  kill_to_start,  ///< Ctrl-U
};

/// The key an escape sequence stands for; `seq` is what followed ESC ("[A", "[3~", "OH"). Nothing if unknown.
std::optional<EditKey> decode_escape(std::string_view seq);
/// The editing key a control byte stands for when the line is not empty (Ctrl-A, Ctrl-E, ...); else nothing.
std::optional<EditKey> control_key(char c);

/// The last lines entered, newest first; a line is not stored twice in a row. Lives as long as one VM.
class LineHistory {
 public:
  static constexpr std::size_t k_size = 8;  ///< MICROPY_READLINE_HISTORY_SIZE
  void push(const std::string& line);
  std::size_t size() const { return m_lines.size(); }
  const std::string& at(std::size_t i) const { return m_lines[i]; }

 private:
  std::deque<std::string> m_lines;
};

class LineEditor {
 public:
  explicit LineEditor(LineHistory& history) : m_history(history) {}

  /// A new line that starts with `indent` (auto-indent), cursor at its end. The caller echoes the prompt and indent.
  void start(std::string indent);
  const std::string& line() const { return m_line; }
  std::size_t cursor() const { return m_cursor; }
  /// Nothing typed beyond the auto-indent: control keys keep their REPL meaning.
  bool empty() const { return m_line.size() == m_indent; }

  /// Inserts a printable byte at the cursor; returns the bytes to send to the terminal.
  std::string insert(char c);
  /// Applies an editing key; returns the bytes to send to the terminal.
  std::string apply(EditKey key);
  /// Enter: the finished line, stored in the history when not empty.
  std::string finish();

 private:
  std::string backspace();
  std::string recall(std::optional<std::size_t> entry);
  /// MicroPython readline's redraw: move back, then redraw from the cursor (erasing a shorter line's tail) or
  /// draw over chars to move forward.
  std::string redraw(std::size_t old_length, std::size_t step_back, bool from_cursor, std::size_t step_forward);

  LineHistory& m_history;
  std::string m_line;
  std::size_t m_cursor = 0;
  std::size_t m_indent = 0;
  std::optional<std::size_t> m_recalled;  ///< the history entry shown, if any
};

}  // namespace cpy::firmware
