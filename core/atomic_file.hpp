// Writing files safely: temp file in the same folder, fsync, rename; plus small read helpers.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace cpy {

/// The temp name a file is staged under before the rename: "<dir>/.<name>.cpytool-tmp".
std::filesystem::path staging_path(const std::filesystem::path& target);

/// Writes `bytes` to a temp file beside `target` and fsyncs it; the caller renames it (commit_staged).
Status write_staged(const std::filesystem::path& target, std::string_view bytes);
/// Renames the staged temp file over `target` and fsyncs the folder.
Status commit_staged(const std::filesystem::path& target);
/// Write + fsync + rename in one step: a reader sees the old file or the new one, never a partial one.
Status write_file_atomic(const std::filesystem::path& target, std::string_view bytes);

Result<std::string> read_file(const std::filesystem::path& path);
/// fsync of a folder, so that renames and removals inside it reach the disk.
Status fsync_dir(const std::filesystem::path& dir);
/// Bytes free for an unprivileged writer on the file system holding `path`.
Result<std::uint64_t> free_bytes(const std::filesystem::path& path);

}  // namespace cpy
