// run_host_board: builds the drive, console, clock, pins and supervisor, then runs until asked to stop.
#include "firmware/ports/host/host_board.hpp"

#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <cctype>
#include <ctime>
#include <thread>

#include "firmware/ports/host/drive_watcher.hpp"
#include "firmware/ports/host/fd_console.hpp"
#include "firmware/ports/host/file_trace.hpp"
#include "firmware/ports/host/folder_drive.hpp"
#include "firmware/ports/host/web_server.hpp"
#include "firmware/supervisor/settings_toml.hpp"
#include "firmware/supervisor/supervisor.hpp"

namespace cpy::firmware::host {

namespace {

FwResult<FrozenImage> load_firmware(const std::filesystem::path& file, const std::string& board_id) {
  if (file.empty()) return FrozenImage{};
  FolderDrive dir(file.parent_path().empty() ? "." : file.parent_path());
  auto bytes = dir.read(file.filename().string());
  if (!bytes) return FirmwareError{"cannot read the firmware file " + file.string()};
  auto image = FrozenImage::decode(*bytes, file.string());
  if (!image) return image;
  if (!image->board_id.empty() && image->board_id != board_id)
    return FirmwareError{"firmware " + file.string() + " was built for board '" + image->board_id + "', not '" +
                         board_id + "' (pass --board-id " + image->board_id + ")"};
  return image;
}

/// Stops the supervisor on SIGINT/SIGTERM (blocked in every thread, taken here with sigtimedwait).
class SignalStopper {
 public:
  explicit SignalStopper(Supervisor& supervisor) {
    m_thread = std::thread([this, &supervisor] {
      sigset_t set;
      sigemptyset(&set);
      sigaddset(&set, SIGINT);
      sigaddset(&set, SIGTERM);
      timespec slice{0, 100'000'000};
      while (!m_done) {
        if (sigtimedwait(&set, nullptr, &slice) > 0) supervisor.stop();
      }
    });
  }
  ~SignalStopper() {
    m_done = true;
    m_thread.join();
  }

 private:
  std::atomic<bool> m_done{false};
  std::thread m_thread;
};

void block_stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

BoardIdentity make_identity(const HostBoardOptions& options, const FolderDrive& drive) {
  BoardIdentity id;
  id.version_tag = version_tag_for(options.cpytool_version);
  id.build_date = options.build_date;
  id.board_name = options.board_name;
  id.mcu_name = options.mcu_name;
  id.board_id = options.board_id;
  id.uid = uid_from_seed(options.board_id + "|" + drive.root().string());
  return id;
}

/// The web workflow and its server, alive while the board runs.
struct WebStack {
  WebStack(const BoardIdentity& identity, Drive& drive, WebWorkflowConfig config, std::function<void()> changed)
      : workflow(identity, drive, std::move(config)), server(workflow, std::move(changed)) {}
  WebWorkflow workflow;
  WebServer server;
  int port = 0;
};

std::optional<std::string> setting_text(const std::string& toml, const char* key) {
  auto value = settings_lookup(toml, key);
  if (!value || !std::holds_alternative<std::string>(*value)) return std::nullopt;
  return std::get<std::string>(*value);
}

/// Started, as on a board, only when settings.toml sets CIRCUITPY_WEB_API_PASSWORD; nothing otherwise.
FwResult<std::unique_ptr<WebStack>> start_web_workflow(const HostBoardOptions& options, FolderDrive& drive,
                                                       const BoardIdentity& identity, Supervisor& supervisor) {
  const std::string toml = drive.read("/settings.toml").value_or("");
  auto password = setting_text(toml, "CIRCUITPY_WEB_API_PASSWORD");
  if (!password || password->empty()) return std::unique_ptr<WebStack>();
  WebWorkflowConfig config;
  config.password = *password;
  config.instance_name = setting_text(toml, "CIRCUITPY_WEB_INSTANCE_NAME").value_or(identity.board_name);
  std::string uid = identity.uid_hex();
  for (char& c : uid) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  config.hostname = "cpy-" + uid.substr(uid.size() > 6 ? uid.size() - 6 : 0);
  int port = 80;
  if (auto value = settings_lookup(toml, "CIRCUITPY_WEB_API_PORT"); value && std::holds_alternative<long long>(*value))
    port = static_cast<int>(std::get<long long>(*value));
  if (options.web_port) port = *options.web_port;
  if (port < 0 || port > 65535)
    return FirmwareError{"CIRCUITPY_WEB_API_PORT " + std::to_string(port) + " is not a port"};
  auto stack =
      std::make_unique<WebStack>(identity, drive, config, [&supervisor] { supervisor.notify_drive_changed(); });
  stack->workflow.set_usb_drive(options.usb_drive);
  if (!options.web_log.empty()) {
    if (auto st = stack->server.log_requests_to(options.web_log); !st) return st.error();
  }
  auto bound = stack->server.start(port);
  if (!bound)
    return FirmwareError{bound.error().message +
                         "; pass --web-port 0 to pick a free port, or set "
                         "CIRCUITPY_WEB_API_PORT in settings.toml"};
  stack->port = bound.value();
  stack->workflow.set_port(stack->port);
  return stack;
}

}  // namespace

FwStatus run_host_board(const HostBoardOptions& options, Interpreter& interpreter) {
  FolderDrive drive(options.drive);
  if (auto st = drive.prepare(); !st) return st;
  auto frozen = load_firmware(options.firmware, options.board_id);
  if (!frozen) return frozen.error();
  std::unique_ptr<FileTrace> trace;
  if (!options.trace.empty()) {
    auto opened = FileTrace::open(options.trace);
    if (!opened) return opened.error();
    trace = std::move(opened.value());
  }
  block_stop_signals();
  std::unique_ptr<FdConsole> console;
  if (options.serial == SerialKind::pty) {
    auto opened = FdConsole::open_pty();
    if (!opened) return opened.error();
    console = std::move(opened.value());
  } else {
    console = FdConsole::open_stdio();
  }

  ScaledClock clock(options.speed);
  VirtualPins pins(virtual_board_definition(), clock, trace.get());
  ModuleFinder finder(drive, frozen.value());
  BoardServices services(make_identity(options, drive), drive, finder, clock, pins);
  SupervisorConfig config;
  config.heap_bytes = options.heap_bytes;
  config.power_on_safe_mode = options.power_on_safe_mode;
  Supervisor supervisor(*console, interpreter, services, finder, config);

  DriveWatcher watcher(
      drive.root(), [&](const std::filesystem::path& p) { return drive.changed_by_firmware(p); },
      [&] { supervisor.notify_drive_changed(); });
  if (auto st = watcher.start(); !st) return st;
  auto web = start_web_workflow(options, drive, services.identity(), supervisor);
  if (!web) return web.error();
  SignalStopper stopper(supervisor);
  std::atomic<bool> done{false};
  std::thread eof_watch;
  if (options.serial == SerialKind::stdio) {
    eof_watch = std::thread([&] {
      while (!done && !console->input_closed()) std::this_thread::sleep_for(std::chrono::milliseconds(50));
      if (!done) supervisor.stop();
    });
  }
  if (options.announce) {
    if (options.serial == SerialKind::pty) options.announce("serial", console->slave_path());
    options.announce("drive", drive.root().string());
    if (web.value()) options.announce("web", "http://127.0.0.1:" + std::to_string(web.value()->port));
    options.announce("board_id", options.board_id);
    options.announce("uid", services.identity().uid_hex());
  }
  supervisor.run();
  done = true;
  if (eof_watch.joinable()) eof_watch.join();
  return Done{};
}

}  // namespace cpy::firmware::host
