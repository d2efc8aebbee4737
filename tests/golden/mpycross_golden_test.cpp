// Compiles every corpus/train/*.py (and its -O/-s variants) and compares with the official goldens.
// Cases listed in mpycross_known_failures.txt may fail; a listed case that passes is reported so the list shrinks.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "mpycross/compiler.hpp"

namespace fs = std::filesystem;
using cpy::mpycross::CompileFailure;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::set<std::string> known_failures() {
  std::set<std::string> out;
  std::ifstream in(fs::path(CPY_SOURCE_DIR) / "tests/golden/mpycross_known_failures.txt");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    out.insert(line.substr(0, line.find_first_of(" \t")));
  }
  return out;
}

struct Case {
  std::string tag;  // NAME or NAME.O1 ...
  std::string name;
  cpy::mpycross::Options options;
  std::string source_name;
};

std::vector<Case> cases(const fs::path& dir) {
  std::vector<Case> out;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".py") continue;
    std::string name = entry.path().stem().string();
    out.push_back({name, name, {}, name + ".py"});
    for (int level = 1; level <= 3; ++level) {
      std::string tag = name + ".O" + std::to_string(level);
      if (fs::exists(dir / (tag + ".mpy"))) out.push_back({tag, name, {level, 31}, name + ".py"});
    }
    if (fs::exists(dir / (name + ".s.mpy"))) out.push_back({name + ".s", name, {}, "custom/name.py"});
  }
  std::sort(out.begin(), out.end(), [](const Case& a, const Case& b) { return a.tag < b.tag; });
  return out;
}

bool passes(const fs::path& dir, const Case& c) {
  auto result = cpy::mpycross::compile(slurp(dir / (c.name + ".py")), c.source_name, c.options);
  if (fs::exists(dir / (c.name + ".err"))) {
    auto* failure = std::get_if<CompileFailure>(&result);
    int rc = std::stoi(slurp(dir / (c.name + ".rc")));
    return failure && failure->stderr_text == slurp(dir / (c.name + ".err")) && failure->exit_code == rc;
  }
  auto* bytes = std::get_if<std::vector<std::uint8_t>>(&result);
  if (!bytes) return false;
  std::string expected = slurp(dir / (c.tag + ".mpy"));
  return std::string(bytes->begin(), bytes->end()) == expected;
}

}  // namespace

TEST_CASE("mpycross output is byte-identical to the official mpy-cross goldens, except known failures") {
  const fs::path dir = fs::path(CPY_SHARED_DIR) / "corpus/train";
  REQUIRE(fs::is_directory(dir));
  const auto known = known_failures();
  // CTest runs one process per corpus program with MPYCROSS_GOLDEN_ONLY=NAME; without it, all of them.
  const char* only = std::getenv("MPYCROSS_GOLDEN_ONLY");
  int pass = 0, total = 0;
  std::vector<std::string> unexpected, fixed;
  for (const Case& c : cases(dir)) {
    if (only != nullptr && c.name != only) continue;
    ++total;
    bool ok = passes(dir, c);
    pass += ok ? 1 : 0;
    if (!ok && !known.count(c.tag)) unexpected.push_back(c.tag);
    if (ok && known.count(c.tag)) fixed.push_back(c.tag);
  }
  std::cout << "mpycross golden: " << pass << "/" << total << " byte-identical\n";
  CHECK(total > 0);
  for (const auto& t : fixed) std::cout << "now passing, remove from known failures: " << t << "\n";
  for (const auto& t : unexpected) std::cout << "unexpected failure: " << t << "\n";
  CHECK(unexpected.empty());
  CHECK(fixed.empty());
}
