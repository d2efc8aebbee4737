// Logical-line splitter and import statement reader.
#include "bundle/imports.hpp"

#include <cctype>

#include "core/text.hpp"

namespace cpy::bundle {

namespace {

/// Source split into logical lines with strings blanked and comments removed; brackets and backslashes join.
std::vector<std::string> logical_lines(const std::string& src) {
  std::vector<std::string> lines;
  std::string cur;
  int depth = 0;
  for (std::size_t i = 0; i < src.size(); ++i) {
    const char c = src[i];
    if (c == '#') {
      while (i < src.size() && src[i] != '\n') ++i;
      --i;
    } else if (c == '"' || c == '\'') {
      const bool triple = src.compare(i, 3, std::string(3, c)) == 0;
      const std::string end = triple ? std::string(3, c) : std::string(1, c);
      std::size_t j = i + end.size();
      while (j < src.size() && src.compare(j, end.size(), end) != 0 && (triple || src[j] != '\n'))
        j += src[j] == '\\' ? 2 : 1;
      cur += " \"\" ";
      i = std::min(src.size(), j + end.size()) - 1;
    } else if (c == '\\' && i + 1 < src.size() && src[i + 1] == '\n') {
      ++i;
      cur += ' ';
    } else if (c == '\n' && depth == 0) {
      lines.push_back(cur);
      cur.clear();
    } else {
      if (c == '(' || c == '[' || c == '{') ++depth;
      if ((c == ')' || c == ']' || c == '}') && depth > 0) --depth;
      cur += c == '\n' ? ' ' : c;
    }
  }
  lines.push_back(cur);
  return lines;
}

std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> out;
  std::string w;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '*') {
      w += c;
    } else {
      if (!w.empty()) out.push_back(w);
      w.clear();
      if (c == ',') out.push_back(",");
    }
  }
  if (!w.empty()) out.push_back(w);
  return out;
}

void read_statement(const std::vector<std::string>& w, std::vector<ImportedName>& out) {
  if (w[0] == "import") {
    for (std::size_t i = 1; i < w.size(); ++i) {
      if (w[i] == "," || w[i] == "as") continue;
      if (i > 0 && w[i - 1] == "as") continue;
      out.push_back({w[i], 0});
    }
    return;
  }
  // from <dots><module> import a, b as c
  std::size_t i = 1;
  std::string base;
  for (; i < w.size() && w[i] != "import"; ++i) base += w[i];
  int level = 0;
  while (level < static_cast<int>(base.size()) && base[static_cast<std::size_t>(level)] == '.') ++level;
  base = base.substr(static_cast<std::size_t>(level));
  if (!base.empty()) out.push_back({base, level});
  for (++i; i < w.size(); ++i) {
    if (w[i] == "," || w[i] == "as" || w[i] == "*" || w[i - 1] == "as") continue;
    out.push_back({base.empty() ? w[i] : base + "." + w[i], level});
  }
}

}  // namespace

std::vector<ImportedName> scan_imports(const std::string& source) {
  std::vector<ImportedName> out;
  for (const auto& line : logical_lines(source)) {
    for (const auto& stmt : split(line, ';')) {
      const auto w = words_of(std::string(trim(stmt)));
      if (w.empty() || (w[0] != "import" && w[0] != "from")) continue;
      if (w[0] == "from" && (w.size() < 3)) continue;
      read_statement(w, out);
    }
  }
  return out;
}

}  // namespace cpy::bundle
