// The supervisor's boot and code.py cycle: hard boot, soft reboots, the run transcript and auto-reload.
#include "firmware/supervisor/supervisor.hpp"

#include <thread>
#include <utility>

#include "firmware/supervisor/board_identity.hpp"

namespace cpy::firmware {

namespace {
constexpr std::string_view k_line_clear = "\x1b[2K\x1b[0G";
constexpr const char* k_code_files[] = {"code.txt", "code.py", "main.py", "main.txt"};
constexpr const char* k_boot_files[] = {"boot.py", "boot.txt"};
constexpr auto k_poll = std::chrono::milliseconds(20);
}  // namespace

Supervisor::Supervisor(Console& console, Interpreter& interpreter, BoardServices& services, ModuleFinder& finder,
                       SupervisorConfig config)
    : m_console(console),
      m_interpreter(interpreter),
      m_services(services),
      m_finder(finder),
      m_config(config),
      m_reload(config.autoreload_delay) {
  m_interpreter.attach(finder, services, [this](std::string_view text) {
    if (m_capturing) {
      m_capture += cook_line_endings(text);
    } else {
      print(text);
    }
  });
}

void Supervisor::run() {
  hard_boot();
  while (!m_stop) {
    if (!m_first_run) print("soft reboot\n");
    Next next = m_mode == ReplMode::raw && !m_first_run ? Next::repl : code_cycle();
    m_first_run = false;
    while (next == Next::repl) next = repl_cycle();
    if (next == Next::hard_reset) hard_boot();
    if (next == Next::stop) break;
  }
  if (m_vm_running) stop_vm();
}

void Supervisor::stop() {
  m_stop = true;
  m_services.set_interrupt_pending(true);
  m_interpreter.request_interrupt(InterruptKind::reload);
}

void Supervisor::notify_drive_changed() {
  if (!m_services.autoreload()) return;
  if (!m_reload.trigger(AutoReload::Clock::now())) return;
  if (m_code_running) {
    m_stopped_by_reload = true;
    m_services.set_interrupt_pending(true);
    m_interpreter.request_interrupt(InterruptKind::reload);
  }
}

void Supervisor::hard_boot() {
  RunOutcome safemode_py = RunOutcome::ok;
  do {
    safemode_py = RunOutcome::ok;
    const SafeModeReason safe_mode = safe_mode_for_this_boot();
    m_mode = ReplMode::friendly;
    m_first_run = true;
    m_services.reset_for_hard_boot();
    m_services.set_safe_mode_reason(safe_mode);
    m_services.set_autoreload(safe_mode == SafeModeReason::none);
    m_services.set_run_reason(RunReason::startup);
    m_reload.set_suspended(true);
    if (safe_mode == SafeModeReason::none) {
      run_boot_py();
    } else {
      safemode_py = run_safemode_py();
    }
    m_reload.clear();
    m_reload.set_suspended(false);
  } while (safemode_py == RunOutcome::hard_reset && !m_stop);
}

SafeModeReason Supervisor::safe_mode_for_this_boot() {
  const bool power_on = std::exchange(m_power_on, false);
  if (power_on && m_config.power_on_safe_mode != SafeModeReason::none) return m_config.power_on_safe_mode;
  return m_services.next_reset_mode() == RunMode::safe_mode ? SafeModeReason::programmatic : SafeModeReason::none;
}

RunOutcome Supervisor::run_safemode_py() {
  if (m_services.safe_mode_reason() == SafeModeReason::user) return RunOutcome::ok;
  if (m_services.drive().kind("/safemode.py") != EntryKind::file) return RunOutcome::ok;
  start_vm();
  m_capturing = true;
  RunResult result = run_guarded([&] { return run_drive_file("safemode.py"); });
  m_capturing = false;
  m_capture.clear();
  stop_vm();
  if (result.outcome == RunOutcome::exception) m_services.set_safe_mode_reason(SafeModeReason::safemode_py_error);
  return result.outcome;
}

/// The Auto-reload line, plus the safe-mode line when in safe mode.
std::string Supervisor::status_lines() const {
  std::string lines = m_services.autoreload()
                          ? "Auto-reload is on. Simply save files over USB to run them or enter REPL to disable.\n"
                          : "Auto-reload is off.\n";
  if (m_services.safe_mode_reason() != SafeModeReason::none) lines += k_safe_mode_status;
  return lines;
}

void Supervisor::run_boot_py() {
  start_vm();
  m_capture.clear();
  m_boot_py_ran = false;
  for (const char* name : k_boot_files) {
    if (m_services.drive().kind(std::string("/") + name) != EntryKind::file) continue;
    m_boot_py_ran = true;
    m_capturing = true;
    m_services.set_in_boot_py(true);
    RunResult result = run_guarded([&] { return run_drive_file(name); });
    m_services.set_in_boot_py(false);
    if (!result.traceback.empty()) m_capture += cook_line_endings(result.traceback);
    m_capturing = false;
    break;
  }
  stop_vm();
  std::string text = boot_out_text(m_services.identity(), m_boot_py_ran, m_capture);
  if (m_services.drive().read("/boot_out.txt") != text) {
    std::this_thread::sleep_for(m_config.boot_out_delay);
    m_services.drive().write("/boot_out.txt", text);
  }
}

Supervisor::Next Supervisor::code_cycle() {
  bool connected = m_console.connected();
  m_services.set_serial_connected(connected);
  if (connected) print("\n");
  const std::string autoreload_line = status_lines();
  if (connected) print(std::string(k_line_clear) + autoreload_line);
  m_reload.clear();
  const bool safe_mode = m_services.safe_mode_reason() != SafeModeReason::none;
  RunResult result;
  if (!safe_mode) {
    start_vm();
    if (auto file = pick_code_file()) {
      print(std::string(k_line_clear) + *file + " output:\n");
      result = run_guarded([&] { return run_drive_file(*file); });
    }
    stop_vm();
  }
  switch (result.outcome) {
    case RunOutcome::hard_reset:
      return Next::hard_reset;
    case RunOutcome::interrupted_reload:
    case RunOutcome::reload: {
      bool autoreload = result.outcome == RunOutcome::interrupted_reload;
      print("\nCode stopped by auto-reload. Reloading soon.\n");
      while (autoreload && !m_reload.ready(AutoReload::Clock::now()) && !m_stop) std::this_thread::sleep_for(k_poll);
      m_reload.clear();
      m_services.set_run_reason(autoreload ? RunReason::autoreload : RunReason::supervisor_reload);
      return m_stop ? Next::stop : Next::soft_reboot;
    }
    case RunOutcome::exception:
    case RunOutcome::keyboard_interrupt:
      print(result.traceback);
      break;
    default:
      break;
  }
  if (!safe_mode) print("\nCode done running.\n");
  // When no host is connected the Auto-reload line comes later, with the prompt.
  m_pending_autoreload_line = connected ? std::string() : autoreload_line;
  return wait_for_key_or_reload();
}

Supervisor::Next Supervisor::wait_for_key_or_reload() {
  bool prompted = false;
  while (!m_stop) {
    if (!prompted && m_console.connected()) {
      if (!m_pending_autoreload_line.empty()) print(std::string(k_line_clear) + m_pending_autoreload_line);
      m_pending_autoreload_line.clear();
      print(safe_mode_message(m_services.safe_mode_reason()));
      print("\nPress any key to enter the REPL. Use CTRL-D to reload.\n");
      prompted = true;
    }
    if (m_reload.ready(AutoReload::Clock::now())) {
      m_reload.clear();
      m_services.set_run_reason(RunReason::autoreload);
      return Next::soft_reboot;
    }
    auto c = read_byte(k_poll);
    if (!c) continue;
    if (*c == '\x04') {
      m_services.set_run_reason(RunReason::repl_reload);
      return Next::soft_reboot;
    }
    return Next::repl;
  }
  return Next::stop;
}

Supervisor::Next Supervisor::repl_cycle() {
  m_reload.set_suspended(true);
  start_vm();
  Next next = Next::stop;
  while (!m_stop) {
    run_repl_py();
    ReplExit exit = m_mode == ReplMode::friendly ? friendly_repl() : raw_repl();
    if (exit == ReplExit::switch_mode) {
      m_mode = m_mode == ReplMode::friendly ? ReplMode::raw : ReplMode::friendly;
      stop_vm();
      start_vm();
      continue;
    }
    if (exit == ReplExit::reload) m_mode = ReplMode::friendly;
    if (exit == ReplExit::soft_reboot || exit == ReplExit::reload) {
      m_services.set_run_reason(RunReason::repl_reload);
      next = Next::soft_reboot;
    }
    if (exit == ReplExit::hard_reset) next = Next::hard_reset;
    break;
  }
  stop_vm();
  m_reload.set_suspended(false);
  return next;
}

void Supervisor::start_vm() {
  VmConfig config;
  config.heap_bytes = m_config.heap_bytes;
  config.sys_path = m_finder.default_sys_path();
  const BoardIdentity& id = m_services.identity();
  config.uname = {id.mcu_name, id.mcu_name, id.release(), id.version_tag + " on " + id.build_date,
                  id.board_name + " with " + id.mcu_name};
  m_interpreter.start(config);
  m_vm_running = true;
}

void Supervisor::stop_vm() {
  m_interpreter.stop();
  m_services.pins().reset_all();
  m_vm_running = false;
}

RunResult Supervisor::run_guarded(const std::function<RunResult()>& body) {
  m_services.set_interrupt_pending(false);
  m_stopped_by_reload = false;
  m_code_running = true;
  m_console.set_interrupt_handler([this] {
    m_services.set_interrupt_pending(true);
    m_interpreter.request_interrupt(InterruptKind::keyboard);
  });
  RunResult result = body();
  m_console.set_interrupt_handler({});
  m_code_running = false;
  if (m_stopped_by_reload && result.outcome != RunOutcome::ok) result.outcome = RunOutcome::interrupted_reload;
  if (m_stop && result.outcome != RunOutcome::ok) result.outcome = RunOutcome::interrupted_reload;
  return result;
}

RunResult Supervisor::run_drive_file(const std::string& path) {
  auto code = m_services.drive().read("/" + path);
  if (!code) {
    RunResult missing;
    missing.outcome = RunOutcome::exception;
    missing.traceback = "OSError: [Errno 2] No such file/directory: " + path + "\n";
    return missing;
  }
  if (path.ends_with(".mpy")) return m_interpreter.run_mpy(*code, path);
  return m_interpreter.run_source(*code, path, InputKind::file);
}

std::optional<std::string> Supervisor::pick_code_file() {
  if (auto next = m_services.take_next_code_file()) {
    std::string name = next->starts_with("/") ? next->substr(1) : *next;
    if (m_services.drive().kind("/" + name) == EntryKind::file) return name;
  }
  for (const char* name : k_code_files)
    if (m_services.drive().kind(std::string("/") + name) == EntryKind::file) return std::string(name);
  return std::nullopt;
}

void Supervisor::run_repl_py() {
  if (m_services.drive().kind("/repl.py") != EntryKind::file) return;
  print("repl.py output:\n");
  RunResult result = run_guarded([&] { return run_drive_file("repl.py"); });
  if (!result.traceback.empty()) print(result.traceback);
}

void Supervisor::print(std::string_view text) { m_console.write(cook_line_endings(text)); }

std::optional<char> Supervisor::read_byte(std::chrono::milliseconds timeout) { return m_console.read(timeout); }

std::optional<char> Supervisor::wait_byte() {
  while (!m_stop) {
    if (auto c = m_console.read(std::chrono::milliseconds(50))) return c;
  }
  return std::nullopt;
}

}  // namespace cpy::firmware
