// Tree compiler: plans one job per file, runs them on a small thread pool, keeps a stamp file for incrementality.
#include "cli/commands/compile_tree.hpp"

#include <algorithm>
#include <atomic>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

namespace cpy::cli {
namespace fs = std::filesystem;

namespace {

constexpr const char* k_stamp_file = ".cpytool-compile-stamps";
constexpr const char* k_compiler_version = "mpycross-1";

enum class Action { compile, copy };

struct Job {
  fs::path rel;  // relative source path
  Action action;
  std::string stamp;
};

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string fnv1a(const std::string& text) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  std::ostringstream ss;
  ss << std::hex << h;
  return ss.str();
}

bool keep_as_source(const fs::path& rel) {
  const std::string name = rel.filename().string();
  return rel.parent_path().empty() && (name == "code.py" || name == "boot.py" || name == "main.py");
}

fs::path output_path(const fs::path& rel, Action action) {
  if (action == Action::copy) return rel;
  fs::path out = rel;
  out.replace_extension(".mpy");
  return out;
}

std::map<std::string, std::string> load_stamps(const fs::path& file) {
  std::map<std::string, std::string> stamps;
  std::ifstream in(file);
  std::string path, stamp;
  while (std::getline(in, path, '\t') && std::getline(in, stamp)) stamps[path] = stamp;
  return stamps;
}

void save_stamps(const fs::path& file, const std::map<std::string, std::string>& stamps) {
  std::ofstream out(file, std::ios::trunc);
  for (const auto& [path, stamp] : stamps) out << path << '\t' << stamp << '\n';
}

std::vector<Job> plan(const CompileTreeOptions& options) {
  std::vector<Job> jobs;
  const std::string opts = "O" + std::to_string(options.compiler.opt_level) + "b" +
                           std::to_string(options.compiler.small_int_bits) + k_compiler_version;
  for (const auto& entry : fs::recursive_directory_iterator(options.source)) {
    if (!entry.is_regular_file()) continue;
    fs::path rel = fs::relative(entry.path(), options.source);
    if (rel.filename() == k_stamp_file) continue;
    bool compile = rel.extension() == ".py" && !keep_as_source(rel);
    std::string content = read_file(entry.path());
    jobs.push_back({rel, compile ? Action::compile : Action::copy, fnv1a(content) + ":" + (compile ? opts : "copy")});
  }
  std::sort(jobs.begin(), jobs.end(), [](const Job& a, const Job& b) { return a.rel < b.rel; });
  return jobs;
}

// Returns an error text, or empty on success.
std::string run_job(const CompileTreeOptions& options, const Job& job) {
  const fs::path src = options.source / job.rel;
  const fs::path dst = options.output / output_path(job.rel, job.action);
  std::error_code ec;
  fs::create_directories(dst.parent_path(), ec);
  if (job.action == Action::copy) {
    fs::copy_file(src, dst, fs::copy_options::overwrite_existing, ec);
    return ec ? "cannot copy " + src.string() + ": " + ec.message() + "\n" : "";
  }
  auto result = mpycross::compile(read_file(src), job.rel.generic_string(), options.compiler);
  if (auto* failure = std::get_if<mpycross::CompileFailure>(&result)) return failure->stderr_text;
  const auto& bytes = std::get<std::vector<std::uint8_t>>(result);
  std::ofstream out(dst, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  return out ? "" : "cannot write " + dst.string() + "\n";
}

}  // namespace

CompileTreeReport compile_tree(const CompileTreeOptions& options) {
  CompileTreeReport report;
  const fs::path stamp_file = options.output / k_stamp_file;
  auto stamps = load_stamps(stamp_file);
  std::vector<Job> todo;
  for (Job& job : plan(options)) {
    const std::string key = job.rel.generic_string();
    bool present = fs::exists(options.output / output_path(job.rel, job.action));
    if (present && stamps.count(key) && stamps[key] == job.stamp) {
      ++report.unchanged;
    } else {
      todo.push_back(std::move(job));
    }
  }
  std::atomic<std::size_t> next{0};
  std::mutex mutex;
  auto worker = [&] {
    for (std::size_t i = next++; i < todo.size(); i = next++) {
      std::string error = run_job(options, todo[i]);
      std::lock_guard lock(mutex);
      const std::string key = todo[i].rel.generic_string();
      if (!error.empty()) {
        report.errors.push_back(error);
        stamps.erase(key);
      } else {
        ++(todo[i].action == Action::compile ? report.compiled : report.copied);
        stamps[key] = todo[i].stamp;
      }
    }
  };
  std::vector<std::thread> threads;
  unsigned n = std::max(1u, std::min<unsigned>(options.jobs, static_cast<unsigned>(todo.size())));
  for (unsigned t = 0; t < n; ++t) threads.emplace_back(worker);
  for (auto& t : threads) t.join();
  std::error_code ec;
  fs::create_directories(options.output, ec);
  save_stamps(stamp_file, stamps);
  return report;
}

}  // namespace cpy::cli
