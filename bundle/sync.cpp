// Planning and applying lib/ changes.
#include "bundle/sync.hpp"

#include <algorithm>
#include <set>

#include "core/atomic_file.hpp"

namespace cpy::bundle {

namespace fs = std::filesystem;

const char* action_name(FileAction action) {
  switch (action) {
    case FileAction::add:
      return "add";
    case FileAction::replace:
      return "replace";
    case FileAction::remove:
      return "delete";
    case FileAction::same:
      return "unchanged";
  }
  return "?";
}

bool ModulePlan::changes() const {
  return std::any_of(files.begin(), files.end(), [](const auto& f) { return f.action != FileAction::same; });
}

std::uint64_t SyncPlan::bytes_to_write() const {
  std::uint64_t n = 0;
  for (const auto& m : modules)
    for (const auto& f : m.files)
      if (f.action == FileAction::add || f.action == FileAction::replace) n += f.bytes.size();
  return n;
}

std::uint64_t SyncPlan::bytes_freed() const {
  std::uint64_t n = 0;
  for (const auto& m : modules)
    for (const auto& f : m.files)
      if (f.action == FileAction::remove || f.action == FileAction::replace) n += f.old_size;
  return n;
}

std::size_t SyncPlan::count(FileAction action) const {
  std::size_t n = 0;
  for (const auto& m : modules)
    n += static_cast<std::size_t>(
        std::count_if(m.files.begin(), m.files.end(), [&](const auto& f) { return f.action == action; }));
  return n;
}

ModulePlan plan_install(const fs::path& root, const std::string& name,
                        const std::vector<std::pair<std::string, std::string>>& files,
                        const InstalledModule* existing) {
  ModulePlan plan{name, {}};
  std::set<std::string> kept;
  for (const auto& [path, bytes] : files) {
    PlannedFile f{path, FileAction::add, bytes, 0};
    std::error_code ec;
    if (fs::is_regular_file(root / path, ec)) {
      f.old_size = fs::file_size(root / path, ec);
      auto old = read_file(root / path);
      f.action = old && *old == bytes ? FileAction::same : FileAction::replace;
    }
    kept.insert(path);
    plan.files.push_back(std::move(f));
  }
  if (existing)
    for (const auto& path : existing->files)
      if (!kept.count(path)) {
        std::error_code ec;
        plan.files.push_back({path, FileAction::remove, {}, fs::file_size(root / path, ec)});
      }
  return plan;
}

ModulePlan plan_removal(const InstalledModule& existing) {
  ModulePlan plan{existing.name, {}};
  for (const auto& path : existing.files) plan.files.push_back({path, FileAction::remove, {}, 0});
  return plan;
}

Status check_space(const SyncPlan& plan, std::uint64_t free) {
  // Staging keeps old and new copies of one module at once, so the largest module must fit whole.
  std::uint64_t largest = 0;
  for (const auto& m : plan.modules) {
    std::uint64_t n = 0;
    for (const auto& f : m.files)
      if (f.action == FileAction::add || f.action == FileAction::replace) n += f.bytes.size() + 512;
    largest = std::max(largest, n);
  }
  const std::uint64_t write = plan.bytes_to_write(), freed = plan.bytes_freed();
  const std::uint64_t need = std::max(largest, write > freed ? write - freed : 0);
  if (need <= free) return ok_status();
  return make_error(ExitCode::io,
                    "not enough space on the drive: the changes need " + std::to_string(need) + " bytes, " +
                        std::to_string(free) + " are free",
                    "remove libraries you do not use (cpytool uninstall) or files from the drive; nothing was written");
}

namespace {

class PosixWriter final : public DriveWriter {
 public:
  Status make_dirs(const fs::path& dir) override {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return make_error(ExitCode::io, "cannot create folder " + dir.string() + ": " + ec.message());
    return ok_status();
  }
  Status stage(const fs::path& target, std::string_view bytes) override { return write_staged(target, bytes); }
  Status commit(const fs::path& target) override { return commit_staged(target); }
  void discard(const fs::path& target) override {
    std::error_code ec;
    fs::remove(staging_path(target), ec);
  }
  Status remove(const fs::path& target) override {
    std::error_code ec;
    fs::remove(target, ec);
    if (ec) return make_error(ExitCode::io, "cannot delete " + target.string() + ": " + ec.message());
    return ok_status();
  }
};

bool writes(const PlannedFile& f) { return f.action == FileAction::add || f.action == FileAction::replace; }

/// Removes folders left empty under lib/ (a package whose files were all deleted or never committed).
void prune_empty_dirs(const fs::path& root, const ModulePlan& module) {
  std::set<fs::path> dirs;
  for (const auto& f : module.files)
    for (fs::path d = (root / f.path).parent_path();
         d != root / "lib" && d.string().size() > (root / "lib").string().size(); d = d.parent_path())
      dirs.insert(d);
  for (auto it = dirs.rbegin(); it != dirs.rend(); ++it) {
    std::error_code ec;
    if (fs::is_empty(*it, ec)) fs::remove(*it, ec);
  }
}

Status apply_module(const ModulePlan& module, const fs::path& root, DriveWriter& writer) {
  std::vector<fs::path> staged;
  Status status = ok_status();
  for (const auto& f : module.files) {
    if (!writes(f)) continue;
    status = writer.make_dirs((root / f.path).parent_path());
    if (status.ok()) status = writer.stage(root / f.path, f.bytes);
    if (!status.ok()) break;
    staged.push_back(root / f.path);
  }
  if (!status.ok()) {
    for (const auto& p : staged) writer.discard(p);
    prune_empty_dirs(root, module);
    return status;
  }
  for (const auto& p : staged) CPY_CHECK(writer.commit(p));
  for (const auto& f : module.files)
    if (f.action == FileAction::remove) CPY_CHECK(writer.remove(root / f.path));
  prune_empty_dirs(root, module);
  return ok_status();
}

}  // namespace

std::unique_ptr<DriveWriter> make_posix_writer() { return std::make_unique<PosixWriter>(); }

SyncReport apply_plan(const SyncPlan& plan, const fs::path& root, DriveWriter& writer) {
  SyncReport report;
  for (const auto& module : plan.modules) {
    if (!module.changes()) continue;
    auto status = apply_module(module, root, writer);
    if (!status.ok()) {
      report.failed = module.module;
      report.error = status.take_error();
      return report;
    }
    report.completed.push_back(module.module);
  }
  return report;
}

}  // namespace cpy::bundle
