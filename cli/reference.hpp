// Texts generated from the command table: shell completions and the reference part of docs/cli.md.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace cpy::cli {

std::string bash_completion(const CLI::App& app);
std::string zsh_completion(const CLI::App& app);
std::string fish_completion(const CLI::App& app);
/// Markdown: global options, every command with its options, the exit-code table.
std::string cli_reference_markdown(const CLI::App& app);

}  // namespace cpy::cli
