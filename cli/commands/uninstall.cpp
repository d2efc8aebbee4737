// `cpytool uninstall NAMES...`: remove libraries from lib/, touching only the files that belong to them.
#include "bundle/names.hpp"
#include "cli/commands/commands.hpp"
#include "cli/commands/lib_context.hpp"
#include "core/text.hpp"

namespace cpy::cli {

namespace {

struct UninstallOptions {
  LibraryOptions lib;
  std::vector<std::string> names;
  bool dry_run = false;
};

int run_uninstall(const GlobalOptions& globals, const UninstallOptions& opts) {
  LibrarySession session(globals, opts.lib);
  const Output& out = session.out();
  auto board = session.board();
  if (!board) return out.fail(board.error());
  const auto installed = bundle::scan_installed(*board->drive);
  bundle::SyncPlan plan;
  std::vector<std::string> unknown, names;
  std::map<std::string, std::string> suggestions;
  std::vector<std::string> present;
  for (const auto& m : installed) present.push_back(m.name);
  for (const auto& raw : opts.names) {
    const auto* m = bundle::find_installed(installed, raw);
    if (!m) m = bundle::find_installed(installed, bundle::normalise_name(raw));
    if (!m) {
      unknown.push_back(raw);
      if (auto near = closest_match(raw, present); !near.empty()) suggestions[raw] = near;
      continue;
    }
    plan.modules.push_back(bundle::plan_removal(*m));
    names.push_back(m->name);
  }
  if (!unknown.empty()) {
    for (const auto& name : unknown) {
      auto it = suggestions.find(name);
      out.error("'" + name + "' is not installed in " + board->lib_location(),
                it == suggestions.end() ? "see cpytool freeze" : "did you mean '" + it->second + "'?",
                ExitCode::bad_input);
    }
    return static_cast<int>(ExitCode::bad_input);
  }
  nlohmann::json doc = {{"ok", true},
                        {"board", board_json(*board)},
                        {"removed", names},
                        {"dry_run", opts.dry_run},
                        {"plan", plan_json(plan)}};
  if (opts.dry_run) {
    print_plan(out, plan);
    out.json_result(doc);
    return 0;
  }
  if (int rc = run_sync(out, *board, plan, doc); rc != 0) return rc;
  for (const auto& name : names) out.line("uninstalled " + name);
  out.json_result(doc);
  return 0;
}

}  // namespace

Runner setup_uninstall(CLI::App& cmd) {
  auto opts = std::make_shared<UninstallOptions>();
  cmd.add_option("names", opts->names, "Libraries to remove")->required();
  cmd.add_flag("--dry-run", opts->dry_run, "Print the plan and delete nothing");
  add_board_options(cmd, opts->lib);
  add_host_options(cmd, opts->lib);
  return [opts](const GlobalOptions& globals) { return run_uninstall(globals, *opts); };
}

}  // namespace cpy::cli
