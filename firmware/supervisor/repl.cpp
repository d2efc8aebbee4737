// The friendly REPL (line editing and history, "... " continuation, Ctrl-A/B/C/D/E) and paste mode.
#include "firmware/supervisor/board_identity.hpp"
#include "firmware/supervisor/line_editor.hpp"
#include "firmware/supervisor/repl_input.hpp"
#include "firmware/supervisor/supervisor.hpp"

namespace cpy::firmware {

namespace {
constexpr char k_ctrl_a = '\x01', k_ctrl_b = '\x02', k_ctrl_c = '\x03', k_ctrl_d = '\x04', k_ctrl_e = '\x05';
constexpr char k_escape = '\x1b';
constexpr auto k_escape_timeout = std::chrono::milliseconds(50);
}  // namespace

Supervisor::ReplExit Supervisor::friendly_repl() {
  const std::string banner = m_services.identity().version_line();
  print("\n" + banner + "\n");
  LineHistory history;
  LineEditor editor(history);
  std::string input;  // complete lines typed so far, joined by "\n"
  auto new_prompt = [&] {
    input.clear();
    editor.start({});
    raw_write(">>> ");
  };
  new_prompt();
  while (auto c = wait_byte()) {
    const bool line_empty = editor.empty();
    if (line_empty && input.empty()) {
      if (*c == k_ctrl_a) return print("\n"), ReplExit::switch_mode;
      if (*c == k_ctrl_b) {
        print("\n\n" + banner + "\n");
        new_prompt();
        continue;
      }
      if (*c == k_ctrl_d) return print("\n"), ReplExit::soft_reboot;
      if (*c == k_ctrl_e) {
        if (auto exit = paste_mode()) return *exit;
        new_prompt();
        continue;
      }
    }
    if (*c == k_ctrl_c) {
      print("\n");
      new_prompt();
    } else if (*c == k_ctrl_d && line_empty && !input.empty()) {
      print("\n");
      if (auto exit = execute_friendly(input, InputKind::single)) return *exit;
      new_prompt();
    } else if (*c == '\r') {
      print("\n");
      const std::string line = editor.finish();
      const std::string full = input.empty() ? line : input + "\n" + line;
      if (input.empty() && line.find_first_not_of(" \t") == std::string::npos) {
        new_prompt();
      } else if (repl_input_complete(full)) {
        if (auto exit = execute_friendly(full, InputKind::single)) return *exit;
        new_prompt();
      } else {
        input = full;
        editor.start(repl_auto_indent(full));
        raw_write("... " + editor.line());
      }
    } else if (*c == k_escape) {
      if (auto key = read_escape()) raw_write(editor.apply(*key));
    } else if (*c == '\t') {
      // Completing names is not supported; at the start of a line Tab indents by four spaces, as MicroPython's.
      if (editor.line().find_first_not_of(' ') >= editor.cursor())
        for (int i = 0; i < 4; ++i) raw_write(editor.insert(' '));
    } else if (auto key = control_key(*c)) {
      raw_write(editor.apply(*key));
    } else if (static_cast<unsigned char>(*c) >= 0x20) {
      raw_write(editor.insert(*c));
    }
  }
  return ReplExit::stop;
}

std::optional<EditKey> Supervisor::read_escape() {
  std::string seq;
  auto next = read_byte(k_escape_timeout);
  if (next != '[' && next != 'O') return std::nullopt;
  seq += *next;
  while (auto b = read_byte(k_escape_timeout)) {
    seq += *b;
    if (*b >= 0x40 && *b <= 0x7e) break;
  }
  return decode_escape(seq);
}

std::optional<Supervisor::ReplExit> Supervisor::paste_mode() {
  print("\npaste mode; Ctrl-C to cancel, Ctrl-D to finish\n=== ");
  std::string buffer;
  char previous = 0;
  while (auto c = wait_byte()) {
    if (*c == k_ctrl_c) {
      print("\n");
      return std::nullopt;
    }
    if (*c == k_ctrl_d) {
      print("\n");
      return execute_friendly(buffer, InputKind::file);
    }
    if (*c == '\r') {
      buffer += '\n';
      print("\n=== ");
    } else {
      if (!(*c == '\n' && previous == '\r')) buffer += *c;
      raw_write(std::string_view(&*c, 1));
    }
    previous = *c;
  }
  return ReplExit::stop;
}

std::optional<Supervisor::ReplExit> Supervisor::execute_friendly(const std::string& source, InputKind kind) {
  RunResult result = run_guarded([&] { return m_interpreter.run_source(source, "<stdin>", kind); });
  switch (result.outcome) {
    case RunOutcome::system_exit:
      return ReplExit::soft_reboot;
    case RunOutcome::reload:
      return ReplExit::reload;
    case RunOutcome::hard_reset:
      return ReplExit::hard_reset;
    case RunOutcome::interrupted_reload:
      return m_stop ? std::optional(ReplExit::stop) : std::nullopt;
    case RunOutcome::exception:
    case RunOutcome::keyboard_interrupt:
      print(result.traceback);
      break;
    case RunOutcome::ok:
      break;
  }
  return std::nullopt;
}

}  // namespace cpy::firmware
