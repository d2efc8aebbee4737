// Safe file writing with POSIX calls: every failure names the file and the reason.
#include "core/atomic_file.hpp"

#include <fcntl.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace cpy {

namespace fs = std::filesystem;

namespace {

Error io_error(const std::string& what, const fs::path& path, int err) {
  std::string hint;
  if (err == ENOSPC) hint = "the drive is full: remove files or libraries you do not need";
  if (err == EROFS) hint = "the drive is read-only (boot.py may have remounted it for Python)";
  return make_error(ExitCode::io, what + " " + path.string() + ": " + std::strerror(err), hint);
}

Status write_all(int fd, std::string_view bytes, const fs::path& path) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return io_error("cannot write", path, errno);
    done += static_cast<std::size_t>(n);
  }
  return ok_status();
}

}  // namespace

fs::path staging_path(const fs::path& target) {
  return target.parent_path() / ("." + target.filename().string() + ".cpytool-tmp");
}

Status write_staged(const fs::path& target, std::string_view bytes) {
  const fs::path temp = staging_path(target);
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return io_error("cannot create", temp, errno);
  Status written = write_all(fd, bytes, temp);
  if (written.ok() && ::fsync(fd) != 0) written = io_error("cannot flush", temp, errno);
  if (::close(fd) != 0 && written.ok()) written = io_error("cannot close", temp, errno);
  if (!written.ok()) ::unlink(temp.c_str());
  return written;
}

Status commit_staged(const fs::path& target) {
  const fs::path temp = staging_path(target);
  if (::rename(temp.c_str(), target.c_str()) != 0) {
    const int err = errno;
    ::unlink(temp.c_str());
    return io_error("cannot rename into", target, err);
  }
  return fsync_dir(target.parent_path());
}

Status write_file_atomic(const fs::path& target, std::string_view bytes) {
  CPY_CHECK(write_staged(target, bytes));
  return commit_staged(target);
}

Result<std::string> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return io_error("cannot read", path, errno ? errno : ENOENT);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Status fsync_dir(const fs::path& dir) {
  const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return io_error("cannot open folder", dir, errno);
  // Some file systems (vfat over FUSE, network mounts) refuse fsync on a folder; that is not a failure.
  ::fsync(fd);
  ::close(fd);
  return ok_status();
}

Result<std::uint64_t> free_bytes(const fs::path& path) {
  struct statvfs info {};
  if (::statvfs(path.c_str(), &info) != 0) return io_error("cannot query free space of", path, errno);
  return static_cast<std::uint64_t>(info.f_bavail) * info.f_frsize;
}

}  // namespace cpy
