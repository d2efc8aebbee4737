// `cpytool info [--json]`: the board's version, board id, machine, mpy version and safe-mode reason.
#include <memory>

#include "cli/commands/commands.hpp"
#include "cli/commands/device_session.hpp"
#include "cli/ui/output.hpp"
#include "device/serial/identity.hpp"
#include "device/serial/transcript.hpp"

namespace cpy::cli {

namespace {

/// Safe mode as the probe says it, else as the console said it while we connected (firmware before 8.1).
bool in_safe_mode(const device::BoardIdentity& id, const device::ConsoleNotes& notes) {
  return id.safe_mode_reason.empty() ? notes.safe_mode : id.in_safe_mode();
}

nlohmann::json to_json(const device::BoardIdentity& id, const device::ConsoleNotes& notes, const std::string& port) {
  return {{"port", port},
          {"implementation", id.implementation},
          {"version", id.version},
          {"tag", id.tag},
          {"board_id", id.board_id},
          {"machine", id.machine},
          {"uid", id.uid},
          {"mpy",
           {{"value", id.mpy_value},
            {"version", id.mpy_version()},
            {"sub_version", id.mpy_sub_version()},
            {"arch", id.mpy_arch()}}},
          {"safe_mode", in_safe_mode(id, notes)},
          {"safe_mode_reason", id.safe_mode_reason},
          {"safe_mode_message", notes.safe_mode_reason}};
}

std::string safe_mode_text(const device::BoardIdentity& id, const device::ConsoleNotes& notes, const Output& out) {
  if (!in_safe_mode(id, notes))
    return id.safe_mode_reason.empty() ? "unknown (firmware cannot say)" : std::string("no");
  const std::string reason = id.safe_mode_reason.empty() ? notes.safe_mode_reason : id.safe_mode_reason;
  return out.yellow("yes: " + (reason.empty() ? std::string("reason not given") : reason));
}

}  // namespace

Runner setup_info(CLI::App& cmd) {
  auto opts = std::make_shared<ConnectionOptions>();
  add_port_option(cmd, *opts);
  return [opts](const GlobalOptions& globals) {
    Output out(globals);
    auto session = ReplSession::open(*opts);
    if (!session) return out.fail(session.error());
    auto result = (*session)->repl().exec(device::identity_probe_code());
    if (!result) return out.fail(result.error());
    if (result->raised()) return out.fail(make_error(ExitCode::failure, "the identity probe failed: " + result->err));
    auto id = device::parse_identity(result->out);
    if (!id) return out.fail(id.error());
    const auto notes = device::parse_console_notes((*session)->repl().entry_text());
    out.json_result(to_json(*id, notes, (*session)->port().path()));
    out.line("port:       " + (*session)->port().path());
    out.line("version:    " + id->tag + (id->implementation == "circuitpython" ? "" : " (" + id->implementation + ")"));
    out.line("board id:   " + (id->board_id.empty() ? "(unknown)" : id->board_id));
    out.line("machine:    " + id->machine);
    if (!id->uid.empty()) out.line("uid:        " + id->uid);
    out.line("mpy:        v" + std::to_string(id->mpy_version()) + "." + std::to_string(id->mpy_sub_version()) +
             " (arch " + id->mpy_arch() + ")");
    out.line("safe mode:  " + safe_mode_text(*id, notes, out));
    return 0;
  };
}

}  // namespace cpy::cli
