// The supervisor: hard boot (boot.py, boot_out.txt), the code.py cycle and its transcript, auto-reload, and
// the friendly, paste, raw and raw-paste REPLs, as CircuitPython 10.2 shows them on the serial console.
#pragma once

#include <atomic>
#include <optional>
#include <string>
#include <string_view>

#include "firmware/supervisor/auto_reload.hpp"
#include "firmware/supervisor/board_services.hpp"
#include "firmware/supervisor/console.hpp"
#include "firmware/supervisor/interpreter.hpp"
#include "firmware/supervisor/line_editor.hpp"
#include "firmware/supervisor/module_finder.hpp"

namespace cpy::firmware {

struct SupervisorConfig {
  std::size_t heap_bytes = 192 * 1024;
  std::chrono::milliseconds autoreload_delay = AutoReload::k_default_delay;
  /// How long a real board waits before rewriting boot_out.txt (power-glitch guard); 0 in tests.
  std::chrono::milliseconds boot_out_delay{0};
  /// Safe mode at power-on (the reset button pressed during boot on a real board); later resets boot normally.
  SafeModeReason power_on_safe_mode = SafeModeReason::none;
};

enum class ReplMode { friendly, raw };

class Supervisor {
 public:
  Supervisor(Console& console, Interpreter& interpreter, BoardServices& services, ModuleFinder& finder,
             SupervisorConfig config);
  Supervisor(const Supervisor&) = delete;
  Supervisor& operator=(const Supervisor&) = delete;

  /// Hard boot, then code.py / REPL cycles until stop() is called.
  void run();
  /// Makes run() return soon (thread-safe).
  void stop();
  /// Something on the drive changed (from the port's file watcher; thread-safe).
  void notify_drive_changed();
  /// Reads like a real board's console: returns true when boot.py ran at the last hard boot.
  bool boot_py_ran() const { return m_boot_py_ran; }

 private:
  enum class Next { soft_reboot, repl, hard_reset, stop };
  enum class ReplExit { soft_reboot, switch_mode, hard_reset, reload, stop };

  void hard_boot();
  SafeModeReason safe_mode_for_this_boot();
  void run_boot_py();
  /// safemode.py (not for SafeModeReason::user); its output is dropped like a board's before USB is up.
  RunOutcome run_safemode_py();
  std::string status_lines() const;
  Next code_cycle();
  Next wait_for_key_or_reload();
  Next repl_cycle();
  ReplExit friendly_repl();
  ReplExit raw_repl();
  std::optional<ReplExit> raw_paste();
  std::optional<ReplExit> paste_mode();
  /// The editing key of an escape sequence (ESC already read); nothing for unknown sequences.
  std::optional<EditKey> read_escape();
  std::optional<ReplExit> execute_friendly(const std::string& source, InputKind kind);
  std::optional<ReplExit> execute_raw(const std::string& source);

  void start_vm();
  void stop_vm();
  RunResult run_guarded(const std::function<RunResult()>& body);
  RunResult run_drive_file(const std::string& path);
  std::optional<std::string> pick_code_file();
  void run_repl_py();

  void print(std::string_view text);  ///< cooked
  void raw_write(std::string_view bytes) { m_console.write(bytes); }
  std::optional<char> read_byte(std::chrono::milliseconds timeout);
  /// Blocks for the next byte; nothing when stopping.
  std::optional<char> wait_byte();

  Console& m_console;
  Interpreter& m_interpreter;
  BoardServices& m_services;
  ModuleFinder& m_finder;
  SupervisorConfig m_config;
  AutoReload m_reload;
  ReplMode m_mode = ReplMode::friendly;
  bool m_first_run = true;
  bool m_power_on = true;
  bool m_boot_py_ran = false;
  bool m_vm_running = false;
  std::string m_pending_autoreload_line;
  std::string m_capture;  ///< boot.py output while it runs
  bool m_capturing = false;
  std::atomic<bool> m_stop{false};
  std::atomic<bool> m_code_running{false};
  std::atomic<bool> m_stopped_by_reload{false};
};

}  // namespace cpy::firmware
