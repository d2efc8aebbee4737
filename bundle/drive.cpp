// The local folder drive, and what every drive shares.
#include "bundle/drive.hpp"

#include <algorithm>

#include "bundle/module_version.hpp"
#include "core/atomic_file.hpp"

namespace cpy::bundle {

namespace fs = std::filesystem;

FileFacts facts_of(const std::string& path, std::string_view bytes) {
  FileFacts facts;
  if (path.ends_with(".mpy")) {
    const MpyFacts mpy = mpy_facts(bytes);
    facts.bad_mpy = !mpy.valid;
    facts.mpy_version = mpy.mpy_version;
    facts.version = mpy.version;
  } else {
    facts.version = version_from_py(bytes);
  }
  return facts;
}

FileFacts DriveReader::facts(const std::string& path, const DriveEntry&) {
  auto bytes = read(path);
  return bytes ? facts_of(path, *bytes) : FileFacts{};
}

void DriveWriter::remove_dir_if_empty(const fs::path& dir) {
  std::error_code ec;
  if (fs::is_empty(dir, ec)) fs::remove(dir, ec);
}

namespace {

class PosixWriter final : public DriveWriter {
 public:
  Status make_dirs(const fs::path& dir) override {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return make_error(ExitCode::io, "cannot create folder " + dir.string() + ": " + ec.message());
    return ok_status();
  }
  Status stage(const fs::path& target, std::string_view bytes) override { return write_staged(target, bytes); }
  Status commit(const fs::path& target) override { return commit_staged(target); }
  void discard(const fs::path& target) override {
    std::error_code ec;
    fs::remove(staging_path(target), ec);
  }
  Status remove(const fs::path& target) override {
    std::error_code ec;
    fs::remove(target, ec);
    if (ec) return make_error(ExitCode::io, "cannot delete " + target.string() + ": " + ec.message());
    return ok_status();
  }
};

class LocalDrive final : public Drive {
 public:
  explicit LocalDrive(fs::path root) : m_root(std::move(root)) {}

  Result<std::vector<DriveEntry>> list(const std::string& dir) override {
    std::vector<DriveEntry> entries;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(m_root / dir, ec)) {
      DriveEntry entry{e.path().filename().string(), e.is_directory(ec), 0, 0};
      if (!entry.directory) entry.size = e.file_size(ec);
      entries.push_back(std::move(entry));
    }
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    return entries;
  }
  Result<std::string> read(const std::string& path) override { return read_file(m_root / path); }
  std::string location() const override { return m_root.string(); }
  fs::path root() const override { return m_root; }
  Result<std::uint64_t> free_bytes() override { return cpy::free_bytes(m_root); }
  DriveWriter& writer() override { return m_writer; }

 private:
  fs::path m_root;
  PosixWriter m_writer;
};

}  // namespace

std::unique_ptr<DriveWriter> make_posix_writer() { return std::make_unique<PosixWriter>(); }

std::shared_ptr<Drive> local_drive(const fs::path& root) { return std::make_shared<LocalDrive>(root); }

}  // namespace cpy::bundle
