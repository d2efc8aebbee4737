// Archive over libzip: entries listed once at open, each read on demand from the zip in place.
#include <algorithm>
#include <map>
#include <optional>

#include "bundle/archive.hpp"
#include "bundle/zip_library.hpp"
#include "core/log.hpp"
#include "core/text.hpp"

namespace cpy::bundle {

namespace fs = std::filesystem;

namespace {

Error zip_error(const fs::path& path, const std::string& what) {
  return make_error(ExitCode::bad_input, "corrupt bundle zip " + path.string() + ": " + what,
                    "delete the file (cpytool re-downloads it) or rebuild the bundle");
}

struct ZipCloser {
  const ZipLibrary* lib;
  void operator()(zip_t* z) const { lib->discard(z); }
};

/// The common first folder of all entries ("<prefix>-py-<tag>/"), or "" when there is none.
std::string common_top(const std::vector<std::string>& names) {
  if (names.empty()) return {};
  const auto slash = names[0].find('/');
  if (slash == std::string::npos) return {};
  const std::string top = names[0].substr(0, slash + 1);
  if (top == "lib/") return {};
  for (const auto& n : names)
    if (!starts_with(n, top)) return {};
  return top;
}

class ZipArchive final : public Archive {
 public:
  ZipArchive(const ZipLibrary* lib, fs::path path, zip_t* z)
      : m_lib(lib), m_path(std::move(path)), m_zip(z, ZipCloser{lib}) {}

  Status load_entries() {
    const zip_int64_t count = m_lib->get_num_entries(m_zip.get(), 0);
    std::vector<std::string> names;
    for (zip_int64_t i = 0; i < count; ++i) {
      const char* name = m_lib->get_name(m_zip.get(), static_cast<zip_uint64_t>(i), 0);
      if (!name) return zip_error(m_path, "entry " + std::to_string(i) + " has no name");
      if (unsafe_entry_name(name))
        return make_error(ExitCode::bad_input,
                          "unsafe entry '" + std::string(name) + "' in bundle zip " + m_path.string(),
                          "the zip tries to write outside its folder; it was not used");
      names.push_back(name);
    }
    m_top = common_top(names);
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (names[i].back() == '/') continue;
      std::string rel = names[i].substr(m_top.size());
      m_index[rel] = static_cast<zip_uint64_t>(i);
      m_files.push_back(std::move(rel));
    }
    std::sort(m_files.begin(), m_files.end());
    return ok_status();
  }

  const std::vector<std::string>& files() const override { return m_files; }
  std::string origin() const override { return m_path.string(); }

  Result<std::string> read(const std::string& path) const override {
    auto it = m_index.find(path);
    if (it == m_index.end()) return make_error(ExitCode::bad_input, path + " is not in " + m_path.string());
    zip_stat_t st;
    m_lib->stat_init(&st);
    if (m_lib->stat_index(m_zip.get(), it->second, 0, &st) != 0) return zip_error(m_path, "cannot stat " + path);
    zip_file_t* f = m_lib->fopen_index(m_zip.get(), it->second, 0);
    if (!f) return zip_error(m_path, std::string(m_lib->strerror(m_zip.get())) + " (" + path + ")");
    std::string data(static_cast<std::size_t>(st.size), '\0');
    const zip_int64_t n = m_lib->fread(f, data.data(), data.size());
    char probe;
    const zip_int64_t extra = n >= 0 ? m_lib->fread(f, &probe, 1) : -1;  // reaching EOF makes libzip check the CRC
    const std::string reason = m_lib->file_strerror(f);
    m_lib->fclose(f);
    if (n < 0 || extra != 0 || static_cast<std::size_t>(n) != data.size())
      return zip_error(m_path, reason + " (" + path + ")");
    return data;
  }

 private:
  const ZipLibrary* m_lib;
  fs::path m_path;
  std::unique_ptr<zip_t, ZipCloser> m_zip;
  std::string m_top;
  std::vector<std::string> m_files;
  std::map<std::string, zip_uint64_t> m_index;
};

}  // namespace

bool unsafe_entry_name(const std::string& name) {
  if (name.empty() || name[0] == '/' || name[0] == '\\' || name.find(':') != std::string::npos) return true;
  for (const auto& part : split(name, '/'))
    if (part == ".." || part.find('\\') != std::string::npos) return true;
  return false;
}

Result<std::unique_ptr<Archive>> open_zip(const fs::path& path) {
  CPY_TRY(const ZipLibrary* lib, zip_library());
  int err = 0;
  zip_t* z = lib->open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &err);
  if (!z) {
    zip_error_t ze;
    lib->error_init_with_code(&ze, err);
    const std::string reason = lib->error_strerror(&ze);
    lib->error_fini(&ze);
    if (err == ZIP_ER_NOENT) return make_error(ExitCode::io, "bundle zip not found: " + path.string());
    return zip_error(path, reason);
  }
  auto archive = std::make_unique<ZipArchive>(lib, path, z);
  CPY_CHECK(archive->load_entries());
  return std::unique_ptr<Archive>(std::move(archive));
}

namespace {

class ZipOnUse final : public Archive {
 public:
  explicit ZipOnUse(fs::path path) : m_path(std::move(path)) {}
  const std::vector<std::string>& files() const override {
    static const std::vector<std::string> k_none;
    const Archive* zip = opened();
    return zip ? zip->files() : k_none;
  }
  Result<std::string> read(const std::string& path) const override {
    const Archive* zip = opened();
    if (!zip) return *m_error;
    return zip->read(path);
  }
  std::string origin() const override { return m_path.string(); }

 private:
  const Archive* opened() const {
    if (!m_zip && !m_error) {
      auto zip = open_zip(m_path);
      if (zip) {
        m_zip = std::move(*zip);
      } else {
        m_error = zip.take_error();
        log::warn(m_error->message);
      }
    }
    return m_zip.get();
  }

  fs::path m_path;
  mutable std::unique_ptr<Archive> m_zip;
  mutable std::optional<Error> m_error;
};

}  // namespace

std::unique_ptr<Archive> open_zip_on_use(const fs::path& path) { return std::make_unique<ZipOnUse>(path); }

Status verify_zip(const fs::path& path) {
  CPY_TRY(auto archive, open_zip(path));
  for (const auto& file : archive->files()) CPY_CHECK(archive->read(file));
  return ok_status();
}

}  // namespace cpy::bundle
