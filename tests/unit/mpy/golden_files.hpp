// Test helper: the golden .mpy files of the shared corpus and a file loader.
#pragma once

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace cpy::mpy::test {

inline std::filesystem::path corpus_dir() { return std::filesystem::path(CPY_SHARED_DIR) / "corpus" / "train"; }

inline std::vector<std::filesystem::path> golden_mpy_files() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(corpus_dir())) {
    if (entry.path().extension() == ".mpy") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

inline std::vector<std::uint8_t> load_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace cpy::mpy::test
