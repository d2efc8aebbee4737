// The web workflow drive: files are staged under a dot-name and moved into place, so a module is never half
// written; folder listings are asked once per run, module facts are remembered by path, size and time.
#include "cli/commands/web_drive.hpp"

#include "core/atomic_file.hpp"
#include "core/log.hpp"

namespace cpy::cli {

namespace fs = std::filesystem;

namespace {

std::string folder_of(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

/// "lib/x.mpy" from "/lib/x.mpy".
std::string drive_relative(const fs::path& path) {
  std::string p = path.generic_string();
  while (!p.empty() && p.front() == '/') p.erase(0, 1);
  return p;
}

std::string board_path(const std::string& rel) { return "/" + rel; }

std::string fact_key(const std::string& path, const bundle::DriveEntry& entry) {
  return path + "|" + std::to_string(entry.size) + "|" + std::to_string(entry.mtime);
}

nlohmann::json entries_json(const std::vector<bundle::DriveEntry>& entries) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& e : entries) out.push_back({e.name, e.directory, e.size, e.mtime});
  return out;
}

std::optional<std::vector<bundle::DriveEntry>> entries_from(const nlohmann::json& doc) {
  if (!doc.is_array()) return std::nullopt;
  std::vector<bundle::DriveEntry> out;
  try {
    for (const auto& e : doc)
      out.push_back(
          {e.at(0).get<std::string>(), e.at(1).get<bool>(), e.at(2).get<std::uint64_t>(), e.at(3).get<std::int64_t>()});
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
  return out;
}

/// The remembered listing of `dir` when it was taken while the folder's time was `time`.
std::optional<std::vector<bundle::DriveEntry>> remembered_listing(const nlohmann::json& folders, const std::string& dir,
                                                                  std::int64_t time) {
  const auto it = folders.find(dir);
  if (it == folders.end() || !it->is_object()) return std::nullopt;
  const auto t = it->find("t"), e = it->find("e");
  if (t == it->end() || e == it->end() || !t->is_number_integer() || t->get<std::int64_t>() != time)
    return std::nullopt;
  return entries_from(*e);
}

}  // namespace

WebDrive::WebDrive(std::unique_ptr<device::WebFiles> files, std::string host, fs::path cache_file, FolderTrust trust)
    : m_files(std::move(files)), m_host(std::move(host)), m_cache_file(std::move(cache_file)), m_trust(trust) {
  load_cache();
}

WebDrive::~WebDrive() { save_cache(); }

void WebDrive::load_cache() {
  m_cache = nlohmann::json::object();
  if (auto text = read_file(m_cache_file)) {
    auto doc = nlohmann::json::parse(*text, nullptr, false);
    if (doc.is_object()) m_cache = std::move(doc);
  }
  for (const char* part : {"facts", "folders"})
    if (!m_cache.contains(part) || !m_cache[part].is_object()) m_cache[part] = nlohmann::json::object();
}

void WebDrive::save_cache() {
  // Facts of files that are gone (their folder was listed and they were not looked at) are dropped.
  auto& facts = m_cache["facts"];
  for (auto it = facts.begin(); it != facts.end();) {
    const std::string path = it.key().substr(0, it.key().find('|'));
    if (m_listed.count(folder_of(path)) && !m_used_facts.count(it.key())) {
      it = facts.erase(it);
      m_cache_dirty = true;
    } else {
      ++it;
    }
  }
  if (!m_cache_dirty) return;
  std::error_code ec;
  fs::create_directories(m_cache_file.parent_path(), ec);
  if (auto s = write_file_atomic(m_cache_file, m_cache.dump()); !s)
    log::warn("cannot keep the web drive cache: " + s.error().message);
}

Result<std::vector<bundle::DriveEntry>> WebDrive::list(const std::string& dir) {
  if (auto it = m_listed.find(dir); it != m_listed.end()) return it->second;
  std::vector<bundle::DriveEntry> entries;
  const auto time = m_folder_time.find(dir);
  bool from_cache = false;
  if (m_trust == FolderTrust::unchanged_time && time != m_folder_time.end() && time->second != 0)
    if (auto cached = remembered_listing(m_cache["folders"], dir, time->second)) {
      entries = std::move(*cached);
      from_cache = true;
    }
  if (!from_cache) {
    auto listed = m_files->list(board_path(dir));
    if (!listed) {
      // A folder that is not there (lib/ on a fresh board) has nothing in it.
      if (listed.error().code == ExitCode::io && listed.error().message.starts_with("no such file")) {
        m_listed[dir] = {};
        return std::vector<bundle::DriveEntry>{};
      }
      return listed.take_error();
    }
    for (const auto& e : *listed) entries.push_back({e.name, e.directory, e.size, e.mtime});
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    if (time != m_folder_time.end() && time->second != 0 && dir.starts_with("lib/")) {
      m_cache["folders"][dir] = {{"t", time->second}, {"e", entries_json(entries)}};
      m_cache_dirty = true;
    }
  }
  for (const auto& e : entries)
    if (e.directory) m_folder_time[dir.empty() ? e.name : dir + "/" + e.name] = e.mtime;
  m_listed[dir] = entries;
  return entries;
}

Result<std::string> WebDrive::read(const std::string& path) { return m_files->read(board_path(path)); }

bundle::FileFacts WebDrive::facts(const std::string& path, const bundle::DriveEntry& entry) {
  const std::string key = fact_key(path, entry);
  m_used_facts.insert(key);
  auto& known = m_cache["facts"];
  if (known.contains(key) && known[key].is_array() && known[key].size() == 3) {
    const auto& f = known[key];
    if (f[0].is_string() && f[1].is_number_integer() && f[2].is_boolean())
      return {f[0].get<std::string>(), f[1].get<int>(), f[2].get<bool>()};
  }
  bundle::FileFacts facts = DriveReader::facts(path, entry);
  if (entry.mtime != 0) {
    known[key] = {facts.version, facts.mpy_version, facts.bad_mpy};
    m_cache_dirty = true;
  }
  return facts;
}

Result<std::uint64_t> WebDrive::free_bytes() {
  if (!m_files->free_bytes()) {
    m_listed.erase("");
    if (auto root = list(""); !root) return root.take_error();
  }
  if (auto free = m_files->free_bytes()) return *free;
  return make_error(ExitCode::io, "the board at " + m_host + " did not say how much room its drive has",
                    "its web workflow is older than CircuitPython 9; update the firmware");
}

void WebDrive::changed(const std::string& path) {
  // Times have a resolution of seconds (two on FAT): a rewrite of the same size may keep its key.
  auto& facts = m_cache["facts"];
  for (auto it = facts.begin(); it != facts.end();)
    if (it.key().starts_with(path + "|")) {
      it = facts.erase(it);
      m_cache_dirty = true;
    } else {
      ++it;
    }
  for (std::string dir = folder_of(path);; dir = folder_of(dir)) {
    m_listed.erase(dir);
    if (m_cache["folders"].erase(dir)) m_cache_dirty = true;
    if (dir.empty()) break;
  }
}

Status WebDrive::make_dirs(const fs::path& dir) {
  const std::string rel = drive_relative(dir);
  if (rel.empty() || m_made_dirs.count(rel)) return ok_status();
  CPY_CHECK(m_files->mkdir(board_path(rel)));
  m_made_dirs.insert(rel);
  changed(rel + "/x");
  return ok_status();
}

Status WebDrive::stage(const fs::path& target, std::string_view bytes) {
  const std::string staged = drive_relative(staging_path(target));
  changed(staged);
  return m_files->write(board_path(staged), std::string(bytes));
}

Status WebDrive::commit(const fs::path& target) {
  const std::string to = drive_relative(target), from = drive_relative(staging_path(target));
  changed(to);
  // MOVE will not replace an existing file (412), so a replacement deletes the old file first.
  auto moved = m_files->move(board_path(from), board_path(to));
  if (moved.ok() || !moved.error().message.starts_with("the destination already exists")) return moved;
  CPY_CHECK(m_files->remove(board_path(to)));
  return m_files->move(board_path(from), board_path(to));
}

void WebDrive::discard(const fs::path& target) {
  const std::string staged = drive_relative(staging_path(target));
  changed(staged);
  (void)m_files->remove(board_path(staged));
}

Status WebDrive::remove(const fs::path& target) {
  changed(drive_relative(target));
  return m_files->remove(board_path(drive_relative(target)));
}

void WebDrive::remove_dir_if_empty(const fs::path& dir) {
  const std::string rel = drive_relative(dir);
  auto entries = list(rel);
  if (entries && entries->empty() && m_files->remove(board_path(rel)).ok()) {
    m_made_dirs.erase(rel);
    changed(rel);
  }
}

}  // namespace cpy::cli
