// `cpytool install NAMES... [--py] [-r FILE] [--auto] [-U]`: bundle libraries and their dependencies into lib/.
#include <stdlib.h>

#include <set>

#include "bundle/project_imports.hpp"
#include "bundle/requirements.hpp"
#include "bundle/resolve.hpp"
#include "cli/commands/commands.hpp"
#include "cli/commands/lib_context.hpp"
#include "core/atomic_file.hpp"
#include "core/text.hpp"

namespace cpy::cli {

namespace {

namespace fs = std::filesystem;

struct InstallOptions {
  LibraryOptions lib;
  std::vector<std::string> names;
  std::string requirements;
  bool auto_detect = false;
  std::string auto_file;
  bool upgrade = false;
  bool force_lib = false;
  bool dry_run = false;
};

bool is_local(const std::string& file) {
  return starts_with(file, "./") || starts_with(file, "../") || starts_with(file, "/");
}

/// A board reached over the web workflow is scanned from a copy of the Python files at its drive's root.
class DriveCopy {
 public:
  DriveCopy() {
    std::string pattern = (fs::temp_directory_path() / "cpytool-auto-XXXXXX").string();
    if (::mkdtemp(pattern.data())) m_dir = pattern;
  }
  ~DriveCopy() {
    std::error_code ec;
    if (!m_dir.empty()) fs::remove_all(m_dir, ec);
  }
  DriveCopy(const DriveCopy&) = delete;
  DriveCopy& operator=(const DriveCopy&) = delete;

  Result<fs::path> fetch(bundle::Drive& drive) {
    if (m_dir.empty()) return make_error(ExitCode::io, "cannot create a temporary folder");
    CPY_TRY(auto entries, drive.list(""));
    for (const auto& e : entries) {
      if (e.directory || !(e.name.ends_with(".py") || e.name.ends_with(".txt"))) continue;
      CPY_TRY(std::string bytes, drive.read(e.name));
      CPY_CHECK(write_file_atomic(m_dir / e.name, bytes));
    }
    return m_dir;
  }

 private:
  fs::path m_dir;
};

/// The entry file for --auto: --auto-file (a local file when it starts with ./ ../ or /), else the first of
/// code.txt, code.py, main.py, main.txt in `root` (the board's drive or its copy).
Result<fs::path> auto_entry(const fs::path& root, const std::string& auto_file) {
  if (!auto_file.empty()) {
    fs::path p = is_local(auto_file) ? fs::path(auto_file) : root / auto_file;
    std::error_code ec;
    if (!fs::is_regular_file(p, ec)) return make_error(ExitCode::bad_input, "--auto-file not found: " + p.string());
    return p;
  }
  for (const char* name : {"code.txt", "code.py", "main.py", "main.txt"}) {
    std::error_code ec;
    if (fs::is_regular_file(root / name, ec)) return root / name;
  }
  return make_error(ExitCode::bad_input, "no code.py (or code.txt, main.py, main.txt) on the board to scan",
                    "name the file with --auto-file");
}

/// Bundle modules imported by `entry` and by the local modules it imports (followed with the parser-based
/// import scanner).
Result<std::vector<std::string>> auto_imports(const fs::path& entry, const bundle::BundleSet& bundles) {
  const auto is_library = [&bundles](const std::string& name) { return bundles.find(name).has_value(); };
  CPY_TRY(auto scan, bundle::scan_project(entry.parent_path(), entry, is_library));
  std::vector<std::string> found;
  for (const auto& imported : scan.imports)
    if (is_library(imported.module)) found.push_back(imported.module);
  return found;
}

struct Wanted {
  std::vector<std::string> names;
  std::map<std::string, std::string> pins;
};

Result<Wanted> wanted_names(const InstallOptions& opts) {
  Wanted w{opts.names, {}};
  if (!opts.requirements.empty()) {
    CPY_TRY(std::string text, read_file(opts.requirements));
    for (const auto& req : bundle::parse_requirements(text)) {
      w.names.push_back(req.name);
      if (!req.pin.empty()) w.pins[req.name] = req.pin;
    }
  }
  return w;
}

void report_pins(const Output& out, const Wanted& wanted, const bundle::BundleSet& bundles, nlohmann::json& doc) {
  for (const auto& [name, pin] : wanted.pins) {
    const auto hit = bundles.find(name);
    if (!hit || hit->library->version == pin) continue;
    out.warn(name + "==" + pin + " is pinned but the bundle has " + hit->library->version + "; installing " +
             hit->library->version + " (pin a bundle tag with --bundle-version to get another version)");
    doc["pin_mismatches"].push_back({{"name", name}, {"pinned", pin}, {"bundle", hit->library->version}});
  }
}

int run_install(const GlobalOptions& globals, const InstallOptions& opts) {
  LibrarySession session(globals, opts.lib);
  const Output& out = session.out();
  auto board = session.board();
  if (!board) return out.fail(board.error());
  auto platform = platform_for(*board, opts.lib.py);
  if (!platform) return out.fail(platform.error());
  auto wanted = wanted_names(opts);
  if (!wanted) return out.fail(wanted.error());
  if (wanted->names.empty() && !opts.auto_detect)
    return out.fail(make_error(ExitCode::usage, "nothing to install", "name libraries, or use -r FILE or --auto"));
  auto bundles = session.load_bundles(*platform);
  if (!bundles) return out.fail(bundles.error());
  if (opts.auto_detect) {
    DriveCopy copy;
    fs::path root = board->root;
    if (root.empty() && !is_local(opts.auto_file)) {
      auto fetched = copy.fetch(*board->drive);
      if (!fetched) return out.fail(fetched.error());
      root = *fetched;
    }
    auto entry = auto_entry(root, opts.auto_file);
    if (!entry) return out.fail(entry.error());
    auto names = auto_imports(*entry, *bundles);
    if (!names) return out.fail(names.error());
    wanted->names.insert(wanted->names.end(), names->begin(), names->end());
  }
  const auto frozen = opts.force_lib ? std::set<std::string>{} : session.frozen_modules(*board, *bundles);
  const auto resolution = bundle::resolve(wanted->names, *bundles, frozen);
  if (!resolution.unknown.empty()) return report_unknown(out, resolution.unknown, resolution.suggestions);

  nlohmann::json doc = {{"ok", true},
                        {"board", board_json(*board)},
                        {"platform", *platform},
                        {"dry_run", opts.dry_run},
                        {"installed", nlohmann::json::array()},
                        {"already_installed", nlohmann::json::array()},
                        {"skipped_frozen", resolution.skipped}};
  for (const auto& name : resolution.skipped)
    out.line("skipped " + name + ": frozen into the firmware of " + board->board_id +
             " (it shadows lib/; use --force-lib to install anyway)");
  report_pins(out, *wanted, *bundles, doc);

  const auto installed = bundle::scan_installed(*board->drive);
  bundle::SyncPlan plan;
  for (const auto& name : resolution.order) {
    const auto hit = *bundles->find(name);
    const auto* existing = bundle::find_installed(installed, name);
    if (existing && !opts.upgrade) {
      doc["already_installed"].push_back(name);
      continue;
    }
    auto files = bundle_files(hit);
    if (!files) return out.fail(files.error());
    plan.modules.push_back(bundle::plan_install(*board->drive, name, *files, existing));
    doc["installed"].push_back({{"name", name},
                                {"version", hit.library->version},
                                {"bundle", hit.bundle->source.repo},
                                {"tag", hit.bundle->tag},
                                {"upgraded", existing != nullptr}});
  }
  doc["plan"] = plan_json(plan);
  if (opts.dry_run) {
    out.line("plan for " + board->drive->location() + " (dry run, nothing written):");
    print_plan(out, plan);
    out.json_result(doc);
    return 0;
  }
  if (int rc = run_sync(out, *board, plan, doc); rc != 0) return rc;
  for (const auto& lib : doc["installed"])
    out.line("installed " + lib["name"].get<std::string>() + " " + lib["version"].get<std::string>());
  for (const auto& name : doc["already_installed"])
    out.line(name.get<std::string>() + " is already installed (use -U to upgrade)");
  out.json_result(doc);
  return 0;
}

}  // namespace

Runner setup_install(CLI::App& cmd) {
  auto opts = std::make_shared<InstallOptions>();
  cmd.add_option("names", opts->names, "Libraries to install (module or PyPI names)");
  cmd.add_flag("--py", opts->lib.py, "Install .py source files instead of .mpy");
  cmd.add_option("-r,--requirement", opts->requirements, "Install from a requirements file (== pins are checked)");
  cmd.add_flag("--auto", opts->auto_detect, "Install what code.py imports");
  cmd.add_option("--auto-file", opts->auto_file, "The file --auto scans (on the board, or local with ./ ../ /)");
  cmd.add_flag("-U,--upgrade", opts->upgrade, "Replace libraries that are already installed");
  cmd.add_flag("--force-lib", opts->force_lib, "Install into lib/ even when the firmware freezes the library");
  cmd.add_flag("--dry-run", opts->dry_run, "Print the plan and write nothing");
  add_board_options(cmd, opts->lib);
  add_bundle_options(cmd, opts->lib);
  add_host_options(cmd, opts->lib);
  return [opts](const GlobalOptions& globals) { return run_install(globals, *opts); };
}

}  // namespace cpy::cli
