// Every golden .mpy of the corpus reads without error and writes back to identical bytes.
#include <doctest/doctest.h>

#include "golden_files.hpp"
#include "mpy/reader.hpp"
#include "mpy/writer.hpp"

using namespace cpy::mpy;

TEST_CASE("every golden .mpy reads and writes back byte for byte") {
  const auto files = test::golden_mpy_files();
  REQUIRE(files.size() > 200);
  for (const auto& path : files) {
    CAPTURE(path.filename().string());
    const auto bytes = test::load_file(path);
    const auto file = read_mpy(bytes);
    if (!file) FAIL_CHECK(file.error().message);
    if (!file) continue;
    CHECK_FALSE(file->header.is_micropython());
    CHECK(write_mpy(*file) == bytes);
  }
}
