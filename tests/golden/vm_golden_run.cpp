// Runs corpus programs (NAME.mpy) in our VM and compares the output with NAME.exp.
//   vm_golden_run FILE.mpy                 print the program's output (exit status as the VM's)
//   vm_golden_run --check DIR NAME KNOWN   one CTest case: pass if the output matches, or if NAME is a
//                                          known failure (then it says so when it newly passes)
//   vm_golden_run --all DIR KNOWN          summary over every runnable program in DIR
//   vm_golden_run --dis FILE.mpy           disassembly (developer aid)
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "firmware/vm/vm.hpp"
#include "mpy/disasm.hpp"
#include "mpy/reader.hpp"

namespace {

namespace fs = std::filesystem;

bool read_file(const fs::path& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return true;
}

struct RunResult {
  std::string output;
  int status = 0;
};

/// Runs NAME.mpy, or NAME.py through our compiler when CPY_VM_FROM_SOURCE is set.
RunResult run_mpy(const fs::path& mpy) {
  RunResult r;
  std::string bytes;
  const bool from_source = std::getenv("CPY_VM_FROM_SOURCE") != nullptr;
  const fs::path input = from_source ? fs::path(mpy).replace_extension(".py") : mpy;
  if (!read_file(input, bytes)) {
    r.output = "cannot read " + input.string();
    r.status = 2;
    return r;
  }
  cpy::vm::VmConfig config;
  config.heap_bytes = 16 * 1024 * 1024;  // what the reference outputs were produced with
  if (const char* heap = std::getenv("CPY_VM_HEAP")) config.heap_bytes = std::strtoull(heap, nullptr, 10);
  config.search_paths.push_back(mpy.parent_path().string());
  config.write = [&r](std::string_view text) { r.output.append(text); };
  cpy::vm::Vm vm(config);
  if (const char* stress = std::getenv("CPY_VM_GC_STRESS")) vm.heap().set_stress(std::strtoull(stress, nullptr, 10));
  std::string name = mpy.filename().string();
  name = name.substr(0, name.find('.')) + ".py";
  r.status = from_source
                 ? vm.run_source(bytes, name)
                 : vm.run_mpy(std::span(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()), name);
  return r;
}

std::map<std::string, std::string> read_known(const fs::path& file) {
  std::map<std::string, std::string> known;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto space = line.find(' ');
    known[line.substr(0, space)] = space == std::string::npos ? "" : line.substr(space + 1);
  }
  return known;
}

bool matches(const fs::path& dir, const std::string& name, std::string* got) {
  std::string expected;
  read_file(dir / (name + ".exp"), expected);
  RunResult r = run_mpy(dir / (name + ".mpy"));
  if (got) *got = r.output;
  return r.output == expected;
}

std::vector<std::string> runnable(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::string file = entry.path().filename().string();
    if (!file.ends_with(".exp")) continue;
    std::string name = file.substr(0, file.size() - 4);
    if (fs::exists(dir / (name + ".mpy"))) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

int check_one(const fs::path& dir, const std::string& name, const fs::path& known_file) {
  auto known = read_known(known_file);
  std::string got;
  bool ok = matches(dir, name, &got);
  bool expected_fail = known.count(name) != 0;
  if (ok && expected_fail) std::printf("NEWLY PASSING: %s (remove it from %s)\n", name.c_str(), known_file.c_str());
  if (!ok && !expected_fail) {
    std::string expected;
    read_file(dir / (name + ".exp"), expected);
    std::printf("FAIL: %s\n--- expected\n%s\n--- got\n%s\n", name.c_str(), expected.c_str(), got.c_str());
    return 1;
  }
  return 0;
}

int check_all(const fs::path& dir, const fs::path& known_file) {
  auto known = read_known(known_file);
  int pass = 0, total = 0, unexpected = 0;
  for (const auto& name : runnable(dir)) {
    bool ok = matches(dir, name, nullptr);
    ++total;
    pass += ok;
    bool listed = known.count(name) != 0;
    if (ok && listed) std::printf("NEWLY PASSING: %s\n", name.c_str());
    if (!ok && !listed) std::printf("FAIL (not in known failures): %s\n", name.c_str()), ++unexpected;
  }
  std::printf("%d/%d programs pass\n", pass, total);
  return unexpected ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() == 4 && args[0] == "--check") return check_one(args[1], args[2], args[3]);
  if (args.size() == 3 && args[0] == "--all") return check_all(args[1], args[2]);
  if (args.size() == 2 && args[0] == "--dis") {  // developer aid: the bytecode the VM will run
    std::string bytes;
    read_file(args[1], bytes);
    auto file = cpy::mpy::read_mpy(std::span(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
    if (!file) return std::puts(file.error().message.c_str()), 1;
    auto dis = cpy::mpy::disassemble(*file);
    if (!dis) return std::puts(dis.error().message.c_str()), 1;
    std::fputs(cpy::mpy::format_disassembly(*dis).c_str(), stdout);
    return 0;
  }
  if (args.size() == 1) {
    RunResult r = run_mpy(args[0]);
    std::fwrite(r.output.data(), 1, r.output.size(), stdout);
    return r.status;
  }
  std::fprintf(stderr, "usage: vm_golden_run FILE.mpy | --check DIR NAME KNOWN | --all DIR KNOWN\n");
  return 2;
}
