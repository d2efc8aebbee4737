// DriveWatcher: inotify on every folder of the drive; new folders are watched as they appear.
#include "firmware/ports/host/drive_watcher.hpp"

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace cpy::firmware::host {

namespace fs = std::filesystem;

namespace {
constexpr std::uint32_t k_mask =
    IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_MODIFY | IN_ATTRIB | IN_DELETE_SELF;
}

DriveWatcher::DriveWatcher(fs::path root, std::function<bool(const fs::path&)> ignore, std::function<void()> changed)
    : m_root(std::move(root)), m_ignore(std::move(ignore)), m_changed(std::move(changed)) {}

DriveWatcher::~DriveWatcher() {
  m_stop = true;
  if (m_thread.joinable()) m_thread.join();
  if (m_fd >= 0) ::close(m_fd);
}

FwStatus DriveWatcher::start() {
  m_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (m_fd < 0) return FirmwareError{std::string("cannot watch the drive (inotify): ") + std::strerror(errno)};
  add_tree(m_root);
  m_thread = std::thread([this] { loop(); });
  return Done{};
}

void DriveWatcher::add_tree(const fs::path& dir) {
  int wd = inotify_add_watch(m_fd, dir.c_str(), k_mask);
  if (wd >= 0) m_dirs[wd] = dir;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.is_directory(ec) && !entry.is_symlink(ec)) add_tree(entry.path());
}

void DriveWatcher::loop() {
  alignas(inotify_event) char buf[8192];
  while (!m_stop) {
    pollfd p{m_fd, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    long n = ::read(m_fd, buf, sizeof buf);
    if (n > 0) handle_events(buf, n);
  }
}

void DriveWatcher::handle_events(const char* buf, long length) {
  bool external = false;
  for (long offset = 0; offset < length;) {
    const auto* event = reinterpret_cast<const inotify_event*>(buf + offset);
    offset += static_cast<long>(sizeof(inotify_event) + event->len);
    auto dir = m_dirs.find(event->wd);
    if (dir == m_dirs.end()) continue;
    fs::path path = event->len ? dir->second / event->name : dir->second;
    if ((event->mask & IN_ISDIR) && (event->mask & (IN_CREATE | IN_MOVED_TO))) add_tree(path);
    if (event->mask & IN_IGNORED) m_dirs.erase(dir);
    if (!m_ignore(path)) external = true;
  }
  if (external) m_changed();
}

}  // namespace cpy::firmware::host
