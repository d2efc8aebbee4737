// The status line, progress bar, tables and did-you-mean of the command line.
#include <doctest/doctest.h>

#include <cstdio>
#include <string>

#include "cli/app.hpp"
#include "cli/command.hpp"
#include "cli/suggest.hpp"
#include "cli/ui/status_line.hpp"
#include "cli/ui/table.hpp"

using namespace cpy::cli;

namespace {
std::string captured(std::FILE* f) {
  std::rewind(f);
  std::string text;
  for (int c; (c = std::fgetc(f)) != EOF;) text += static_cast<char>(c);
  return text;
}
}  // namespace

TEST_CASE("a status line overwrites itself only on a terminal") {
  std::FILE* smart = std::tmpfile();
  {
    StatusLine line(smart, true, 80);
    line.update("copying a");
    line.update("copying b");
    line.finish("done");
  }
  CHECK(captured(smart) == "\rcopying a\x1b[K\rcopying b\x1b[K\rdone\x1b[K\n");
  std::fclose(smart);

  std::FILE* plain = std::tmpfile();
  {
    StatusLine line(plain, false, 80);
    line.update("copying a");
    line.update("copying a");
    line.finish("done");
  }
  CHECK(captured(plain) == "copying a\ndone\n");
  std::fclose(plain);
}

TEST_CASE("a long status is elided to the terminal width") {
  std::FILE* f = std::tmpfile();
  {
    StatusLine line(f, true, 21);
    line.update(std::string(50, 'x'));
  }
  const std::string text = captured(f);
  CHECK(text.find("...") != std::string::npos);
  CHECK(text.size() < 35);
  std::fclose(f);
}

TEST_CASE("a progress bar off a terminal prints a line per quarter") {
  std::FILE* f = std::tmpfile();
  ProgressBar bar(f, false, 80);
  for (std::uint64_t done = 0; done <= 1000; done += 10) bar.progress("bundle.zip", done, 1000);
  bar.done("bundle.zip 1.0 kB");
  const std::string text = captured(f);
  CHECK(std::count(text.begin(), text.end(), '\n') == 6);
  CHECK(text.find("100%") != std::string::npos);
  std::fclose(f);
}

TEST_CASE("progress text shows bar, percent and sizes") {
  CHECK(format_progress("x", 512, 1024, 4) == "x [##--]  50% 512 B/1.0 kB");
  CHECK(format_progress("x", 2'500'000, 0, 4) == "x 2.5 MB");
}

TEST_CASE("tables pad columns to the widest cell") {
  Table t({"name", "version"});
  t.add_row({"neopixel", "6.3.1"});
  t.add_row({"adafruit_bus_device", "5"});
  CHECK(t.render() ==
        "name                 version\n"
        "-------------------  -------\n"
        "neopixel             6.3.1\n"
        "adafruit_bus_device  5\n");
}

TEST_CASE("unknown commands get the closest real name, global option values are skipped") {
  CLI::App app;
  GlobalOptions globals;
  std::vector<Runner> runners;
  build_app(app, globals, runners);
  auto s = unknown_command(app, {"--log-file", "x.log", "--json", "uptade"});
  REQUIRE(s);
  CHECK(s->word == "uptade");
  CHECK(s->suggestion == "update");
  CHECK_FALSE(unknown_command(app, {"--json", "list"}));
  CHECK(unknown_command(app, {"frobnicate"})->suggestion.empty());
}

TEST_CASE("the version names the mpy format it emits") {
  CHECK(version_text().find("v6.3") != std::string::npos);
}
