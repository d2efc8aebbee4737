// cpytool's entry point.
#include <cstdio>
#include <string_view>

#include "cli/app.hpp"
#include "cli/commands/mpy_cross.hpp"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  std::string_view prog = argv[0];
  if (prog.substr(prog.find_last_of('/') + 1) == "mpy-cross") return cpy::cli::run_mpy_cross(args);
  // `cpytool mpy-cross ...` skips building the whole command line (half of its start-up, docs/performance.md).
  if (!args.empty() && args[0] == "mpy-cross") return cpy::cli::run_mpy_cross({args.begin() + 1, args.end()});
  // Version checks in scripts and CI run often: answered without building the command line.
  if (args.size() == 1 && args[0] == "--version") return std::fputs(cpy::cli::version_text().c_str(), stdout) < 0;
  return cpy::cli::run_cli(args);
}
