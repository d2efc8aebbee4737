// `cpytool compile SRC [-o OUT] [--jobs N] [-O N]`: compile a project tree to .mpy in one process.
#include <memory>
#include <thread>

#include "cli/commands/commands.hpp"
#include "cli/commands/compile_tree.hpp"
#include "cli/ui/output.hpp"

namespace cpy::cli {

namespace {
struct CompileOptions {
  std::string source;
  std::string output;
  unsigned jobs = 0;
  int opt_level = 0;
};

int run_compile(const CompileOptions& opts, const GlobalOptions& globals) {
  Output out(globals);
  std::error_code ec;
  if (!std::filesystem::is_directory(opts.source, ec)) {
    out.error("not a folder: " + opts.source, "give the project folder to compile", ExitCode::usage);
    return static_cast<int>(ExitCode::usage);
  }
  CompileTreeOptions tree;
  tree.source = opts.source;
  tree.output = opts.output.empty() ? std::filesystem::path(opts.source + "-mpy") : std::filesystem::path(opts.output);
  tree.jobs = opts.jobs != 0 ? opts.jobs : std::max(1u, std::thread::hardware_concurrency());
  tree.compiler.opt_level = opts.opt_level;
  CompileTreeReport report = compile_tree(tree);
  for (const auto& error : report.errors) out.warn(error.substr(0, error.size() - (error.ends_with('\n') ? 1 : 0)));
  if (out.json()) {
    out.json_result({{"output", tree.output.string()},
                     {"compiled", report.compiled},
                     {"copied", report.copied},
                     {"unchanged", report.unchanged},
                     {"errors", report.errors.size()}});
  } else {
    out.line("compiled " + std::to_string(report.compiled) + ", copied " + std::to_string(report.copied) +
             ", unchanged " + std::to_string(report.unchanged) + ", failed " + std::to_string(report.errors.size()) +
             " -> " + tree.output.string());
  }
  return report.errors.empty() ? 0 : static_cast<int>(ExitCode::failure);
}
}  // namespace

Runner setup_compile(CLI::App& cmd) {
  auto opts = std::make_shared<CompileOptions>();
  cmd.add_option("source", opts->source, "Project folder to compile")->required();
  cmd.add_option("-o,--output", opts->output, "Output folder (default: SOURCE-mpy)");
  cmd.add_option("-j,--jobs", opts->jobs, "Parallel compile jobs (default: number of cores)");
  cmd.add_option("-O", opts->opt_level, "Optimisation level as for mpy-cross -O (0-3)")->check(CLI::Range(0, 3));
  return [opts](const GlobalOptions& globals) { return run_compile(*opts, globals); };
}

}  // namespace cpy::cli
