// The cpytool command line as a function: parse, dispatch to the subcommand, map failures to exit codes.
#include "cli/app.hpp"

#include <cstdio>

#include "cli/command.hpp"
#include "cli/suggest.hpp"
#include "cli/version.hpp"
#include "core/error.hpp"
#include "core/log.hpp"

namespace cpy::cli {

std::string version_text() {
  return std::string("cpytool ") + CPYTOOL_VERSION +
         "\nemits .mpy v6.3 (CircuitPython magic 'C', for CircuitPython 9.x and 10.x)\n";
}

void add_global_options(CLI::App& app, GlobalOptions& globals) {
  app.name("cpytool");
  app.description("cpytool: libraries, compiler, device link and virtual board for CircuitPython");
  app.require_subcommand(0, 1);
  app.fallthrough();
  app.add_flag("--json", globals.json, "Machine-readable output on stdout (logs never go there)");
  app.add_flag("-q,--quiet", globals.quiet, "Print only errors");
  app.add_flag("-v,--verbose", globals.verbose, "More log output on stderr (repeat for debug)");
  app.add_option("--log-file", globals.log_file, "Also write logs to this file (or set CPYTOOL_LOG)");
  app.add_flag("--no-color", globals.no_color, "No colours (also when NO_COLOR is set or output is not a TTY)");
  app.add_flag("-y,--yes", globals.yes, "Never prompt; assume yes");
  app.set_version_flag("--version", version_text());
}

void add_commands(CLI::App& app, std::vector<Runner>& runners, const std::string* only) {
  for (const auto& spec : command_table()) {
    CLI::App* cmd = app.add_subcommand(spec.name, spec.summary);
    cmd->group(spec.group);
    runners.push_back(!only || *only == spec.name ? spec.setup(*cmd) : Runner{});
  }
}

void build_app(CLI::App& app, GlobalOptions& globals, std::vector<Runner>& runners) {
  add_global_options(app, globals);
  add_commands(app, runners, nullptr);
}

namespace {

int usage_error(const std::string& message, const std::string& hint) {
  std::fprintf(stderr, "cpytool: error: %s\n", message.c_str());
  if (!hint.empty()) std::fprintf(stderr, "  %s\n", hint.c_str());
  std::fprintf(stderr, "  run 'cpytool --help' for usage\n");
  return static_cast<int>(ExitCode::usage);
}

const CommandSpec* planned_command(const CLI::App& app, const std::vector<std::string>& args) {
  const std::string word = first_command_word(app, args);
  for (const auto& spec : command_table())
    if (word == spec.name && spec.planned_in_issue) return &spec;
  return nullptr;
}

}  // namespace

int run_cli(const std::vector<std::string>& args) {
  CLI::App app;
  GlobalOptions globals;
  std::vector<Runner> runners;
  add_global_options(app, globals);
  // Only the invoked command declares its options: setting up all of them would cost most of the start-up.
  const std::string word = first_command_word(app, args);
  add_commands(app, runners, &word);

  if (auto unknown = unknown_command(app, args)) {
    const std::string hint = unknown->suggestion.empty() ? "" : "did you mean '" + unknown->suggestion + "'?";
    return usage_error("unknown command '" + unknown->word + "'", hint);
  }
  // A planned command answers "not implemented" whatever its arguments are.
  if (const auto* spec = planned_command(app, args)) {
    for (const auto& arg : args) {
      globals.json = globals.json || arg == "--json";
      globals.no_color = globals.no_color || arg == "--no-color";
    }
    return runners[static_cast<std::size_t>(spec - command_table().data())](globals);
  }
  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    app.parse(reversed);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    std::fputs(version_text().c_str(), stdout);
    return 0;
  } catch (const CLI::ExtrasError& e) {
    const Suggestion s = suggest_for_extras(app, e.what());
    return usage_error(s.message, s.suggestion.empty() ? "" : "did you mean '" + s.suggestion + "'?");
  } catch (const CLI::ParseError& e) {
    return usage_error(e.what(), "");
  }
  log::init(globals.verbose, globals.log_file);
  const auto& table = command_table();
  for (std::size_t i = 0; i < table.size(); ++i)
    if (app.got_subcommand(table[i].name)) return runners[i](globals);
  std::fputs(app.help().c_str(), stdout);
  return static_cast<int>(ExitCode::usage);
}

}  // namespace cpy::cli
