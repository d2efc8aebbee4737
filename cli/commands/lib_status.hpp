// Installed libraries compared with the bundles: versions, out-of-date reasons and shadowing warnings
// (shared by list, update, freeze and doctor).
#pragma once

#include <set>
#include <string>
#include <vector>

#include "bundle/installed.hpp"
#include "bundle/loader.hpp"
#include "cli/commands/lib_context.hpp"

namespace cpy::cli {

struct ModuleStatus {
  const bundle::InstalledModule* installed = nullptr;
  std::optional<bundle::BundleSet::Hit> hit;  // empty when no bundle has the module
  std::string reason;                         // "mpy format", "major", "minor", "unknown version"; "" when current
  bool outdated() const { return !reason.empty(); }
};

std::vector<ModuleStatus> module_statuses(const std::vector<bundle::InstalledModule>& installed,
                                          const bundle::BundleSet& bundles, const Board& board);

/// Warnings about lib/ copies that a frozen module shadows and .py files that shadow a .mpy beside them.
std::vector<std::string> shadow_warnings(const std::vector<bundle::InstalledModule>& installed,
                                         const std::set<std::string>& frozen, const std::string& board_id);

nlohmann::json status_json(const ModuleStatus& status);

}  // namespace cpy::cli
