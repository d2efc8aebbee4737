// `cpytool example NAME [--rename] [--overwrite] [--list] [--print] [--host]`: a library example from the bundle.
#include "cli/commands/commands.hpp"
#include "cli/commands/lib_context.hpp"
#include "core/text.hpp"

namespace cpy::cli {

namespace {

namespace fs = std::filesystem;

struct ExampleOptions {
  LibraryOptions lib;
  std::vector<std::string> names;
  bool rename = false;
  bool overwrite = false;
  bool list = false;
  bool print = false;
};

struct Example {
  const bundle::Archive* archive;
  std::string path;  // "examples/bme280/bme280_simpletest.py"
  std::string id;    // "bme280/bme280_simpletest"
};

std::vector<Example> all_examples(const bundle::BundleSet& set) {
  std::vector<Example> out;
  for (const auto& b : set.bundles())
    for (const auto& path : b.archive->files_under("examples/"))
      if (path.ends_with(".py")) out.push_back({b.archive.get(), path, path.substr(9, path.size() - 12)});
  return out;
}

std::vector<const Example*> matching(const std::vector<Example>& all, const std::string& name, bool prefix) {
  std::vector<const Example*> out;
  for (const auto& ex : all) {
    const std::string stem = ex.id.substr(ex.id.rfind('/') + 1);
    if (ex.id == name || stem == name || (prefix && (starts_with(ex.id, name) || starts_with(stem, name))))
      out.push_back(&ex);
  }
  return out;
}

bool drive_has(bundle::Drive& drive, const std::string& name) {
  auto entries = drive.list("");
  if (!entries) return false;
  for (const auto& e : *entries)
    if (e.name == name) return true;
  return false;
}

Status write_to_drive(bundle::Drive& drive, const std::string& name, const std::string& bytes) {
  const fs::path target = drive.root() / name;
  auto& writer = drive.writer();
  if (auto s = writer.stage(target, bytes); !s) return s;
  if (auto s = writer.commit(target); !s) {
    writer.discard(target);
    return s;
  }
  return ok_status();
}

int copy_example(LibrarySession& session, const ExampleOptions& opts, const Example& ex, nlohmann::json& doc) {
  const Output& out = session.out();
  auto bytes = ex.archive->read(ex.path);
  if (!bytes) return out.fail(bytes.error());
  if (opts.print) {
    if (!out.json()) std::fputs(bytes->c_str(), stdout);
    doc["examples"].push_back({{"id", ex.id}, {"text", *bytes}});
    return 0;
  }
  auto board = session.board();
  if (!board) return out.fail(board.error());
  const std::string name = opts.rename ? "code.py" : fs::path(ex.path).filename().string();
  const std::string target = board->drive->location() + "/" + name;
  if (!opts.overwrite && drive_has(*board->drive, name))
    return out.fail(make_error(ExitCode::failure, target + " already exists", "use --overwrite to replace it"));
  if (auto s = write_to_drive(*board->drive, name, *bytes); !s) return out.fail(s.error());
  out.line("copied " + ex.id + " to " + target);
  doc["examples"].push_back({{"id", ex.id}, {"copied_to", target}});
  return 0;
}

int run_example(const GlobalOptions& globals, const ExampleOptions& opts) {
  LibrarySession session(globals, opts.lib);
  const Output& out = session.out();
  auto set = session.load_bundles("py");
  if (!set) return out.fail(set.error());
  const auto all = all_examples(*set);
  nlohmann::json doc = {{"ok", true}, {"examples", nlohmann::json::array()}};
  if (opts.list || opts.names.empty()) {
    for (const auto* ex : matching(all, opts.names.empty() ? "" : opts.names[0], true)) {
      out.line(ex->id);
      doc["examples"].push_back({{"id", ex->id}});
    }
    out.json_result(doc);
    return 0;
  }
  for (const auto& name : opts.names) {
    const auto found = matching(all, name, false);
    if (found.empty()) {
      std::vector<std::string> ids;
      for (const auto& ex : all) ids.push_back(ex.id);
      const std::string near = closest_match(name, ids);
      out.error("no example named '" + name + "'",
                near.empty() ? "list them with cpytool example --list" : "did you mean '" + near + "'?",
                ExitCode::bad_input);
      return static_cast<int>(ExitCode::bad_input);
    }
    if (int rc = copy_example(session, opts, *found.front(), doc); rc != 0) return rc;
  }
  out.json_result(doc);
  return 0;
}

}  // namespace

Runner setup_example(CLI::App& cmd) {
  auto opts = std::make_shared<ExampleOptions>();
  cmd.add_option("names", opts->names, "Example names: bme280_simpletest or bme280/bme280_simpletest");
  cmd.add_flag("--rename", opts->rename, "Copy the example as code.py");
  cmd.add_flag("--overwrite", opts->overwrite, "Replace a file of the same name on the board");
  cmd.add_flag("--list", opts->list, "List examples (starting with NAME when given)");
  cmd.add_flag("--print", opts->print, "Print the example instead of copying it");
  add_board_options(cmd, opts->lib);
  add_bundle_options(cmd, opts->lib);
  add_host_options(cmd, opts->lib);
  return [opts](const GlobalOptions& globals) { return run_example(globals, *opts); };
}

}  // namespace cpy::cli
