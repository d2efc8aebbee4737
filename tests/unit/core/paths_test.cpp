// Tests of core/paths: the cache folder and its overrides.
#include <doctest/doctest.h>

#include <cstdlib>

#include "core/paths.hpp"

using namespace cpy;

TEST_CASE("CPYTOOL_CACHE_DIR overrides the XDG cache folder") {
  ::setenv("CPYTOOL_CACHE_DIR", "/tmp/cpytool-test-cache", 1);
  CHECK(cache_dir() == "/tmp/cpytool-test-cache");
  ::unsetenv("CPYTOOL_CACHE_DIR");
  ::setenv("XDG_CACHE_HOME", "/tmp/xdg", 1);
  CHECK(cache_dir() == "/tmp/xdg/cpytool");
  ::unsetenv("XDG_CACHE_HOME");
  ::setenv("HOME", "/home/someone", 1);
  CHECK(cache_dir() == "/home/someone/.cache/cpytool");
}

TEST_CASE("data files are found in data/ above the executable in a build tree") {
  ::unsetenv("CPYTOOL_DATA_DIR");
  const auto found = find_data_file("boards.json");
  CHECK(found.filename() == "boards.json");
  CHECK(find_data_file("no-such-file.json").empty());
}
