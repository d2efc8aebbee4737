// A host folder as the CIRCUITPY drive: the Drive interface over std::filesystem, plus the fresh layout.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>

#include "firmware/supervisor/drive.hpp"

namespace cpy::firmware::host {

class FolderDrive : public Drive {
 public:
  explicit FolderDrive(std::filesystem::path root);

  /// Creates the folder if needed and, when it is empty, what a freshly formatted CIRCUITPY holds:
  /// code.py printing "Hello World!", an empty lib/ and an empty settings.toml.
  FwStatus prepare();
  const std::filesystem::path& root() const { return m_root; }
  /// The host path of a drive path; nothing when it would leave the drive ("/../x").
  std::optional<std::filesystem::path> host_path(std::string_view path) const;

  EntryStat stat(std::string_view path) const override;
  std::optional<std::string> read(std::string_view path) const override;
  FwStatus write(std::string_view path, std::string_view data) override;
  FwResult<std::vector<std::string>> list(std::string_view path) const override;
  FwStatus make_directory(std::string_view path) override;
  FwStatus remove_directory(std::string_view path) override;
  FwStatus remove_file(std::string_view path) override;
  FwStatus rename(std::string_view from, std::string_view to) override;
  DriveUsage usage() const override;
  FwStatus set_mtime(std::string_view path, std::int64_t seconds) override;

  /// True when the firmware itself changed `host_file` moments ago (its own writes never trigger auto-reload).
  bool changed_by_firmware(const std::filesystem::path& host_file) const;

 private:
  void note_own_change(const std::filesystem::path& host_file);
  FwStatus failure(std::string_view what, std::string_view path, const std::error_code& ec) const;

  std::filesystem::path m_root;
  mutable std::mutex m_mutex;
  std::map<std::filesystem::path, std::chrono::steady_clock::time_point> m_own_changes;
};

}  // namespace cpy::firmware::host
