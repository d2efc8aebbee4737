// `cpytool board start`: the virtual board on this host until Ctrl-C (SIGINT) or SIGTERM.
#include "cli/commands/board_start.hpp"

#include <cstdio>
#include <memory>

#include "cli/ui/output.hpp"
#include "cli/version.hpp"
#include "core/board_catalog.hpp"
#include "firmware/ports/host/host_board.hpp"
#include "firmware/supervisor/vm_interpreter.hpp"

namespace cpy::cli {

namespace {

struct BoardStartOptions {
  std::string drive = "CIRCUITPY";
  std::string board_id = "cpytool_virtual_board";
  std::string firmware;
  std::string serial = "pty";
  std::string heap = "192k";
  std::string trace;
  double speed = 1.0;
  std::optional<int> web_port;
  bool usb_owns_drive = false;
  std::string web_log;
  bool safe_mode = false;
};

/// A board id from the catalog lends its name and MCU to the version line; others keep the virtual ones.
void apply_catalog_names(firmware::host::HostBoardOptions& board) {
  auto catalog = BoardCatalog::load_default();
  if (!catalog) return;
  if (const BoardInfo* info = catalog->find(board.board_id)) {
    if (!info->name.empty()) board.board_name = info->name;
    if (!info->mcu.empty()) board.mcu_name = info->mcu;
  }
}

int run_board_start(const BoardStartOptions& opts, const GlobalOptions& globals) {
  Output out(globals);
  auto heap = parse_byte_size(opts.heap);
  if (!heap || *heap < 16 * 1024) {
    out.error("invalid --heap size '" + opts.heap + "'", "use a byte count of at least 16k, like 192k or 2M",
              ExitCode::usage);
    return static_cast<int>(ExitCode::usage);
  }
  if (!(opts.speed > 0 && opts.speed <= 1000)) {
    out.error("invalid --speed " + std::to_string(opts.speed), "use a factor between 0 and 1000, e.g. 10",
              ExitCode::usage);
    return static_cast<int>(ExitCode::usage);
  }
  firmware::host::HostBoardOptions board;
  board.drive = opts.drive;
  board.board_id = opts.board_id;
  board.firmware = opts.firmware;
  board.serial = opts.serial == "stdio" ? firmware::host::SerialKind::stdio : firmware::host::SerialKind::pty;
  board.heap_bytes = *heap;
  board.trace = opts.trace;
  board.speed = opts.speed;
  board.web_port = opts.web_port;
  board.usb_drive = opts.usb_owns_drive ? firmware::UsbDrive::owned_by_host : firmware::UsbDrive::released;
  board.web_log = opts.web_log;
  if (opts.safe_mode) board.power_on_safe_mode = firmware::SafeModeReason::user;
  board.cpytool_version = CPYTOOL_VERSION;
  board.build_date = build_date();
  apply_catalog_names(board);
  // With --serial stdio, stdout is the console: the announcements go to stderr.
  std::FILE* notes = board.serial == firmware::host::SerialKind::stdio ? stderr : stdout;
  bool json = globals.json;
  board.announce = [notes, json](const std::string& key, const std::string& value) {
    if (json) {
      std::fprintf(notes, "%s\n", nlohmann::json{{key, value}}.dump().c_str());
    } else {
      std::fprintf(notes, "%s: %s\n", key.c_str(), value.c_str());
    }
    std::fflush(notes);
  };
  firmware::VmInterpreter interpreter;
  auto status = firmware::host::run_host_board(board, interpreter);
  if (!status) {
    out.error(status.error().message, "", ExitCode::io);
    return static_cast<int>(ExitCode::io);
  }
  return 0;
}

}  // namespace

std::optional<std::size_t> parse_byte_size(const std::string& text) {
  std::size_t pos = 0;
  unsigned long long n = 0;
  try {
    n = std::stoull(text, &pos);
  } catch (...) {
    return std::nullopt;
  }
  std::string suffix = text.substr(pos);
  if (suffix == "k" || suffix == "K") {
    n *= 1024;
  } else if (suffix == "m" || suffix == "M") {
    n *= 1024 * 1024;
  } else if (!suffix.empty()) {
    return std::nullopt;
  }
  return static_cast<std::size_t>(n);
}

std::string build_date() {
  static const char* months = "JanFebMarAprMayJunJulAugSepOctNovDec";
  const std::string date = __DATE__;  // "Nov 26 2026"
  int month = static_cast<int>(std::string(months).find(date.substr(0, 3)) / 3) + 1;
  int day = std::stoi(date.substr(4, 2));
  char out[16];
  std::snprintf(out, sizeof out, "%s-%02d-%02d", date.substr(7, 4).c_str(), month, day);
  return out;
}

std::pair<CLI::App*, Runner> add_board_start(CLI::App& board_cmd) {
  auto opts = std::make_shared<BoardStartOptions>();
  CLI::App* start = board_cmd.add_subcommand("start", "Start the virtual board: a folder as CIRCUITPY, a serial pty");
  start->add_option("--drive", opts->drive, "Folder used as the CIRCUITPY drive (created, with code.py, if empty)")
      ->capture_default_str();
  start->add_option("--board-id", opts->board_id, "Board id reported in boot_out.txt and board.board_id")
      ->capture_default_str();
  start->add_option("--firmware", opts->firmware, "Firmware file from 'cpytool build-firmware' (frozen modules)");
  start->add_option("--serial", opts->serial, "Console on a new pseudo-terminal (pty) or on stdin/stdout (stdio)")
      ->check(CLI::IsMember({"pty", "stdio"}))
      ->capture_default_str();
  start->add_option("--heap", opts->heap, "VM heap size, e.g. 192k or 2M")->capture_default_str();
  start->add_option("--trace", opts->trace, "Write pin changes and pixel writes to FILE as JSON lines");
  start->add_option("--speed", opts->speed, "Run time.sleep this many times faster (virtual time stays exact)")
      ->capture_default_str();
  start
      ->add_option("--web-port", opts->web_port,
                   "Web workflow port instead of CIRCUITPY_WEB_API_PORT (default 80); 0 picks a free one")
      ->check(CLI::Range(0, 65535));
  start->add_flag("--usb-owns-drive", opts->usb_owns_drive,
                  "Act as if a computer had mounted CIRCUITPY over USB: web workflow writes answer 409");
  start->add_option("--web-log", opts->web_log, "Append one line per web workflow request to FILE");
  start->add_flag("--safe-mode", opts->safe_mode,
                  "Boot into safe mode, as if the reset button had been pressed during boot (boot.py and code.py "
                  "do not run)");
  return {start, [opts](const GlobalOptions& globals) { return run_board_start(*opts, globals); }};
}

}  // namespace cpy::cli
