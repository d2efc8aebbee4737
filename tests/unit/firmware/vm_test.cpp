// The VM (firmware/vm): numbers, float text, running hand-assembled and corpus .mpy files, tracebacks,
// MemoryError, KeyboardInterrupt, and hostile .mpy input.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "firmware/vm/bigint.hpp"
#include "firmware/vm/float_format.hpp"
#include "firmware/vm/vm.hpp"
#include "mpy/fun_data.hpp"
#include "mpy/writer.hpp"

using cpy::vm::BigInt;
using cpy::vm::Vm;
using cpy::vm::VmConfig;

namespace {

struct RunOutput {
  std::string text;
  int status = 0;
};

RunOutput run_bytes(const std::vector<std::uint8_t>& bytes, std::size_t heap = 1 << 20) {
  RunOutput out;
  VmConfig config;
  config.heap_bytes = heap;
  config.write = [&out](std::string_view t) { out.text.append(t); };
  Vm vm(config);
  out.status = vm.run_mpy(bytes, "t.py");
  return out;
}

std::vector<std::uint8_t> corpus_mpy(const std::string& name) {
  std::ifstream in(std::string(CPY_SHARED_DIR) + "/corpus/train/" + name, std::ios::binary);
  return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string corpus_text(const std::string& name) {
  std::ifstream in(std::string(CPY_SHARED_DIR) + "/corpus/train/" + name, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// A module whose code is `bytecode` (qstrs: 0 file name, 1 <module>, then `names`).
std::vector<std::uint8_t> module_mpy(std::vector<std::uint8_t> bytecode, std::vector<std::string> names = {},
                                     std::uint32_t n_state = 4, std::vector<std::uint8_t> lines = {}) {
  cpy::mpy::MpyFile file;
  file.qstrs = {"t.py", "<module>"};
  for (auto& n : names) file.qstrs.push_back(n);
  cpy::mpy::FunctionParts parts;
  parts.prelude.n_state = n_state;
  parts.simple_name = 1;
  parts.line_table = std::move(lines);
  parts.bytecode = std::move(bytecode);
  file.module = cpy::mpy::make_raw_code(std::move(parts));
  return cpy::mpy::write_mpy(file);
}

// Opcode bytes used by the hand-assembled programs (spec §4.2).
constexpr std::uint8_t k_load_name = 0x11, k_call_function = 0x34, k_pop_top = 0x59, k_load_none = 0x51,
                       k_return = 0x63, k_jump = 0x42, k_div = 0xD7 + 32, k_build_list = 0x2B, k_store_fast0 = 0xC0,
                       k_load_fast0 = 0xB0;
std::uint8_t small(int v) { return static_cast<std::uint8_t>(0x80 + v); }

}  // namespace

TEST_CASE("big ints add, multiply, divide and print like Python") {
  auto two = BigInt(2);
  BigInt p = two.pow(100);
  CHECK(p.to_string() == "1267650600228229401496703205376");
  BigInt q, r;
  BigInt::floor_divmod(-p, BigInt(7), q, r);
  CHECK(q.to_string() == "-181092942889747057356671886483");
  CHECK(r.to_string() == "5");
  CHECK(BigInt::bitwise(BigInt(-12), BigInt(10), '&').to_string() == "0");
  CHECK(BigInt::bitwise(BigInt(-1), p, '^').to_string() == "-1267650600228229401496703205377");
  CHECK(BigInt(-5).shr(1).to_string() == "-3");
  CHECK(BigInt::parse("ff_ff", 16)->to_string() == "65535");
  CHECK_FALSE(BigInt::parse("12z", 10).has_value());
}

TEST_CASE("float repr matches MicroPython's text") {
  CHECK(cpy::vm::float_repr(0.1) == "0.1");
  CHECK(cpy::vm::float_repr(1e16) == "1e+16");
  CHECK(cpy::vm::float_repr(1e15) == "1000000000000000.0");
  CHECK(cpy::vm::float_repr(2.5e-05) == "2.5e-05");
  CHECK(cpy::vm::float_repr(1e-07) == "1e-07");
  CHECK(cpy::vm::float_repr(0.1 + 0.2) == "0.30000000000000004");
  CHECK(cpy::vm::float_repr(-0.0) == "-0.0");
  CHECK(cpy::vm::float_repr(1.0 / 0.0) == "inf");
  CHECK(cpy::vm::float_repr(3.141592653589793) == "3.141592653589793");
  CHECK(cpy::vm::parse_float("1_000.5").value() == 1000.5);
}

TEST_CASE("a corpus program prints exactly its expected output") {
  for (const char* name : {"builtins_core", "class_super", "gen_send_throw_close", "stmt_try_except_else_finally"}) {
    RunOutput out = run_bytes(corpus_mpy(std::string(name) + ".mpy"), 16 << 20);
    CHECK_MESSAGE(out.text == corpus_text(std::string(name) + ".exp"), name);
    CHECK(out.status == 0);
  }
}

TEST_CASE("an uncaught exception prints a traceback with file, line and scope and exits 1") {
  // line 1: print(1 / 0)
  auto bytes = module_mpy(
      {k_load_name, 2, small(1), small(0), k_div, k_call_function, 1, k_pop_top, k_load_none, k_return}, {"print"});
  RunOutput out = run_bytes(bytes);
  CHECK(out.status == 1);
  CHECK(
      out.text ==
      "Traceback (most recent call last):\n  File \"t.py\", line 1, in <module>\nZeroDivisionError: divide by zero\n");
}

TEST_CASE("exhausting the heap raises MemoryError instead of growing without bound") {
  // x = []; loop: x = [x, x, x, x] forever (each list keeps the previous one alive)
  auto bytes = module_mpy({k_build_list, 0, k_store_fast0, k_load_fast0, k_load_fast0, k_load_fast0, k_load_fast0,
                           k_build_list, 4, k_store_fast0, k_jump, 0x40 - 9},
                          {}, 8);
  RunOutput out = run_bytes(bytes, 64 * 1024);
  CHECK(out.status == 1);
  CHECK(out.text.find("MemoryError") != std::string::npos);
}

TEST_CASE("garbage is collected, so a loop that drops its lists runs in a small heap") {
  // loop 20000 times: x = [0, 0, 0, 0] via a counter kept on the stack
  std::vector<std::uint8_t> code = {0x22, 0x81, 0x9C, 0x20,  // LOAD_CONST_SMALL_INT 20000
                                                             // top: DUP, 0, >, POP_JUMP_IF_FALSE end
                                    0x57, small(0), 0xD7 + 1, 0x44, 0x40 + 11, small(0), small(0), small(0), small(0),
                                    k_build_list, 4, k_store_fast0, small(1), 0xD7 + 28,  // counter - 1
                                    k_jump, 0x40 - 16, k_pop_top, k_load_none, k_return};
  RunOutput out = run_bytes(module_mpy(code, {}, 8), 32 * 1024);
  CHECK(out.text == "");
  CHECK(out.status == 0);
}

TEST_CASE("Ctrl-C raises KeyboardInterrupt in a running loop") {
  auto bytes = module_mpy({k_jump, 0x40 - 2});  // while True: pass
  RunOutput out;
  VmConfig config;
  config.write = [&out](std::string_view t) { out.text.append(t); };
  Vm vm(config);
  std::atomic<bool> done{false};
  std::thread ctrl_c([&] {
    while (!done) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      vm.request_interrupt();
    }
  });
  out.status = vm.run_mpy(bytes, "t.py");
  done = true;
  ctrl_c.join();
  CHECK(out.status == 1);
  CHECK(out.text.find("\nKeyboardInterrupt: \n") != std::string::npos);  // CircuitPython's exact last line
}

TEST_CASE("a truncated or corrupted .mpy gives an error, never a crash") {
  auto good = corpus_mpy("program_ledger.mpy");
  REQUIRE(good.size() > 100);
  RunOutput truncated = run_bytes(std::vector<std::uint8_t>(good.begin(), good.begin() + 60));
  CHECK(truncated.status == 1);
  CHECK(truncated.text.find("Error") != std::string::npos);
  // Random byte flips: every run must end (normally or with a Python exception).
  std::mt19937 rng(12345);
  for (int round = 0; round < 150; ++round) {
    auto bytes = good;
    for (int k = 0; k < 4; ++k) bytes[rng() % bytes.size()] = static_cast<std::uint8_t>(rng());
    VmConfig config;
    config.heap_bytes = 256 * 1024;
    std::string text;
    config.write = [&text](std::string_view t) { text.append(t); };
    Vm vm(config);
    std::atomic<bool> done{false};
    std::thread watchdog([&] {
      for (int i = 0; i < 100 && !done; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
      while (!done) {
        vm.request_interrupt();
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
    });
    int rc = vm.run_mpy(bytes, "fuzz.py");
    done = true;
    watchdog.join();
    CHECK((rc == 0 || rc == 1));
  }
}

TEST_CASE("stack-using bytecode that overflows its frame is rejected when it is loaded") {
  // n_state 1 but pushes 40 values
  std::vector<std::uint8_t> code;
  for (int i = 0; i < 40; ++i) code.push_back(small(1));
  code.push_back(k_return);
  RunOutput out = run_bytes(module_mpy(code, {}, 1));
  CHECK(out.status == 1);
  CHECK(out.text.find("ValueError: invalid .mpy: stack use exceeds n_state 1") != std::string::npos);
}
