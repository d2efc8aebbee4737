// `cpytool freeze [-r FILE] [--pip]`: the board's libraries as requirement lines (name==version), or with --pip
// as pip requirements for running the same code on Linux with Blinka.
#include "bundle/blinka.hpp"
#include "cli/commands/blinka_report.hpp"
#include "cli/commands/commands.hpp"
#include "cli/commands/lib_context.hpp"
#include "core/atomic_file.hpp"

namespace cpy::cli {

namespace {

struct FreezeOptions {
  LibraryOptions lib;
  std::string requirements;
  bool pip = false;
};

/// --pip: the installed modules mapped to PyPI packages through the bundle index.
int run_freeze_pip(const GlobalOptions& globals, const FreezeOptions& opts) {
  LibrarySession session(globals, opts.lib);
  const Output& out = session.out();
  auto board = session.board(FolderTrust::unchanged_time);
  if (!board) return out.fail(board.error());
  auto bundles = session.load_bundles("py");
  if (!bundles) return out.fail(bundles.error());
  std::vector<bundle::ImportedTopModule> modules;
  for (const auto& m : bundle::scan_installed(*board->drive)) modules.push_back({m.name, m.version, false});
  const auto reqs = bundle::blinka_requirements(modules, *bundles);
  nlohmann::json doc = {{"ok", true}, {"board", board_json(*board)}};
  return report_requirements(out, reqs, "the libraries in " + board->lib_location(), opts.requirements,
                             std::move(doc));
}

int run_freeze(const GlobalOptions& globals, const FreezeOptions& opts) {
  if (opts.pip) return run_freeze_pip(globals, opts);
  LibrarySession session(globals, opts.lib);
  const Output& out = session.out();
  auto board = session.board(FolderTrust::unchanged_time);
  if (!board) return out.fail(board.error());
  nlohmann::json doc = {{"ok", true}, {"board", board_json(*board)}, {"modules", nlohmann::json::array()}};
  std::string text;
  for (const auto& m : bundle::scan_installed(*board->drive)) {
    const std::string line = m.version.empty() ? m.name : m.name + "==" + m.version;
    text += line + "\n";
    doc["modules"].push_back({{"name", m.name}, {"version", m.version}});
  }
  if (!opts.requirements.empty()) {
    if (auto s = write_file_atomic(opts.requirements, text); !s) return out.fail(s.error());
    doc["written_to"] = opts.requirements;
    out.line("wrote " + std::to_string(doc["modules"].size()) + " requirements to " + opts.requirements);
  } else if (!out.json() && !text.empty()) {
    std::fputs(text.c_str(), stdout);
  }
  out.json_result(doc);
  return 0;
}

}  // namespace

Runner setup_freeze(CLI::App& cmd) {
  auto opts = std::make_shared<FreezeOptions>();
  cmd.add_option("-r,--requirement", opts->requirements, "Write the list to this requirements file");
  cmd.add_flag("--pip", opts->pip, "pip requirements (PyPI names) to run the same libraries on Linux with Blinka");
  add_board_options(cmd, opts->lib);
  add_host_options(cmd, opts->lib);
  add_bundle_options(cmd, opts->lib);
  return [opts](const GlobalOptions& globals) { return run_freeze(globals, *opts); };
}

}  // namespace cpy::cli
