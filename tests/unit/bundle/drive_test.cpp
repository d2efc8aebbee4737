// Tests of the Drive interface under scan and sync: what is read, what is asked of the drive, and the writer
// calls a plan makes, on an in-memory drive (the web workflow's shape: no folder is touched twice per run).
#include <doctest/doctest.h>

#include <map>
#include <set>

#include "bundle/drive.hpp"
#include "bundle/installed.hpp"
#include "bundle/sync.hpp"

using namespace cpy;
using namespace cpy::bundle;
namespace fs = std::filesystem;

namespace {

/// Files by relative path; counts listings, reads and facts lookups.
class MemoryDrive final : public DriveReader, public DriveWriter {
 public:
  std::map<std::string, std::string> files;
  std::map<std::string, int> listings;
  std::multiset<std::string> reads;
  std::vector<std::string> calls;

  Result<std::vector<DriveEntry>> list(const std::string& dir) override {
    ++listings[dir];
    std::map<std::string, DriveEntry> found;
    const std::string prefix = dir.empty() ? "" : dir + "/";
    for (const auto& [path, bytes] : files) {
      if (!path.starts_with(prefix)) continue;
      const std::string rest = path.substr(prefix.size());
      const auto slash = rest.find('/');
      if (slash == std::string::npos)
        found[rest] = {rest, false, bytes.size(), 1};
      else
        found[rest.substr(0, slash)] = {rest.substr(0, slash), true, 0, 1};
    }
    std::vector<DriveEntry> out;
    for (auto& [_, e] : found) out.push_back(e);
    return out;
  }
  Result<std::string> read(const std::string& path) override {
    reads.insert(path);
    const auto it = files.find(path);
    if (it == files.end()) return make_error(ExitCode::io, "no such file " + path);
    return it->second;
  }

  static std::string rel(const fs::path& p) { return p.generic_string().substr(1); }
  Status make_dirs(const fs::path& dir) override {
    calls.push_back("mkdir " + rel(dir));
    return ok_status();
  }
  Status stage(const fs::path& target, std::string_view bytes) override {
    calls.push_back("stage " + rel(target));
    staged[rel(target)] = std::string(bytes);
    return ok_status();
  }
  Status commit(const fs::path& target) override {
    calls.push_back("commit " + rel(target));
    files[rel(target)] = staged.at(rel(target));
    return ok_status();
  }
  void discard(const fs::path& target) override { calls.push_back("discard " + rel(target)); }
  Status remove(const fs::path& target) override {
    calls.push_back("remove " + rel(target));
    files.erase(rel(target));
    return ok_status();
  }
  void remove_dir_if_empty(const fs::path& dir) override { calls.push_back("prune " + rel(dir)); }

 private:
  std::map<std::string, std::string> staged;
};

const std::string k_init = "__version__ = \"1.2.3\"\n";

}  // namespace

TEST_CASE("scanning lists each folder once and reads only the file that gives a package its version") {
  MemoryDrive drive;
  drive.files = {{"lib/pkg/__init__.py", k_init}, {"lib/pkg/a.py", "__version__ = \"9\"\n"},
                 {"lib/pkg/sub/b.py", "x = 1\n"}, {"lib/single.py", "__version__ = \"0.1\"\n"},
                 {"lib/.hidden.py", "x"},         {"code.py", "import pkg\n"}};
  const auto installed = scan_installed(drive);
  REQUIRE(installed.size() == 2);
  CHECK(installed[0].name == "pkg");
  CHECK(installed[0].version == "1.2.3");
  CHECK(installed[0].files == std::vector<std::string>{"lib/pkg/__init__.py", "lib/pkg/a.py", "lib/pkg/sub/b.py"});
  CHECK(installed[1].version == "0.1");
  CHECK(drive.listings == std::map<std::string, int>{{"lib", 1}, {"lib/pkg", 1}, {"lib/pkg/sub", 1}});
  CHECK(drive.reads == std::multiset<std::string>{"lib/pkg/__init__.py", "lib/single.py"});
}

TEST_CASE("a plan reads only existing files of the new file's size") {
  MemoryDrive drive;
  drive.files = {{"lib/pkg/__init__.py", k_init}, {"lib/pkg/big.py", "0123456789"}, {"lib/pkg/old.py", "x"}};
  const auto installed = scan_installed(drive);
  drive.reads.clear();
  const auto plan =
      plan_install(drive, "pkg", {{"lib/pkg/__init__.py", k_init}, {"lib/pkg/big.py", "short"}}, &installed[0]);
  std::map<std::string, FileAction> actions;
  for (const auto& f : plan.files) actions[f.path] = f.action;
  CHECK(actions == std::map<std::string, FileAction>{{"lib/pkg/__init__.py", FileAction::same},
                                                     {"lib/pkg/big.py", FileAction::replace},
                                                     {"lib/pkg/old.py", FileAction::remove}});
  CHECK(drive.reads == std::multiset<std::string>{"lib/pkg/__init__.py"});
  CHECK(drive.listings["lib/pkg"] == 2);  // once for the scan, once for the plan
}

TEST_CASE("a sync stages a module's files before committing any, and prunes folders only after removals") {
  MemoryDrive drive;
  SyncPlan plan;
  plan.modules.push_back(plan_install(drive, "pkg", {{"lib/pkg/__init__.mpy", "a"}, {"lib/pkg/x.mpy", "b"}}, nullptr));
  const auto report = apply_plan(plan, "/", drive);
  CHECK(!report.error);
  CHECK(drive.calls == std::vector<std::string>{"mkdir lib/pkg", "stage lib/pkg/__init__.mpy", "mkdir lib/pkg",
                                                "stage lib/pkg/x.mpy", "commit lib/pkg/__init__.mpy",
                                                "commit lib/pkg/x.mpy"});
  drive.calls.clear();
  const auto installed = scan_installed(drive);
  SyncPlan removal;
  removal.modules.push_back(plan_removal(installed[0]));
  CHECK(!apply_plan(removal, "/", drive).error);
  CHECK(drive.calls ==
        std::vector<std::string>{"remove lib/pkg/__init__.mpy", "remove lib/pkg/x.mpy", "prune lib/pkg"});
  CHECK(drive.files.empty());
}
