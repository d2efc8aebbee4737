// Dependency resolution: requested names plus their transitive dependencies, dependencies first.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "bundle/loader.hpp"

namespace cpy::bundle {

struct Resolution {
  std::vector<std::string> order;                  // every module to install, dependencies before users
  std::vector<std::string> unknown;                // requested or depended-on names no bundle has
  std::map<std::string, std::string> suggestions;  // unknown name -> closest known name
  std::map<std::string, std::string> required_by;  // dependency -> the module that pulled it in first
  std::vector<std::string> skipped;                // names in the skip set (frozen), not followed further
};

/// Names are normalised first; host-only packages are dropped.
Resolution resolve(const std::vector<std::string>& names, const BundleSet& bundles,
                   const std::set<std::string>& skip = {});

}  // namespace cpy::bundle
