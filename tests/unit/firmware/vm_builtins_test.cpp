// VM builtins and modules whose output the WebAssembly oracle cannot check: help() texts that name the firmware,
// compile() results reused across dicts, CircuitPython's time.struct_time.
#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "firmware/vm/vm.hpp"

namespace {

std::string run_source(const std::string& source, int* status = nullptr) {
  std::string out;
  cpy::vm::VmConfig config;
  config.write = [&out](std::string_view t) { out.append(t); };
  cpy::vm::Vm vm(config);
  const int s = vm.run_source(source, "t.py");
  if (status) *status = s;
  return out;
}

}  // namespace

TEST_CASE("help() without arguments welcomes the user to CircuitPython and names the release") {
  const std::string out = run_source("help()\n");
  CHECK(out.rfind("Welcome to Adafruit CircuitPython 10.2.0!\n", 0) == 0);
  CHECK(out.find("help(\"modules\")") != std::string::npos);
}

TEST_CASE("help('modules') lists the built-in modules column-major with the closing line") {
  const std::string out = run_source("help('modules')\n");
  CHECK(out.rfind("__main__          ", 0) == 0);
  for (const char* name : {"array", "binascii", "collections", "json", "math", "re", "struct", "time"})
    CHECK_MESSAGE(out.find(name) != std::string::npos, name);
  CHECK(out.find(" \n") == std::string::npos);
  CHECK(out.size() > 36);
  CHECK(out.substr(out.size() - 36) == "\nPlus any modules on the filesystem\n");
}

TEST_CASE("help(obj) prints the object's type and its table") {
  CHECK(run_source("import json\nhelp(json)\n") ==
        "object <module 'json'> is of type module\n"
        "  __name__ -- json\n"
        "  dumps -- <function>\n"
        "  loads -- <function>\n"
        "  dump -- <function>\n"
        "  load -- <function>\n");
  CHECK(run_source("help(None)\n") == "object None is of type NoneType\n");
}

TEST_CASE("a code object from compile() runs again in other dicts without leaking its result slot") {
  CHECK(run_source("c = compile('a * 2', 'f', 'eval')\n"
                   "g1 = {'a': 1}\ng2 = {'a': 5}\n"
                   "print(eval(c, g1), eval(c, g2), exec(c, g1), sorted(g1), sorted(g2))\n") == "2 10 2 ['a'] ['a']\n");
}

TEST_CASE("compile() reports syntax errors with the file name it was given") {
  int status = 0;
  const std::string out = run_source("compile('x = = 1', 'given.py', 'exec')\n", &status);
  CHECK(status == 1);
  CHECK(out.find("SyntaxError") != std::string::npos);
}

TEST_CASE("compile() in mode 'single' echoes an expression and runs a statement silently") {
  CHECK(run_source("exec(compile('1 + 1', 's', 'single'))\nexec(compile('v = 3', 's', 'single'))\nprint(v)\n") ==
        "2\n3\n");
}

TEST_CASE("dir() lists each name once, sorted, without object's internals on built-in types") {
  CHECK(run_source("print(dir(()))\nprint(dir(object()))\n") ==
        "['__class__', 'count', 'index']\n['__class__', '__delattr__', '__init__', '__new__', '__setattr__']\n");
}

TEST_CASE("time.localtime returns CircuitPython's struct_time, a named tuple of nine fields") {
  CHECK(run_source("import time\nt = time.localtime(1709209815)\nprint(t)\n"
                   "print(t.tm_year, t.tm_hour, t.tm_isdst, t[:3], len(t), time.mktime(t))\n") ==
        "struct_time(tm_year=2024, tm_mon=2, tm_mday=29, tm_hour=12, tm_min=30, tm_sec=15, tm_wday=3, "
        "tm_yday=60, tm_isdst=-1)\n2024 12 -1 (2024, 2, 29) 9 1709209815\n");
}

TEST_CASE("time.struct_time is built from one nine-item sequence and rejects other lengths") {
  CHECK(run_source("import time\ns = time.struct_time((2020, 1, 2, 3, 4, 5, 6, 7, -1))\n"
                   "print(s.tm_mday, s.tm_yday, isinstance(s, tuple), time.mktime(s))\n"
                   "try:\n    time.struct_time((1, 2))\nexcept TypeError:\n    print('TypeError')\n") ==
        "2 7 True 1577934245\nTypeError\n");
}

TEST_CASE("execfile runs a source file in the given globals and raises OSError ENOENT for a missing one") {
  const auto path = std::filesystem::temp_directory_path() / "cpy_vm_execfile_test.py";
  std::ofstream(path) << "q = 5\nprint('in file', q)\n";
  const std::string file = path.string();
  CHECK(run_source("g = {}\nexecfile('" + file + "', g)\nprint(g['q'])\nexecfile('" + file + "')\nprint(q)\n") ==
        "in file 5\n5\nin file 5\n5\n");
  std::filesystem::remove(path);
  CHECK(run_source("try:\n    execfile('" + file + "')\nexcept OSError as e:\n    print(e.errno)\n") == "2\n");
}

TEST_CASE("micropython.mem_info prints the stack and GC heap summary whose used and free add up to the total") {
  const std::string out =
      run_source("import micropython\nmicropython.mem_info()\nn = micropython.stack_use()\nprint(type(n), n > 0)\n");
  unsigned long stack = 0, stack_max = 0, total = 0, used = 0, free = 0;
  REQUIRE(std::sscanf(out.c_str(), "stack: %lu out of %lu\nGC: total: %lu, used: %lu, free: %lu\n", &stack, &stack_max,
                      &total, &used, &free) == 5);
  CHECK(stack > 0);
  CHECK(stack < stack_max);
  CHECK(total == cpy::vm::VmConfig{}.heap_bytes);
  CHECK(used + free == total);
  CHECK(out.substr(out.find("<class")) == "<class 'int'> True\n");
}

TEST_CASE("syntax errors from eval() and from source name the line as MicroPython does") {
  CHECK(run_source("import sys\ntry:\n    eval('1 +')\nexcept SyntaxError as e:\n    sys.print_exception(e)\n") ==
        "Traceback (most recent call last):\n  File \"t.py\", line 3, in <module>\n  File \"<string>\", line 1\n"
        "SyntaxError: invalid syntax\n");
  int status = 0;
  CHECK(run_source("x = 1\ny = = 2\n", &status) ==
        "Traceback (most recent call last):\n  File \"t.py\", line 2\nSyntaxError: invalid syntax\n");
  CHECK(status == 1);
}
