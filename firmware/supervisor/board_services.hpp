// What the board-specific Python modules (board, digitalio, microcontroller, supervisor, time, os, storage,
// neopixel_write) call into: the supervisor's state and the port's hardware, independent of the VM.
#pragma once

#include <atomic>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "firmware/supervisor/board_identity.hpp"
#include "firmware/supervisor/clock.hpp"
#include "firmware/supervisor/drive.hpp"
#include "firmware/supervisor/module_finder.hpp"
#include "firmware/supervisor/safe_mode.hpp"
#include "firmware/supervisor/settings_toml.hpp"
#include "firmware/supervisor/virtual_pins.hpp"

namespace cpy::firmware {

/// supervisor.RunReason
enum class RunReason { startup, autoreload, supervisor_reload, repl_reload };
/// microcontroller.RunMode
enum class RunMode { normal, safe_mode, uf2, bootloader };

class BoardServices {
 public:
  BoardServices(BoardIdentity identity, Drive& drive, const ModuleFinder& finder, Clock& clock, VirtualPins& pins);

  const BoardIdentity& identity() const { return m_identity; }
  Drive& drive() { return m_drive; }
  Clock& clock() { return m_clock; }
  VirtualPins& pins() { return m_pins; }

  // time: a sleep returns early (false) once an interrupt is pending.
  bool sleep_ns(std::uint64_t ns) { return m_clock.sleep_ns(ns, m_interrupt_pending); }
  void set_interrupt_pending(bool pending) { m_interrupt_pending = pending; }

  // supervisor.runtime
  bool autoreload() const { return m_autoreload; }
  void set_autoreload(bool on) { m_autoreload = on; }
  bool serial_connected() const { return m_serial_connected; }
  void set_serial_connected(bool on) { m_serial_connected = on; }
  RunReason run_reason() const { return m_run_reason; }
  void set_run_reason(RunReason reason) { m_run_reason = reason; }
  SafeModeReason safe_mode_reason() const { return m_safe_mode_reason; }
  void set_safe_mode_reason(SafeModeReason reason) { m_safe_mode_reason = reason; }
  /// supervisor.set_next_code_file(): tried before code.py on the next run, once.
  void set_next_code_file(std::optional<std::string> file);
  std::optional<std::string> take_next_code_file();

  // microcontroller
  void on_next_reset(RunMode mode) { m_next_reset_mode = mode; }
  RunMode next_reset_mode() const { return m_next_reset_mode; }
  /// microcontroller.reset(): the running code stops and the port boots again.
  void request_hard_reset() { m_hard_reset = true; }
  bool take_hard_reset_request() { return m_hard_reset.exchange(false); }

  // storage: the root is read-only to Python unless boot.py remounts it.
  bool python_can_write() const { return m_python_writable; }
  /// storage.remount("/", readonly): allowed only while boot.py runs (else "Cannot remount '/' when visible via USB.").
  FwStatus remount_root(bool readonly);
  void set_in_boot_py(bool in_boot) { m_in_boot_py = in_boot; }
  /// State that lasts until the next hard reset goes back to its power-on value.
  void reset_for_hard_boot();

  /// os.getenv(key) from /settings.toml.
  std::optional<SettingValue> getenv(const std::string& key) const;

  /// The text help('modules') prints, given the VM's built-in module names.
  std::string help_modules(const std::vector<std::string>& builtin_names) const;

 private:
  BoardIdentity m_identity;
  Drive& m_drive;
  const ModuleFinder& m_finder;
  Clock& m_clock;
  VirtualPins& m_pins;
  std::atomic<bool> m_interrupt_pending{false};
  std::atomic<bool> m_autoreload{true};
  std::atomic<bool> m_serial_connected{false};
  std::atomic<bool> m_hard_reset{false};
  RunReason m_run_reason = RunReason::startup;
  SafeModeReason m_safe_mode_reason = SafeModeReason::none;
  RunMode m_next_reset_mode = RunMode::normal;
  bool m_python_writable = false;
  bool m_in_boot_py = false;
  mutable std::mutex m_mutex;
  std::optional<std::string> m_next_code_file;
};

}  // namespace cpy::firmware
