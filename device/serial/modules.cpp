// Parser of help('modules'): column text to built-in and frozen names.
#include "device/serial/modules.hpp"

#include <algorithm>
#include <set>
#include <sstream>

#include "device/serial/console_text.hpp"

namespace cpy::device {

namespace {

std::vector<std::string> non_empty_lines(std::string_view text) {
  std::vector<std::string> lines;
  std::string line;
  std::istringstream in{std::string(text)};
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") != std::string::npos) lines.push_back(line);
  }
  return lines;
}

std::string dotted(std::string name) {
  if (const auto init = name.rfind("/__init__"); init != std::string::npos && init + 9 == name.size()) name.erase(init);
  std::replace(name.begin(), name.end(), '/', '.');
  return name;
}

}  // namespace

ModuleList parse_modules(std::string_view text, const std::vector<std::string>& known_frozen) {
  const std::string clean = strip_console_decorations(text.substr(0, text.find('\x04')));
  auto lines = non_empty_lines(clean);
  if (!lines.empty()) lines.pop_back();
  const std::set<std::string> known(known_frozen.begin(), known_frozen.end());
  std::set<std::string> builtin, frozen, frozen_modules;
  for (const auto& line : lines) {
    std::istringstream words(line);
    std::string word;
    while (words >> word) {
      if (word == "__main__") continue;
      const bool in_package = word.find('/') != std::string::npos;
      const std::string name = dotted(word);
      const std::string top = name.substr(0, name.find('.'));
      if (in_package || known.count(top)) {
        frozen.insert(top);
        frozen_modules.insert(name);
      } else {
        builtin.insert(name);
      }
    }
  }
  return {
      {builtin.begin(), builtin.end()}, {frozen.begin(), frozen.end()}, {frozen_modules.begin(), frozen_modules.end()}};
}

}  // namespace cpy::device
