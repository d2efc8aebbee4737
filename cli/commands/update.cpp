// `cpytool update [NAMES] [--all]`: replace out-of-date libraries with the bundle's, safely.
#include <cstdio>
#include <iostream>

#include "cli/commands/commands.hpp"
#include "cli/commands/lib_context.hpp"
#include "cli/commands/lib_status.hpp"
#include "cli/ui/terminal.hpp"

namespace cpy::cli {

namespace {

struct UpdateOptions {
  LibraryOptions lib;
  std::vector<std::string> names;
  bool all = false;
  bool dry_run = false;
};

bool confirm(const std::string& question) {
  std::fprintf(stderr, "%s [y/N] ", question.c_str());
  std::string answer;
  std::getline(std::cin, answer);
  return !answer.empty() && (answer[0] == 'y' || answer[0] == 'Y');
}

bool selected(const UpdateOptions& opts, const std::string& name) {
  return opts.names.empty() || std::find(opts.names.begin(), opts.names.end(), name) != opts.names.end();
}

int run_update(const GlobalOptions& globals, const UpdateOptions& opts) {
  LibrarySession session(globals, opts.lib);
  const Output& out = session.out();
  auto board = session.board();
  if (!board) return out.fail(board.error());
  auto platform = platform_for(*board, opts.lib.py);
  if (!platform) return out.fail(platform.error());
  auto bundles = session.load_bundles(*platform);
  if (!bundles) return out.fail(bundles.error());
  const auto installed = bundle::scan_installed(*board->drive);
  const bool ask = !opts.all && !globals.yes && !globals.json && is_tty(stdin) && is_tty(stderr);
  bundle::SyncPlan plan;
  nlohmann::json doc = {
      {"ok", true}, {"board", board_json(*board)}, {"updated", nlohmann::json::array()}, {"dry_run", opts.dry_run}};
  for (const auto& s : module_statuses(installed, *bundles, *board)) {
    if (!s.outdated() || !selected(opts, s.installed->name)) continue;
    if (s.reason == "unknown version")
      out.warn(s.installed->name + " has no usable __version__ (installed '" + s.installed->version +
               "'); updating it");
    const std::string what = s.installed->name + " " + (s.installed->version.empty() ? "?" : s.installed->version) +
                             " -> " + s.hit->library->version + " (" + s.reason + ")";
    if (ask && !confirm("update " + what + "?")) continue;
    auto files = bundle_files(*s.hit);
    if (!files) return out.fail(files.error());
    plan.modules.push_back(bundle::plan_install(*board->drive, s.installed->name, *files, s.installed));
    doc["updated"].push_back({{"name", s.installed->name},
                              {"from", s.installed->version},
                              {"to", s.hit->library->version},
                              {"reason", s.reason}});
    out.line((opts.dry_run ? "would update " : "updating ") + what);
  }
  doc["plan"] = plan_json(plan);
  if (plan.modules.empty()) out.line("nothing to update");
  if (!opts.dry_run && !plan.modules.empty())
    if (int rc = run_sync(out, *board, plan, doc); rc != 0) return rc;
  if (opts.dry_run) print_plan(out, plan);
  out.json_result(doc);
  return 0;
}

}  // namespace

Runner setup_update(CLI::App& cmd) {
  auto opts = std::make_shared<UpdateOptions>();
  cmd.add_option("names", opts->names, "Only these libraries");
  cmd.add_flag("--all", opts->all, "Update every out-of-date library without asking");
  cmd.add_flag("--py", opts->lib.py, "Update to .py source files");
  cmd.add_flag("--dry-run", opts->dry_run, "Print the plan and write nothing");
  add_board_options(cmd, opts->lib);
  add_host_options(cmd, opts->lib);
  add_bundle_options(cmd, opts->lib);
  return [opts](const GlobalOptions& globals) { return run_update(globals, *opts); };
}

}  // namespace cpy::cli
