// The runner of a planned command that is not implemented yet: says so, never pretends to work.
#include <cstdio>

#include "cli/commands/commands.hpp"
#include "cli/ui/output.hpp"
#include "core/error.hpp"

namespace cpy::cli {

Runner setup_not_implemented(CLI::App& cmd) {
  std::string name = cmd.get_name();
  int issue = 0;
  for (const auto& spec : command_table())
    if (name == spec.name) issue = spec.planned_in_issue;
  return [name, issue](const GlobalOptions& globals) {
    Output out(globals);
    out.error("'" + name + "' is not implemented yet", issue ? "it is planned in issue #" + std::to_string(issue) : "",
              ExitCode::not_implemented);
    return static_cast<int>(ExitCode::not_implemented);
  };
}

}  // namespace cpy::cli
