// `cpytool deploy [PROJECT_DIR] [--watch]`: copy a project to the board with the safe procedure of §5, then run it.
#include <chrono>
#include <memory>
#include <thread>

#include "cli/commands/commands.hpp"
#include "cli/commands/device_session.hpp"
#include "cli/ui/output.hpp"
#include "core/board_catalog.hpp"
#include "device/circuitpy_mounts.hpp"
#include "device/deploy.hpp"
#include "device/serial/repl_files.hpp"
#include "device/usb/discovery.hpp"
#include "device/web/web_files.hpp"

namespace cpy::cli {

namespace {

struct DeployOptions {
  ConnectionOptions connection;
  std::string project = ".";
  std::string drive;
  bool watch = false;
  bool no_run = false;
  bool no_verify = false;
};

/// The CIRCUITPY folder: --drive, else the drive of the board on `port`, else the only mounted one.
std::string find_drive(const DeployOptions& o, const std::string& port) {
  if (!o.drive.empty()) return o.drive;
  const auto catalog = BoardCatalog::load_default();
  for (const auto& b : device::discover_boards(catalog ? &*catalog : nullptr).boards)
    if (!b.mount.empty() && (port.empty() || b.port == port)) return b.mount;
  const auto mounted = device::find_running_boards();
  return mounted.size() == 1 ? mounted.front().mount.string() : std::string();
}

Result<std::size_t> deploy_web(const DeployOptions& o, const std::vector<device::DeployFile>& plan) {
  std::unique_ptr<ReplSession> unused;
  std::unique_ptr<Http> http;
  CPY_TRY(auto files, open_board_files(o.connection, unused, http));
  CPY_CHECK(device::copy_through(plan, *files));
  return plan.size();
}

Result<std::size_t> deploy_serial(const DeployOptions& o, const std::vector<device::DeployFile>& plan,
                                  const Output& out) {
  std::unique_ptr<ReplSession> session;
  auto port = device::resolve_port(o.connection.port);
  if (port) {
    // The raw REPL first: auto-reload is suspended while it is active, so nothing runs half-copied files.
    ConnectionOptions c = o.connection;
    c.port = *port;
    CPY_TRY(session, ReplSession::open(c));
  } else if (!o.connection.port.empty() || port.error().code != ExitCode::no_board) {
    return port.take_error();
  }
  const std::string drive = find_drive(o, port ? *port : "");
  std::vector<device::DeployFile> written = plan;
  if (!drive.empty()) {
    if (!session) out.warn("no serial port: auto-reload may restart code.py while files are copied");
    CPY_TRY(written, device::copy_to_drive(plan, drive));
  } else if (session) {
    device::ReplFiles files(session->repl());
    CPY_CHECK(device::copy_through(plan, files));
  } else {
    return make_error(ExitCode::no_board, "no board found: neither a CIRCUITPY drive nor a serial port",
                      "plug the board in, or give --drive DIR and/or --port PORT");
  }
  if (session && !o.no_verify && !written.empty()) {
    device::ReplFiles files(session->repl());
    CPY_CHECK(device::verify_on_board(written, files));
  }
  if (session && !o.no_run) {
    session->keep_raw();
    CPY_CHECK(session->repl().leave_and_run_code());
  }
  return written.size();
}

int deploy_once(const DeployOptions& o, const Output& out) {
  auto plan = device::plan_deploy(o.project);
  if (!plan) return out.fail(plan.error());
  bool has_lib_py = false;
  for (const auto& f : *plan)
    has_lib_py = has_lib_py || (f.board_path.rfind("/lib/", 0) == 0 && f.source.extension() == ".py");
  if (has_lib_py) out.warn("lib/*.py copied as source: the .mpy compiler is not part of this build yet");
  auto count = o.connection.host.empty() ? deploy_serial(o, *plan, out) : deploy_web(o, *plan);
  if (!count) return out.fail(count.error());
  out.json_result({{"ok", true}, {"files", plan->size()}, {"written", *count}});
  out.line("deployed " + std::to_string(*count) + " changed file(s) of " + std::to_string(plan->size()));
  return 0;
}

int watch(const DeployOptions& o, const Output& out) {
  InterruptRelay relay;
  auto last = device::snapshot(o.project);
  out.line("watching " + o.project + " (Ctrl-C stops)");
  while (!InterruptRelay::interrupted()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    auto now = device::snapshot(o.project);
    if (now == last) continue;
    last = std::move(now);
    deploy_once(o, out);  // an error is reported and watching goes on
  }
  return 0;
}

}  // namespace

Runner setup_deploy(CLI::App& cmd) {
  auto opts = std::make_shared<DeployOptions>();
  cmd.add_option("project", opts->project, "Project folder holding code.py and lib/ (default: here)");
  cmd.add_option("--drive", opts->drive, "The board's CIRCUITPY folder (default: found by the board's UID)");
  cmd.add_flag("--watch", opts->watch, "Deploy again whenever a file of the project changes");
  cmd.add_flag("--no-run", opts->no_run, "Do not restart code.py after copying");
  cmd.add_flag("--no-verify", opts->no_verify, "Do not read sizes and checksums back from the board");
  add_port_option(cmd, opts->connection);
  add_web_options(cmd, opts->connection);
  return [opts](const GlobalOptions& globals) {
    Output out(globals);
    const int rc = deploy_once(*opts, out);
    if (rc != 0 || !opts->watch) return rc;
    return watch(*opts, out);
  };
}

}  // namespace cpy::cli
