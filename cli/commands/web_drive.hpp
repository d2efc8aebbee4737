// The library commands' drive over the web workflow: bundle's Drive on top of device's WebFiles, with the
// versions of module files (and, for read-only commands, package folder listings) remembered between runs.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "bundle/drive.hpp"
#include "device/web/web_files.hpp"

namespace cpy::cli {

enum class FolderTrust {
  fresh,           // list every folder (commands that write)
  unchanged_time,  // reuse a package folder's remembered listing while its time in lib/'s listing is the same
};

class WebDrive final : public bundle::Drive, private bundle::DriveWriter {
 public:
  /// `cache_file` holds what is remembered of this one board between runs.
  WebDrive(std::unique_ptr<device::WebFiles> files, std::string host, std::filesystem::path cache_file,
           FolderTrust trust);
  ~WebDrive() override;
  WebDrive(const WebDrive&) = delete;
  WebDrive& operator=(const WebDrive&) = delete;

  Result<std::vector<bundle::DriveEntry>> list(const std::string& dir) override;
  Result<std::string> read(const std::string& path) override;
  bundle::FileFacts facts(const std::string& path, const bundle::DriveEntry& entry) override;
  std::string location() const override { return "http://" + m_host; }
  std::filesystem::path root() const override { return "/"; }
  Result<std::uint64_t> free_bytes() override;
  bundle::DriveWriter& writer() override { return *this; }
  int request_count() const { return m_files->request_count(); }

 private:
  Status make_dirs(const std::filesystem::path& dir) override;
  Status stage(const std::filesystem::path& target, std::string_view bytes) override;
  Status commit(const std::filesystem::path& target) override;
  void discard(const std::filesystem::path& target) override;
  Status remove(const std::filesystem::path& target) override;
  void remove_dir_if_empty(const std::filesystem::path& dir) override;

  /// Forgets what this run and the cache know of `path`, of the folder holding it and of its parents.
  void changed(const std::string& path);
  void load_cache();
  void save_cache();

  std::unique_ptr<device::WebFiles> m_files;
  std::string m_host;
  std::filesystem::path m_cache_file;
  FolderTrust m_trust;
  std::map<std::string, std::vector<bundle::DriveEntry>> m_listed;  // this run, by folder
  std::map<std::string, std::int64_t> m_folder_time;                // from the parent's listing
  std::set<std::string> m_made_dirs;
  std::set<std::string> m_used_facts;
  nlohmann::json m_cache;  // {"facts": {"path|size|mtime": [version, mpy, bad]}, "folders": {...}}
  bool m_cache_dirty = false;
};

}  // namespace cpy::cli
