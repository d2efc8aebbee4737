// `cpytool bundle add|remove|show|freeze|build`: manage bundle sources and build bundles from sources.
#include "bundle/builder.hpp"
#include "bundle/cache.hpp"
#include "bundle/mpycross_compiler.hpp"
#include "bundle/release.hpp"
#include "bundle/source.hpp"
#include "cli/commands/commands.hpp"
#include "cli/commands/lib_context.hpp"
#include "core/paths.hpp"

namespace cpy::cli {

namespace {

struct BundleOptions {
  LibraryOptions lib;
  std::string repo;
  bool reset = false;
  bool modules = false;
  std::vector<std::string> sources;
  std::string tag, prefix, out_dir = ".", repo_base = "https://github.com/adafruit";
};

int run_add(const GlobalOptions& globals, const BundleOptions& opts) {
  const Output out(globals);
  auto repo = bundle::parse_repo(opts.repo);
  if (!repo) return out.fail(repo.error());
  if (auto s = bundle::add_custom_source(config_dir(), *repo); !s) return out.fail(s.error());
  out.line("added bundle " + *repo);
  out.json_result({{"ok", true}, {"added", *repo}});
  return 0;
}

int run_remove(const GlobalOptions& globals, const BundleOptions& opts) {
  const Output out(globals);
  if (opts.reset) {
    if (auto s = bundle::reset_custom_sources(config_dir()); !s) return out.fail(s.error());
    out.line("custom bundles removed; the built-in bundles remain");
    out.json_result({{"ok", true}, {"reset", true}});
    return 0;
  }
  auto repo = bundle::parse_repo(opts.repo);
  if (!repo) return out.fail(repo.error());
  if (auto s = bundle::remove_custom_source(config_dir(), *repo); !s) return out.fail(s.error());
  out.line("removed bundle " + *repo);
  out.json_result({{"ok", true}, {"removed", *repo}});
  return 0;
}

const char* kind_name(bundle::SourceKind kind) {
  return kind == bundle::SourceKind::builtin ? "built-in" : kind == bundle::SourceKind::custom ? "custom" : "local";
}

int run_show(const GlobalOptions& globals, const BundleOptions& opts) {
  LibrarySession session(globals, opts.lib);
  const Output& out = session.out();
  auto sources = bundle::configured_sources(config_dir());
  if (!sources) return out.fail(sources.error());
  bundle::BundleCache cache(cache_dir());
  nlohmann::json doc = {{"ok", true}, {"bundles", nlohmann::json::array()}};
  for (const auto& s : *sources) {
    const auto tags = cache.cached_tags(s.repo);
    doc["bundles"].push_back(
        {{"repo", s.repo}, {"kind", kind_name(s.kind)}, {"prefix", s.prefix}, {"cached_tags", tags}});
    out.line(s.repo + " (" + kind_name(s.kind) + ")" + (tags.empty() ? "" : ", cached: " + tags.front()));
  }
  if (opts.modules) {
    auto set = session.load_bundles("py");
    if (!set) return out.fail(set.error());
    for (std::size_t i = 0; i < set->bundles().size(); ++i) {
      const auto& b = set->bundles()[i];
      out.line(b.source.repo + " " + b.tag + ":");
      for (const auto& name : b.index.names()) out.line("  " + name);
      for (auto& entry : doc["bundles"])
        if (entry["repo"] == b.source.repo) entry["modules"] = b.index.names(), entry["tag"] = b.tag;
    }
  }
  out.json_result(doc);
  return 0;
}

int run_freeze(const GlobalOptions& globals, const BundleOptions& opts) {
  LibrarySession session(globals, opts.lib);
  const Output& out = session.out();
  auto set = session.load_bundles("py");
  if (!set) return out.fail(set.error());
  nlohmann::json pins = nlohmann::json::object();
  out.line("[tool.cpytool.bundle-versions]");
  for (const auto& b : set->bundles()) {
    if (b.source.kind == bundle::SourceKind::local) continue;
    pins[b.source.repo] = b.tag;
    out.line("\"" + b.source.repo + "\" = \"" + b.tag + "\"");
  }
  out.json_result({{"ok", true}, {"bundle_versions", pins}});
  return 0;
}

int run_build(const GlobalOptions& globals, const BundleOptions& opts) {
  const Output out(globals);
  bundle::BuildOptions build;
  for (const auto& s : opts.sources) build.sources.emplace_back(s);
  build.tag = opts.tag;
  build.prefix = opts.prefix;
  build.out_dir = opts.out_dir;
  build.repo_base = opts.repo_base;
  bundle::MpycrossModuleCompiler for_9x("9.x"), for_10x("10.x");
  build.compilers = {&for_9x, &for_10x};
  auto result = bundle::build_bundle(build);
  if (!result) return out.fail(result.error());
  nlohmann::json doc = {{"ok", true},
                        {"files", nlohmann::json::array()},
                        {"libraries", nlohmann::json::array()},
                        {"mpy_zips", {"9.x", "10.x"}}};
  for (const auto& f : result->files) {
    doc["files"].push_back(f.string());
    out.line("wrote " + f.string());
  }
  for (const auto& lib : result->libraries)
    doc["libraries"].push_back({{"name", lib.module}, {"version", lib.version}});
  out.json_result(doc);
  return 0;
}

}  // namespace

Runner setup_bundle(CLI::App& cmd) {
  auto opts = std::make_shared<BundleOptions>();
  auto action = std::make_shared<std::string>();
  cmd.require_subcommand(1);
  auto* add = cmd.add_subcommand("add", "Add a custom bundle (owner/repo)");
  add->add_option("repo", opts->repo, "GitHub owner/repo")->required();
  auto* remove = cmd.add_subcommand("remove", "Remove a custom bundle");
  remove->add_option("repo", opts->repo, "GitHub owner/repo");
  remove->add_flag("--reset", opts->reset, "Remove every custom bundle");
  auto* show = cmd.add_subcommand("show", "List the bundle sources and their cached tags");
  show->add_flag("--modules", opts->modules, "Also list each bundle's modules");
  add_bundle_options(*show, opts->lib);
  auto* freeze = cmd.add_subcommand("freeze", "Print the current bundle tags as pins for pyproject.toml");
  add_bundle_options(*freeze, opts->lib);
  auto* build = cmd.add_subcommand("build", "Build a bundle release (py zip, JSON; mpy zips with the compiler)");
  build->add_option("sources", opts->sources, "Library source folders, or folders of them")->required();
  build->add_option("--tag", opts->tag, "Bundle tag, e.g. 20260115")->required();
  build->add_option("--prefix", opts->prefix, "Asset prefix, e.g. my-circuitpython-bundle")->required();
  build->add_option("-o,--output", opts->out_dir, "Folder for the assets");
  build->add_option("--repo-base", opts->repo_base, "URL the libraries' repo fields start with");
  for (auto* sub : {add, remove, show, freeze, build}) sub->callback([action, sub] { *action = sub->get_name(); });
  return [opts, action](const GlobalOptions& globals) {
    if (*action == "add") return run_add(globals, *opts);
    if (*action == "remove") {
      if (opts->repo.empty() && !opts->reset) {
        Output(globals).error("bundle remove needs owner/repo or --reset", "", ExitCode::usage);
        return static_cast<int>(ExitCode::usage);
      }
      return run_remove(globals, *opts);
    }
    if (*action == "show") return run_show(globals, *opts);
    if (*action == "freeze") return run_freeze(globals, *opts);
    return run_build(globals, *opts);
  };
}

}  // namespace cpy::cli
