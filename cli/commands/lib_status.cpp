// Comparing what is installed with what the bundles offer.
#include "cli/commands/lib_status.hpp"

#include "bundle/module_version.hpp"
#include "bundle/semver.hpp"

namespace cpy::cli {

namespace {

std::string reason_for(const bundle::InstalledModule& m, const bundle::BundleSet::Hit& hit, const Board& board) {
  const int wanted_mpy = bundle::mpy_version_for_cpy_major(board.major);
  const bool has_mpy = std::any_of(m.files.begin(), m.files.end(), [](const auto& f) { return f.ends_with(".mpy"); });
  if (has_mpy && (m.bad_mpy || (wanted_mpy && m.mpy_version && m.mpy_version != wanted_mpy))) return "mpy format";
  switch (bundle::update_kind(m.version, hit.library->version)) {
    case bundle::UpdateKind::none:
      return "";
    case bundle::UpdateKind::major:
      return "major";
    case bundle::UpdateKind::minor:
      return "minor";
    case bundle::UpdateKind::unknown:
      return hit.library->version.empty() ? "" : "unknown version";
  }
  return "";
}

}  // namespace

std::vector<ModuleStatus> module_statuses(const std::vector<bundle::InstalledModule>& installed,
                                          const bundle::BundleSet& bundles, const Board& board) {
  std::vector<ModuleStatus> out;
  for (const auto& m : installed) {
    ModuleStatus s{&m, bundles.find(m.name), {}};
    if (s.hit) s.reason = reason_for(m, *s.hit, board);
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<std::string> shadow_warnings(const std::vector<bundle::InstalledModule>& installed,
                                         const std::set<std::string>& frozen, const std::string& board_id) {
  std::vector<std::string> out;
  for (const auto& m : installed) {
    if (frozen.count(m.name))
      out.push_back("lib/" + m.name + (m.package ? "/" : "") + " is never imported: " + m.name +
                    " is frozen into the firmware of " + (board_id.empty() ? "this board" : board_id) +
                    " and .frozen comes before /lib in sys.path (cpytool uninstall " + m.name + " frees the space)");
    if (m.py_beside_mpy)
      out.push_back("lib/" + m.name + ".py shadows lib/" + m.name + ".mpy (a .py wins over a .mpy in the same folder)");
  }
  return out;
}

nlohmann::json status_json(const ModuleStatus& s) {
  nlohmann::json j = {{"name", s.installed->name},       {"installed", s.installed->version},
                      {"package", s.installed->package}, {"mpy_version", s.installed->mpy_version},
                      {"outdated", s.outdated()},        {"reason", s.reason}};
  j["latest"] = s.hit ? s.hit->library->version : "";
  j["bundle"] = s.hit ? s.hit->bundle->source.repo : "";
  return j;
}

}  // namespace cpy::cli
