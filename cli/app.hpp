// The cpytool command line as a function: parse, dispatch to the subcommand, map failures to exit codes.
#pragma once

#include <string>
#include <vector>

namespace cpy::cli {

/// Runs cpytool with `args` (without argv[0]); returns the process exit code.
int run_cli(const std::vector<std::string>& args);

/// The text printed by `cpytool --version`.
std::string version_text();

}  // namespace cpy::cli
