// `cpytool board run FILE.py|FILE.mpy`: run a script on the host in our VM, like a board would.
#include <atomic>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <memory>

#include "cli/commands/board_start.hpp"
#include "cli/commands/commands.hpp"
#include "cli/ui/output.hpp"
#include "firmware/ports/host/huge_page_chunks.hpp"
#include "firmware/vm/vm.hpp"

namespace cpy::cli {

namespace {

struct BoardRunOptions {
  std::string file;
  std::string heap;
  std::vector<std::string> paths;
};

std::atomic<cpy::vm::Vm*> g_running_vm{nullptr};
// From this heap budget on, the VM's objects live in huge pages (a growing heap faults far less often).
constexpr std::size_t k_huge_page_heap_bytes = 8 * 1024 * 1024;

extern "C" void on_sigint(int) {
  if (auto* vm = g_running_vm.load()) vm->request_interrupt();
}

int run_board_file(const BoardRunOptions& opts, const GlobalOptions& globals) {
  Output out(globals);
  std::ifstream in(opts.file, std::ios::binary);
  if (!in) {
    out.error("cannot read " + opts.file, "check the path", ExitCode::io);
    return static_cast<int>(ExitCode::io);
  }
  std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  vm::VmConfig config;
  if (!opts.heap.empty()) {
    config.heap_bytes = parse_byte_size(opts.heap).value_or(0);
    if (config.heap_bytes < 4096) {
      out.error("invalid --heap size '" + opts.heap + "'", "use a byte count like 192k or 2M", ExitCode::usage);
      return static_cast<int>(ExitCode::usage);
    }
  }
  config.search_paths = opts.paths;
  auto slash = opts.file.rfind('/');
  config.search_paths.push_back(slash == std::string::npos ? "." : opts.file.substr(0, slash));
  // Unbuffered like MicroPython's unix port, so a pipe or a CI log sees each print as it happens.
  config.write = [](std::string_view text) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
  };
  if (config.heap_bytes >= k_huge_page_heap_bytes) firmware::host::use_huge_page_chunks();
  vm::Vm machine(config);
  g_running_vm.store(&machine);
  auto previous = std::signal(SIGINT, on_sigint);
  std::string name = slash == std::string::npos ? opts.file : opts.file.substr(slash + 1);
  bool is_mpy = opts.file.size() > 4 && opts.file.substr(opts.file.size() - 4) == ".mpy";
  int rc = is_mpy
               ? machine.run_mpy(bytes, name)
               : machine.run_source(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()), name);
  std::signal(SIGINT, previous);
  g_running_vm.store(nullptr);
  std::fflush(stdout);
  return rc;
}

}  // namespace

Runner setup_board(CLI::App& cmd) {
  auto opts = std::make_shared<BoardRunOptions>();
  CLI::App* run = cmd.add_subcommand("run", "Run a .py or .mpy file on the host like a board would");
  run->add_option("file", opts->file, "the .py or .mpy file to run")->required();
  run->add_option("--heap", opts->heap, "heap size, e.g. 192k or 2M (default 192k, like a mid-size board)");
  run->add_option("--path", opts->paths, "extra directories to import modules from")->allow_extra_args(false);
  cmd.require_subcommand(1);
  auto start = add_board_start(cmd);
  return [opts, run, start](const GlobalOptions& globals) {
    if (run->parsed()) return run_board_file(*opts, globals);
    if (start.first->parsed()) return start.second(globals);
    return static_cast<int>(ExitCode::usage);
  };
}

}  // namespace cpy::cli
