// Copying a UF2 file onto a bootloader drive: chunked writes with progress, then fsync so it reaches the board.
#include "device/flash_copy.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <vector>

namespace cpy::device {

namespace fs = std::filesystem;

namespace {

Error io_error(const std::string& what, const fs::path& path) {
  return make_error(ExitCode::io, what + " " + path.string() + ": " + std::strerror(errno),
                    "check that the bootloader drive is still mounted and writable");
}

Status write_all(int fd, const char* data, std::size_t size, const fs::path& target) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return io_error("cannot write", target);
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return ok_status();
}

}  // namespace

Status copy_to_bootloader_drive(const fs::path& uf2, const fs::path& drive, ProgressSink& progress) {
  std::ifstream in(uf2, std::ios::binary);
  if (!in) return make_error(ExitCode::io, "cannot read " + uf2.string());
  std::error_code ec;
  const std::uint64_t total = fs::file_size(uf2, ec);
  const fs::path target = drive / uf2.filename();
  const int fd = ::open(target.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return io_error("cannot create", target);
  std::vector<char> buffer(64 * 1024);
  std::uint64_t done = 0;
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto n = static_cast<std::size_t>(in.gcount());
    if (n == 0) break;
    if (Status s = write_all(fd, buffer.data(), n, target); !s) {
      ::close(fd);
      return s;
    }
    done += n;
    progress.progress("copying " + uf2.filename().string(), done, total);
  }
  // Past this point the board has every block; it may already be rebooting and gone.
  ::fsync(fd);
  ::close(fd);
  if (done != total) return make_error(ExitCode::io, "short read of " + uf2.string());
  return ok_status();
}

}  // namespace cpy::device
