// `cpytool modules [--json]`: the board's help('modules') split into built-in and frozen names.
#include <memory>

#include "cli/commands/commands.hpp"
#include "cli/commands/device_session.hpp"
#include "cli/ui/output.hpp"
#include "device/serial/modules.hpp"

namespace cpy::cli {

namespace {

std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& n : names) text += (text.empty() ? "" : " ") + n;
  return text.empty() ? "(none)" : text;
}

}  // namespace

Runner setup_modules(CLI::App& cmd) {
  auto opts = std::make_shared<ConnectionOptions>();
  add_port_option(cmd, *opts);
  return [opts](const GlobalOptions& globals) {
    Output out(globals);
    auto session = ReplSession::open(*opts);
    if (!session) return out.fail(session.error());
    auto result = (*session)->repl().exec(device::k_modules_code);
    if (!result) return out.fail(result.error());
    if (result->raised())
      return out.fail(make_error(ExitCode::failure, "help('modules') failed on the board: " + result->err));
    const auto list = device::parse_modules(result->out);
    out.json_result({{"builtin", list.builtin}, {"frozen", list.frozen}, {"frozen_modules", list.frozen_modules}});
    out.line(out.bold("Built-in (" + std::to_string(list.builtin.size()) + "):") + " " + joined(list.builtin));
    out.line(out.bold("Frozen (" + std::to_string(list.frozen.size()) + "):") + " " + joined(list.frozen));
    return 0;
  };
}

}  // namespace cpy::cli
