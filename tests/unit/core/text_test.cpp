// Tests of core/text: edit distance and "did you mean" matching.
#include <doctest/doctest.h>

#include "core/text.hpp"

using namespace cpy;

TEST_CASE("edit distance counts a transposition as one edit") {
  CHECK(edit_distance("install", "instal") == 1);
  CHECK(edit_distance("install", "isntall") == 1);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("same", "same") == 0);
}

TEST_CASE("closest match suggests a near name and nothing for a far one") {
  const std::vector<std::string> names = {"install", "uninstall", "update", "list"};
  CHECK(closest_match("instal", names) == "install");
  CHECK(closest_match("updte", names) == "update");
  CHECK(closest_match("xyzzyfoo", names).empty());
}

TEST_CASE("split and trim") {
  CHECK(split("a,b,,c", ',') == std::vector<std::string>{"a", "b", "", "c"});
  CHECK(trim("  x y \r\n") == "x y");
  CHECK(starts_with("Adafruit", "Ada"));
}
