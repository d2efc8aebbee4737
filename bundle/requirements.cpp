// Line-level readers for requirements files and the small TOML subset the pins and dependencies use.
#include "bundle/requirements.hpp"

#include "bundle/names.hpp"
#include "core/text.hpp"

namespace cpy::bundle {

namespace {

std::string unquote(std::string_view text) {
  text = trim(text);
  if (text.size() >= 2 && (text.front() == '"' || text.front() == '\'') && text.back() == text.front())
    text = text.substr(1, text.size() - 2);
  return std::string(text);
}

std::string_view strip_comment(std::string_view line) {
  bool in_quote = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '"') in_quote = !in_quote;
    if (line[i] == '#' && !in_quote) return line.substr(0, i);
  }
  return line;
}

/// "key = value" in the current table; returns false for other lines.
bool key_value(std::string_view line, std::string& key, std::string& value) {
  const auto eq = line.find('=');
  if (eq == std::string_view::npos) return false;
  key = unquote(line.substr(0, eq));
  value = std::string(trim(line.substr(eq + 1)));
  return true;
}

std::vector<std::string> toml_string_list(const std::string& value) {
  std::vector<std::string> out;
  std::string_view v = trim(value);
  if (!v.empty() && v.front() == '[')
    v = v.substr(1, v.find(']') == std::string_view::npos ? v.size() - 1 : v.find(']') - 1);
  for (const auto& item : split(v, ','))
    if (auto s = unquote(item); !s.empty()) out.push_back(s);
  return out;
}

}  // namespace

std::vector<Requirement> parse_requirements(const std::string& text) {
  std::vector<Requirement> out;
  int number = 0;
  for (const auto& raw : split(text, '\n')) {
    ++number;
    std::string_view line = trim(strip_comment(raw));
    if (line.empty() || line[0] == '-') continue;  // options such as -r, --index-url
    if (const auto semi = line.find(';'); semi != std::string_view::npos) line = trim(line.substr(0, semi));
    const auto end = line.find_first_of("<>=~![ ");
    std::string name(trim(line.substr(0, end)));
    if (const auto bracket = name.find('['); bracket != std::string::npos) name.resize(bracket);
    if (name.empty() || is_host_only_package(name)) continue;
    Requirement req{normalise_name(name), {}, number};
    if (const auto pin = line.find("=="); pin != std::string_view::npos)
      req.pin = std::string(trim(line.substr(pin + 2)));
    out.push_back(std::move(req));
  }
  return out;
}

std::vector<std::string> parse_circup_dependencies(const std::string& toml) {
  std::string table;
  std::string pending;  // a list value spread over several lines
  for (const auto& raw : split(toml, '\n')) {
    std::string_view line = trim(strip_comment(raw));
    if (!pending.empty()) {
      pending += std::string(line);
      if (line.find(']') != std::string_view::npos) return toml_string_list(pending);
      continue;
    }
    if (!line.empty() && line.front() == '[') {
      table = std::string(trim(line.substr(1, line.find(']') - 1)));
      continue;
    }
    std::string key, value;
    if (table != "circup" || !key_value(line, key, value) || key != "circup_dependencies") continue;
    if (value.front() == '[' && value.find(']') == std::string::npos) {
      pending = value;
      continue;
    }
    return toml_string_list(value);
  }
  return {};
}

std::map<std::string, std::string> parse_bundle_pins(const std::string& toml) {
  std::map<std::string, std::string> pins;
  std::string table;
  for (const auto& raw : split(toml, '\n')) {
    std::string_view line = trim(strip_comment(raw));
    if (!line.empty() && line.front() == '[') {
      table = std::string(trim(line.substr(1, line.find(']') - 1)));
      continue;
    }
    std::string key, value;
    if ((table == "tool.cpytool.bundle-versions" || table == "tool.circup.bundle-versions") &&
        key_value(line, key, value))
      pins[key] = unquote(value);
  }
  return pins;
}

}  // namespace cpy::bundle
