// `cpytool freeze [-r FILE]`: the board's libraries as requirement lines (name==version).
#include "cli/commands/commands.hpp"
#include "cli/commands/lib_context.hpp"
#include "core/atomic_file.hpp"

namespace cpy::cli {

namespace {

struct FreezeOptions {
  LibraryOptions lib;
  std::string requirements;
};

int run_freeze(const GlobalOptions& globals, const FreezeOptions& opts) {
  const Output out(globals);
  auto board = find_board(opts.lib);
  if (!board) return out.fail(board.error());
  nlohmann::json doc = {{"ok", true}, {"board", board_json(*board)}, {"modules", nlohmann::json::array()}};
  std::string text;
  for (const auto& m : bundle::scan_installed(board->root)) {
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
  add_board_options(cmd, opts->lib);
  return [opts](const GlobalOptions& globals) { return run_freeze(globals, *opts); };
}

}  // namespace cpy::cli
