// The static qstr list of Appendix A, both lookups.
#include <doctest/doctest.h>

#include "mpy/qstr_static.hpp"

using namespace cpy::mpy;

TEST_CASE("static qstr ids match the checks listed in Appendix A") {
  const std::pair<std::string_view, std::uint32_t> checks[] = {{"", 1},
                                                               {"*", 5},
                                                               {"<module>", 7},
                                                               {"_", 8},
                                                               {"__class__", 10},
                                                               {"__init__", 17},
                                                               {"__module__", 22},
                                                               {"__name__", 23},
                                                               {"__qualname__", 26},
                                                               {"AssertionError", 31},
                                                               {"BaseException", 33},
                                                               {"format", 84},
                                                               {"print", 123},
                                                               {"range", 124},
                                                               {"self", 137},
                                                               {"super", 154},
                                                               {"zip", 165},
                                                               {"\n", 3},
                                                               {" ", 4},
                                                               {"utf-8", 161}};
  for (const auto& check : checks) {
    const auto& text = check.first;
    const auto id = check.second;
    CAPTURE(text);
    CHECK(static_qstr_id(text) == id);
    CHECK(static_qstr_string(id) == text);
  }
}

TEST_CASE("every static id round-trips and other strings are not static") {
  for (std::uint32_t id = k_static_qstr_first; id <= k_static_qstr_last; ++id) {
    const auto text = static_qstr_string(id);
    REQUIRE(text);
    CHECK(static_qstr_id(*text) == id);
  }
  CHECK_FALSE(static_qstr_string(0));
  CHECK_FALSE(static_qstr_string(166));
  CHECK_FALSE(static_qstr_id("<lambda>"));
  CHECK_FALSE(static_qstr_id("printx"));
  CHECK_FALSE(static_qstr_id("__version__"));
}
