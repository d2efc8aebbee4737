// Planning and applying lib/ changes.
#include "bundle/sync.hpp"

#include <algorithm>
#include <map>
#include <optional>
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

namespace {

/// Listings of the folders a plan touches, each asked for once.
class FolderSizes {
 public:
  explicit FolderSizes(DriveReader& drive) : m_drive(drive) {}
  std::optional<std::uint64_t> size_of(const std::string& path) {
    const auto slash = path.rfind('/');
    const std::string dir = slash == std::string::npos ? "" : path.substr(0, slash);
    auto [it, fresh] = m_folders.try_emplace(dir);
    if (fresh)
      if (auto entries = m_drive.list(dir))
        for (const auto& e : *entries)
          if (!e.directory) it->second[e.name] = e.size;
    const auto found = it->second.find(path.substr(slash + 1));
    if (found == it->second.end()) return std::nullopt;
    return found->second;
  }

 private:
  DriveReader& m_drive;
  std::map<std::string, std::map<std::string, std::uint64_t>> m_folders;
};

}  // namespace

ModulePlan plan_install(DriveReader& drive, const std::string& name,
                        const std::vector<std::pair<std::string, std::string>>& files,
                        const InstalledModule* existing) {
  ModulePlan plan{name, {}};
  FolderSizes sizes(drive);
  std::set<std::string> kept;
  for (const auto& [path, bytes] : files) {
    PlannedFile f{path, FileAction::add, bytes, 0};
    if (const auto old_size = sizes.size_of(path)) {
      f.old_size = *old_size;
      f.action = FileAction::replace;
      if (*old_size == bytes.size())
        if (auto old = drive.read(path); old && *old == bytes) f.action = FileAction::same;
    }
    kept.insert(path);
    plan.files.push_back(std::move(f));
  }
  if (existing)
    for (const auto& path : existing->files)
      if (!kept.count(path)) plan.files.push_back({path, FileAction::remove, {}, sizes.size_of(path).value_or(0)});
  return plan;
}

ModulePlan plan_install(const fs::path& root, const std::string& name,
                        const std::vector<std::pair<std::string, std::string>>& files,
                        const InstalledModule* existing) {
  return plan_install(*local_drive(root), name, files, existing);
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

bool writes(const PlannedFile& f) { return f.action == FileAction::add || f.action == FileAction::replace; }

/// Removes folders left empty under lib/ (a package whose files were all deleted or never committed).
void prune_empty_dirs(const fs::path& root, const ModulePlan& module, DriveWriter& writer) {
  std::set<fs::path> dirs;
  for (const auto& f : module.files)
    for (fs::path d = (root / f.path).parent_path();
         d != root / "lib" && d.string().size() > (root / "lib").string().size(); d = d.parent_path())
      dirs.insert(d);
  for (auto it = dirs.rbegin(); it != dirs.rend(); ++it) writer.remove_dir_if_empty(*it);
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
    prune_empty_dirs(root, module, writer);
    return status;
  }
  for (const auto& p : staged) CPY_CHECK(writer.commit(p));
  bool removed = false;
  for (const auto& f : module.files)
    if (f.action == FileAction::remove) {
      CPY_CHECK(writer.remove(root / f.path));
      removed = true;
    }
  if (removed) prune_empty_dirs(root, module, writer);
  return ok_status();
}

}  // namespace

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
