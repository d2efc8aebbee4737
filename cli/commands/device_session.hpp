// Shared by the device commands: --port/--host/--password options, opening a raw-REPL session, Ctrl-C relay.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "core/http.hpp"
#include "core/result.hpp"
#include "device/board_files.hpp"
#include "device/serial/port.hpp"
#include "device/serial/raw_repl.hpp"

namespace cpy::cli {

struct ConnectionOptions {
  std::string port;      // --port, else CPYTOOL_PORT, else discovery
  std::string host;      // --host: web workflow instead of serial
  std::string password;  // --password, else CPYTOOL_WEB_PASSWORD / CIRCUP_WEBWORKFLOW_PASSWORD
  bool no_raw_paste = false;
};

void add_port_option(CLI::App& cmd, ConnectionOptions& options);
void add_web_options(CLI::App& cmd, ConnectionOptions& options);

/// An open port in the raw REPL. Leaves the raw REPL when destroyed unless `keep_raw()` was called.
class ReplSession {
 public:
  static Result<std::unique_ptr<ReplSession>> open(const ConnectionOptions& options,
                                                   device::RawReplTimeouts timeouts = {});
  ~ReplSession();
  ReplSession(const ReplSession&) = delete;
  ReplSession& operator=(const ReplSession&) = delete;

  device::RawRepl& repl() { return *m_repl; }
  device::SerialPort& port() { return *m_port; }
  void keep_raw() { m_leave = false; }

 private:
  ReplSession() = default;
  std::unique_ptr<device::SerialPort> m_port;
  std::unique_ptr<device::RawRepl> m_repl;
  bool m_leave = true;
};

/// Files over the web workflow (when --host is given) or over the raw REPL. `session` receives the REPL session
/// (kept alive by the caller) in the serial case.
Result<std::unique_ptr<device::BoardFiles>> open_board_files(const ConnectionOptions& options,
                                                             std::unique_ptr<ReplSession>& session,
                                                             std::unique_ptr<Http>& http);

/// While alive, Ctrl-C in the terminal is not fatal: `interrupted()` turns true so the board can be interrupted.
class InterruptRelay {
 public:
  InterruptRelay();
  ~InterruptRelay();
  InterruptRelay(const InterruptRelay&) = delete;
  InterruptRelay& operator=(const InterruptRelay&) = delete;
  static bool interrupted();
};

/// Runs code in the raw REPL, streaming stdout (LF line endings) to our stdout; the traceback goes to stderr.
/// Returns 0, or 1 when the code raised.
Result<int> run_streaming(device::RawRepl& repl, const std::string& code, bool json);

}  // namespace cpy::cli
