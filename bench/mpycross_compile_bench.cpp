// bench_mpycross_compile [DIR] [N]: compiles every NAME.py of DIR that has a NAME.mpy golden N times in-process,
// 5 runs, and prints the median source MB/s by wall clock and by CPU time (compile() only: no process start-up,
// no file I/O).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <variant>
#include <vector>

#include "mpycross/compiler.hpp"

namespace {

struct Program {
  std::string name;
  std::string source;
  std::vector<std::uint8_t> golden;
};

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<Program> load_all(const std::filesystem::path& dir) {
  std::vector<Program> programs;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".py") continue;
    auto golden_path = entry.path();
    golden_path.replace_extension(".mpy");
    if (!std::filesystem::exists(golden_path)) continue;
    const std::string golden = read_file(golden_path);
    programs.push_back({entry.path().filename().string(), read_file(entry.path()), {golden.begin(), golden.end()}});
  }
  return programs;
}

/// Compiles each program once and counts the outputs that are not byte-identical to their golden.
std::size_t count_mismatches(const std::vector<Program>& programs) {
  std::size_t mismatches = 0;
  for (const auto& p : programs) {
    auto result = cpy::mpycross::compile(p.source, p.name);
    const auto* bytes = std::get_if<std::vector<std::uint8_t>>(&result);
    if (bytes == nullptr || *bytes != p.golden) ++mismatches;
  }
  return mismatches;
}

}  // namespace

int main(int argc, char** argv) {
  const std::filesystem::path dir = argc > 1 ? argv[1] : CPY_SHARED_DIR "/corpus/train";
  const int repeats = argc > 2 ? std::atoi(argv[2]) : 5;
  const auto programs = load_all(dir);
  std::size_t total = 0;
  for (const auto& p : programs) total += p.source.size();
  if (programs.empty() || repeats <= 0) {
    std::fprintf(stderr, "bench_mpycross_compile: no NAME.py with NAME.mpy in %s\n", dir.c_str());
    return 1;
  }
  const std::size_t mismatches = count_mismatches(programs);
  std::vector<double> rates;
  std::vector<double> cpu_rates;
  std::size_t output_bytes = 0;
  for (int run = 0; run < 5; ++run) {
    const auto start = std::chrono::steady_clock::now();
    const std::clock_t cpu_start = std::clock();
    for (int r = 0; r < repeats; ++r) {
      for (const auto& p : programs) {
        auto result = cpy::mpycross::compile(p.source, p.name);
        if (const auto* bytes = std::get_if<std::vector<std::uint8_t>>(&result)) output_bytes += bytes->size();
      }
    }
    const std::chrono::duration<double> secs = std::chrono::steady_clock::now() - start;
    const double cpu_secs = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
    rates.push_back(static_cast<double>(total) * repeats / secs.count() / 1e6);
    cpu_rates.push_back(static_cast<double>(total) * repeats / cpu_secs / 1e6);
  }
  std::sort(rates.begin(), rates.end());
  std::sort(cpu_rates.begin(), cpu_rates.end());
  std::printf(
      "bench_mpycross_compile: %zu files, %zu source bytes, %d compiles each, 5 runs: median %.2f MB/s wall "
      "(min %.2f, max %.2f), median %.2f MB/s of CPU time; %zu outputs differ from their golden\n",
      programs.size(), total, repeats, rates[2], rates[0], rates[4], cpu_rates[2], mismatches);
  return mismatches == 0 && output_bytes > 0 ? 0 : 1;
}
