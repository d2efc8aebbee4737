// `cpytool run FILE.py`: send a local file to the board's raw REPL and stream its output; exit 1 when it raises.
#include <fstream>
#include <memory>
#include <sstream>

#include "cli/commands/commands.hpp"
#include "cli/commands/device_session.hpp"
#include "cli/ui/output.hpp"

namespace cpy::cli {

namespace {
struct RunOptions {
  ConnectionOptions connection;
  std::string file;
};
}  // namespace

Runner setup_run(CLI::App& cmd) {
  auto opts = std::make_shared<RunOptions>();
  cmd.add_option("file", opts->file, "The Python file to run (it is not copied to the board)")->required();
  add_port_option(cmd, opts->connection);
  return [opts](const GlobalOptions& globals) {
    Output out(globals);
    std::ifstream in(opts->file, std::ios::binary);
    if (!in) return out.fail(make_error(ExitCode::bad_input, "cannot read " + opts->file));
    std::ostringstream text;
    text << in.rdbuf();
    auto session = ReplSession::open(opts->connection);
    if (!session) return out.fail(session.error());
    auto status = run_streaming((*session)->repl(), text.str(), globals.json);
    if (!status) return out.fail(status.error());
    return *status;
  };
}

}  // namespace cpy::cli
