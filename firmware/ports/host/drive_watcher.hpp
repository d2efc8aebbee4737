// Watches the drive folder with inotify (recursively) and reports changes made from outside the firmware.
#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <map>
#include <thread>

#include "firmware/supervisor/error.hpp"

namespace cpy::firmware::host {

class DriveWatcher {
 public:
  /// `ignore(path)` filters changes the firmware made itself; `changed()` is called on the watcher's thread.
  DriveWatcher(std::filesystem::path root, std::function<bool(const std::filesystem::path&)> ignore,
               std::function<void()> changed);
  ~DriveWatcher();
  DriveWatcher(const DriveWatcher&) = delete;
  DriveWatcher& operator=(const DriveWatcher&) = delete;

  FwStatus start();

 private:
  void add_tree(const std::filesystem::path& dir);
  void loop();
  void handle_events(const char* buf, long length);

  std::filesystem::path m_root;
  std::function<bool(const std::filesystem::path&)> m_ignore;
  std::function<void()> m_changed;
  int m_fd = -1;
  std::map<int, std::filesystem::path> m_dirs;
  std::atomic<bool> m_stop{false};
  std::thread m_thread;
};

}  // namespace cpy::firmware::host
