// Depth-first resolution with cycle safety (a module is placed once, after its dependencies).
#include "bundle/resolve.hpp"

#include <algorithm>
#include <set>

#include "bundle/names.hpp"
#include "core/text.hpp"

namespace cpy::bundle {

namespace {

struct Walker {
  const BundleSet& bundles;
  const std::set<std::string>& skip;
  Resolution& out;
  std::set<std::string> placed;
  std::set<std::string> visiting;
  std::vector<std::string> known;

  void visit(const std::string& name, const std::string& parent) {
    if (placed.count(name) || visiting.count(name)) return;
    if (skip.count(name)) {
      if (std::find(out.skipped.begin(), out.skipped.end(), name) == out.skipped.end()) out.skipped.push_back(name);
      return;
    }
    const auto hit = bundles.find(name);
    if (!hit) {
      if (std::find(out.unknown.begin(), out.unknown.end(), name) == out.unknown.end()) {
        out.unknown.push_back(name);
        if (known.empty()) known = bundles.all_names();
        if (auto s = closest_match(name, known); !s.empty()) out.suggestions[name] = s;
      }
      return;
    }
    if (!parent.empty() && !out.required_by.count(name)) out.required_by[name] = parent;
    visiting.insert(name);
    for (const auto& dep : hit->library->dependencies) visit(dep, name);
    visiting.erase(name);
    placed.insert(name);
    out.order.push_back(name);
  }
};

}  // namespace

Resolution resolve(const std::vector<std::string>& names, const BundleSet& bundles, const std::set<std::string>& skip) {
  Resolution out;
  Walker walker{bundles, skip, out, {}, {}, {}};
  for (const auto& raw : names) {
    if (is_host_only_package(raw)) continue;
    walker.visit(normalise_name(raw), {});
  }
  return out;
}

}  // namespace cpy::bundle
