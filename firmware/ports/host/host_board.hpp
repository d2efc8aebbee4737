// The virtual board on a host: a folder as CIRCUITPY, the console on a pty or stdio, inotify auto-reload.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "firmware/supervisor/error.hpp"
#include "firmware/supervisor/interpreter.hpp"
#include "firmware/supervisor/safe_mode.hpp"
#include "firmware/supervisor/web_workflow.hpp"

namespace cpy::firmware::host {

enum class SerialKind { pty, stdio };

struct HostBoardOptions {
  std::filesystem::path drive = "CIRCUITPY";
  std::string board_id = "cpytool_virtual_board";
  std::string board_name = "cpytool virtual board";
  std::string mcu_name = "host";
  std::filesystem::path firmware;  ///< a file from build-firmware (frozen modules); empty: none
  SerialKind serial = SerialKind::pty;
  std::size_t heap_bytes = 192 * 1024;
  std::filesystem::path trace;  ///< JSON lines of pin changes; empty: no trace
  double speed = 1.0;
  /// The web workflow's port instead of CIRCUITPY_WEB_API_PORT (default 80); 0 picks a free port.
  std::optional<int> web_port;
  /// owned_by_host: act as if a computer had mounted CIRCUITPY over USB (web writes answer 409).
  UsbDrive usb_drive = UsbDrive::released;
  std::filesystem::path web_log;  ///< one line per web request; empty: none
  /// Boot into safe mode first (SafeModeReason::user: the reset button pressed during boot).
  SafeModeReason power_on_safe_mode = SafeModeReason::none;
  std::string cpytool_version;
  std::string build_date;  ///< YYYY-MM-DD
  /// Receives "where things are" lines (pty path, drive) once the board is ready.
  std::function<void(const std::string& key, const std::string& value)> announce;
};

/// Runs until SIGINT/SIGTERM (or end of stdin with --serial stdio). Errors are returned before the board starts.
FwStatus run_host_board(const HostBoardOptions& options, Interpreter& interpreter);

}  // namespace cpy::firmware::host
