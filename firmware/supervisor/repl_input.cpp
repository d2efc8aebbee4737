// A lexical look at REPL input: open brackets and strings, compound statements, indentation.
#include "firmware/supervisor/repl_input.hpp"

#include <array>

namespace cpy::firmware {

namespace {

struct ScanState {
  int depth = 0;
  bool in_triple = false;
};

ScanState scan(std::string_view s) {
  ScanState st;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '#') {
      while (i < s.size() && s[i] != '\n') ++i;
    } else if (c == '\\') {
      ++i;
    } else if (c == '(' || c == '[' || c == '{') {
      ++st.depth;
    } else if (c == ')' || c == ']' || c == '}') {
      if (st.depth > 0) --st.depth;
    } else if (c == '"' || c == '\'') {
      bool triple = s.substr(i, 3) == std::string(3, c);
      std::size_t j = i + (triple ? 3 : 1);
      for (; j < s.size(); ++j) {
        if (s[j] == '\\') {
          ++j;
        } else if (triple ? s.substr(j, 3) == std::string(3, c) : (s[j] == c || s[j] == '\n')) {
          break;
        }
      }
      if (j >= s.size()) {
        st.in_triple = triple;
        return st;
      }
      i = triple ? j + 2 : j;
    }
  }
  return st;
}

std::string_view last_line(std::string_view s) {
  std::size_t nl = s.rfind('\n');
  return nl == std::string_view::npos ? s : s.substr(nl + 1);
}

bool is_blank(std::string_view s) { return s.find_first_not_of(" \t") == std::string_view::npos; }

std::string_view strip_comment_and_space(std::string_view line) {
  if (auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  return line;
}

bool starts_compound(std::string_view s) {
  static constexpr std::array<std::string_view, 8> keywords = {"if",   "while", "for",   "try",
                                                               "with", "def",   "class", "async"};
  if (s.starts_with("@")) return true;
  for (auto kw : keywords) {
    if (!s.starts_with(kw)) continue;
    if (s.size() == kw.size()) return true;
    char next = s[kw.size()];
    if (next == ' ' || next == ':' || next == '(' || next == '\t') return true;
  }
  return false;
}

}  // namespace

bool repl_input_complete(std::string_view input) {
  ScanState st = scan(input);
  if (st.in_triple || st.depth > 0) return false;
  std::string_view last = last_line(input);
  if (!last.empty() && last.back() == '\\') return false;
  bool multi_line = input.find('\n') != std::string_view::npos;
  if (starts_compound(input)) return multi_line && is_blank(last);
  std::string_view code = strip_comment_and_space(last);
  if (!code.empty() && code.back() == ':') return false;
  return true;
}

std::string repl_auto_indent(std::string_view input) {
  std::string_view last = last_line(input);
  std::size_t indent = last.find_first_not_of(' ');
  if (indent == std::string_view::npos) return {};
  indent -= indent % 4;
  std::string_view code = strip_comment_and_space(last);
  if (!code.empty() && code.back() == ':') indent += 4;
  return std::string(indent, ' ');
}

}  // namespace cpy::firmware
