// `cpytool completions bash|zsh|fish|markdown`: texts generated from the command table.
#include <cstdio>
#include <memory>

#include "cli/commands/commands.hpp"
#include "cli/reference.hpp"

namespace cpy::cli {

namespace {
struct CompletionsOptions {
  std::string shell;
};
}  // namespace

Runner setup_completions(CLI::App& cmd) {
  auto opts = std::make_shared<CompletionsOptions>();
  cmd.add_option("shell", opts->shell, "bash, zsh or fish (markdown prints the reference of docs/cli.md)")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh", "fish", "markdown"}));
  return [opts](const GlobalOptions&) {
    // The running command line declares only this command's options: describe a fully built one.
    CLI::App root;
    GlobalOptions globals;
    std::vector<Runner> runners;
    build_app(root, globals, runners);
    std::string text;
    if (opts->shell == "bash") text = bash_completion(root);
    if (opts->shell == "zsh") text = zsh_completion(root);
    if (opts->shell == "fish") text = fish_completion(root);
    if (opts->shell == "markdown") text = cli_reference_markdown(root);
    std::fputs(text.c_str(), stdout);
    return 0;
  };
}

}  // namespace cpy::cli
