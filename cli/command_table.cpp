// The one table of subcommands; --help, completions and docs/cli.md all derive from it.
#include "cli/commands/commands.hpp"

namespace cpy::cli {

const std::vector<CommandSpec>& command_table() {
  static const std::vector<CommandSpec> table = {
      {"install", "Libraries", "Install libraries and their dependencies into lib/ on the board", setup_install},
      {"uninstall", "Libraries", "Remove libraries from lib/ on the board", setup_uninstall},
      {"update", "Libraries", "Update out-of-date libraries on the board", setup_update},
      {"list", "Libraries", "List libraries on the board that are out of date", setup_list},
      {"freeze", "Libraries", "Print the board's libraries as requirements (or --pip for Blinka)",
       setup_freeze},
      {"show", "Libraries", "Show the libraries available in the bundles", setup_show},
      {"example", "Libraries", "Copy a library's example to the board or print it", setup_example},
      {"bundle", "Libraries", "Manage bundle sources: add, remove, show, pin", setup_bundle},
      {"doctor", "Libraries", "Check the board, bundles, cache and network, and say what is wrong",
       setup_doctor},
      {"mpy-cross", "Compiler", "Compile one Python file to .mpy, a drop-in for CircuitPython's mpy-cross",
       setup_mpy_cross},
      {"compile", "Compiler", "Compile a project tree to .mpy, in parallel and incrementally", setup_compile},
      {"mpy-dis", "Compiler", "Disassemble .mpy files (header, constants, prelude, bytecode)", setup_mpy_dis},
      {"repl", "Device", "Open an interactive REPL on the board's serial console", setup_repl},
      {"exec", "Device", "Run a Python statement on the board and print its output", setup_exec},
      {"run", "Device", "Run a local Python file on the board and stream its output", setup_run},
      {"modules", "Device", "List the board's built-in and frozen modules", setup_modules},
      {"info", "Device", "Show the board's version, board id, mpy version and safe-mode reason", setup_info},
      {"reset", "Device", "Reset the board (normally, into the bootloader, or into safe mode)", setup_reset},
      {"devices", "Device", "List connected boards and bootloader drives", setup_devices},
      {"deploy", "Device", "Compile and copy a project to the board safely, then run it", setup_deploy},
      {"fs", "Device", "Files on the board: ls, cat, put, get, rm, mkdir", setup_fs},
      {"board", "Firmware", "Run the virtual board: start, run a file", setup_board},
      {"build-firmware", "Firmware", "Build virtual-board firmware with frozen modules", setup_build_firmware},
      {"uf2", "Firmware", "Inspect and convert UF2 firmware files", setup_uf2},
      {"flash", "Firmware", "Download and copy CircuitPython firmware onto a board", setup_flash},
      {"port", "Porting", "Report and fix MicroPython code that will not run on CircuitPython", setup_port},
      {"blinka", "Porting", "Produce pip requirements to run a project on Linux with Blinka", setup_blinka},
      {"completions", "Shell", "Print shell completions: bash, zsh or fish", setup_completions},
  };
  return table;
}

}  // namespace cpy::cli
