// Tests of bundle/sync: plans, the space check, and failures that leave modules fully old.
#include <doctest/doctest.h>

#include "bundle/sync.hpp"
#include "bundle_test_util.hpp"
#include "core/atomic_file.hpp"

using namespace cpy;
using namespace cpy::bundle;
namespace fs = std::filesystem;

namespace {

void put(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  REQUIRE(write_file_atomic(file, text).ok());
}

/// The real writer, failing with ENOSPC once `budget` bytes have been staged.
class FullDiskWriter final : public DriveWriter {
 public:
  explicit FullDiskWriter(std::size_t budget) : m_real(make_posix_writer()), m_budget(budget) {}
  Status make_dirs(const fs::path& dir) override { return m_real->make_dirs(dir); }
  Status stage(const fs::path& target, std::string_view bytes) override {
    if (bytes.size() > m_budget)
      return make_error(ExitCode::io, "cannot write " + target.string() + ": No space left on device");
    m_budget -= bytes.size();
    return m_real->stage(target, bytes);
  }
  Status commit(const fs::path& target) override { return m_real->commit(target); }
  void discard(const fs::path& target) override { m_real->discard(target); }
  Status remove(const fs::path& target) override { return m_real->remove(target); }

 private:
  std::unique_ptr<DriveWriter> m_real;
  std::size_t m_budget;
};

}  // namespace

TEST_CASE("the plan adds, replaces, keeps identical files and deletes stale files of the module only") {
  test::TempDir drive;
  put(drive.path / "lib/pkg/__init__.mpy", "old init");
  put(drive.path / "lib/pkg/same.mpy", "same");
  put(drive.path / "lib/pkg/stale.mpy", "stale");
  put(drive.path / "lib/user_file.txt", "mine");
  const auto installed = scan_installed(drive.path);
  const auto* pkg = find_installed(installed, "pkg");
  REQUIRE(pkg);
  const auto plan =
      plan_install(drive.path, "pkg",
                   {{"lib/pkg/__init__.mpy", "new init"}, {"lib/pkg/same.mpy", "same"}, {"lib/pkg/new.mpy", "n"}}, pkg);
  std::map<std::string, FileAction> actions;
  for (const auto& f : plan.files) actions[f.path] = f.action;
  CHECK(actions.at("lib/pkg/__init__.mpy") == FileAction::replace);
  CHECK(actions.at("lib/pkg/same.mpy") == FileAction::same);
  CHECK(actions.at("lib/pkg/new.mpy") == FileAction::add);
  CHECK(actions.at("lib/pkg/stale.mpy") == FileAction::remove);
  CHECK(!actions.count("lib/user_file.txt"));

  SyncPlan sync{{plan}};
  auto writer = make_posix_writer();
  const auto report = apply_plan(sync, drive.path, *writer);
  CHECK(!report.error);
  CHECK(*read_file(drive.path / "lib/pkg/__init__.mpy") == "new init");
  CHECK(!fs::exists(drive.path / "lib/pkg/stale.mpy"));
  CHECK(*read_file(drive.path / "lib/user_file.txt") == "mine");
}

TEST_CASE("a write failure mid-module leaves that module fully old and reports the modules already done") {
  test::TempDir drive;
  put(drive.path / "lib/big/__init__.mpy", "old");
  put(drive.path / "lib/big/part.mpy", "old part");
  const auto installed = scan_installed(drive.path);
  SyncPlan plan;
  plan.modules.push_back(plan_install(drive.path, "small", {{"lib/small.mpy", "12345"}}, nullptr));
  plan.modules.push_back(plan_install(
      drive.path, "big", {{"lib/big/__init__.mpy", std::string(10, 'x')}, {"lib/big/part.mpy", std::string(100, 'y')}},
      find_installed(installed, "big")));
  FullDiskWriter writer(20);
  const auto report = apply_plan(plan, drive.path, writer);
  REQUIRE(report.error);
  CHECK(report.error->code == ExitCode::io);
  CHECK(report.completed == std::vector<std::string>{"small"});
  CHECK(report.failed == "big");
  CHECK(*read_file(drive.path / "lib/big/__init__.mpy") == "old");
  CHECK(*read_file(drive.path / "lib/big/part.mpy") == "old part");
  CHECK(*read_file(drive.path / "lib/small.mpy") == "12345");
  for (const auto& e : fs::recursive_directory_iterator(drive.path))
    CHECK(e.path().filename().string().find("cpytool-tmp") == std::string::npos);
}

TEST_CASE("a new package that fails to write leaves no folder behind") {
  test::TempDir drive;
  fs::create_directories(drive.path / "lib");
  SyncPlan plan;
  plan.modules.push_back(
      plan_install(drive.path, "pkg", {{"lib/pkg/__init__.mpy", "a"}, {"lib/pkg/x.mpy", "too big"}}, nullptr));
  FullDiskWriter writer(1);
  const auto report = apply_plan(plan, drive.path, writer);
  REQUIRE(report.error);
  CHECK(!fs::exists(drive.path / "lib/pkg"));
}

TEST_CASE("the space check refuses a plan bigger than the free space before writing anything") {
  SyncPlan plan;
  plan.modules.push_back({"m", {{"lib/m.mpy", FileAction::add, std::string(1000, 'x'), 0}}});
  CHECK(check_space(plan, 100000).ok());
  auto status = check_space(plan, 500);
  REQUIRE(!status.ok());
  CHECK(status.error().code == ExitCode::io);
  CHECK(status.error().message.find("not enough space") != std::string::npos);
}

TEST_CASE("removal deletes exactly the module's files") {
  test::TempDir drive;
  put(drive.path / "lib/a.mpy", "a");
  put(drive.path / "lib/a.py", "a");
  put(drive.path / "lib/b.mpy", "b");
  const auto installed = scan_installed(drive.path);
  const auto* a = find_installed(installed, "a");
  REQUIRE(a);
  CHECK(a->py_beside_mpy);
  SyncPlan plan{{plan_removal(*a)}};
  auto writer = make_posix_writer();
  CHECK(!apply_plan(plan, drive.path, *writer).error);
  CHECK(!fs::exists(drive.path / "lib/a.mpy"));
  CHECK(!fs::exists(drive.path / "lib/a.py"));
  CHECK(fs::exists(drive.path / "lib/b.mpy"));
}
