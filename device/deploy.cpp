// Deploy: plan the project's files, copy them to the drive with temp file + rename + fsync, verify on the board.
#include "device/deploy.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

namespace cpy::device {

namespace fs = std::filesystem;

namespace {

const std::set<std::string> k_run_files = {"boot.py", "code.py", "code.txt", "main.py", "main.txt"};

bool skipped(const fs::path& relative) {
  for (const auto& part : relative) {
    const std::string name = part.string();
    if (name.empty() || name[0] == '.' || name == "__pycache__") return true;
  }
  return relative.extension() == ".pyc" || relative.filename() == "boot_out.txt";
}

Result<std::string> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(ExitCode::io, "cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Status fsync_path(const fs::path& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return make_error(ExitCode::io, "cannot open " + path.string() + " to flush it");
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0 && (flags & O_DIRECTORY) == 0)
    return make_error(ExitCode::io, "cannot flush " + path.string() + " to the board");
  return ok_status();
}

Status write_safely(const DeployFile& file, const fs::path& target) {
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  if (ec) return make_error(ExitCode::io, "cannot create " + target.parent_path().string() + ": " + ec.message());
  const fs::path temp = target.string() + ".cpytool-tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out || !out.write(file.data.data(), static_cast<std::streamsize>(file.data.size())))
      return make_error(ExitCode::io, "cannot write " + temp.string() + " (is the drive full or read-only?)");
  }
  CPY_CHECK(fsync_path(temp, O_RDONLY));
  fs::rename(temp, target, ec);
  if (ec) return make_error(ExitCode::io, "cannot rename " + temp.string() + ": " + ec.message());
  return fsync_path(target.parent_path(), O_RDONLY | O_DIRECTORY);
}

bool same_content(const fs::path& target, const std::string& data) {
  std::error_code ec;
  if (!fs::is_regular_file(target, ec) || fs::file_size(target, ec) != data.size()) return false;
  auto existing = read_file(target);
  return existing && *existing == data;
}

}  // namespace

Result<std::vector<DeployFile>> plan_deploy(const fs::path& project) {
  std::error_code ec;
  if (!fs::is_directory(project, ec))
    return make_error(ExitCode::bad_input, "not a project folder: " + project.string(),
                      "give the folder that holds code.py");
  std::vector<DeployFile> files;
  for (auto it = fs::recursive_directory_iterator(project, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    const fs::path relative = fs::relative(it->path(), project);
    if (skipped(relative)) {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file()) continue;
    CPY_TRY(std::string data, read_file(it->path()));
    files.push_back({it->path(), "/" + relative.generic_string(), std::move(data)});
  }
  if (ec) return make_error(ExitCode::io, "cannot list " + project.string() + ": " + ec.message());
  std::stable_sort(files.begin(), files.end(), [](const DeployFile& a, const DeployFile& b) {
    const bool a_runs = a.board_path.rfind('/') == 0 && k_run_files.count(a.board_path.substr(1));
    const bool b_runs = b.board_path.rfind('/') == 0 && k_run_files.count(b.board_path.substr(1));
    return a_runs != b_runs ? b_runs : a.board_path < b.board_path;
  });
  return files;
}

Result<std::vector<DeployFile>> copy_to_drive(const std::vector<DeployFile>& files, const fs::path& drive) {
  std::vector<DeployFile> written;
  for (const auto& file : files) {
    const fs::path target = drive / file.board_path.substr(1);
    if (same_content(target, file.data)) continue;
    CPY_CHECK(write_safely(file, target));
    written.push_back(file);
  }
  ::sync();
  return written;
}

Status copy_through(const std::vector<DeployFile>& files, BoardFiles& board) {
  std::set<std::string> made;
  for (const auto& file : files) {
    const std::string parent = file.board_path.substr(0, file.board_path.rfind('/'));
    if (!parent.empty() && made.insert(parent).second) CPY_CHECK(board.mkdir(parent));
    CPY_CHECK(board.write(file.board_path, file.data));
  }
  return ok_status();
}

Status verify_on_board(const std::vector<DeployFile>& files, BoardFiles& board) {
  for (const auto& file : files) {
    CPY_TRY(FileCheck check, board.check(file.board_path));
    const bool size_ok = check.size == file.data.size();
    const bool crc_ok = !check.crc32 || *check.crc32 == crc32(file.data);
    if (!size_ok || !crc_ok)
      return make_error(ExitCode::io,
                        "the board reads " + file.board_path + " differently from what was written (" +
                            std::to_string(check.size) + " bytes, expected " + std::to_string(file.data.size()) + ")",
                        "the drive may not be flushed yet; run deploy again, and eject the drive before unplugging");
  }
  return ok_status();
}

std::map<std::string, std::pair<std::uintmax_t, fs::file_time_type>> snapshot(const fs::path& project) {
  std::map<std::string, std::pair<std::uintmax_t, fs::file_time_type>> state;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(project, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    state[it->path().string()] = {it->file_size(ec), it->last_write_time(ec)};
  }
  return state;
}

}  // namespace cpy::device
