// Table-driven parser producing the reference's parse-tree shapes, with its parse-time rewrites (spec §6.4).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "mpycross/diagnostic.hpp"
#include "mpycross/lexer.hpp"
#include "mpycross/parse_chain.hpp"
#include "mpycross/parse_node.hpp"

namespace cpy::mpycross {

/// Strings the reference would already have interned (decides qstr vs str constant, spec §6.2).
using Interned = std::unordered_set<std::string>;
/// The strings longer than 10 bytes built into CP 10.3's mpy-cross (Appendix B).
const std::vector<std::string>& builtin_long_qstrs();

struct ParseOptions {
  int small_int_bits = 31;
};

class Parser {
 public:
  Parser(Lexer& lexer, NodePool& pool, Interned& interned, ParseOptions options);
  /// The root node (may be nullptr for an empty file), or nullopt with error() set.
  std::optional<Node*> parse();
  const Diagnostic& error() const { return m_error; }

 private:
  enum class Res { ok, backtrack, error };
  Res parse_rule(Rule rule);
  Res parse_or(Rule rule);
  Res parse_sub_rule(Rule rule);
  Res parse_chain(std::size_t level, int line);
  Res parse_and(Rule rule, int line, std::size_t from);
  Res finish_and(Rule rule, int line);  ///< the rest of an and-rule whose first item is on the result stack
  Res parse_list(Rule rule, int line);
  Res finish_list(Rule rule, int line);  ///< the rest of a list rule whose first item is on the result stack
  Res parse_list_item(Rule rule, const RuleItem& item);
  Res syntax_error();
  long token_column() const;  ///< column of the current token for error reports, 0 where the lexer cannot tell
  bool advance();
  bool push_token(Rule rule);
  void push_rule_node(int line, Rule rule, std::size_t n);
  Node* leaf(Node::Kind kind);
  Node* const_node(int line, Obj obj);
  Node* number_node(int line, Obj obj);
  Rule peek_rule(std::size_t depth) const;
  Node* peek(std::size_t depth) const { return m_results[m_results.size() - 1 - depth]; }
  Node* pop();
  bool fold_logical(Rule rule, std::size_t& n);
  bool fold_constants(Rule rule, std::size_t n);
  bool fold_const_assignment(std::size_t n);
  bool build_tuple(Rule rule, int line, std::size_t n);
  bool build_tuple_from_stack(int line, std::size_t n);
  bool set_error(std::string type, std::string message, int line);

  Lexer& m_lex;
  NodePool& m_pool;
  Interned& m_interned;
  ParseOptions m_options;
  std::span<const ChainLevel> m_chain;  ///< empty when the fast path is off
  std::vector<Node*> m_results;
  std::vector<Rule> m_rules;
  int m_discard = 0;
  std::unordered_map<std::string, Obj> m_consts;
  Diagnostic m_error;
  bool m_failed = false;
};

}  // namespace cpy::mpycross
