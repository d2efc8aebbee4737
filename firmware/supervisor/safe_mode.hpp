// Safe mode (device-protocol.md §9): why the board is in it, and the console text that says so.
#pragma once

#include <string>
#include <string_view>

namespace cpy::firmware {

/// supervisor.SafeModeReason, in the order supervisor.SafeModeReason's Python names are listed by the bindings.
enum class SafeModeReason { none, user, programmatic, safemode_py_error };

/// The Python name of the reason ("NONE", "USER", "PROGRAMMATIC", "SAFEMODE_PY_ERROR").
std::string_view safe_mode_reason_name(SafeModeReason reason);

/// The lines CircuitPython prints before "Press any key..." while in safe mode (LF line endings):
/// "\nYou are in safe mode because:\n<reason sentence>\nPress reset to exit safe mode.\n"; empty for none.
std::string safe_mode_message(SafeModeReason reason);

/// Printed after the Auto-reload line instead of running code.py.
inline constexpr std::string_view k_safe_mode_status = "Running in safe mode! Not running saved code.\n";

}  // namespace cpy::firmware
