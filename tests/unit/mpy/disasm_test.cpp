// Disassembly of every golden file, and the content of one dump.
#include <doctest/doctest.h>

#include "golden_files.hpp"
#include "mpy/disasm.hpp"
#include "mpy/reader.hpp"

using namespace cpy::mpy;

namespace {
std::size_t count_instructions(const DisFunction& f) {
  std::size_t n = f.instructions.size();
  for (const auto& c : f.children) n += count_instructions(c);
  return n;
}
}  // namespace

TEST_CASE("every golden .mpy disassembles, covering every instruction byte") {
  for (const auto& path : test::golden_mpy_files()) {
    CAPTURE(path.filename().string());
    const auto file = read_mpy(test::load_file(path));
    REQUIRE(file.ok());
    const auto dis = disassemble(*file);
    REQUIRE(dis.ok());
    CHECK(count_instructions(dis->module) > 0);
    CHECK(dis->module.name == "<module>");
    CHECK_FALSE(format_disassembly(*dis).empty());
  }
}

TEST_CASE("the dump shows header, tables, prelude, lines and decoded operands") {
  const auto file = read_mpy(test::load_file(test::corpus_dir() / "module_header_version.mpy"));
  REQUIRE(file.ok());
  const auto dis = disassemble(*file);
  REQUIRE(dis.ok());
  const auto text = format_disassembly(*dis);
  CHECK(text.find("header: magic 'C' version 6 features 0x00 small_int_bits 31 (CircuitPython 9.x and 10.x)") == 0);
  CHECK(text.find("0: 'module_header_version.py'\n") != std::string::npos);
  CHECK(text.find("1: '<module>' (static 7)") != std::string::npos);
  CHECK(text.find("str 'https://github.com/example/Example_Driver.git'") != std::string::npos);
  CHECK(text.find("function 0 <module>") != std::string::npos);
  CHECK(text.find("LOAD_CONST_STRING '1.2.3'") != std::string::npos);
  CHECK(text.find("STORE_NAME '__version__'") != std::string::npos);
  CHECK(text.find("SETUP_EXCEPT -> ") != std::string::npos);
  CHECK(dis->module.lines.size() > 3);
  // Jump targets are decoded to absolute offsets that start an instruction.
  for (const auto& ins : dis->module.instructions) {
    if (!ins.target) continue;
    bool found = *ins.target == dis->module.instructions.back().offset + dis->module.instructions.back().bytes.size();
    for (const auto& other : dis->module.instructions) found = found || other.offset == *ins.target;
    CHECK(found);
  }
}

TEST_CASE("constant reprs look like Python") {
  CHECK(constant_repr(Constant::str("it's")) == "\"it's\"");
  CHECK(constant_repr(Constant::str("a\nb\\")) == "'a\\nb\\\\'");
  CHECK(constant_repr(Constant::bytes(std::string("\0\xff", 2))) == "b'\\x00\\xff'");
  CHECK(constant_repr(Constant::tuple({Constant::integer("1")})) == "(1,)");
  CHECK(constant_repr(Constant::tuple({Constant::simple(ConstantKind::none), Constant::float_repr("1.5")})) ==
        "(None, 1.5)");
  CHECK(constant_repr(Constant::simple(ConstantKind::ellipsis)) == "Ellipsis");
}
