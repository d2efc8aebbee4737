// `cpytool reset [--bootloader|--safe-mode|--soft]`: restart the board from its raw REPL.
#include <memory>

#include "cli/commands/commands.hpp"
#include "cli/commands/device_session.hpp"
#include "cli/ui/output.hpp"

namespace cpy::cli {

namespace {

struct ResetOptions {
  ConnectionOptions connection;
  bool bootloader = false;
  bool safe_mode = false;
  bool soft = false;
};

std::string reset_code(const ResetOptions& o) {
  std::string code = "import microcontroller as m\n";
  if (o.bootloader)
    code += "m.on_next_reset(getattr(m.RunMode,'UF2',m.RunMode.BOOTLOADER))\n";
  else if (o.safe_mode)
    code += "m.on_next_reset(m.RunMode.SAFE_MODE)\n";
  return code + "m.reset()\n";
}

}  // namespace

Runner setup_reset(CLI::App& cmd) {
  auto opts = std::make_shared<ResetOptions>();
  auto* boot = cmd.add_flag("--bootloader", opts->bootloader, "Restart into the UF2 bootloader (to flash firmware)");
  auto* safe = cmd.add_flag("--safe-mode", opts->safe_mode, "Restart into safe mode (boot.py and code.py do not run)");
  auto* soft = cmd.add_flag("--soft", opts->soft, "Soft reboot only: restart the VM and run code.py again");
  boot->excludes(safe)->excludes(soft);
  safe->excludes(soft);
  add_port_option(cmd, opts->connection);
  return [opts](const GlobalOptions& globals) {
    Output out(globals);
    device::RawReplTimeouts timeouts;
    timeouts.execution = std::chrono::milliseconds(3000);
    auto session = ReplSession::open(opts->connection, timeouts);
    if (!session) return out.fail(session.error());
    (*session)->keep_raw();
    if (opts->soft) {
      if (auto s = (*session)->repl().leave_and_run_code(); !s) return out.fail(s.error());
    } else {
      // The board goes away mid-command: a disconnect or a silent port is the expected outcome.
      auto result = (*session)->repl().exec_restarting(reset_code(*opts));
      if (result && result->raised())
        return out.fail(make_error(ExitCode::failure, "the board refused to reset: " + result->err));
    }
    const char* what = opts->bootloader ? "into the bootloader" : opts->safe_mode ? "into safe mode" : "";
    out.json_result({{"ok", true},
                     {"port", (*session)->port().path()},
                     {"mode", opts->bootloader  ? "bootloader"
                              : opts->safe_mode ? "safe_mode"
                              : opts->soft      ? "soft"
                                                : "normal"}});
    out.line(std::string("reset ") + what + (*what ? " " : "") + "(" + (*session)->port().path() +
             "); the board may come back under another port");
    return 0;
  };
}

}  // namespace cpy::cli
