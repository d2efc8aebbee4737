// A small reader for the settings.toml lines CircuitPython understands.
#include "firmware/supervisor/settings_toml.hpp"

#include <cctype>
#include <cstdlib>

namespace cpy::firmware {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::optional<std::string> parse_string(std::string_view v) {
  char quote = v.front();
  std::string out;
  for (std::size_t i = 1; i < v.size(); ++i) {
    char c = v[i];
    if (c == quote) return out;
    if (c == '\\' && quote == '"' && i + 1 < v.size()) {
      char e = v[++i];
      switch (e) {
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        case 'r':
          out += '\r';
          break;
        case '\\':
          out += '\\';
          break;
        case '"':
          out += '"';
          break;
        case 'u': {
          if (i + 4 >= v.size()) return std::nullopt;
          unsigned long code = std::strtoul(std::string(v.substr(i + 1, 4)).c_str(), nullptr, 16);
          i += 4;
          if (code < 0x80) {
            out += static_cast<char>(code);
          } else if (code < 0x800) {
            out += static_cast<char>(0xC0 | (code >> 6));
            out += static_cast<char>(0x80 | (code & 0x3F));
          } else {
            out += static_cast<char>(0xE0 | (code >> 12));
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (code & 0x3F));
          }
          break;
        }
        default:
          return std::nullopt;
      }
    } else {
      out += c;
    }
  }
  return std::nullopt;
}

std::optional<SettingValue> parse_value(std::string_view v) {
  if (v.empty()) return std::nullopt;
  if (v.front() == '"' || v.front() == '\'') {
    auto s = parse_string(v);
    if (!s) return std::nullopt;
    return SettingValue{*s};
  }
  if (auto hash = v.find('#'); hash != std::string_view::npos) v = trim(v.substr(0, hash));
  std::string text(v);
  char* end = nullptr;
  int base = text.starts_with("0x") || text.starts_with("0X") ? 16 : 10;
  long long n = std::strtoll(text.c_str(), &end, base);
  if (end == text.c_str() || *end != '\0') return std::nullopt;
  return SettingValue{n};
}

}  // namespace

std::optional<SettingValue> settings_lookup(std::string_view toml_text, std::string_view key) {
  std::size_t pos = 0;
  while (pos <= toml_text.size()) {
    std::size_t end = toml_text.find('\n', pos);
    if (end == std::string_view::npos) end = toml_text.size();
    std::string_view line = trim(toml_text.substr(pos, end - pos));
    pos = end + 1;
    if (line.starts_with("[")) return std::nullopt;
    std::size_t eq = line.find('=');
    if (line.empty() || line.front() == '#' || eq == std::string_view::npos) continue;
    if (trim(line.substr(0, eq)) != key) continue;
    return parse_value(trim(line.substr(eq + 1)));
  }
  return std::nullopt;
}

}  // namespace cpy::firmware
