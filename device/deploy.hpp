// Deploying a project folder to a board (device-protocol.md §5): which files, in which order, copied safely.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "device/board_files.hpp"

namespace cpy::device {

struct DeployFile {
  std::filesystem::path source;  // local file
  std::string board_path;        // "/lib/foo.py"
  std::string data;              // bytes to write (a compiled .mpy when a compiler ran)
};

/// Every file of `project` to send: hidden files, __pycache__ and *.pyc skipped; the files the board runs
/// on its own (code.py, main.py, code.txt, main.txt, boot.py) come last so a reload never starts on an old one.
Result<std::vector<DeployFile>> plan_deploy(const std::filesystem::path& project);

/// Writes each file into the mounted drive `drive` as <name>.cpytool-tmp, fsyncs it, renames it into place and
/// fsyncs its folder; skips files whose content is already there. Returns the files actually written.
Result<std::vector<DeployFile>> copy_to_drive(const std::vector<DeployFile>& files, const std::filesystem::path& drive);

/// Writes each file through `board` (web workflow or REPL), skipping none (the content cannot be compared cheaply).
Status copy_through(const std::vector<DeployFile>& files, BoardFiles& board);

/// Compares size and CRC-32 of each file as the board reads it; an error naming the first mismatch.
Status verify_on_board(const std::vector<DeployFile>& files, BoardFiles& board);

/// Size and modification time of every file under `project`, to notice changes for --watch.
std::map<std::string, std::pair<std::uintmax_t, std::filesystem::file_time_type>> snapshot(
    const std::filesystem::path& project);

}  // namespace cpy::device
