// The board-specific modules (board, digitalio, microcontroller, supervisor, storage, neopixel_write) for the VM.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cpy::vm {
class Vm;
}

namespace cpy::firmware {

class BoardServices;

/// Name of the builtin the REPL uses to echo an expression's value.
inline constexpr std::string_view k_repl_echo_name = "__cpy_repl_echo__";

/// Registers the modules in a fresh VM; they call into `services` (one board per process).
void register_board_modules(vm::Vm& vm, BoardServices& services);
std::vector<std::string> board_module_names();
/// Every built-in module of the VM plus the board modules (what help('modules') lists besides frozen ones).
std::vector<std::string> all_builtin_module_names();

}  // namespace cpy::firmware
