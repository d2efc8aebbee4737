// The layering rules of docs/ARCHITECTURE.md as a checker over #include lines.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace cpy::layers {

struct Violation {
  std::string file;
  int line;
  std::string include;
  std::string rule;
};

/// Checks every file (path relative to the repository top → its text) against the layering rules.
std::vector<Violation> check_includes(const std::map<std::string, std::string>& files);

/// Reads every .hpp/.cpp/.h under the layer folders of `root`.
std::map<std::string, std::string> read_source_tree(const std::string& root);

}  // namespace cpy::layers
