// Shared device-command plumbing: connection options, the raw-REPL session and streaming of program output.
#include "cli/commands/device_session.hpp"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "device/serial/console_text.hpp"
#include "device/serial/repl_files.hpp"
#include "device/usb/discovery.hpp"
#include "device/web/web_files.hpp"

namespace cpy::cli {

void add_port_option(CLI::App& cmd, ConnectionOptions& options) {
  cmd.add_option("-p,--port", options.port,
                 "Serial port of the board (default: CPYTOOL_PORT, else the only board found)");
  cmd.add_flag("--no-raw-paste", options.no_raw_paste, "Use the plain raw REPL even when the board offers raw-paste");
}

void add_web_options(CLI::App& cmd, ConnectionOptions& options) {
  cmd.add_option("--host", options.host, "Use the web workflow of the board at HOST[:PORT] instead of serial");
  cmd.add_option("--password", options.password,
                 "Web workflow password (default: CPYTOOL_WEB_PASSWORD, else CIRCUP_WEBWORKFLOW_PASSWORD)");
}

Result<std::unique_ptr<ReplSession>> ReplSession::open(const ConnectionOptions& options,
                                                       device::RawReplTimeouts timeouts) {
  CPY_TRY(const std::string path, device::resolve_port(options.port));
  CPY_TRY(auto port, device::open_serial_port(path));
  std::unique_ptr<ReplSession> session(new ReplSession());
  session->m_port = std::move(port);
  const auto mode = options.no_raw_paste ? device::PasteMode::plain_raw : device::PasteMode::try_raw_paste;
  session->m_repl = std::make_unique<device::RawRepl>(*session->m_port, mode, timeouts);
  CPY_CHECK(session->m_repl->enter());
  return session;
}

ReplSession::~ReplSession() {
  if (m_leave && m_repl) (void)m_repl->leave();
}

Result<std::unique_ptr<device::BoardFiles>> open_board_files(const ConnectionOptions& options,
                                                             std::unique_ptr<ReplSession>& session,
                                                             std::unique_ptr<Http>& http) {
  if (!options.host.empty()) {
    const std::string password = device::web_password(options.password);
    if (password.empty())
      return make_error(ExitCode::usage, "the web workflow needs a password",
                        "pass --password or set CPYTOOL_WEB_PASSWORD (CIRCUITPY_WEB_API_PASSWORD in settings.toml)");
    http = make_curl_http(http_options_from_env());
    return std::unique_ptr<device::BoardFiles>(
        std::make_unique<device::WebFiles>(*http, device::WebTarget{options.host, password}));
  }
  CPY_TRY(session, ReplSession::open(options));
  return std::unique_ptr<device::BoardFiles>(std::make_unique<device::ReplFiles>(session->repl()));
}

namespace {
std::atomic<bool> g_interrupted{false};
void on_sigint(int) { g_interrupted = true; }
}  // namespace

InterruptRelay::InterruptRelay() {
  g_interrupted = false;
  std::signal(SIGINT, on_sigint);
}
InterruptRelay::~InterruptRelay() { std::signal(SIGINT, SIG_DFL); }
bool InterruptRelay::interrupted() { return g_interrupted; }

Result<int> run_streaming(device::RawRepl& repl, const std::string& code, bool json) {
  InterruptRelay relay;
  device::CrlfToLf out_lines;
  auto sink = [&](std::string_view chunk) {
    if (json) return;
    const std::string text = out_lines.feed(chunk);
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
  };
  CPY_TRY(device::ExecResult result, repl.exec(code, sink, &InterruptRelay::interrupted));
  device::CrlfToLf err_lines;
  const std::string out = device::CrlfToLf().feed(result.out);
  const std::string err = err_lines.feed(result.err) + err_lines.finish();
  if (json) {
    nlohmann::json doc = {{"ok", !result.raised()}, {"stdout", out}};
    if (result.raised()) doc["traceback"] = err;
    std::puts(doc.dump(2).c_str());
  } else {
    const std::string tail = out_lines.finish();
    std::fwrite(tail.data(), 1, tail.size(), stdout);
    std::fflush(stdout);
    std::fwrite(err.data(), 1, err.size(), stderr);
  }
  return result.raised() ? 1 : 0;
}

}  // namespace cpy::cli
