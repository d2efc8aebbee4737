// Frozen-module sets from listings and the board catalog.
#include "bundle/frozen.hpp"

#include <algorithm>

#include "bundle/names.hpp"
#include "core/text.hpp"

namespace cpy::bundle {

std::set<std::string> parse_help_modules(const std::string& listing) {
  std::vector<std::string> lines;
  for (const auto& raw : split(listing, '\n'))
    if (!trim(raw).empty()) lines.push_back(std::string(trim(raw)));
  if (!lines.empty()) lines.pop_back();
  std::set<std::string> names;
  for (const auto& line : lines) {
    for (const auto& word : split(line, ' ')) {
      std::string name(trim(word));
      if (name.empty() || name == "__main__") continue;
      name = name.substr(0, name.find('/'));
      names.insert(name.substr(0, name.find('.')));
    }
  }
  return names;
}

namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

/// The module names whose bundle entry comes from repository `repo_name` (case-insensitive URL tail).
std::set<std::string> modules_of_repo(const std::string& repo_name, const BundleSet& bundles) {
  std::set<std::string> out;
  const std::string tail = "/" + lower(repo_name);
  for (const auto& b : bundles.bundles())
    for (const auto& [name, lib] : b.index.libraries()) {
      std::string repo = lower(lib.repo);
      while (!repo.empty() && repo.back() == '/') repo.pop_back();
      if (repo.ends_with(tail) || repo.ends_with(tail + ".git")) out.insert(name);
    }
  return out;
}

}  // namespace

std::set<std::string> frozen_from_catalog(const BoardInfo& board, const BundleSet& bundles) {
  std::set<std::string> out;
  for (const auto& entry : board.frozen) {
    const std::string repo_name = entry.substr(0, entry.find('/'));
    auto modules = modules_of_repo(repo_name, bundles);
    if (modules.empty()) modules.insert(module_from_repo(repo_name));
    out.insert(modules.begin(), modules.end());
  }
  return out;
}

}  // namespace cpy::bundle
