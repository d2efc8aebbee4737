// Files on a board, whichever way they are reached (raw REPL, web workflow): one interface for `fs` and deploy.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace cpy::device {

struct FileEntry {
  std::string name;
  bool directory = false;
  std::uint64_t size = 0;
  std::int64_t mtime = 0;  // seconds since 1970
};

struct FileCheck {
  std::uint64_t size = 0;
  std::optional<std::uint32_t> crc32;  // absent when the board cannot compute it
};

/// Paths are absolute board paths ("/lib/foo.mpy"). Missing files are ExitCode::io errors naming the path.
class BoardFiles {
 public:
  virtual ~BoardFiles() = default;
  virtual Result<std::vector<FileEntry>> list(const std::string& dir) = 0;
  virtual Result<std::string> read(const std::string& path) = 0;
  virtual Status write(const std::string& path, const std::string& data) = 0;
  /// Removes a file or, recursively, a folder.
  virtual Status remove(const std::string& path) = 0;
  /// Creates the folder and its missing parents; an existing folder is fine.
  virtual Status mkdir(const std::string& path) = 0;
  virtual Status move(const std::string& from, const std::string& to) = 0;
  /// Size and checksum as the board sees them (to verify a copy).
  virtual Result<FileCheck> check(const std::string& path) = 0;
};

/// CRC-32 (IEEE, as zlib and binascii.crc32).
std::uint32_t crc32(std::string_view data);

/// "/a/b" from "a/b", "/a/b/", "//a//b"; "/" for the root.
std::string normalize_board_path(const std::string& path);

}  // namespace cpy::device
