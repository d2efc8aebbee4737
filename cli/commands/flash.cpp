// `cpytool flash`: fetch official CircuitPython firmware (or take a .uf2), check it fits the board, copy it
// onto the UF2 bootloader drive and wait for CIRCUITPY to come back with the new version.
#include <chrono>
#include <memory>
#include <optional>
#include <set>
#include <thread>

#include "cli/commands/commands.hpp"
#include "cli/ui/output.hpp"
#include "cli/ui/status_line.hpp"
#include "cli/ui/terminal.hpp"
#include "core/board_catalog.hpp"
#include "core/http.hpp"
#include "core/text.hpp"
#include "device/bootloader_drive.hpp"
#include "device/circuitpy_mounts.hpp"
#include "device/firmware_release.hpp"
#include "device/flash_copy.hpp"
#include "device/uf2/chip_match.hpp"
#include "device/uf2/families.hpp"
#include "device/uf2/reader.hpp"

namespace cpy::cli {
namespace {

namespace fs = std::filesystem;
using device::BootloaderDrive;
using device::RunningBoard;

struct FlashOptions {
  std::string board_id;
  std::string version;
  bool latest = false;
  std::string language = "en_US";
  std::string file;
  bool force = false;
  std::string drive;
  double timeout = 120;
  double reboot_timeout = 60;
  bool no_wait = false;
  bool download_only = false;
};

/// What the run found out, for the human summary and the --json document.
struct FlashReport {
  std::string board_id;
  std::string version;
  std::string file;
  std::string url;
  bool from_cache = false;
  std::string chip;
  std::optional<BootloaderDrive> drive;
  std::optional<RunningBoard> running;
};

/// Calls `probe` every 200 ms until it returns a value or `seconds` have passed (at least one call).
template <typename Probe>
auto poll_until(double seconds, Probe probe) -> decltype(probe()) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  for (;;) {
    if (auto found = probe()) return found;
    if (std::chrono::steady_clock::now() >= deadline) return {};
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

std::unique_ptr<ProgressSink> make_progress(const Output& out) {
  if (out.json() || out.quiet()) return std::make_unique<NullProgress>();
  return std::make_unique<ProgressBar>(stderr, is_tty(stderr), terminal_width(stderr));
}

Result<BoardCatalog> load_catalog() { return BoardCatalog::load_default(); }

Result<const BoardInfo*> find_board(const BoardCatalog& catalog, const std::string& board_id) {
  if (const BoardInfo* board = catalog.find(board_id)) return board;
  const std::string close = closest_match(board_id, catalog.ids());
  return make_error(ExitCode::usage, "unknown board id '" + board_id + "'",
                    close.empty() ? "board ids are the folder names under ports/*/boards/ in CircuitPython"
                                  : "did you mean '" + close + "'?");
}

/// --board-id, else the Board ID: of the one CIRCUITPY drive mounted now.
Result<std::string> resolve_board_id(const FlashOptions& o, const Output& out) {
  if (!o.board_id.empty()) return o.board_id;
  const auto boards = device::find_running_boards();
  if (boards.size() == 1 && !boards[0].boot_out.board_id.empty()) {
    out.line("board " + boards[0].boot_out.board_id + " (from " + (boards[0].mount / "boot_out.txt").string() + ")");
    return boards[0].boot_out.board_id;
  }
  if (!o.file.empty()) return std::string();
  return make_error(ExitCode::usage,
                    boards.empty() ? "which board? no CIRCUITPY drive with a boot_out.txt is mounted"
                                   : "which board? several CIRCUITPY drives are mounted",
                    "give --board-id (e.g. raspberry_pi_pico), or a .uf2 file");
}

Status fetch(const FlashOptions& o, const Output& out, FlashReport& report) {
  auto http = make_curl_http(http_options_from_env());
  report.version = o.version;
  if (report.version.empty()) {
    CPY_TRY(report.version, device::latest_circuitpython_version(*http));
    out.line("latest CircuitPython is " + report.version);
  }
  const device::FirmwareRequest request{report.board_id, o.language, report.version};
  auto progress = make_progress(out);
  CPY_TRY(const auto fetched, device::fetch_firmware(*http, request, *progress));
  if (fetched.from_cache)
    out.line("using cached " + fetched.path.string());
  else
    progress->done("downloaded " + fetched.url);
  report.file = fetched.path.string();
  report.url = fetched.url;
  report.from_cache = fetched.from_cache;
  return ok_status();
}

/// A failed check stops the run unless --force, which turns it into a warning.
Status forceable(const Status& check, const FlashOptions& o, const Output& out) {
  if (check || !o.force) return check;
  out.warn(check.error().message + " (continuing because of --force)");
  return ok_status();
}

Status check_for_board(const uf2::Image& image, const FlashOptions& o, const Output& out, FlashReport& report) {
  if (report.board_id.empty()) return ok_status();
  CPY_TRY(const BoardCatalog catalog, load_catalog());
  CPY_TRY(const BoardInfo* board, find_board(catalog, report.board_id));
  const auto chip = uf2::chip_for_board(board->port, board->mcu);
  if (!chip)
    return forceable(make_error(ExitCode::bad_input,
                                "cannot tell which UF2 family " + report.board_id + " (" + board->port + ", " +
                                    board->mcu + ") takes; CircuitPython ships no UF2 for it",
                                "boards without a UF2 bootloader are flashed with esptool or their vendor's tool"),
                     o, out);
  report.chip = chip->chip;
  return forceable(uf2::check_image_for_chip(image, *chip), o, out);
}

std::string enter_bootloader_hint(const std::string& chip) {
  if (chip == "RP2040" || chip == "RP2350")
    return "hold the BOOTSEL button while you plug the board in or press reset, or run 'cpytool reset --bootloader'";
  return "double-tap the board's reset button (second press within half a second), or run 'cpytool reset "
         "--bootloader'";
}

Result<BootloaderDrive> wait_for_drive(const FlashOptions& o, const Output& out, const std::string& chip) {
  out.line("waiting up to " + std::to_string(static_cast<int>(o.timeout)) +
           " s for a UF2 bootloader drive: " + enter_bootloader_hint(chip));
  std::vector<BootloaderDrive> drives;
  poll_until(o.timeout, [&]() -> bool {
    if (!o.drive.empty()) {
      auto drive = device::probe_bootloader_drive(o.drive);
      drives = drive ? std::vector{*drive} : std::vector<BootloaderDrive>{};
    } else {
      drives = device::find_bootloader_drives();
    }
    return !drives.empty();
  });
  if (drives.size() == 1) return drives[0];
  if (drives.empty())
    return make_error(ExitCode::no_board,
                      "no UF2 bootloader drive (a drive with INFO_UF2.TXT) appeared within " +
                          std::to_string(static_cast<int>(o.timeout)) + " s" +
                          (o.drive.empty() ? "" : " at " + o.drive),
                      enter_bootloader_hint(chip) + "; --timeout waits longer");
  std::string mounts;
  for (const auto& d : drives) mounts += (mounts.empty() ? "" : ", ") + d.mount.string();
  return make_error(ExitCode::usage, "several UF2 bootloader drives are mounted: " + mounts,
                    "choose one with --drive DIR");
}

Status check_for_drive(const uf2::Image& image, const BootloaderDrive& drive, const FlashOptions& o,
                       const Output& out) {
  const auto chip = uf2::chip_for_bootloader_board_id(drive.info.board_id);
  if (!chip) return ok_status();
  const Status check = uf2::check_image_for_chip(image, *chip);
  if (check) return ok_status();
  return forceable(make_error(ExitCode::bad_input,
                              check.error().message + " (bootloader drive " + drive.mount.string() + " says Board-ID " +
                                  drive.info.board_id + ")",
                              check.error().hint),
                   o, out);
}

std::set<fs::path> running_mounts() {
  std::set<fs::path> mounts;
  for (const auto& board : device::find_running_boards()) mounts.insert(board.mount);
  return mounts;
}

/// A CIRCUITPY drive that was not there before the copy (and of the same board, when we know it).
std::optional<RunningBoard> wait_for_circuitpy(const FlashOptions& o, const std::set<fs::path>& before,
                                               const std::string& board_id) {
  return poll_until(o.reboot_timeout, [&]() -> std::optional<RunningBoard> {
    for (auto& board : device::find_running_boards())
      if (!before.count(board.mount) && (board_id.empty() || board.boot_out.board_id == board_id)) return board;
    return std::nullopt;
  });
}

nlohmann::json report_json(const FlashReport& r) {
  nlohmann::json doc = {{"ok", true},
                        {"board_id", r.board_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.board_id)},
                        {"version", r.version.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.version)},
                        {"file", r.file},
                        {"url", r.url.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.url)},
                        {"from_cache", r.from_cache},
                        {"chip", r.chip.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.chip)},
                        {"drive", nullptr},
                        {"circuitpy", nullptr}};
  if (r.drive)
    doc["drive"] = {{"mount", r.drive->mount.string()},
                    {"bootloader", r.drive->info.bootloader},
                    {"version", r.drive->info.version},
                    {"model", r.drive->info.model},
                    {"board_id", r.drive->info.board_id}};
  if (r.running)
    doc["circuitpy"] = {{"mount", r.running->mount.string()},
                        {"version", r.running->boot_out.tag},
                        {"board_id", r.running->boot_out.board_id}};
  return doc;
}

Status copy_and_wait(const uf2::Image& image, const FlashOptions& o, const Output& out, FlashReport& report) {
  CPY_TRY(report.drive, wait_for_drive(o, out, report.chip));
  const auto& info = report.drive->info;
  out.line("bootloader drive " + report.drive->mount.string() + ": " + info.first_line +
           (info.model.empty() ? "" : ", " + info.model) + (info.board_id.empty() ? "" : " (" + info.board_id + ")"));
  CPY_CHECK(check_for_drive(image, *report.drive, o, out));
  const auto before = running_mounts();
  auto progress = make_progress(out);
  CPY_CHECK(device::copy_to_bootloader_drive(report.file, report.drive->mount, *progress));
  progress->done("copied " + fs::path(report.file).filename().string() + " to " + report.drive->mount.string());
  if (o.no_wait) return ok_status();
  out.line("waiting up to " + std::to_string(static_cast<int>(o.reboot_timeout)) + " s for CIRCUITPY to come back");
  report.running = wait_for_circuitpy(o, before, report.board_id);
  if (!report.running) {
    out.warn("CIRCUITPY did not come back within " + std::to_string(static_cast<int>(o.reboot_timeout)) +
             " s; the board may still be restarting, or the bootloader refused the file");
    return ok_status();
  }
  out.line(out.green("CircuitPython " + report.running->boot_out.tag) + " is running on " +
           (report.running->boot_out.board_id.empty() ? "the board" : report.running->boot_out.board_id) + " (" +
           report.running->mount.string() + ")");
  if (!report.version.empty() && report.running->boot_out.tag != report.version)
    out.warn("the board reports " + report.running->boot_out.tag + ", not " + report.version);
  return ok_status();
}

Status flash(const FlashOptions& o, const Output& out, FlashReport& report) {
  CPY_TRY(report.board_id, resolve_board_id(o, out));
  if (o.file.empty()) {
    CPY_CHECK(fetch(o, out, report));
  } else {
    report.file = o.file;
  }
  CPY_TRY(const uf2::Image image, uf2::read_uf2_file(report.file));
  CPY_CHECK(check_for_board(image, o, out, report));
  if (o.download_only) return ok_status();
  return copy_and_wait(image, o, out, report);
}

}  // namespace

Runner setup_flash(CLI::App& cmd) {
  auto o = std::make_shared<FlashOptions>();
  cmd.add_option("file", o->file, "A .uf2 file to flash instead of downloading the official build");
  cmd.add_option("--board-id", o->board_id, "CircuitPython board id (default: from the mounted CIRCUITPY)");
  auto* version = cmd.add_option("--version", o->version, "CircuitPython version to download, e.g. 9.2.1");
  cmd.add_flag("--latest", o->latest, "Download the latest release (the default without --version)")->excludes(version);
  cmd.add_option("--language", o->language, "Language of the build (default en_US)");
  cmd.add_flag("--force", o->force, "Flash even when the file's UF2 family does not match the board");
  cmd.add_option("--drive", o->drive, "The bootloader drive's folder (default: search mounted drives)");
  cmd.add_option("--timeout", o->timeout, "Seconds to wait for the bootloader drive (default 120)");
  cmd.add_option("--reboot-timeout", o->reboot_timeout, "Seconds to wait for CIRCUITPY afterwards (default 60)");
  cmd.add_flag("--no-wait", o->no_wait, "Do not wait for CIRCUITPY after the copy");
  cmd.add_flag("--download-only", o->download_only, "Download and check the firmware, do not flash it");
  return [o](const GlobalOptions& globals) {
    Output out(globals);
    if (!o->file.empty() && (!o->version.empty() || o->latest))
      return out.fail(make_error(ExitCode::usage, "give a .uf2 file or --version/--latest, not both"));
    FlashReport report;
    const Status status = flash(*o, out, report);
    if (!status) return out.fail(status.error());
    out.json_result(report_json(report));
    return 0;
  };
}

}  // namespace cpy::cli
