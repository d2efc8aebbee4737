// `cpytool list`: installed libraries that are out of date, with the reason (mpy format, major, minor).
#include "cli/commands/commands.hpp"
#include "cli/commands/lib_context.hpp"
#include "cli/commands/lib_status.hpp"
#include "cli/ui/table.hpp"

namespace cpy::cli {

namespace {

struct ListOptions {
  LibraryOptions lib;
  bool all = false;
};

int run_list(const GlobalOptions& globals, const ListOptions& opts) {
  LibrarySession session(globals, opts.lib);
  const Output& out = session.out();
  auto board = session.board(FolderTrust::unchanged_time);
  if (!board) return out.fail(board.error());
  auto platform = platform_for(*board, opts.lib.py);
  if (!platform) return out.fail(platform.error());
  auto bundles = session.load_bundles(*platform);
  if (!bundles) return out.fail(bundles.error());
  const auto installed = bundle::scan_installed(*board->drive);
  const auto statuses = module_statuses(installed, *bundles, *board);
  const auto warnings = shadow_warnings(installed, session.frozen_modules(*board, *bundles), board->board_id);
  for (const auto& w : warnings) out.warn(w);

  nlohmann::json doc = {{"ok", true},
                        {"board", board_json(*board)},
                        {"modules", nlohmann::json::array()},
                        {"outdated", nlohmann::json::array()},
                        {"warnings", warnings}};
  Table table({"Module", "Installed", "Latest", "Reason"});
  for (const auto& s : statuses) {
    doc["modules"].push_back(status_json(s));
    if (s.outdated()) doc["outdated"].push_back(s.installed->name);
    if (!s.outdated() && !opts.all) continue;
    table.add_row({s.installed->name, s.installed->version.empty() ? "-" : s.installed->version,
                   s.hit ? s.hit->library->version : "(not in a bundle)", s.outdated() ? s.reason : "up to date"});
  }
  if (table.empty())
    out.line(statuses.empty() ? "no libraries installed in " + board->lib_location()
                              : "all " + std::to_string(statuses.size()) + " libraries are up to date");
  else
    out.line(table.render());
  out.json_result(doc);
  return 0;
}

}  // namespace

Runner setup_list(CLI::App& cmd) {
  auto opts = std::make_shared<ListOptions>();
  cmd.add_flag("--all", opts->all, "List every installed library, not only the out-of-date ones");
  cmd.add_flag("--py", opts->lib.py, "Compare against the .py bundle");
  add_board_options(cmd, opts->lib);
  add_host_options(cmd, opts->lib);
  add_bundle_options(cmd, opts->lib);
  return [opts](const GlobalOptions& globals) { return run_list(globals, *opts); };
}

}  // namespace cpy::cli
