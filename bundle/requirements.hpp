// requirements.txt lines, pyproject.toml circup_dependencies and bundle-version pins.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cpy::bundle {

struct Requirement {
  std::string name;  // normalised module name
  std::string pin;   // the version after "==", empty when not pinned
  int line = 0;
};

/// pip-style lines: comments, specifiers, markers and extras are accepted; only "==" pins are kept.
/// Host-only packages (Blinka, typing) are dropped.
std::vector<Requirement> parse_requirements(const std::string& text);

/// `circup_dependencies` of the `[circup]` table in a library's pyproject.toml (a string or a list).
std::vector<std::string> parse_circup_dependencies(const std::string& toml);

/// Bundle pins "owner/repo" = "TAG" from `[tool.cpytool.bundle-versions]` and `[tool.circup.bundle-versions]`.
std::map<std::string, std::string> parse_bundle_pins(const std::string& toml);

}  // namespace cpy::bundle
