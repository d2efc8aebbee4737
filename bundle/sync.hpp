// Safe sync of lib/: a plan of file changes per module, a free-space check, then staged writes so that a
// failure leaves every module either fully old or fully new.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bundle/drive.hpp"
#include "bundle/installed.hpp"
#include "core/result.hpp"

namespace cpy::bundle {

enum class FileAction { add, replace, remove, same };
const char* action_name(FileAction action);

struct PlannedFile {
  std::string path;  // relative to the drive root: "lib/adafruit_hid/keyboard.mpy"
  FileAction action = FileAction::add;
  std::string bytes;  // new content for add/replace/same
  std::uint64_t old_size = 0;
};

struct ModulePlan {
  std::string module;
  std::vector<PlannedFile> files;
  bool changes() const;
};

struct SyncPlan {
  std::vector<ModulePlan> modules;
  std::uint64_t bytes_to_write() const;
  std::uint64_t bytes_freed() const;
  std::size_t count(FileAction action) const;
};

/// The plan that makes lib/ hold exactly `files` (path -> bytes) for module `name`, given what is installed:
/// a file whose size differs is replaced unread; one of the same size is read and compared.
ModulePlan plan_install(DriveReader& drive, const std::string& name,
                        const std::vector<std::pair<std::string, std::string>>& files, const InstalledModule* existing);
ModulePlan plan_install(const std::filesystem::path& root, const std::string& name,
                        const std::vector<std::pair<std::string, std::string>>& files, const InstalledModule* existing);
ModulePlan plan_removal(const InstalledModule& existing);


struct SyncReport {
  std::vector<std::string> completed;  // modules fully written
  std::string failed;                  // the module that was left fully old, "" when all succeeded
  std::optional<Error> error;
};

/// Errors (ExitCode::io) when the drive lacks room; `free` is the drive's free space.
Status check_space(const SyncPlan& plan, std::uint64_t free);
/// Applies the plan module by module: stage every new file of a module (temp + fsync), then rename them all,
/// then delete its stale files. A staging failure discards that module's temp files and stops.
SyncReport apply_plan(const SyncPlan& plan, const std::filesystem::path& root, DriveWriter& writer);

}  // namespace cpy::bundle
