// bench_mpy_read [DIR] [N]: reads every .mpy in DIR (default: the shared corpus) N times, 5 runs, median MB/s.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "mpy/reader.hpp"

namespace {

std::vector<std::vector<std::uint8_t>> load_all(const std::filesystem::path& dir) {
  std::vector<std::vector<std::uint8_t>> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".mpy") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    files.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  return files;
}

}  // namespace

int main(int argc, char** argv) {
  const std::filesystem::path dir = argc > 1 ? argv[1] : CPY_SHARED_DIR "/corpus/train";
  const int repeats = argc > 2 ? std::atoi(argv[2]) : 20;
  const auto files = load_all(dir);
  std::size_t total = 0;
  for (const auto& f : files) total += f.size();
  if (files.empty() || repeats <= 0) {
    std::fprintf(stderr, "bench_mpy_read: no .mpy files in %s\n", dir.c_str());
    return 1;
  }
  std::vector<double> rates;
  std::size_t failures = 0;
  for (int run = 0; run < 5; ++run) {
    const auto start = std::chrono::steady_clock::now();
    for (int r = 0; r < repeats; ++r) {
      for (const auto& f : files) failures += cpy::mpy::read_mpy(f).ok() ? 0 : 1;
    }
    const std::chrono::duration<double> secs = std::chrono::steady_clock::now() - start;
    rates.push_back(static_cast<double>(total) * repeats / secs.count() / 1e6);
  }
  std::sort(rates.begin(), rates.end());
  std::printf("bench_mpy_read: %zu files, %zu bytes, %d reads each, 5 runs: median %.1f MB/s (min %.1f, max %.1f)%s\n",
              files.size(), total, repeats, rates[2], rates[0], rates[4], failures ? " (some files failed)" : "");
  return failures ? 1 : 0;
}
