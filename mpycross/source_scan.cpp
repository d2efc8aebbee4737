// Token positions mapped back to byte offsets, and a walk of the parse tree collecting import statements.
#include "mpycross/source_scan.hpp"

#include "mpycross/lexer.hpp"
#include "mpycross/parser.hpp"

namespace cpy::mpycross {
namespace {

bool ends_lexing(Tok kind) {
  return kind == Tok::end || kind == Tok::invalid || kind == Tok::dedent_mismatch || kind == Tok::lonely_string_open ||
         kind == Tok::fstring_raw;
}

bool has_source_text(Tok kind) { return kind == Tok::name || (kind >= Tok::kw_false && kind <= Tok::kw_yield); }

/// The byte offset of lexer column `column` on the line starting at `start`, or k_no_offset.
std::size_t offset_of(std::string_view source, std::size_t start, long column) {
  long col = 1;
  for (std::size_t i = start; i < source.size(); ++i) {
    if (col == column) return i;
    if (col > column || source[i] == '\n' || source[i] == '\r') break;
    col = source[i] == '\t' ? ((col - 1 + 8) / 8) * 8 + 1 : col + 1;
  }
  return SourceToken::k_no_offset;
}

std::size_t token_offset(std::string_view source, const std::vector<std::size_t>& starts, const SourceToken& tok) {
  if (tok.in_fstring_args || tok.kind == Tok::newline || tok.kind == Tok::indent || tok.kind == Tok::dedent ||
      tok.kind == Tok::end)
    return SourceToken::k_no_offset;
  if (tok.line < 1 || static_cast<std::size_t>(tok.line) > starts.size()) return SourceToken::k_no_offset;
  const std::size_t at = offset_of(source, starts[static_cast<std::size_t>(tok.line - 1)], tok.column);
  if (at == SourceToken::k_no_offset) return at;
  if (has_source_text(tok.kind) && source.substr(at, tok.text.size()) != tok.text) return SourceToken::k_no_offset;
  return at;
}

std::string dotted(const Node* n) {
  if (n == nullptr) return {};
  if (n->is_id()) return n->str;
  std::string out;
  for (const Node* kid : n->kids) {
    if (!out.empty()) out += '.';
    out += dotted(kid);
  }
  return out;
}

class ImportWalker {
 public:
  explicit ImportWalker(std::vector<ImportedModule>& out) : m_out(out) {}

  void walk(const Node* n, bool guarded) {
    if (n == nullptr || n->kind != Node::Kind::rule) return;
    if (n->rule == Rule::import_name) return import_name(n, guarded);
    if (n->rule == Rule::import_from) return import_from(n, guarded);
    for (std::size_t i = 0; i < n->kids.size(); ++i) walk(n->kids[i], guarded || (n->rule == Rule::try_stmt && i == 0));
  }

 private:
  void import_name(const Node* n, bool guarded) {
    for (Node* item : node_list(n->kids[0], Rule::dotted_as_names)) {
      ImportedModule m;
      m.line = n->line;
      m.guarded = guarded;
      if (is_rule(item, Rule::dotted_as_name)) {
        m.alias = item->kids[1]->str;
        item = item->kids[0];
      }
      m.module = dotted(item);
      m_out.push_back(std::move(m));
    }
  }

  void import_from(const Node* n, bool guarded) {
    ImportedModule m;
    m.from = true;
    m.line = n->line;
    m.guarded = guarded;
    Node* source = n->kids[0];
    Node* dots = nullptr;
    if (source != nullptr && (source->kind == Node::Kind::token || source->is(Rule::one_or_more_period_or_ellipsis))) {
      dots = source;
      source = nullptr;
    } else if (is_rule(source, Rule::import_from_2b)) {
      dots = source->kids[0];
      source = source->kids[1];
    }
    for (Node* dot : node_list(dots, Rule::one_or_more_period_or_ellipsis))
      m.level += dot->is_token(Tok::del_period) ? 1 : 3;
    m.module = dotted(source);
    Node* names = n->kids[1];
    if (names->is_token(Tok::op_star)) {
      m.names.emplace_back("*", "");
    } else {
      for (Node* item : node_list(names, Rule::import_as_names))
        m.names.emplace_back(item->kids[0]->str, item->kids[1] == nullptr ? "" : item->kids[1]->str);
    }
    m_out.push_back(std::move(m));
  }

  std::vector<ImportedModule>& m_out;
};

}  // namespace

std::vector<std::size_t> line_starts(std::string_view source) {
  std::vector<std::size_t> starts{0};
  for (std::size_t i = 0; i < source.size(); ++i) {
    if (source[i] == '\r' && i + 1 < source.size() && source[i + 1] == '\n') ++i;
    if (source[i] == '\n' || source[i] == '\r') starts.push_back(i + 1);
  }
  return starts;
}

std::vector<SourceToken> source_tokens(std::string_view source) {
  const auto starts = line_starts(source);
  std::vector<SourceToken> out;
  Lexer lex(source, 0);
  while (true) {
    SourceToken tok{lex.kind(), lex.text(), lex.line(), lex.column(), SourceToken::k_no_offset, lex.in_fstring_args()};
    tok.offset = token_offset(source, starts, tok);
    out.push_back(std::move(tok));
    if (ends_lexing(lex.kind()) || !lex.fatal().empty()) break;
    lex.next();
  }
  return out;
}

ImportScan scan_imports(std::string_view source) {
  ImportScan scan;
  Lexer lexer(source, 0);
  NodePool pool;
  Interned interned;
  Parser parser(lexer, pool, interned, ParseOptions{});
  auto root = parser.parse();
  if (!root) {
    scan.error = parser.error();
    return scan;
  }
  ImportWalker(scan.imports).walk(*root, false);
  return scan;
}

}  // namespace cpy::mpycross
