// The layering check: the checker itself on made-up trees, then the real source tree.
#include <doctest/doctest.h>

#include "layer_check.hpp"

using cpy::layers::check_includes;

TEST_CASE("a lower layer including a higher one is a violation") {
  const auto violations = check_includes({{"mpy/reader.cpp", "#include <vector>\n#include \"core/result.hpp\"\n"}});
  REQUIRE(violations.size() == 1);
  CHECK(violations[0].file == "mpy/reader.cpp");
  CHECK(violations[0].line == 2);
  CHECK(violations[0].include == "core/result.hpp");
}

TEST_CASE("nothing may include cli/") {
  CHECK(check_includes({{"bundle/x.cpp", "#include \"cli/ui/output.hpp\"\n"}}).size() == 1);
  CHECK(check_includes({{"cli/app.cpp", "#include \"cli/ui/output.hpp\"\n"}}).empty());
}

TEST_CASE("pure layers use only the standard library") {
  CHECK(check_includes({{"mpycross/lexer.cpp", "#include <unistd.h>\n"}}).size() == 1);
  CHECK(check_includes({{"mpycross/lexer.cpp", "#include <string_view>\n#include \"mpy/opcodes.hpp\"\n"}}).empty());
}

TEST_CASE("firmware never uses core, libcurl, libzip, libusb or spdlog") {
  CHECK(check_includes({{"firmware/vm/a.cpp", "#include \"core/result.hpp\"\n"}}).size() == 1);
  CHECK(check_includes({{"firmware/vm/a.cpp", "#include <curl/curl.h>\n"}}).size() == 1);
  CHECK(check_includes({{"firmware/vm/a.cpp", "  #  include <spdlog/spdlog.h>\n"}}).size() == 1);
  CHECK(check_includes({{"firmware/ports/host/pty.cpp", "#include <pty.h>\n#include \"mpy/reader.hpp\"\n"}}).empty());
}

TEST_CASE("the source tree keeps the layering") {
  const auto violations = check_includes(cpy::layers::read_source_tree(CPY_SOURCE_DIR));
  for (const auto& v : violations) MESSAGE(v.file << ":" << v.line << ": " << v.include << ": " << v.rule);
  CHECK(violations.empty());
}
