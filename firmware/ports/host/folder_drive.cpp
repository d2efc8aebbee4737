// FolderDrive: drive paths mapped into a host folder, never outside it.
#include "firmware/ports/host/folder_drive.hpp"

#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

namespace cpy::firmware::host {

namespace fs = std::filesystem;

namespace {
constexpr auto k_own_change_window = std::chrono::milliseconds(250);
}

FolderDrive::FolderDrive(fs::path root) : m_root(std::move(root)) {}

FwStatus FolderDrive::prepare() {
  std::error_code ec;
  fs::create_directories(m_root, ec);
  if (ec) return failure("cannot create the drive folder", "/", ec);
  m_root = fs::canonical(m_root, ec);
  if (ec) return failure("cannot open the drive folder", "/", ec);
  if (!fs::is_empty(m_root, ec)) return Done{};
  if (auto st = write("/code.py", "print(\"Hello World!\")\n"); !st) return st;
  if (auto st = write("/settings.toml", ""); !st) return st;
  auto st = make_directory("/lib");
  // Nothing watches the drive yet: these writes must not hide the user's first edits from auto-reload.
  std::lock_guard lock(m_mutex);
  m_own_changes.clear();
  return st;
}

std::optional<fs::path> FolderDrive::host_path(std::string_view path) const {
  fs::path relative = fs::path(std::string(path)).relative_path().lexically_normal();
  if (!relative.empty() && *relative.begin() == "..") return std::nullopt;
  if (relative == ".") relative.clear();
  return m_root / relative;
}

EntryStat FolderDrive::stat(std::string_view path) const {
  EntryStat out;
  auto host = host_path(path);
  std::error_code ec;
  if (!host) return out;
  auto status = fs::status(*host, ec);
  if (ec || !fs::exists(status)) return out;
  out.kind = fs::is_directory(status) ? EntryKind::directory : EntryKind::file;
  if (out.kind == EntryKind::file) out.size = fs::file_size(*host, ec);
  struct stat info {};
  if (::stat(host->c_str(), &info) == 0) out.mtime = info.st_mtime;
  return out;
}

std::optional<std::string> FolderDrive::read(std::string_view path) const {
  auto host = host_path(path);
  if (!host || fs::is_directory(*host)) return std::nullopt;
  std::ifstream in(*host, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

FwStatus FolderDrive::write(std::string_view path, std::string_view data) {
  auto host = host_path(path);
  if (!host) return FirmwareError{"path outside the drive: " + std::string(path)};
  note_own_change(*host);
  std::ofstream out(*host, std::ios::binary | std::ios::trunc);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
  out.close();
  if (!out) return FirmwareError{"cannot write " + host->string()};
  note_own_change(*host);
  return Done{};
}

FwResult<std::vector<std::string>> FolderDrive::list(std::string_view path) const {
  auto host = host_path(path);
  std::error_code ec;
  if (!host || !fs::is_directory(*host, ec)) return FirmwareError{"not a directory: " + std::string(path)};
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(*host, ec)) names.push_back(entry.path().filename().string());
  if (ec) return FirmwareError{"cannot list " + std::string(path) + ": " + ec.message()};
  std::sort(names.begin(), names.end());
  return names;
}

FwStatus FolderDrive::make_directory(std::string_view path) {
  auto host = host_path(path);
  if (!host) return FirmwareError{"path outside the drive: " + std::string(path)};
  note_own_change(*host);
  std::error_code ec;
  if (!fs::create_directory(*host, ec)) return failure("cannot create directory", path, ec);
  return Done{};
}

FwStatus FolderDrive::remove_directory(std::string_view path) {
  auto host = host_path(path);
  std::error_code ec;
  if (!host || !fs::is_directory(*host, ec)) return FirmwareError{"not a directory: " + std::string(path)};
  note_own_change(*host);
  if (!fs::remove(*host, ec)) return failure("cannot remove directory", path, ec);
  return Done{};
}

FwStatus FolderDrive::remove_file(std::string_view path) {
  auto host = host_path(path);
  std::error_code ec;
  if (!host || !fs::is_regular_file(*host, ec)) return FirmwareError{"not a file: " + std::string(path)};
  note_own_change(*host);
  if (!fs::remove(*host, ec)) return failure("cannot remove", path, ec);
  return Done{};
}

FwStatus FolderDrive::rename(std::string_view from, std::string_view to) {
  auto a = host_path(from), b = host_path(to);
  if (!a || !b) return FirmwareError{"path outside the drive"};
  note_own_change(*a);
  note_own_change(*b);
  std::error_code ec;
  fs::rename(*a, *b, ec);
  if (ec) return failure("cannot rename", from, ec);
  return Done{};
}

DriveUsage FolderDrive::usage() const {
  DriveUsage usage;
  std::error_code ec;
  auto space = fs::space(m_root, ec);
  if (ec) return usage;
  usage.block_size = 512;
  usage.total_blocks = space.capacity / usage.block_size;
  usage.free_blocks = space.available / usage.block_size;
  return usage;
}

FwStatus FolderDrive::set_mtime(std::string_view path, std::int64_t seconds) {
  auto host = host_path(path);
  if (!host) return FirmwareError{"path outside the drive: " + std::string(path)};
  note_own_change(*host);
  timespec times[2] = {{seconds, 0}, {seconds, 0}};
  if (::utimensat(AT_FDCWD, host->c_str(), times, 0) != 0)
    return FirmwareError{"cannot set the time of " + host->string() + ": " + std::strerror(errno)};
  return Done{};
}

bool FolderDrive::changed_by_firmware(const fs::path& host_file) const {
  std::lock_guard lock(m_mutex);
  auto it = m_own_changes.find(host_file);
  return it != m_own_changes.end() && std::chrono::steady_clock::now() - it->second < k_own_change_window;
}

void FolderDrive::note_own_change(const fs::path& host_file) {
  std::lock_guard lock(m_mutex);
  m_own_changes[host_file] = std::chrono::steady_clock::now();
}

FwStatus FolderDrive::failure(std::string_view what, std::string_view path, const std::error_code& ec) const {
  return FirmwareError{std::string(what) + " " + std::string(path) + " (" + m_root.string() + "): " + ec.message()};
}

}  // namespace cpy::firmware::host
