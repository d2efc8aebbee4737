// Declarations of every subcommand's setup function (one file per subcommand in cli/commands/).
#pragma once

#include "cli/command.hpp"

namespace cpy::cli {

Runner setup_not_implemented(CLI::App& cmd);
Runner setup_completions(CLI::App& cmd);

}  // namespace cpy::cli
