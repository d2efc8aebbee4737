// `cpytool doctor`: checks the board, its lib/, the bundles, the cache and the network, and says what is wrong.
#include "bundle/cache.hpp"
#include "bundle/release.hpp"
#include "bundle/source.hpp"
#include "cli/commands/commands.hpp"
#include "cli/commands/lib_context.hpp"
#include "cli/commands/lib_status.hpp"
#include "core/paths.hpp"

namespace cpy::cli {

namespace {

struct DoctorOptions {
  LibraryOptions lib;
};

struct Checks {
  const Output& out;
  nlohmann::json list = nlohmann::json::array();
  int failures = 0;
  void add(const std::string& level, const std::string& what, const std::string& detail) {
    list.push_back({{"level", level}, {"check", what}, {"detail", detail}});
    if (level == "fail") ++failures;
    const std::string mark = level == "ok" ? out.green("ok  ") : level == "warn" ? out.yellow("warn") : out.red("FAIL");
    out.line(mark + " " + what + (detail.empty() ? "" : ": " + detail));
  }
};

void find_leftovers(Checks& checks, bundle::Drive& drive, const std::string& dir) {
  auto entries = drive.list(dir);
  if (!entries) return;
  for (const auto& e : *entries) {
    const std::string path = dir + "/" + e.name;
    if (e.directory)
      find_leftovers(checks, drive, path);
    else if (e.name.ends_with(".cpytool-tmp"))
      checks.add("warn", "leftover temp file",
                 drive.location() + "/" + path + " (an interrupted copy; safe to delete)");
  }
}

void check_lib(Checks& checks, LibrarySession& session, const Board& board) {
  const auto installed = bundle::scan_installed(*board.drive);
  checks.add("ok", "lib/", std::to_string(installed.size()) + " libraries installed");
  find_leftovers(checks, *board.drive, "lib");
  auto bundles =
      session.load_bundles(platform_for(board, false).ok() ? platform_for(board, false).value() : std::string("py"));
  if (!bundles) {
    checks.add("fail", "bundles", bundles.error().message);
    return;
  }
  for (const auto& b : bundles->bundles())
    checks.add("ok", "bundle " + b.source.repo,
               b.tag + " (" + b.platform + ", " + std::to_string(b.index.libraries().size()) + " libraries)");
  for (const auto& w : shadow_warnings(installed, session.frozen_modules(board, *bundles), board.board_id))
    checks.add("warn", "shadowed library", w);
  for (const auto& s : module_statuses(installed, *bundles, board))
    if (s.outdated()) checks.add("warn", "out of date", s.installed->name + " (" + s.reason + ")");
}

int run_doctor(const GlobalOptions& globals, const DoctorOptions& opts) {
  LibrarySession session(globals, opts.lib);
  Checks checks{session.out()};
  checks.add("ok", "cache", cache_dir().string());
  auto board = session.board();
  if (!board) {
    checks.add("fail", "board", board.error().message);
  } else {
    checks.add("ok", "board",
               board->drive->location() + ", CircuitPython " + board->version + ", " +
                   (board->board_id.empty() ? "unknown board id" : board->board_id));
    auto platform = platform_for(*board, false);
    if (platform)
      checks.add("ok", "mpy platform", *platform);
    else
      checks.add("warn", "mpy platform", platform.error().message);
    check_lib(checks, session, *board);
  }
  session.out().json_result({{"ok", checks.failures == 0}, {"checks", checks.list}});
  return checks.failures ? static_cast<int>(ExitCode::failure) : 0;
}

}  // namespace

Runner setup_doctor(CLI::App& cmd) {
  auto opts = std::make_shared<DoctorOptions>();
  add_board_options(cmd, opts->lib);
  add_bundle_options(cmd, opts->lib);
  add_host_options(cmd, opts->lib);
  return [opts](const GlobalOptions& globals) { return run_doctor(globals, *opts); };
}

}  // namespace cpy::cli
