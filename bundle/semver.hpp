// Version comparison for library versions and bundle tags ("2.6.28", "v1.2", "20260115", "1.0.0-beta.1").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cpy::bundle {

struct Version {
  std::vector<long> numbers;  // major, minor, patch (missing parts are 0)
  std::string pre;            // pre-release label; a version with one sorts before the same without
};

/// Parses "v1.2.3-rc.1"; nullopt for text that does not start with a number.
std::optional<Version> parse_version(std::string_view text);
/// -1, 0, 1; unparsable versions sort first.
int compare_versions(std::string_view a, std::string_view b);

enum class UpdateKind { none, minor, major, unknown };
/// What kind of update going from `installed` to `available` is (unknown when either does not parse).
UpdateKind update_kind(std::string_view installed, std::string_view available);

}  // namespace cpy::bundle
