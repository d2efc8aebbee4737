// The texts generated from the command table stay in step with the committed files.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "cli/command.hpp"
#include "cli/reference.hpp"

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

struct App {
  CLI::App app;
  cpy::cli::GlobalOptions globals;
  std::vector<cpy::cli::Runner> runners;
  App() { cpy::cli::build_app(app, globals, runners); }
};

}  // namespace

TEST_CASE("committed completions match the command table (regenerate with scripts/gen-docs.sh)") {
  App a;
  CHECK(read_file(CPY_SOURCE_DIR "/completions/cpytool.bash") == cpy::cli::bash_completion(a.app));
  CHECK(read_file(CPY_SOURCE_DIR "/completions/_cpytool") == cpy::cli::zsh_completion(a.app));
  CHECK(read_file(CPY_SOURCE_DIR "/completions/cpytool.fish") == cpy::cli::fish_completion(a.app));
}

TEST_CASE("docs/cli.md holds the reference generated from the command table") {
  App a;
  const std::string doc = read_file(CPY_SOURCE_DIR "/docs/cli.md");
  const std::string begin = "<!-- BEGIN GENERATED REFERENCE -->\n", end = "<!-- END GENERATED REFERENCE -->";
  const auto b = doc.find(begin), e = doc.find(end);
  REQUIRE(b != std::string::npos);
  REQUIRE(e != std::string::npos);
  CHECK(doc.substr(b + begin.size(), e - b - begin.size()) == cpy::cli::cli_reference_markdown(a.app));
}

TEST_CASE("every command of the table is in --help and the completions") {
  App a;
  const std::string help = a.app.help();
  const std::string bash = cpy::cli::bash_completion(a.app);
  for (const auto& spec : cpy::cli::command_table()) {
    CHECK_MESSAGE(help.find(std::string("  ") + spec.name + " ") != std::string::npos, spec.name);
    CHECK_MESSAGE(bash.find(std::string(" ") + spec.name + ") ") != std::string::npos, spec.name);
  }
}
