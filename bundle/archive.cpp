// Archive helpers shared by zips and folders, and the folder-backed archive.
#include <algorithm>

#include "bundle/archive.hpp"
#include "core/atomic_file.hpp"
#include "core/text.hpp"

namespace cpy::bundle {

namespace fs = std::filesystem;

std::vector<std::string> Archive::files_under(const std::string& folder) const {
  const auto& all = files();
  auto it = std::lower_bound(all.begin(), all.end(), folder);
  std::vector<std::string> out;
  for (; it != all.end() && starts_with(*it, folder); ++it) out.push_back(*it);
  return out;
}

bool Archive::contains(const std::string& path) const {
  return std::binary_search(files().begin(), files().end(), path);
}

namespace {

class FolderArchive final : public Archive {
 public:
  explicit FolderArchive(fs::path root) : m_root(std::move(root)) {
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(m_root, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec))
      if (it->is_regular_file()) m_files.push_back(fs::relative(it->path(), m_root).generic_string());
    std::sort(m_files.begin(), m_files.end());
  }
  const std::vector<std::string>& files() const override { return m_files; }
  std::string origin() const override { return m_root.string(); }
  Result<std::string> read(const std::string& path) const override {
    if (unsafe_entry_name(path)) return make_error(ExitCode::bad_input, "unsafe path " + path);
    return read_file(m_root / path);
  }

 private:
  fs::path m_root;
  std::vector<std::string> m_files;
};

}  // namespace

Result<std::unique_ptr<Archive>> open_folder(const fs::path& path) {
  std::error_code ec;
  if (!fs::is_directory(path, ec)) return make_error(ExitCode::io, "not a folder: " + path.string());
  // A folder holding one unpacked bundle folder is read from inside it.
  fs::path root = path;
  if (!fs::exists(path / "lib", ec)) {
    for (const auto& entry : fs::directory_iterator(path, ec))
      if (entry.is_directory() && fs::exists(entry.path() / "lib", ec)) root = entry.path();
  }
  return std::unique_ptr<Archive>(std::make_unique<FolderArchive>(root));
}

Result<std::unique_ptr<Archive>> open_archive(const fs::path& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return open_folder(path);
  return open_zip(path);
}

}  // namespace cpy::bundle
