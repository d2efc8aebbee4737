// A board's drive as the library commands reach it: reading (folder listings, files, the version facts of
// module files) and writing (staged, then committed). A mounted folder is here; the web workflow is composed
// in cli/ from device/'s client.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace cpy::bundle {

struct DriveEntry {
  std::string name;
  bool directory = false;
  std::uint64_t size = 0;
  std::int64_t mtime = 0;  // seconds since 1970
};

/// What `list` and `freeze` need of a module file: its declared version and, for .mpy, the format.
struct FileFacts {
  std::string version;
  int mpy_version = 0;
  bool bad_mpy = false;
};

/// The facts of one module file from its bytes.
FileFacts facts_of(const std::string& path, std::string_view bytes);

/// Paths are relative to the drive root: "lib", "lib/neopixel.mpy".
class DriveReader {
 public:
  virtual ~DriveReader() = default;
  /// The entries of a folder, sorted by name; a missing folder has none.
  virtual Result<std::vector<DriveEntry>> list(const std::string& dir) = 0;
  virtual Result<std::string> read(const std::string& path) = 0;
  /// Facts of a module file listed as `entry`; readers that keep them between runs override this.
  virtual FileFacts facts(const std::string& path, const DriveEntry& entry);
};

/// The file operations a sync performs, on absolute paths under the drive's root(); tests inject faults.
class DriveWriter {
 public:
  virtual ~DriveWriter() = default;
  virtual Status make_dirs(const std::filesystem::path& dir) = 0;
  virtual Status stage(const std::filesystem::path& target, std::string_view bytes) = 0;
  virtual Status commit(const std::filesystem::path& target) = 0;
  virtual void discard(const std::filesystem::path& target) = 0;
  virtual Status remove(const std::filesystem::path& target) = 0;
  /// Removes `dir` when nothing is left in it (a package whose files were all deleted or never committed).
  virtual void remove_dir_if_empty(const std::filesystem::path& dir);
};
std::unique_ptr<DriveWriter> make_posix_writer();

/// A whole drive: where it is, how much room it has, and its reader and writer.
class Drive : public DriveReader {
 public:
  /// For messages and JSON: the folder, or the board's web address.
  virtual std::string location() const = 0;
  /// What apply_plan joins the plan's relative paths to.
  virtual std::filesystem::path root() const = 0;
  virtual Result<std::uint64_t> free_bytes() = 0;
  virtual DriveWriter& writer() = 0;
};

/// A drive that is a folder on this computer (a mounted CIRCUITPY, or any folder given with --path).
std::shared_ptr<Drive> local_drive(const std::filesystem::path& root);

}  // namespace cpy::bundle
