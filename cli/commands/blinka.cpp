// `cpytool blinka requirements [PROJECT_DIR] [-o FILE]`: pip requirements to run a project on Linux with Blinka.
#include <memory>

#include "bundle/blinka.hpp"
#include "bundle/names.hpp"
#include "bundle/project_imports.hpp"
#include "cli/commands/blinka_report.hpp"
#include "cli/commands/commands.hpp"
#include "cli/commands/lib_context.hpp"

namespace cpy::cli {

namespace {

namespace fs = std::filesystem;

struct BlinkaOptions {
  LibraryOptions lib;
  std::string project = ".";
  std::string output;
};

/// The project folder and its entry file: PROJECT may name the folder or the file itself.
Result<std::pair<fs::path, fs::path>> project_paths(const std::string& project) {
  std::error_code ec;
  if (fs::is_regular_file(project, ec)) return std::pair{fs::path(project).parent_path(), fs::path(project)};
  if (!fs::is_directory(project, ec))
    return make_error(ExitCode::bad_input, "no such project folder: " + project, "name the folder holding code.py");
  CPY_TRY(auto entry, bundle::project_entry(project));
  return std::pair{fs::path(project), entry};
}

int run_requirements(const GlobalOptions& globals, const BlinkaOptions& opts) {
  LibrarySession session(globals, opts.lib);
  const Output& out = session.out();
  auto paths = project_paths(opts.project);
  if (!paths) return out.fail(paths.error());
  auto bundles = session.load_bundles("py");
  if (!bundles) return out.fail(bundles.error());
  const auto is_library = [&](const std::string& name) {
    return bundles->find(bundle::normalise_name(name)).has_value();
  };
  auto scan = bundle::scan_project(paths->first.empty() ? fs::path(".") : paths->first, paths->second, is_library);
  if (!scan) return out.fail(scan.error());
  std::vector<bundle::ImportedTopModule> modules;
  for (const auto& imp : scan->imports) modules.push_back({imp.module, "", imp.optional});
  const auto reqs = bundle::blinka_requirements(modules, *bundles);
  nlohmann::json doc = {{"ok", true}, {"entry", scan->entry.string()}, {"local_modules", nlohmann::json::array()}};
  for (const auto& f : scan->local_files) doc["local_modules"].push_back(f.string());
  doc["imports"] = nlohmann::json::array();
  for (const auto& imp : scan->imports)
    doc["imports"].push_back(
        {{"module", imp.module}, {"file", imp.file}, {"line", imp.line}, {"optional", imp.optional}});
  return report_requirements(out, reqs, scan->entry.filename().string(), opts.output, std::move(doc));
}

}  // namespace

Runner setup_blinka(CLI::App& cmd) {
  auto opts = std::make_shared<BlinkaOptions>();
  cmd.require_subcommand(1);
  CLI::App* req = cmd.add_subcommand("requirements", "pip requirements for the libraries a project imports");
  req->add_option("project", opts->project, "Project folder holding code.py, or the file to start from (default: .)");
  req->add_option("-o,--output", opts->output, "Write requirements.txt here instead of printing it");
  add_bundle_options(*req, opts->lib);
  return [opts](const GlobalOptions& globals) { return run_requirements(globals, *opts); };
}

}  // namespace cpy::cli
