// Helpers for bundle tests: temp folders and zips written with libzip.
#pragma once

#include <unistd.h>
#include <zip.h>

#include <deque>
#include <filesystem>
#include <map>
#include <string>

namespace cpy::test {

struct TempDir {
  std::filesystem::path path;
  TempDir() {
    char tmpl[] = "/tmp/cpytool-bundle-XXXXXX";
    path = ::mkdtemp(tmpl);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
};

/// Writes a zip holding `entries` (name -> bytes); returns false on failure.
inline bool write_zip(const std::filesystem::path& file, const std::map<std::string, std::string>& entries) {
  int err = 0;
  zip_t* z = zip_open(file.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  if (!z) return false;
  std::deque<std::string> keep;
  for (const auto& [name, bytes] : entries) {
    keep.push_back(bytes);
    zip_source_t* src = zip_source_buffer(z, keep.back().data(), keep.back().size(), 0);
    if (zip_file_add(z, name.c_str(), src, ZIP_FL_OVERWRITE) < 0) return false;
  }
  return zip_close(z) == 0;
}

}  // namespace cpy::test
