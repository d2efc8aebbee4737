// Declarations of every subcommand's setup function (one file per subcommand in cli/commands/).
#pragma once

#include "cli/command.hpp"

namespace cpy::cli {

Runner setup_not_implemented(CLI::App& cmd);
Runner setup_completions(CLI::App& cmd);
Runner setup_repl(CLI::App& cmd);
Runner setup_exec(CLI::App& cmd);
Runner setup_run(CLI::App& cmd);
Runner setup_modules(CLI::App& cmd);
Runner setup_info(CLI::App& cmd);
Runner setup_reset(CLI::App& cmd);
Runner setup_devices(CLI::App& cmd);
Runner setup_deploy(CLI::App& cmd);
Runner setup_fs(CLI::App& cmd);
Runner setup_install(CLI::App& cmd);
Runner setup_uninstall(CLI::App& cmd);
Runner setup_update(CLI::App& cmd);
Runner setup_list(CLI::App& cmd);
Runner setup_freeze(CLI::App& cmd);
Runner setup_show(CLI::App& cmd);
Runner setup_example(CLI::App& cmd);
Runner setup_bundle(CLI::App& cmd);
Runner setup_doctor(CLI::App& cmd);
Runner setup_uf2(CLI::App& cmd);
Runner setup_flash(CLI::App& cmd);
Runner setup_mpy_dis(CLI::App& cmd);
Runner setup_mpy_cross(CLI::App& cmd);
Runner setup_compile(CLI::App& cmd);
Runner setup_board(CLI::App& cmd);
Runner setup_build_firmware(CLI::App& cmd);
Runner setup_port(CLI::App& cmd);
Runner setup_blinka(CLI::App& cmd);

}  // namespace cpy::cli
