// VM modules beyond what the WebAssembly oracle can check: re's groups()/span() and counted repetition,
// array wrap-around, and the stack-depth check of the loader.
#include <doctest/doctest.h>

#include <string>

#include "firmware/vm/stack_check.hpp"
#include "firmware/vm/vm.hpp"

namespace {

std::string run_source(const std::string& source, int* status = nullptr) {
  std::string out;
  cpy::vm::VmConfig config;
  config.write = [&out](std::string_view t) { out.append(t); };
  cpy::vm::Vm vm(config);
  int s = vm.run_source(source, "t.py");
  if (status) *status = s;
  return out;
}

}  // namespace

TEST_CASE("re match objects report groups and spans") {
  CHECK(run_source("import re\nm = re.search(r'(\\d+)-(x)?', 'ab 12-')\n"
                   "print(m.groups(), m.span(), m.start(1), m.end(1), m.group(1, 2))\n") ==
        "('12', None) (3, 6) 3 5 ('12', None)\n");
}

TEST_CASE("re counted repetition takes the longest allowed run, lazily the shortest") {
  CHECK(run_source("import re\nprint(re.match('a{2,3}', 'aaaa').group(0), re.match('a{2}', 'aaa').group(0),\n"
                   "      re.match('a{1,}?', 'aaa').group(0), re.match('x{2}', 'x'))\n") == "aaa aa a None\n");
}

TEST_CASE("re split keeps captured separators and sub expands group references") {
  CHECK(run_source("import re\nprint(re.split('(-)', '1-2'), re.sub('(a)(b)', r'\\2\\1', 'abab'))\n") ==
        "['1', '-', '2'] baba\n");
}

TEST_CASE("re rejects a malformed pattern with ValueError") {
  int status = 0;
  const std::string out = run_source("import re\nre.compile('a)')\n", &status);
  CHECK(status == 1);
  CHECK(out.find("ValueError") != std::string::npos);
}

TEST_CASE("array items wrap to the typecode width and round-trip through bytes") {
  CHECK(run_source(
            "from array import array\na = array('h', [70000, -1])\nprint(a, bytes(a), list(array('B', b'AB')))\n") ==
        "array('h', [4464, -1]) b'p\\x11\\xff\\xff' [65, 66]\n");
}

TEST_CASE("stack check accepts code within n_state and rejects code that pushes past it") {
  // LOAD_CONST_NONE x2, POP_TOP x2, LOAD_CONST_NONE, RETURN_VALUE
  const std::vector<std::uint8_t> ok = {0x51, 0x51, 0x59, 0x59, 0x51, 0x63};
  CHECK(cpy::vm::check_stack_use(ok, 2).empty());
  CHECK_FALSE(cpy::vm::check_stack_use(ok, 1).empty());
  // A backward jump that pushes one value per iteration grows without bound.
  const std::vector<std::uint8_t> loop = {0x51, 0x42, 0x3D};  // LOAD_CONST_NONE; JUMP -3
  CHECK_FALSE(cpy::vm::check_stack_use(loop, 50).empty());
}
