// `cpytool exec CODE`: run Python on the board in the raw REPL, print its output; exit 1 when it raises.
#include <memory>

#include "cli/commands/commands.hpp"
#include "cli/commands/device_session.hpp"
#include "cli/ui/output.hpp"

namespace cpy::cli {

namespace {
struct ExecOptions {
  ConnectionOptions connection;
  std::string code;
};
}  // namespace

Runner setup_exec(CLI::App& cmd) {
  auto opts = std::make_shared<ExecOptions>();
  cmd.add_option("code", opts->code, "Python statements (use ';' or newlines between them)")->required();
  add_port_option(cmd, opts->connection);
  return [opts](const GlobalOptions& globals) {
    Output out(globals);
    auto session = ReplSession::open(opts->connection);
    if (!session) return out.fail(session.error());
    auto status = run_streaming((*session)->repl(), opts->code + "\n", globals.json);
    if (!status) return out.fail(status.error());
    return *status;
  };
}

}  // namespace cpy::cli
