// Table-driven parser: walks the grammar table like the reference (ordered alternatives, backtracking only
// before the first token of a rule is consumed) and applies its node simplifications and constant folding.
#include "mpycross/parser.hpp"

#include <bit>
#include <cmath>
#include <numbers>

#include "mpycross/float_text.hpp"
#include "mpycross/fold.hpp"
#include "mpycross/parse_chain.hpp"

namespace cpy::mpycross {
namespace {

constexpr std::size_t k_intern_len = 10;
// Deeper inputs (hundreds of nested brackets) are rejected instead of overflowing the C++ stack.
constexpr std::size_t k_max_rule_depth = 3000;

std::optional<Num> node_number(const Node* n) {
  if (n == nullptr) return std::nullopt;
  Num num;
  if (n->kind == Node::Kind::small_int) {
    num.i = BigInt(n->small);
    return num;
  }
  if (n->is(Rule::const_object)) {
    if (n->obj->type == Obj::Type::int_) {
      num.i = n->obj->i;
      return num;
    }
    if (n->obj->type == Obj::Type::float_) {
      num.is_float = true;
      num.f = n->obj->f;
      return num;
    }
  }
  return std::nullopt;
}

std::optional<FoldOp> token_fold_op(Tok t) {
  switch (t) {
    case Tok::op_dbl_less:
      return FoldOp::lshift;
    case Tok::op_dbl_more:
      return FoldOp::rshift;
    case Tok::op_plus:
      return FoldOp::add;
    case Tok::op_minus:
      return FoldOp::sub;
    case Tok::op_star:
      return FoldOp::mul;
    case Tok::op_at:
      return FoldOp::matmul;
    case Tok::op_dbl_slash:
      return FoldOp::floordiv;
    case Tok::op_slash:
      return FoldOp::truediv;
    case Tok::op_percent:
      return FoldOp::mod;
    default:
      return std::nullopt;
  }
}

// Validates a float/imaginary literal like the runtime's number parser; nullopt = "invalid syntax for number".
std::optional<Obj> parse_float_token(const std::string& text) {
  std::size_t i = 0, n = text.size();
  enum { intg, frac, expo } in = intg;
  while (i < n) {
    char c = text[i];
    if (c >= '0' && c <= '9') {
      ++i;
    } else if (in == intg && c == '.') {
      in = frac;
      ++i;
    } else if (in != expo && (c | 0x20) == 'e') {
      in = expo;
      ++i;
      if (i < n && (text[i] == '+' || text[i] == '-')) ++i;
      if (i == n) return std::nullopt;
    } else {
      break;
    }
  }
  bool imag = false;
  if (i < n && (text[i] | 0x20) == 'j') {
    imag = true;
    ++i;
  }
  if (i != n) return std::nullopt;
  Obj o = Obj::make(imag ? Obj::Type::complex_ : Obj::Type::float_);
  o.f = parse_float_literal(text);
  return o;
}

/// The value of a plain decimal literal (no prefix, no leading zero) that is a small int; nullopt for anything
/// else, which takes the general path.
std::optional<std::int64_t> small_decimal(std::string_view text, int small_int_bits) {
  constexpr std::size_t k_max_digits = 18;  // fits an int64 without overflow
  if (text.empty() || text.size() > k_max_digits || (text[0] == '0' && text.size() > 1)) return std::nullopt;
  std::int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  if (value >= (std::int64_t{1} << (small_int_bits - 1))) return std::nullopt;
  return value;
}

}  // namespace

const std::vector<std::string>& builtin_long_qstrs() {
  static const std::vector<std::string> list = {
      "ArithmeticError",     "AssertionError",    "AttributeError",       "BaseException",
      "BrokenPipeError",     "ConnectionError",   "GeneratorExit",        "ImportError",
      "IndentationError",    "KeyboardInterrupt", "LookupError",          "MemoryError",
      "NotImplementedError", "OverflowError",     "ReloadException",      "RuntimeError",
      "StopAsyncIteration",  "StopIteration",     "SyntaxError",          "TimeoutError",
      "UnicodeError",        "ViperTypeError",    "ZeroDivisionError",    "__build_class__",
      "__complex__",         "__contains__",      "__context__",          "__delitem__",
      "__getattr__",         "__getitem__",       "__qualname__",         "__repl_print__",
      "__reversed__",        "__setitem__",       "__traceback__",        "bound_method",
      "classmethod",         "difference_update", "intersection",         "intersection_update",
      "micropython",         "staticmethod",      "symmetric_difference", "symmetric_difference_update",
      "unpack_from",         "vcvt_f32_s32",      "vcvt_s32_f32"};
  return list;
}

Parser::Parser(Lexer& lexer, NodePool& pool, Interned& interned, ParseOptions options)
    : m_lex(lexer), m_pool(pool), m_interned(interned), m_options(options), m_chain(chain_levels()) {}

std::optional<Node*> Parser::parse() {
  if (!m_lex.fatal().empty()) {
    set_error("", m_lex.fatal(), 0);
    return std::nullopt;
  }
  Res r = parse_rule(Rule::file_input);
  if (r == Res::backtrack || (r == Res::ok && m_lex.kind() != Tok::end)) syntax_error();
  if (m_failed) return std::nullopt;
  return m_results.empty() ? nullptr : m_results.back();
}

bool Parser::set_error(std::string type, std::string message, int line) {
  if (m_failed) return false;
  m_failed = true;
  if (type.empty()) {
    m_error.form = Diagnostic::Form::bare;
    m_error.type.clear();
  } else {
    m_error.type = std::move(type);
  }
  m_error.message = std::move(message);
  m_error.line = line;
  return false;
}

long Parser::token_column() const {
  // Tokens replayed from f-string fields carry the position after the string, and the end token has none.
  return m_lex.in_fstring_args() || m_lex.kind() == Tok::end ? 0 : m_lex.column();
}

Parser::Res Parser::syntax_error() {
  m_error.column = m_failed ? m_error.column : token_column();
  switch (m_lex.kind()) {
    case Tok::indent:
      set_error("IndentationError", "unexpected indent", m_lex.line());
      break;
    case Tok::dedent_mismatch:
      set_error("IndentationError", "unindent doesn't match any outer indent level", m_lex.line());
      break;
    case Tok::fstring_raw:
      set_error("SyntaxError", "raw f-strings are not supported", m_lex.line());
      break;
    default:
      set_error("SyntaxError", "invalid syntax", m_lex.line());
      break;
  }
  return Res::error;
}

bool Parser::advance() {
  m_lex.next();
  if (!m_lex.fatal().empty()) return set_error("", m_lex.fatal(), 0);
  return true;
}

Rule Parser::peek_rule(std::size_t depth) const {
  // m_rules.back() is the rule being built; its parent is one below.
  if (m_rules.size() < depth + 2) return Rule::count;
  return m_rules[m_rules.size() - 2 - depth];
}

Node* Parser::pop() {
  Node* n = m_results.back();
  m_results.pop_back();
  return n;
}

Node* Parser::leaf(Node::Kind kind) {
  Node* n = m_pool.make();
  n->kind = kind;
  return n;
}

Node* Parser::const_node(int line, Obj obj) {
  Node* n = m_pool.make();
  n->rule = Rule::const_object;
  n->line = line;
  n->obj = std::make_shared<Obj>(std::move(obj));
  return n;
}

Node* Parser::number_node(int line, Obj obj) {
  if (obj.type == Obj::Type::int_) {
    auto v = obj.i.to_int64();
    const std::int64_t limit = std::int64_t{1} << (m_options.small_int_bits - 1);
    if (v && *v >= -limit && *v < limit) {
      Node* n = leaf(Node::Kind::small_int);
      n->small = *v;
      return n;
    }
  }
  return const_node(line, std::move(obj));
}

Parser::Res Parser::parse_rule(Rule rule) {
  int line = m_lex.line();
  if (m_rules.size() > k_max_rule_depth) {
    set_error("", "RuntimeError: maximum recursion depth exceeded", 0);
    return Res::error;
  }
  if (!rule_may_start_with(rule, m_lex.kind())) return Res::backtrack;
  const int level = chain_level(rule);
  if (level >= 0 && !m_chain.empty() && rule_may_start_with(Rule::atom, m_lex.kind()) &&
      m_rules.size() + m_chain.size() <= k_max_rule_depth) {
    return parse_chain(static_cast<std::size_t>(level), line);
  }
  if (rule_def(rule).kind == RuleKind::or_) return parse_or(rule);
  m_rules.push_back(rule);
  const RuleKind kind = rule_def(rule).kind;
  const bool is_and = kind == RuleKind::and_ || kind == RuleKind::and_ident || kind == RuleKind::and_blank;
  Res res = is_and ? parse_and(rule, line, 0) : parse_list(rule, line);
  m_rules.pop_back();
  return res;
}

Parser::Res Parser::parse_sub_rule(Rule rule) {
  // parse_rule checks the depth before the first token, so only skip where that check would pass.
  if (m_rules.size() <= k_max_rule_depth && !rule_may_start_with(rule, m_lex.kind())) return Res::backtrack;
  return parse_rule(rule);
}

// Does what the recursive walk from chain level `level` down to an atom and back does, without the calls: the
// token starts an atom, so every or-rule of the chain takes its last alternative (not kept on the rule stack)
// and every other level has the next level as its first item.
Parser::Res Parser::parse_chain(std::size_t level, int line) {
  const std::size_t base = m_rules.size();
  const std::size_t above = m_chain[level].stack_above;  // levels above `level`, not ours to push
  for (std::size_t k = level; k < m_chain.size(); ++k) {
    if (m_chain[k].on_stack) m_rules.push_back(m_chain[k].rule);
  }
  Res res = parse_rule(Rule::atom);
  std::size_t k = m_chain.size();  // levels [level, k) are still open
  while (res == Res::ok && k > level) {
    // Most levels just pass their child up: go straight to the next one with work to do on this token.
    if (m_discard == 0 && m_results.back() != nullptr) {
      const std::uint32_t open = (std::uint32_t{1} << k) - (std::uint32_t{1} << level);
      const std::uint32_t busy = chain_active_levels(m_lex.kind()) & open;
      if (busy == 0) break;
      k = static_cast<std::size_t>(std::bit_width(busy));
    }
    const ChainLevel& l = m_chain[--k];
    if (!l.on_stack) continue;
    m_rules.resize(base + l.stack_above - above + 1);
    res = l.is_and ? finish_and(l.rule, line) : finish_list(l.rule, line);
  }
  m_rules.resize(base);
  return res;
}

Parser::Res Parser::parse_or(Rule rule) {
  const auto items = rule_def(rule).items;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const RuleItem& item = items[i];
    if (item.kind == RuleItem::Kind::token) {
      if (m_lex.kind() != item.tok()) continue;
      if (!push_token(rule) || !advance()) return Res::error;
      return Res::ok;
    }
    // Skipping here saves the rule-stack push; near the depth limit parse_rule must still report it.
    if (m_rules.size() < k_max_rule_depth && !rule_may_start_with(item.rule(), m_lex.kind())) continue;
    // The reference keeps an or-rule on its rule stack only while alternatives remain.
    bool keep = i + 1 < items.size();
    if (keep) m_rules.push_back(rule);
    Res r = parse_rule(item.rule());
    if (keep) m_rules.pop_back();
    if (r != Res::backtrack) return r;
  }
  return Res::backtrack;
}

Parser::Res Parser::finish_and(Rule rule, int line) {
  if (m_discard > 0) {
    --m_discard;
    return Res::ok;
  }
  return parse_and(rule, line, 1);
}

Parser::Res Parser::parse_and(Rule rule, int line, std::size_t from) {
  const RuleDef& def = rule_def(rule);
  for (std::size_t i = from; i < def.items.size(); ++i) {
    const RuleItem& item = def.items[i];
    if (item.kind == RuleItem::Kind::token) {
      if (m_lex.kind() != item.tok()) return i == 0 ? Res::backtrack : syntax_error();
      if (item.tok() == Tok::name && !push_token(rule)) return Res::error;
      if (!advance()) return Res::error;
      continue;
    }
    Res r = parse_sub_rule(item.rule());
    if (r == Res::error) return r;
    if (m_discard > 0) {
      --m_discard;
      return Res::ok;
    }
    if (r == Res::backtrack) {
      if (item.kind == RuleItem::Kind::opt_rule) {
        m_results.push_back(nullptr);
      } else {
        return i == 0 ? Res::backtrack : syntax_error();
      }
    }
  }
  // A lone constant statement (docstring etc.) becomes `pass`.
  if (rule == Rule::expr_stmt && peek(0) == nullptr) {
    Node* p = peek(1);
    if (p != nullptr && ((p->kind != Node::Kind::rule && p->kind != Node::Kind::id) || p->is(Rule::const_object))) {
      pop();
      pop();
      push_rule_node(line, Rule::pass_stmt, 0);
      return Res::ok;
    }
  }
  std::size_t count = 0, not_nil = 0;
  for (const RuleItem& item : def.items) {
    if (item.kind == RuleItem::Kind::token) {
      if (item.tok() == Tok::name) {
        ++count;
        ++not_nil;
      }
    } else {
      if (peek(count) != nullptr) ++not_nil;
      ++count;
    }
  }
  if (not_nil == 1 && def.kind == RuleKind::and_ident) {
    Node* keep = nullptr;
    for (std::size_t k = 0; k < count; ++k) {
      Node* n = pop();
      if (n != nullptr) keep = n;
    }
    m_results.push_back(keep);
    return Res::ok;
  }
  if (def.kind == RuleKind::and_blank) {
    m_results.push_back(nullptr);
    ++count;
  }
  push_rule_node(line, rule, count);
  return m_failed ? Res::error : Res::ok;
}

Parser::Res Parser::parse_list_item(Rule rule, const RuleItem& item) {
  if (item.kind == RuleItem::Kind::token) {
    if (m_lex.kind() != item.tok()) return Res::backtrack;
    if (!push_token(rule) || !advance()) return Res::error;
    return Res::ok;
  }
  return parse_sub_rule(item.rule());
}

Parser::Res Parser::parse_list(Rule rule, int line) {
  const RuleDef& def = rule_def(rule);
  Res r = parse_list_item(rule, def.items[0]);
  if (r != Res::ok) return r;
  return finish_list(rule, line);
}

Parser::Res Parser::finish_list(Rule rule, int line) {
  const RuleDef& def = rule_def(rule);
  Res r = Res::ok;
  std::size_t count = 1;
  bool trailing = false;
  for (;;) {
    if (def.kind != RuleKind::one_or_more) {
      const RuleItem& sep = def.items[1];
      if (sep.kind == RuleItem::Kind::token) {
        if (m_lex.kind() != sep.tok()) break;
        if (!advance()) return Res::error;
      } else {
        r = parse_sub_rule(sep.rule());
        if (r == Res::error) return r;
        if (r == Res::backtrack) break;
        ++count;
      }
    }
    r = parse_list_item(rule, def.items[0]);
    if (r == Res::error) return r;
    if (r == Res::backtrack) {
      if (def.kind == RuleKind::one_or_more) break;
      if (def.kind == RuleKind::list_trailing) {
        trailing = true;
        break;
      }
      return syntax_error();
    }
    ++count;
  }
  if (count == 1 && !trailing) return Res::ok;
  push_rule_node(line, rule, count);
  return m_failed ? Res::error : Res::ok;
}

bool Parser::push_token(Rule rule) {
  const std::string& text = m_lex.text();
  int line = m_lex.line();
  Node* n = nullptr;
  switch (m_lex.kind()) {
    case Tok::name: {
      if (text.size() > k_max_qstr_len) {
        if (!m_failed) m_error = Diagnostic::name_too_long();
        m_failed = true;
        return false;
      }
      m_interned.insert(text);
      auto it = rule == Rule::atom ? m_consts.find(text) : m_consts.end();
      if (it != m_consts.end()) {
        n = number_node(line, it->second);
        if (it->second.type != Obj::Type::int_) n = const_node(line, it->second);
      } else {
        n = leaf(Node::Kind::id);
        n->str = text;
      }
      break;
    }
    case Tok::integer: {
      if (auto small = small_decimal(text, m_options.small_int_bits)) {
        n = leaf(Node::Kind::small_int);
        n->small = *small;
        break;
      }
      std::string_view digits = text;
      int base = 10;
      if (digits.size() > 1 && digits[0] == '0') {
        char c = static_cast<char>(digits[1] | 0x20);
        base = c == 'x' ? 16 : c == 'o' ? 8 : c == 'b' ? 2 : 0;
        if (base != 0) digits.remove_prefix(2);
      }
      // A leading zero is only allowed when every digit is zero ("00").
      bool all_zero = digits.find_first_not_of('0') == std::string_view::npos;
      auto value =
          base == 0 ? (all_zero ? std::optional<BigInt>(BigInt(0)) : std::nullopt) : BigInt::parse(digits, base);
      if (!value) {
        m_error.column = m_failed ? m_error.column : token_column();
        return set_error(
            "SyntaxError",
            "invalid syntax for integer with base " + std::to_string(base) + ": '" + std::string(digits) + "'", line);
      }
      n = number_node(line, Obj::integer(*value));
      break;
    }
    case Tok::float_or_imag: {
      auto obj = parse_float_token(text);
      if (!obj) {
        m_error.column = m_failed ? m_error.column : token_column();
        return set_error("SyntaxError", "invalid syntax for number", line);
      }
      n = const_node(line, *obj);
      break;
    }
    case Tok::string:
    case Tok::bytes: {
      bool interned = text.size() <= k_intern_len || m_interned.count(text) != 0;
      if (interned) {
        m_interned.insert(text);
        n = leaf(m_lex.kind() == Tok::string ? Node::Kind::string : Node::Kind::bytes);
        n->str = text;
      } else {
        Obj o = Obj::make(m_lex.kind() == Tok::string ? Obj::Type::str : Obj::Type::bytes);
        o.text = text;
        n = const_node(line, std::move(o));
      }
      break;
    }
    default:
      n = leaf(Node::Kind::token);
      n->tok = m_lex.kind();
      break;
  }
  m_results.push_back(n);
  return true;
}

void Parser::push_rule_node(int line, Rule rule, std::size_t n) {
  if (rule == Rule::atom_paren) {
    Node* inner = peek(0);
    if (inner != nullptr && !inner->is(Rule::testlist_comp)) return;
  } else if (rule == Rule::testlist_comp) {
    Node* last = peek(0);
    if (is_rule(last, Rule::testlist_comp_3b)) {
      pop();
      --n;
    } else if (is_rule(last, Rule::testlist_comp_3c)) {
      pop();
      last->rule = Rule::testlist_comp;
      return;
    }
  } else if (rule == Rule::testlist_comp_3c) {
    ++n;
  }
  if (fold_logical(rule, n)) return;
  if (fold_constants(rule, n)) return;
  if (m_failed) return;
  if (build_tuple(rule, line, n)) return;
  Node* node = m_pool.make();
  node->rule = rule;
  node->line = line;
  node->kids = m_pool.make_list(n);
  for (std::size_t k = n; k > 0; --k) node->kids[k - 1] = pop();
  if (rule == Rule::testlist_comp_3c) m_results.push_back(node);
  m_results.push_back(node);
}

bool Parser::fold_logical(Rule rule, std::size_t& n) {
  if (rule == Rule::or_test || rule == Rule::and_test) {
    std::vector<Node*> args(m_results.end() - static_cast<std::ptrdiff_t>(n), m_results.end());
    std::vector<Node*> kept;
    for (std::size_t k = 0; k < args.size(); ++k) {
      Node* a = args[k];
      if (k + 1 == args.size()) {
        kept.push_back(a);
        break;
      }
      bool stop = rule == Rule::or_test ? node_is_const_true(a) : node_is_const_false(a);
      bool drop = rule == Rule::or_test ? node_is_const_false(a) : node_is_const_true(a);
      if (stop) {
        kept.push_back(a);
        break;
      }
      if (!drop) kept.push_back(a);
    }
    m_results.resize(m_results.size() - n);
    m_results.insert(m_results.end(), kept.begin(), kept.end());
    n = kept.size();
    return n == 1;
  }
  if (rule == Rule::not_test_2) {
    Node* a = peek(0);
    Tok t;
    if (node_is_const_false(a)) {
      t = Tok::kw_true;
    } else if (node_is_const_true(a)) {
      t = Tok::kw_false;
    } else {
      return false;
    }
    pop();
    Node* r = leaf(Node::Kind::token);
    r->tok = t;
    m_results.push_back(r);
    return true;
  }
  return false;
}

bool Parser::fold_constants(Rule rule, std::size_t n) {
  std::optional<Num> acc;
  if (rule == Rule::expr || rule == Rule::xor_expr || rule == Rule::and_expr || rule == Rule::power) {
    FoldOp op = rule == Rule::expr       ? FoldOp::or_
                : rule == Rule::xor_expr ? FoldOp::xor_
                : rule == Rule::and_expr ? FoldOp::and_
                                         : FoldOp::pow;
    acc = node_number(peek(n - 1));
    for (std::size_t k = n - 1; acc && k-- > 0;) {
      auto rhs = node_number(peek(k));
      acc = rhs ? fold_binary(op, *acc, *rhs) : std::nullopt;
    }
  } else if (rule == Rule::shift_expr || rule == Rule::arith_expr || rule == Rule::term) {
    acc = node_number(peek(n - 1));
    for (std::size_t k = n - 1; acc && k >= 2; k -= 2) {
      auto rhs = node_number(peek(k - 2));
      auto op = token_fold_op(peek(k - 1)->tok);
      acc = rhs && op ? fold_binary(*op, *acc, *rhs) : std::nullopt;
    }
  } else if (rule == Rule::factor_2) {
    acc = node_number(peek(0));
    Tok t = peek(1)->tok;
    FoldUnary op = t == Tok::op_plus    ? FoldUnary::positive
                   : t == Tok::op_minus ? FoldUnary::negative
                                        : FoldUnary::invert;
    if (acc) acc = fold_unary(op, *acc);
  } else if (rule == Rule::expr_stmt) {
    return fold_const_assignment(n);
  } else if (rule == Rule::atom_expr_normal) {
    Node* base = peek(1);
    Node* attr = peek(0);
    if (!base->is_id() || base->str != "math" || !is_rule(attr, Rule::trailer_period)) return false;
    const std::string& name = attr->kids[0]->str;
    Num v;
    v.is_float = true;
    if (name == "pi") {
      v.f = std::numbers::pi;
    } else if (name == "e") {
      v.f = std::numbers::e;
    } else if (name == "tau") {
      v.f = 2 * std::numbers::pi;
    } else if (name == "inf") {
      v.f = INFINITY;
    } else if (name == "nan") {
      v.f = NAN;
    } else {
      return false;
    }
    acc = v;
  } else {
    return false;
  }
  if (!acc) return false;
  for (std::size_t k = 0; k < n; ++k) pop();
  m_results.push_back(acc->is_float ? const_node(0, Obj::real(acc->f)) : number_node(0, Obj::integer(acc->i)));
  return true;
}

bool Parser::fold_const_assignment(std::size_t n) {
  if (n != 2) return false;
  Node* value = peek(0);
  Node* target = peek(1);
  if (value == nullptr || value->is(Rule::expr_stmt_augassign) || value->is(Rule::expr_stmt_assign_list)) return false;
  if (!target->is_id() || !value->is(Rule::atom_expr_normal)) return false;
  Node* fn = value->kids[0];
  if (!fn->is_id() || fn->str != "const" || !is_rule(value->kids[1], Rule::trailer_paren)) return false;
  Node* arg = value->kids[1]->kids[0];
  if (!node_is_const(arg)) return set_error("SyntaxError", "not a constant", value->line);
  m_consts[target->str] = node_to_obj(arg);
  if (target->str[0] == '_') {
    pop();
    pop();
    push_rule_node(0, Rule::pass_stmt, 0);
    return true;
  }
  pop();
  m_results.push_back(arg);
  return false;
}

bool Parser::build_tuple_from_stack(int line, std::size_t n) {
  for (std::size_t k = 0; k < n; ++k) {
    if (!node_is_const(peek(k))) return false;
  }
  Obj tuple = Obj::make(Obj::Type::tuple);
  tuple.items.resize(n);
  for (std::size_t k = n; k > 0; --k) tuple.items[k - 1] = node_to_obj(pop());
  m_results.push_back(const_node(line, std::move(tuple)));
  return true;
}

bool Parser::build_tuple(Rule rule, int line, std::size_t n) {
  if (rule == Rule::testlist_comp && peek_rule(0) == Rule::atom_paren) return build_tuple_from_stack(line, n);
  if (rule == Rule::testlist_comp_3c && peek_rule(2) == Rule::atom_paren) {
    if (!build_tuple_from_stack(line, n)) return false;
    m_discard = 2;
    return true;
  }
  if (rule == Rule::testlist_star_expr || rule == Rule::testlist || rule == Rule::subscriptlist) {
    return build_tuple_from_stack(line, n);
  }
  return false;
}

}  // namespace cpy::mpycross
