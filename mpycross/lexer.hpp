// Python lexer with the reference's exact token, line and f-string rewriting behaviour (spec §6.1).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "mpycross/token.hpp"

namespace cpy::mpycross {

class Lexer {
 public:
  /// `opt_level` decides what `__debug__` becomes.
  Lexer(std::string_view source, int opt_level);

  Tok kind() const { return m_tok_kind; }
  int line() const { return m_tok_line; }
  /// 1-based column of the token's first byte on its line; a tab advances to the next multiple of 8 plus 1.
  long column() const { return m_tok_column; }
  /// True for tokens read from an f-string's arguments, which the lexer replays after the string token
  /// (their line and column are those of the text after the string, not of the argument).
  bool in_fstring_args() const { return m_tok_in_fstring_args; }
  /// Token text: identifier, number text, or decoded string/bytes contents.
  const std::string& text() const { return m_text; }
  void next();

  /// Set when lexing must stop with an error that has no traceback (e.g. `\N{...}`).
  const std::string& fatal() const { return m_fatal; }

 private:
  static constexpr int k_eof = -1;
  void next_char();
  int read_byte();
  bool is(int c) const { return m_chr0 == c; }
  bool at_end() const { return m_chr0 == k_eof; }
  bool is_string_or_bytes() const;
  bool skip_whitespace(bool stop_at_newline);
  void lex_newline();
  void lex_strings();
  void parse_string_literal(bool is_raw, bool is_fstring);
  void parse_fstring_field();
  bool parse_escape(bool is_raw);
  void add_char(std::uint32_t c);
  bool get_hex(int digits, std::uint32_t& out);
  void lex_name();
  void lex_number();
  void lex_operator();

  std::string_view m_src;
  std::size_t m_pos = 0;
  int m_opt_level;
  int m_chr0 = 0, m_chr1 = 0, m_chr2 = 0;
  int m_saved0 = 0, m_saved1 = 0, m_saved2 = 0;
  std::string m_fstring_args;
  std::size_t m_fstring_idx = 0;
  long m_saved_column = 0;
  int m_line = 1;
  long m_column = -2;
  int m_emit_dent = 0;
  int m_bracket_level = 0;
  std::vector<long> m_indents{0};

  Tok m_tok_kind = Tok::end;
  int m_tok_line = 1;
  long m_tok_column = 1;
  bool m_tok_in_fstring_args = false;
  std::string m_text;
  std::string m_fatal;
};

}  // namespace cpy::mpycross
