// The shape every subcommand has: a table row, a setup that declares its options, a runner.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

namespace cpy::cli {

struct GlobalOptions {
  bool json = false;
  bool quiet = false;
  int verbose = 0;
  std::string log_file;
  bool no_color = false;
  bool yes = false;
};

/// What a parsed subcommand does; returns the process exit code.
using Runner = std::function<int(const GlobalOptions&)>;

struct CommandSpec {
  const char* name;
  const char* group;
  const char* summary;
  /// Declares the subcommand's options on `cmd` and returns what runs it.
  Runner (*setup)(CLI::App& cmd);
  /// The issue that delivers the command while it is not implemented yet (0 once it is).
  int planned_in_issue = 0;
};

/// Every subcommand, in the order --help, completions and docs/cli.md list them.
const std::vector<CommandSpec>& command_table();

/// Builds the whole command line: global options and every subcommand from the table.
/// `runners` receives one runner per subcommand, in table order.
void build_app(CLI::App& app, GlobalOptions& globals, std::vector<Runner>& runners);
/// The parts of build_app: the global options, then every command (with its options only when `only` is null
/// or names it; the others are listed by name and summary, and their runner is empty).
void add_global_options(CLI::App& app, GlobalOptions& globals);
void add_commands(CLI::App& app, std::vector<Runner>& runners, const std::string* only);

}  // namespace cpy::cli
