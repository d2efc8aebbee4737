// `cpytool mpy-cross`: the subcommand's table entry; everything after it is mpy-cross's own syntax
// (run_mpy_cross in mpy_cross_run.cpp). cli/main.cpp usually dispatches before the command line is built.
#include "cli/commands/mpy_cross.hpp"
#include "cli/commands/commands.hpp"

namespace cpy::cli {

Runner setup_mpy_cross(CLI::App& cmd) {
  // Everything after `mpy-cross` is mpy-cross's own syntax: keep it all for run_mpy_cross.
  cmd.fallthrough(false);
  cmd.allow_extras();
  cmd.prefix_command();
  cmd.set_help_flag();
  CLI::App* app = &cmd;
  return [app](const GlobalOptions&) { return run_mpy_cross(app->remaining()); };
}

}  // namespace cpy::cli
