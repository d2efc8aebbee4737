// run_host_board: builds the drive, console, clock, pins and supervisor, then runs until asked to stop.
#include "firmware/ports/host/host_board.hpp"

#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <ctime>
#include <thread>

#include "firmware/ports/host/drive_watcher.hpp"
#include "firmware/ports/host/fd_console.hpp"
#include "firmware/ports/host/file_trace.hpp"
#include "firmware/ports/host/folder_drive.hpp"
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
  Supervisor supervisor(*console, interpreter, services, finder, config);

  DriveWatcher watcher(
      drive.root(), [&](const std::filesystem::path& p) { return drive.changed_by_firmware(p); },
      [&] { supervisor.notify_drive_changed(); });
  if (auto st = watcher.start(); !st) return st;
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
    options.announce("board_id", options.board_id);
    options.announce("uid", services.identity().uid_hex());
  }
  supervisor.run();
  done = true;
  if (eof_watch.joinable()) eof_watch.join();
  return Done{};
}

}  // namespace cpy::firmware::host
