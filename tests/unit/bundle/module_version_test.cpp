// Tests of bundle/module_version: __version__ from .py text and facts of .mpy files.
#include <doctest/doctest.h>

#include "bundle/module_version.hpp"

using namespace cpy::bundle;

TEST_CASE("__version__ is read from Python text, annotated or not") {
  CHECK(version_from_py("__version__ = \"1.2.3\"\n") == "1.2.3");
  CHECK(version_from_py("x = 1\n__version__: str = '0.0.0-auto.0'\n") == "0.0.0-auto.0");
  CHECK(version_from_py("__repo__ = 'x'\n").empty());
}

TEST_CASE("a CircuitPython .mpy gives its format version and its version string") {
  const std::string mpy = std::string("C\x06\x00\x1f", 4) + "\x0a" + std::string("1.2.3\0", 6) + "more";
  const auto facts = mpy_facts(mpy);
  CHECK(facts.valid);
  CHECK(facts.mpy_version == 6);
  CHECK(facts.version == "1.2.3");
  CHECK(!mpy_facts(std::string("M\x06\x00\x1f", 4)).valid);
  CHECK(mpy_facts(std::string("C\x05\x00\x1f", 4)).mpy_version == 5);
}

TEST_CASE("CircuitPython majors map to .mpy versions") {
  CHECK(mpy_version_for_cpy_major(8) == 5);
  CHECK(mpy_version_for_cpy_major(9) == 6);
  CHECK(mpy_version_for_cpy_major(10) == 6);
  CHECK(mpy_version_for_cpy_major(6) == 0);
}
