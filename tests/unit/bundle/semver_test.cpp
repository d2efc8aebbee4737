// Tests of bundle/semver: ordering of versions and tags, update kinds.
#include <doctest/doctest.h>

#include "bundle/semver.hpp"

using namespace cpy::bundle;

TEST_CASE("versions compare numerically, with optional v and missing parts") {
  CHECK(compare_versions("1.10.0", "1.9.9") > 0);
  CHECK(compare_versions("v1.2", "1.2.0") == 0);
  CHECK(compare_versions("20260115", "20251201") > 0);
  CHECK(compare_versions("1.0.0-beta.1", "1.0.0") < 0);
  CHECK(compare_versions("garbage", "0.0.1") < 0);
}

TEST_CASE("update kinds: major when the first number changes, unknown for unparsable versions") {
  CHECK(update_kind("1.2.3", "2.0.0") == UpdateKind::major);
  CHECK(update_kind("1.2.3", "1.3.0") == UpdateKind::minor);
  CHECK(update_kind("1.2.3", "1.2.4") == UpdateKind::minor);
  CHECK(update_kind("1.2.3", "1.2.3") == UpdateKind::none);
  CHECK(update_kind("2.0.0", "1.9.0") == UpdateKind::none);
  CHECK(update_kind("", "1.0.0") == UpdateKind::unknown);
  CHECK(!parse_version("1.2.x").has_value());
}
