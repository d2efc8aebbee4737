// Tests of mpycross/source_scan: token columns and offsets, and imports read from the parse tree.
#include <doctest/doctest.h>

#include "mpycross/source_scan.hpp"

using namespace cpy::mpycross;

namespace {

const SourceToken& find_name(const std::vector<SourceToken>& toks, const std::string& text, int nth = 0) {
  for (const auto& t : toks)
    if (t.kind == Tok::name && t.text == text && nth-- == 0) return t;
  FAIL("no token " << text);
  return toks.front();
}

}  // namespace

TEST_CASE("tokens carry line, column and the byte offset of their text") {
  const std::string src = "import utime\nif x:\n    utime.sleep(1)  # c\n";
  const auto toks = source_tokens(src);
  const auto& use = find_name(toks, "utime", 1);
  CHECK(use.line == 3);
  CHECK(use.column == 5);
  CHECK(src.substr(use.offset, 5) == "utime");
  CHECK(find_name(toks, "sleep").column == 11);
  CHECK(toks.back().kind == Tok::end);
}

TEST_CASE("tabs expand to the next multiple of 8 in columns but offsets stay in bytes") {
  const std::string src = "if x:\n\tfoo = 1\n";
  const auto toks = source_tokens(src);
  const auto& foo = find_name(toks, "foo");
  CHECK(foo.column == 9);
  CHECK(foo.offset == 7);
}

TEST_CASE("CRLF and lone CR end lines like the lexer counts them") {
  const std::string src = "a = 1\r\nb = 2\rc = 3\n";
  const auto toks = source_tokens(src);
  CHECK(find_name(toks, "b").line == 2);
  CHECK(find_name(toks, "c").line == 3);
  CHECK(src[find_name(toks, "c").offset] == 'c');
  CHECK(line_starts(src) == std::vector<std::size_t>{0, 7, 13, 19});
}

TEST_CASE("f-string fields are marked and do not shift the columns after the string") {
  const std::string src = "s = f\"{utime.ticks_ms()}\" + later\n";
  const auto toks = source_tokens(src);
  const auto& inside = find_name(toks, "utime");
  CHECK(inside.in_fstring_args);
  CHECK(inside.offset == SourceToken::k_no_offset);
  const auto& after = find_name(toks, "later");
  CHECK_FALSE(after.in_fstring_args);
  CHECK(after.column == 29);
  CHECK(src.substr(after.offset, 5) == "later");
}

TEST_CASE("imports come from the parse tree with aliases, levels, names and try guards") {
  const auto scan = scan_imports(
      "import a.b as c, d\nfrom ..pkg import (x,\n  y as z)\nfrom . import *\n"
      "def f():\n    try:\n        import ulab\n    except ImportError:\n        import nothing\n");
  REQUIRE_FALSE(scan.error);
  REQUIRE(scan.imports.size() == 6);
  CHECK(scan.imports[0].module == "a.b");
  CHECK(scan.imports[0].alias == "c");
  CHECK(scan.imports[1].module == "d");
  CHECK(scan.imports[1].line == 1);
  CHECK(scan.imports[2].from);
  CHECK(scan.imports[2].level == 2);
  CHECK(scan.imports[2].module == "pkg");
  CHECK(scan.imports[2].names == std::vector<std::pair<std::string, std::string>>{{"x", ""}, {"y", "z"}});
  CHECK(scan.imports[3].module.empty());
  CHECK(scan.imports[3].names.front().first == "*");
  CHECK(scan.imports[4].guarded);
  CHECK(scan.imports[4].line == 7);
  CHECK_FALSE(scan.imports[5].guarded);
}

TEST_CASE("imports in strings and comments are not imports") {
  const auto scan = scan_imports("# import a\ns = 'import b'\n\"\"\"\nimport c\n\"\"\"\n");
  REQUIRE_FALSE(scan.error);
  CHECK(scan.imports.empty());
}

TEST_CASE("a syntax error is reported with the parser's message and line") {
  const auto scan = scan_imports("import a\nimport\n");
  REQUIRE(scan.error);
  CHECK(scan.error->type == "SyntaxError");
  CHECK(scan.error->message == "invalid syntax");
  CHECK(scan.error->line == 2);
}
