// "did you mean ...?" for unknown subcommands and options.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

namespace cpy::cli {

struct Suggestion {
  std::string word;        // what the user typed
  std::string suggestion;  // the closest known name, or empty
  std::string message;     // a one-line description of the problem
};

/// The first positional word when it is not a subcommand of `app` (the global options are skipped).
std::optional<Suggestion> unknown_command(const CLI::App& app, const std::vector<std::string>& args);

/// The first word of `args` that is not a global option or its value; empty when there is none.
std::string first_command_word(const CLI::App& app, const std::vector<std::string>& args);

/// For CLI11's "arguments were not expected" error: the first bad option and the closest real one.
Suggestion suggest_for_extras(const CLI::App& app, const std::string& what);

/// Every spelling of every option of `app` ("--json", "-q", ...).
std::vector<std::string> option_names(const CLI::App& app);

}  // namespace cpy::cli
