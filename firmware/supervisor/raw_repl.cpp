// The raw REPL (OK / \x04 framing) and raw-paste mode (128-byte window, \x01 credit bytes).
#include "firmware/supervisor/supervisor.hpp"

namespace cpy::firmware {

namespace {
constexpr char k_ctrl_a = '\x01', k_ctrl_b = '\x02', k_ctrl_c = '\x03', k_ctrl_d = '\x04', k_ctrl_e = '\x05';
constexpr std::string_view k_raw_banner = "raw REPL; CTRL-B to exit\r\n>";
/// CircuitPython never overrides MICROPY_REPL_STDIN_BUFFER_MAX (256); the window is half of it.
constexpr std::size_t k_raw_paste_window = 128;
}  // namespace

Supervisor::ReplExit Supervisor::raw_repl() {
  raw_write(k_raw_banner);
  std::string buffer;
  while (auto c = wait_byte()) {
    if (*c == k_ctrl_a) {
      bool paste_request = buffer.size() == 2 && buffer[0] == k_ctrl_e;
      if (paste_request && buffer[1] == 'A') {
        buffer.clear();
        if (auto exit = raw_paste()) return *exit;
        raw_write(">");
        continue;
      }
      if (paste_request) raw_write(std::string_view("R\x00", 2));
      if (!paste_request) raw_write(k_raw_banner);
      buffer.clear();
    } else if (*c == k_ctrl_b) {
      raw_write("\r\n");
      return ReplExit::switch_mode;
    } else if (*c == k_ctrl_c) {
      buffer.clear();
    } else if (*c == k_ctrl_d) {
      if (buffer.empty()) {
        raw_write("OK\r\n");
        return ReplExit::soft_reboot;
      }
      raw_write("OK");
      std::string source;
      source.swap(buffer);
      if (auto exit = execute_raw(source)) return *exit;
      raw_write(">");
    } else {
      buffer += *c;
    }
  }
  return ReplExit::stop;
}

std::optional<Supervisor::ReplExit> Supervisor::raw_paste() {
  raw_write(std::string_view("R\x01", 2));
  const char window[2] = {static_cast<char>(k_raw_paste_window & 0xff), static_cast<char>(k_raw_paste_window >> 8)};
  raw_write(std::string_view(window, 2));
  raw_write("\x01");
  std::string source;
  std::size_t since_credit = 0;
  while (auto c = wait_byte()) {
    if (*c == k_ctrl_d) {
      raw_write("\x04");
      return execute_raw(source);
    }
    if (*c == k_ctrl_c) {
      raw_write("\x04");
      raw_write("\x04");
      print("KeyboardInterrupt: \n");
      raw_write("\x04");
      return std::nullopt;
    }
    source += *c;
    if (++since_credit == k_raw_paste_window) {
      since_credit = 0;
      raw_write("\x01");
    }
  }
  return ReplExit::stop;
}

std::optional<Supervisor::ReplExit> Supervisor::execute_raw(const std::string& source) {
  RunResult result = run_guarded([&] { return m_interpreter.run_source(source, "<stdin>", InputKind::file); });
  raw_write("\x04");
  if (result.outcome == RunOutcome::exception || result.outcome == RunOutcome::keyboard_interrupt)
    print(result.traceback);
  raw_write("\x04");
  switch (result.outcome) {
    case RunOutcome::system_exit:
      return ReplExit::soft_reboot;
    case RunOutcome::reload:
      return ReplExit::reload;
    case RunOutcome::hard_reset:
      return ReplExit::hard_reset;
    case RunOutcome::interrupted_reload:
      return m_stop ? std::optional(ReplExit::stop) : std::nullopt;
    default:
      return std::nullopt;
  }
}

}  // namespace cpy::firmware
