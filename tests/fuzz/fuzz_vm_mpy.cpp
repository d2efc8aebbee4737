// libFuzzer target: any .mpy is either rejected by the loader or runs (with a small heap and a bounded
// number of interrupt polls) to an exit status; the loader and the VM must never crash.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "firmware/vm/vm.hpp"

namespace {

// No files, no sleeping, a clock that only moves forward: runs stay short and reproducible.
struct FuzzHost : cpy::vm::VmHost {
  std::uint64_t monotonic_ns() override { return m_now += 1000; }
  std::uint64_t epoch_seconds() override { return 1'700'000'000; }
  void sleep_ns(std::uint64_t ns) override { m_now += ns; }
  bool read_file(const std::string&, std::vector<std::uint8_t>&) override { return false; }
  std::uint64_t m_now = 0;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzHost host;
  cpy::vm::VmConfig config;
  config.heap_bytes = 64 * 1024;
  config.poll_budget = 100;  // ~6,400 backward jumps: bodies of thousands of instructions must finish well inside -timeout
  config.write = [](std::string_view) {};
  cpy::vm::Vm vm(config, &host);
  try {
    (void)vm.run_mpy(std::span<const std::uint8_t>(data, size), "fuzz.mpy");
  } catch (const cpy::vm::VmAborted&) {
  }
  return 0;
}
