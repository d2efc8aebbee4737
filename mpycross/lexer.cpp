// Python lexer: a three-character window over the source bytes, with f-string arguments injected
// into the character stream after the string token, as the reference does.
#include "mpycross/lexer.hpp"

#include <algorithm>
#include <array>
#include <cstring>

namespace cpy::mpycross {
namespace {

bool is_space(int c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
bool is_alpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(int c) { return c >= '0' && c <= '9'; }
bool is_xdigit(int c) { return is_digit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'); }
int xdigit_value(int c) { return is_digit(c) ? c - '0' : (c | 0x20) - 'a' + 10; }
bool is_quote(int c) { return c == '\'' || c == '"'; }
bool is_ident_head(int c) { return is_alpha(c) || c == '_' || c >= 0x80; }

constexpr std::array<std::string_view, 36> k_keywords = {
    "False", "None",  "True",     "__debug__", "and",    "as",   "assert", "async",  "await",
    "break", "class", "continue", "def",       "del",    "elif", "else",   "except", "finally",
    "for",   "from",  "global",   "if",        "import", "in",   "is",     "lambda", "nonlocal",
    "not",   "or",    "pass",     "raise",     "return", "try",  "while",  "with",   "yield"};

struct OpEntry {
  std::string_view text;
  Tok kind;
};
// Longest match first within each leading character.
constexpr std::array<OpEntry, 46> k_ops = {{
    {"**=", Tok::del_dbl_star_equal},
    {"//=", Tok::del_dbl_slash_equal},
    {"<<=", Tok::del_dbl_less_equal},
    {">>=", Tok::del_dbl_more_equal},
    {"...", Tok::ellipsis},
    {"**", Tok::op_dbl_star},
    {"//", Tok::op_dbl_slash},
    {"<<", Tok::op_dbl_less},
    {">>", Tok::op_dbl_more},
    {"<=", Tok::op_less_equal},
    {">=", Tok::op_more_equal},
    {"==", Tok::op_dbl_equal},
    {"!=", Tok::op_not_equal},
    {":=", Tok::op_assign},
    {"->", Tok::del_minus_more},
    {"+=", Tok::del_plus_equal},
    {"-=", Tok::del_minus_equal},
    {"*=", Tok::del_star_equal},
    {"/=", Tok::del_slash_equal},
    {"%=", Tok::del_percent_equal},
    {"&=", Tok::del_ampersand_equal},
    {"|=", Tok::del_pipe_equal},
    {"^=", Tok::del_caret_equal},
    {"@=", Tok::del_at_equal},
    {"(", Tok::del_paren_open},
    {")", Tok::del_paren_close},
    {"[", Tok::del_bracket_open},
    {"]", Tok::del_bracket_close},
    {"{", Tok::del_brace_open},
    {"}", Tok::del_brace_close},
    {",", Tok::del_comma},
    {";", Tok::del_semicolon},
    {"~", Tok::op_tilde},
    {":", Tok::del_colon},
    {"<", Tok::op_less},
    {">", Tok::op_more},
    {"*", Tok::op_star},
    {"+", Tok::op_plus},
    {"-", Tok::op_minus},
    {"&", Tok::op_ampersand},
    {"|", Tok::op_pipe},
    {"/", Tok::op_slash},
    {"%", Tok::op_percent},
    {"^", Tok::op_caret},
    {"@", Tok::op_at},
    {"=", Tok::del_equal},
}};

// Per leading byte, the indices into k_ops of the operators starting with it, longest first (k_ops' order).
constexpr std::size_t k_max_ops_per_char = 4;
struct OpCandidates {
  std::array<std::uint8_t, k_max_ops_per_char> index{};
  std::uint8_t count = 0;
};
constexpr std::array<OpCandidates, 128> build_op_candidates() {
  std::array<OpCandidates, 128> table{};
  for (std::size_t i = 0; i < k_ops.size(); ++i) {
    OpCandidates& c = table[static_cast<unsigned char>(k_ops[i].text[0])];
    c.index[c.count++] = static_cast<std::uint8_t>(i);
  }
  return table;
}
constexpr auto k_op_candidates = build_op_candidates();

// Per leading byte, the range of k_keywords starting with it (k_keywords is sorted, so each range is contiguous).
struct KeywordRange {
  std::uint8_t first = 0;
  std::uint8_t count = 0;
};
constexpr std::array<KeywordRange, 128> build_keyword_ranges() {
  std::array<KeywordRange, 128> table{};
  for (std::size_t i = 0; i < k_keywords.size(); ++i) {
    KeywordRange& r = table[static_cast<unsigned char>(k_keywords[i][0])];
    if (r.count++ == 0) r.first = static_cast<std::uint8_t>(i);
  }
  return table;
}
constexpr auto k_keyword_ranges = build_keyword_ranges();

/// The keyword token for `text`, or Tok::name.
Tok keyword_kind(std::string_view text) {
  const auto head = static_cast<unsigned char>(text.empty() ? 0 : text[0]);
  if (head >= k_keyword_ranges.size()) return Tok::name;
  const KeywordRange range = k_keyword_ranges[head];
  for (std::size_t i = range.first; i < range.first + range.count; ++i) {
    const std::string_view keyword = k_keywords[i];
    if (keyword.size() == text.size() && std::equal(keyword.begin() + 1, keyword.end(), text.begin() + 1)) {
      return static_cast<Tok>(static_cast<std::size_t>(Tok::kw_false) + i);
    }
  }
  return Tok::name;
}

}  // namespace

Lexer::Lexer(std::string_view source, int opt_level) : m_src(source), m_opt_level(opt_level) {
  next_char();
  next_char();
  next_char();
  next();
  if (m_tok_column != 1 && m_tok_kind != Tok::newline) m_tok_kind = Tok::indent;
}

int Lexer::read_byte() {
  if (m_pos >= m_src.size()) return k_eof;
  return static_cast<unsigned char>(m_src[m_pos++]);
}

void Lexer::next_char() {
  if (m_chr0 == '\n') {
    ++m_line;
    m_column = 1;
  } else if (m_chr0 == '\t') {
    m_column = ((m_column - 1 + 8) / 8) * 8 + 1;
  } else {
    ++m_column;
  }
  m_chr0 = m_chr1;
  m_chr1 = m_chr2;
  if (m_fstring_idx != 0) {
    m_chr2 = m_fstring_idx < m_fstring_args.size() ? static_cast<unsigned char>(m_fstring_args[m_fstring_idx++]) : 0;
    if (m_chr0 == 0) {
      m_chr0 = m_saved0;
      m_chr1 = m_saved1;
      m_chr2 = m_saved2;
      m_column = m_saved_column;
      m_fstring_args.clear();
      m_fstring_idx = 0;
    }
  } else {
    m_chr2 = read_byte();
  }
  if (m_chr1 == '\r') {
    m_chr1 = '\n';
    if (m_chr2 == '\n') m_chr2 = read_byte();
  }
  if (m_chr2 == k_eof && m_chr1 != k_eof && m_chr1 != '\n') m_chr2 = '\n';
}

bool Lexer::is_string_or_bytes() const {
  if (is_quote(m_chr0)) return true;
  if ((m_chr0 == 'r' || m_chr0 == 'u' || m_chr0 == 'b' || m_chr0 == 'f') && is_quote(m_chr1)) return true;
  bool two = (m_chr0 == 'r' && (m_chr1 == 'f' || m_chr1 == 'b')) || (m_chr0 == 'f' && m_chr1 == 'r') ||
             (m_chr0 == 'b' && m_chr1 == 'r');
  return two && is_quote(m_chr2);
}

bool Lexer::skip_whitespace(bool stop_at_newline) {
  while (!at_end()) {
    if (is('\n')) {
      if (stop_at_newline && m_bracket_level == 0) return true;
      next_char();
    } else if (is_space(m_chr0)) {
      next_char();
    } else if (is('#')) {
      next_char();
      while (!at_end() && !is('\n')) next_char();
    } else if (is('\\') && m_chr1 == '\n') {
      next_char();
      next_char();
    } else {
      break;
    }
  }
  return false;
}

void Lexer::next() {
  if (!m_fstring_args.empty() && m_fstring_idx == 0) {
    m_fstring_args.push_back(')');
    m_saved0 = m_chr0;
    m_saved1 = m_chr1;
    m_saved2 = m_chr2;
    m_saved_column = m_column;
    m_fstring_args.push_back('\0');
    m_fstring_args.push_back('\0');
    m_chr0 = static_cast<unsigned char>(m_fstring_args[0]);
    m_chr1 = static_cast<unsigned char>(m_fstring_args[1]);
    m_chr2 = static_cast<unsigned char>(m_fstring_args[2]);
    m_fstring_args.resize(m_fstring_args.size() - 2);
    m_fstring_idx = 3;
  }
  m_text.clear();
  bool had_newline = skip_whitespace(true);
  m_tok_line = m_line;
  m_tok_column = m_column;
  m_tok_in_fstring_args = m_fstring_idx != 0;
  if (m_emit_dent < 0) {
    m_tok_kind = Tok::dedent;
    m_emit_dent += 1;
  } else if (m_emit_dent > 0) {
    m_tok_kind = Tok::indent;
    m_emit_dent -= 1;
  } else if (had_newline) {
    lex_newline();
  } else if (at_end()) {
    m_tok_kind = Tok::end;
  } else if (is_string_or_bytes()) {
    lex_strings();
  } else if (is_ident_head(m_chr0)) {
    lex_name();
  } else if (is_digit(m_chr0) || (is('.') && is_digit(m_chr1))) {
    lex_number();
  } else {
    lex_operator();
  }
}

void Lexer::lex_newline() {
  skip_whitespace(false);
  m_tok_kind = Tok::newline;
  long spaces = m_column - 1;
  if (spaces > m_indents.back()) {
    m_indents.push_back(spaces);
    m_emit_dent += 1;
  } else if (spaces < m_indents.back()) {
    while (spaces < m_indents.back()) {
      m_indents.pop_back();
      m_emit_dent -= 1;
    }
    if (spaces != m_indents.back()) m_tok_kind = Tok::dedent_mismatch;
  }
}

void Lexer::lex_strings() {
  m_tok_kind = Tok::end;
  do {
    bool is_raw = false, is_fstring = false;
    Tok kind = Tok::string;
    int n_char = 0;
    if (is('u')) {
      n_char = 1;
    } else if (is('b')) {
      kind = Tok::bytes;
      n_char = 1;
      if (m_chr1 == 'r') {
        is_raw = true;
        n_char = 2;
      }
    } else if (is('r')) {
      is_raw = true;
      n_char = 1;
      if (m_chr1 == 'b') {
        kind = Tok::bytes;
        n_char = 2;
      }
      if (m_chr1 == 'f') {
        n_char = 2;
        is_fstring = true;
      }
    } else if (is('f')) {
      n_char = 1;
      is_fstring = true;
      if (m_chr1 == 'r') {
        n_char = 2;
        is_raw = true;
      }
    }
    if (m_tok_kind == Tok::end) {
      m_tok_kind = kind;
    } else if (m_tok_kind != kind) {
      break;
    }
    for (int i = 0; i < n_char; ++i) next_char();
    parse_string_literal(is_raw, is_fstring);
    if (!m_fatal.empty()) return;
    skip_whitespace(true);
  } while (is_string_or_bytes());
}

void Lexer::add_char(std::uint32_t c) {
  if (c < 0x80) {
    m_text.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    m_text.push_back(static_cast<char>(0xC0 | (c >> 6)));
    m_text.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    m_text.push_back(static_cast<char>(0xE0 | (c >> 12)));
    m_text.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    m_text.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    m_text.push_back(static_cast<char>(0xF0 | (c >> 18)));
    m_text.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    m_text.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    m_text.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

bool Lexer::get_hex(int digits, std::uint32_t& out) {
  std::uint32_t num = 0;
  while (digits-- != 0) {
    next_char();
    if (!is_xdigit(m_chr0)) return false;
    num = (num << 4) + static_cast<std::uint32_t>(xdigit_value(m_chr0));
  }
  out = num;
  return true;
}

void Lexer::parse_fstring_field() {
  m_fstring_args.push_back('(');
  std::size_t start = m_fstring_args.size();
  unsigned nested = 0;
  while (!at_end()) {
    bool stop = is(':') || is('}') || (is('!') && (m_chr1 == 'r' || m_chr1 == 's') && (m_chr2 == ':' || m_chr2 == '}'));
    if (nested == 0 && stop) break;
    if (is('[') || is('{')) nested += 1;
    if (is(']') || is('}')) nested -= 1;
    m_fstring_args.push_back(static_cast<char>(m_chr0));
    next_char();
  }
  if (!m_fstring_args.empty() && m_fstring_args.back() == '=') {
    m_text.append(m_fstring_args, start, std::string::npos);
    m_fstring_args.pop_back();
  }
  m_fstring_args += "),";
}

// Returns false for a fatal error. Appends the escape's value (or nothing) to the text.
bool Lexer::parse_escape(bool is_raw) {
  next_char();
  long c = m_chr0;
  if (is_raw) {
    m_text.push_back('\\');
  } else {
    switch (c) {
      case '\n':
        c = k_eof;
        break;
      case '\\':
      case '\'':
      case '"':
        break;
      case 'a':
        c = 0x07;
        break;
      case 'b':
        c = 0x08;
        break;
      case 't':
        c = 0x09;
        break;
      case 'n':
        c = 0x0a;
        break;
      case 'v':
        c = 0x0b;
        break;
      case 'f':
        c = 0x0c;
        break;
      case 'r':
        c = 0x0d;
        break;
      case 'u':
      case 'U':
        if (m_tok_kind == Tok::bytes) {
          m_text.push_back('\\');
          break;
        }
        [[fallthrough]];
      case 'x': {
        std::uint32_t num = 0;
        if (!get_hex(c == 'x' ? 2 : c == 'u' ? 4 : 8, num)) m_tok_kind = Tok::invalid;
        c = static_cast<long>(num);
        break;
      }
      case 'N':
        m_fatal = "NotImplementedError: unicode name escapes";
        return false;
      default:
        if (c >= '0' && c <= '7') {
          int digits = 3;
          long num = c - '0';
          while (m_chr1 >= '0' && m_chr1 <= '7' && --digits != 0) {
            next_char();
            num = num * 8 + (m_chr0 - '0');
          }
          c = num;
        } else {
          m_text.push_back('\\');
        }
        break;
    }
  }
  if (c != k_eof) {
    if (c < 0x110000 && m_tok_kind == Tok::string) {
      add_char(static_cast<std::uint32_t>(c));
    } else if (c < 0x100 && m_tok_kind == Tok::bytes) {
      m_text.push_back(static_cast<char>(c));
    } else {
      m_tok_kind = Tok::invalid;
    }
  }
  return true;
}

void Lexer::parse_string_literal(bool is_raw, bool is_fstring) {
  int quote = is('"') ? '"' : '\'';
  next_char();
  std::size_t num_quotes = 1;
  if (is(quote) && m_chr1 == quote) {
    next_char();
    next_char();
    num_quotes = 3;
  }
  std::size_t n_closing = 0;
  // Concatenated and nested f-strings share one .format( call: the prefix goes in only once.
  if (is_fstring && m_fstring_args.empty()) m_fstring_args += ".format(";
  while (!at_end() && (num_quotes > 1 || !is('\n')) && n_closing < num_quotes) {
    if (is(quote)) {
      n_closing += 1;
      m_text.push_back(static_cast<char>(m_chr0));
    } else {
      n_closing = 0;
      while (is_fstring && is('{')) {
        next_char();
        if (is('{')) {
          m_text.push_back('{');
          next_char();
        } else {
          parse_fstring_field();
        }
        m_text.push_back('{');
      }
      if (is('\\')) {
        if (!parse_escape(is_raw)) return;
      } else {
        m_text.push_back(static_cast<char>(m_chr0));
      }
    }
    next_char();
  }
  if (n_closing < num_quotes) m_tok_kind = Tok::lonely_string_open;
  m_text.resize(m_text.size() - n_closing);
}

void Lexer::lex_name() {
  m_tok_kind = Tok::name;
  m_text.push_back(static_cast<char>(m_chr0));
  next_char();
  while (!at_end() && (is_ident_head(m_chr0) || is_digit(m_chr0))) {
    m_text.push_back(static_cast<char>(m_chr0));
    next_char();
  }
  m_tok_kind = keyword_kind(m_text);
  if (m_tok_kind == Tok::kw_debug) m_tok_kind = m_opt_level == 0 ? Tok::kw_true : Tok::kw_false;
}

void Lexer::lex_number() {
  bool forced_integer = false;
  if (is('.')) {
    m_tok_kind = Tok::float_or_imag;
  } else {
    m_tok_kind = Tok::integer;
    int c1 = m_chr1 | 0x20;
    if (is('0') && (c1 == 'b' || c1 == 'o' || c1 == 'x')) forced_integer = true;
  }
  m_text.push_back(static_cast<char>(m_chr0));
  next_char();
  while (!at_end()) {
    if (!forced_integer && (is('e') || is('E'))) {
      m_tok_kind = Tok::float_or_imag;
      m_text.push_back('e');
      next_char();
      if (is('+') || is('-')) {
        m_text.push_back(static_cast<char>(m_chr0));
        next_char();
      }
    } else if (is_alpha(m_chr0) || is_digit(m_chr0) || is('.')) {
      if (is('.') || is('j') || is('J')) m_tok_kind = Tok::float_or_imag;
      m_text.push_back(static_cast<char>(m_chr0));
      next_char();
    } else if (is('_')) {
      next_char();
    } else {
      break;
    }
  }
}

void Lexer::lex_operator() {
  const OpCandidates none{};
  const OpCandidates& candidates =
      m_chr0 >= 0 && m_chr0 < static_cast<int>(k_op_candidates.size()) ? k_op_candidates[m_chr0] : none;
  for (std::size_t c = 0; c < candidates.count; ++c) {
    const OpEntry& op = k_ops[candidates.index[c]];
    bool match = m_chr0 == static_cast<unsigned char>(op.text[0]) &&
                 (op.text.size() < 2 || m_chr1 == static_cast<unsigned char>(op.text[1])) &&
                 (op.text.size() < 3 || m_chr2 == static_cast<unsigned char>(op.text[2]));
    if (!match) continue;
    for (std::size_t i = 0; i < op.text.size(); ++i) next_char();
    m_tok_kind = op.kind;
    if (op.kind == Tok::del_paren_open || op.kind == Tok::del_bracket_open || op.kind == Tok::del_brace_open) {
      m_bracket_level += 1;
    } else if (op.kind == Tok::del_paren_close || op.kind == Tok::del_bracket_close ||
               op.kind == Tok::del_brace_close) {
      m_bracket_level -= 1;
    }
    return;
  }
  if (is('.')) {
    next_char();
    m_tok_kind = Tok::del_period;
    return;
  }
  next_char();
  m_tok_kind = Tok::invalid;
}

}  // namespace cpy::mpycross
