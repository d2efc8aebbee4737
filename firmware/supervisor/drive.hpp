// The CIRCUITPY drive as the firmware sees it: paths rooted at "/", the few file operations os needs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "firmware/supervisor/error.hpp"

namespace cpy::firmware {

enum class EntryKind { missing, file, directory };

struct EntryStat {
  EntryKind kind = EntryKind::missing;
  std::uint64_t size = 0;
  std::int64_t mtime = 0;  ///< seconds since 1970
};

struct DriveUsage {
  std::uint64_t block_size = 512;
  std::uint64_t total_blocks = 0;
  std::uint64_t free_blocks = 0;
};

/// Paths are absolute within the drive ("/lib/foo.py"); a relative path is taken from the root.
class Drive {
 public:
  virtual ~Drive() = default;
  virtual EntryStat stat(std::string_view path) const = 0;
  virtual std::optional<std::string> read(std::string_view path) const = 0;
  virtual FwStatus write(std::string_view path, std::string_view data) = 0;
  /// Names in a directory (no "." or ".."), sorted.
  virtual FwResult<std::vector<std::string>> list(std::string_view path) const = 0;
  virtual FwStatus make_directory(std::string_view path) = 0;
  virtual FwStatus remove_directory(std::string_view path) = 0;
  virtual FwStatus remove_file(std::string_view path) = 0;
  virtual FwStatus rename(std::string_view from, std::string_view to) = 0;
  virtual DriveUsage usage() const = 0;
  /// Sets the modification time (seconds since 1970); drives without timestamps ignore it.
  virtual FwStatus set_mtime(std::string_view path, std::int64_t seconds) {
    (void)path;
    (void)seconds;
    return Done{};
  }

  EntryKind kind(std::string_view path) const { return stat(path).kind; }
};

}  // namespace cpy::firmware
