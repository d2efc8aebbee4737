// The layering rules of docs/ARCHITECTURE.md as a checker over #include lines.
#include "layer_check.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace cpy::layers {

namespace {

const std::vector<std::string> k_layers = {"mpy", "mpycross", "core", "bundle", "device", "firmware", "cli"};

/// Project layers each layer may include (besides itself).
const std::map<std::string, std::vector<std::string>> k_allowed = {
    {"mpy", {}},
    {"mpycross", {"mpy"}},
    {"core", {}},
    {"bundle", {"core", "mpy", "mpycross"}},
    {"device", {"core", "mpy"}},
    {"firmware", {"mpy", "mpycross"}},
    {"cli", {"mpy", "mpycross", "core", "bundle", "device", "firmware"}},
};

/// Third-party headers a layer must never include (by include prefix).
const std::map<std::string, std::vector<std::string>> k_forbidden_system = {
    {"firmware", {"curl/", "zip.h", "libusb", "spdlog/", "fmt/", "nlohmann/", "CLI/"}},
};

std::string layer_of(const std::string& path) {
  const std::string top = path.substr(0, path.find('/'));
  for (const auto& layer : k_layers)
    if (layer == top) return layer;
  return {};
}

bool is_pure(const std::string& layer) { return layer == "mpy" || layer == "mpycross"; }

std::string check_one(const std::string& layer, const std::string& include, bool angled) {
  if (angled) {
    if (is_pure(layer) && include.find_first_of("./") != std::string::npos)
      return layer + "/ may include only the C++ standard library";
    for (const auto& prefix : k_forbidden_system.count(layer) ? k_forbidden_system.at(layer) : std::vector<std::string>{})
      if (include.rfind(prefix, 0) == 0) return layer + "/ must not use " + prefix;
    return {};
  }
  const std::string target = layer_of(include);
  if (target.empty() || target == layer) return {};
  if (target == "cli") return "nothing includes cli/";
  const auto& allowed = k_allowed.at(layer);
  if (std::find(allowed.begin(), allowed.end(), target) == allowed.end())
    return layer + "/ must not include " + target + "/ (layers point down only)";
  return {};
}

}  // namespace

std::vector<Violation> check_includes(const std::map<std::string, std::string>& files) {
  static const std::regex include_re(R"(^\s*#\s*include\s*([<"])([^>"]+)[>"])");
  std::vector<Violation> violations;
  for (const auto& [path, text] : files) {
    const std::string layer = layer_of(path);
    if (layer.empty()) continue;
    std::istringstream lines(text);
    std::string line;
    int number = 0;
    while (std::getline(lines, line)) {
      ++number;
      std::smatch m;
      if (!std::regex_search(line, m, include_re)) continue;
      const std::string rule = check_one(layer, m[2], m[1] == "<");
      if (!rule.empty()) violations.push_back({path, number, m[2], rule});
    }
  }
  return violations;
}

std::map<std::string, std::string> read_source_tree(const std::string& root) {
  namespace fs = std::filesystem;
  std::map<std::string, std::string> files;
  for (const auto& layer : k_layers) {
    if (!fs::is_directory(fs::path(root) / layer)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(fs::path(root) / layer)) {
      const auto ext = entry.path().extension();
      if (!entry.is_regular_file() || (ext != ".cpp" && ext != ".hpp" && ext != ".h")) continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::ostringstream text;
      text << in.rdbuf();
      files[fs::relative(entry.path(), root).generic_string()] = text.str();
    }
  }
  return files;
}

}  // namespace cpy::layers
