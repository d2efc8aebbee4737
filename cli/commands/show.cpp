// `cpytool show [MATCH]`: the libraries the bundles offer, optionally filtered by a substring.
#include "cli/commands/commands.hpp"
#include "cli/commands/lib_context.hpp"
#include "cli/ui/table.hpp"

namespace cpy::cli {

namespace {

struct ShowOptions {
  LibraryOptions lib;
  std::string match;
  bool verbose = false;
};

int run_show(const GlobalOptions& globals, const ShowOptions& opts) {
  LibrarySession session(globals, opts.lib);
  const Output& out = session.out();
  auto bundles = session.load_bundles("py");
  if (!bundles) return out.fail(bundles.error());
  nlohmann::json doc = {{"ok", true}, {"libraries", nlohmann::json::array()}, {"bundles", nlohmann::json::array()}};
  for (const auto& b : bundles->bundles())
    doc["bundles"].push_back({{"repo", b.source.repo},
                              {"tag", b.tag},
                              {"platform", b.platform},
                              {"libraries", b.index.libraries().size()},
                              {"indexed_from_json", b.indexed_from_json}});
  Table table({"Library", "Version", "Dependencies", "Bundle"});
  std::size_t shown = 0;
  for (const auto& name : bundles->all_names()) {
    if (!opts.match.empty() && name.find(opts.match) == std::string::npos) continue;
    const auto hit = *bundles->find(name);
    std::string deps;
    for (const auto& d : hit.library->dependencies) deps += (deps.empty() ? "" : ", ") + d;
    doc["libraries"].push_back({{"name", name},
                                {"version", hit.library->version},
                                {"package", hit.library->package},
                                {"dependencies", hit.library->dependencies},
                                {"bundle", hit.bundle->source.repo},
                                {"repo", hit.library->repo}});
    if (opts.verbose)
      table.add_row({name, hit.library->version, deps, hit.bundle->source.repo});
    else
      out.line(name);
    ++shown;
  }
  if (opts.verbose && !table.empty()) out.line(table.render());
  if (!opts.match.empty() && shown == 0) {
    out.error("no library matches '" + opts.match + "'", "run cpytool show without a pattern to see them all",
              ExitCode::bad_input);
    return static_cast<int>(ExitCode::bad_input);
  }
  out.line(std::to_string(shown) + " libraries");
  out.json_result(doc);
  return 0;
}

}  // namespace

Runner setup_show(CLI::App& cmd) {
  auto opts = std::make_shared<ShowOptions>();
  cmd.add_option("match", opts->match, "Only libraries whose name contains this text");
  cmd.add_flag("-l,--long", opts->verbose, "Versions, dependencies and bundle of each library");
  add_bundle_options(cmd, opts->lib);
  return [opts](const GlobalOptions& globals) { return run_show(globals, *opts); };
}

}  // namespace cpy::cli
