// Lexer: tokens, lines, indentation, string escapes and f-string rewriting.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "mpycross/lexer.hpp"

using cpy::mpycross::Lexer;
using cpy::mpycross::Tok;

namespace {

struct Seen {
  Tok kind;
  int line;
  std::string text;
};

std::vector<Seen> lex_all(const std::string& src, int opt = 0) {
  Lexer lex(src, opt);
  std::vector<Seen> out;
  for (int guard = 0; guard < 1000; ++guard) {
    out.push_back({lex.kind(), lex.line(), lex.text()});
    if (lex.kind() == Tok::end) break;
    lex.next();
  }
  return out;
}

std::vector<Tok> kinds(const std::string& src) {
  std::vector<Tok> out;
  for (const auto& s : lex_all(src)) out.push_back(s.kind);
  return out;
}

}  // namespace

TEST_CASE("lexer produces indent and dedent tokens around a block") {
  auto k = kinds("if x:\n    y\nz\n");
  std::vector<Tok> expected = {Tok::kw_if,   Tok::name,   Tok::del_colon, Tok::newline, Tok::indent, Tok::name,
                               Tok::newline, Tok::dedent, Tok::name,      Tok::newline, Tok::end};
  CHECK(k == expected);
}

TEST_CASE("lexer gives a NEWLINE the line of the statement it ends") {
  auto toks = lex_all("x = 1 +\n");
  REQUIRE(toks.size() >= 5);
  CHECK(toks[4].kind == Tok::newline);
  CHECK(toks[4].line == 1);
}

TEST_CASE("lexer reports a dedent to an unknown column") {
  auto k = kinds("if x:\n    y\n  z\n");
  CHECK(std::find(k.begin(), k.end(), Tok::dedent_mismatch) != k.end());
}

TEST_CASE("lexer turns an indented first line into an indent token") { CHECK(kinds("  x\n").front() == Tok::indent); }

TEST_CASE("lexer treats CRLF like LF and adds a missing final newline") { CHECK(kinds("a\r\nb") == kinds("a\nb\n")); }

TEST_CASE("lexer decodes escapes into UTF-8 for str and bytes for bytes") {
  auto s = lex_all("'\\xff\\n\\101'");
  CHECK(s[0].kind == Tok::string);
  CHECK(s[0].text == "\xC3\xBF\nA");
  auto b = lex_all("b'\\xff\\u1234'");
  CHECK(b[0].kind == Tok::bytes);
  CHECK(b[0].text == "\xFF\\u1234");
}

TEST_CASE("lexer keeps unknown escapes and raw backslashes") {
  CHECK(lex_all("'\\q'")[0].text == "\\q");
  CHECK(lex_all("r'\\n'")[0].text == "\\n");
}

TEST_CASE("lexer concatenates adjacent string literals") {
  auto s = lex_all("'ab' \"cd\"\n");
  CHECK(s[0].text == "abcd");
  CHECK(s[1].kind == Tok::newline);
}

TEST_CASE("lexer rewrites an f-string into a format call") {
  auto s = lex_all("f'a{x}b{y!r:>3}'\n");
  std::vector<Tok> expected = {Tok::string,
                               Tok::del_period,
                               Tok::name,
                               Tok::del_paren_open,
                               Tok::del_paren_open,
                               Tok::name,
                               Tok::del_paren_close,
                               Tok::del_comma,
                               Tok::del_paren_open,
                               Tok::name,
                               Tok::del_paren_close,
                               Tok::del_comma,
                               Tok::del_paren_close,
                               Tok::newline,
                               Tok::end};
  std::vector<Tok> got;
  for (const auto& t : s) got.push_back(t.kind);
  CHECK(got == expected);
  CHECK(s[0].text == "a{}b{!r:>3}");
  CHECK(s[2].text == "format");
}

TEST_CASE("lexer turns __debug__ into True or False by optimisation level") {
  CHECK(lex_all("__debug__", 0)[0].kind == Tok::kw_true);
  CHECK(lex_all("__debug__", 1)[0].kind == Tok::kw_false);
}

TEST_CASE("lexer drops underscores in numbers and marks floats and imaginaries") {
  auto s = lex_all("1_000 1.5 2e3 3j 0x1F");
  CHECK(s[0].kind == Tok::integer);
  CHECK(s[0].text == "1000");
  CHECK(s[1].kind == Tok::float_or_imag);
  CHECK(s[2].kind == Tok::float_or_imag);
  CHECK(s[3].kind == Tok::float_or_imag);
  CHECK(s[4].kind == Tok::integer);
}

TEST_CASE("lexer stops with a fatal error on a unicode name escape") {
  Lexer lex("'\\N{DASH}'", 0);
  CHECK(lex.fatal() == "NotImplementedError: unicode name escapes");
}

TEST_CASE("lexer recognises every keyword and only whole keywords") {
  const std::vector<std::pair<std::string, Tok>> words = {
      {"False", Tok::kw_false}, {"None", Tok::kw_none},         {"and", Tok::kw_and},
      {"yield", Tok::kw_yield}, {"nonlocal", Tok::kw_nonlocal}, {"lambda", Tok::kw_lambda},
      {"is", Tok::kw_is},       {"with", Tok::kw_with},         {"an", Tok::name},
      {"yields", Tok::name},    {"false", Tok::name},           {"_", Tok::name},
      {"a", Tok::name},         {"nonlocals", Tok::name},       {"__debug", Tok::name},
      {"zzzzzzzzzz", Tok::name}};
  for (const auto& entry : words) {
    const std::string& word = entry.first;
    CAPTURE(word);
    CHECK(kinds(word + "\n").front() == entry.second);
  }
}

TEST_CASE("lexer reads the longest operator at each position") {
  CHECK(kinds("a **= b // c <<= d -> e != f\n") ==
        std::vector<Tok>{Tok::name, Tok::del_dbl_star_equal, Tok::name, Tok::op_dbl_slash, Tok::name,
                         Tok::del_dbl_less_equal, Tok::name, Tok::del_minus_more, Tok::name, Tok::op_not_equal,
                         Tok::name, Tok::newline, Tok::end});
  CHECK(kinds("a...b.c\n") ==
        std::vector<Tok>{Tok::name, Tok::ellipsis, Tok::name, Tok::del_period, Tok::name, Tok::newline, Tok::end});
  CHECK(kinds("$\n").front() == Tok::invalid);
}
