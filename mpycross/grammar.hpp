// The Python grammar as one table of rules (spec Appendix C), read by the table-driven parser.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "mpycross/token.hpp"

namespace cpy::mpycross {

// X(rule name) in table order; the rule definitions are in grammar.cpp.
#define CPY_GRAMMAR_RULES(X)                                                                                            \
  X(generic_colon_test)                                                                                                 \
  X(generic_equal_test)                                                                                                 \
  X(file_input)                                                                                                         \
  X(file_input_2)                                                                                                       \
  X(file_input_3)                                                                                                       \
  X(decorator)                                                                                                          \
  X(decorators)                                                                                                         \
  X(decorated) X(decorated_body) X(async_funcdef) X(funcdef) X(funcdefrettype) X(typedargslist) X(                      \
      typedargslist_item) X(typedargslist_name) X(typedargslist_star) X(typedargslist_dbl_star) X(tfpdef)               \
      X(varargslist) X(varargslist_item) X(varargslist_name) X(varargslist_star) X(varargslist_dbl_star) X(vfpdef) X(   \
          stmt) X(simple_stmt) X(simple_stmt_2) X(small_stmt) X(expr_stmt) X(expr_stmt_2) X(expr_stmt_augassign)        \
          X(expr_stmt_assign_list) X(expr_stmt_assign) X(expr_stmt_6) X(testlist_star_expr) X(testlist_star_expr_2) X(  \
              annassign) X(augassign) X(del_stmt) X(pass_stmt) X(flow_stmt) X(break_stmt) X(continue_stmt)              \
              X(return_stmt) X(yield_stmt) X(raise_stmt) X(raise_stmt_arg) X(raise_stmt_from) X(import_stmt) X(         \
                  import_name) X(import_from) X(import_from_2) X(import_from_2b) X(import_from_3)                       \
                  X(import_as_names_paren) X(one_or_more_period_or_ellipsis) X(period_or_ellipsis) X(                   \
                      import_as_name) X(dotted_as_name) X(as_name) X(import_as_names) X(dotted_as_names)                \
                      X(dotted_name) X(global_stmt) X(nonlocal_stmt) X(name_list) X(assert_stmt) X(                     \
                          assert_stmt_extra) X(compound_stmt)                                                           \
                          X(async_stmt) X(async_stmt_2) X(if_stmt) X(if_stmt_elif_list) X(if_stmt_elif) X(              \
                              while_stmt) X(for_stmt) X(try_stmt) X(try_stmt_2) X(try_stmt_except_and_more)             \
                              X(try_stmt_except) X(try_stmt_as_name) X(try_stmt_except_list) X(try_stmt_finally) X(     \
                                  else_stmt) X(with_stmt) X(with_stmt_list)                                             \
                                  X(with_item) X(with_item_as) X(suite) X(suite_block) X(suite_block_stmts) X(          \
                                      namedexpr_test) X(namedexpr_test_2) X(test) X(test_if_expr) X(test_if_else)       \
                                      X(test_nocond) X(lambdef) X(                                                      \
                                          lambdef_nocond) X(or_test) X(and_test) X(not_test) X(not_test_2)              \
                                          X(comparison) X(comp_op) X(comp_op_not_in) X(comp_op_is) X(comp_op_is_not) X( \
                                              star_expr) X(expr) X(xor_expr) X(and_expr) X(shift_expr) X(shift_op)      \
                                              X(arith_expr) X(arith_op) X(term) X(term_op) X(factor) X(factor_2) X(     \
                                                  factor_op) X(power) X(atom_expr)                                      \
                                                  X(atom_expr_await) X(atom_expr_normal) X(atom_expr_trailers) X(       \
                                                      power_dbl_star) X(atom) X(atom_paren)                             \
                                                      X(atom_2b) X(atom_bracket) X(atom_brace) X(testlist_comp) X(      \
                                                          testlist_comp_2)                                              \
                                                          X(testlist_comp_3) X(testlist_comp_3b) X(testlist_comp_3c) X( \
                                                              trailer) X(trailer_paren) X(trailer_bracket)              \
                                                              X(trailer_period) X(subscriptlist) X(subscript)           \
                                                                  X(subscript_2) X(subscript_3) X(subscript_3b) X(      \
                                                                      subscript_3c) X(subscript_3d)                     \
                                                                      X(sliceop) X(exprlist) X(exprlist_2) X(testlist)  \
                                                                          X(dictorsetmaker) X(dictorsetmaker_item) X(   \
                                                                              dictorsetmaker_tail)                      \
                                                                              X(dictorsetmaker_list) X(                 \
                                                                                  dictorsetmaker_list2) X(classdef)     \
                                                                                  X(classdef_2) X(arglist) X(           \
                                                                                      arglist_2) X(arglist_star)        \
                                                                                      X(arglist_dbl_star) X(            \
                                                                                          argument) X(argument_2)       \
                                                                                          X(argument_3) X(              \
                                                                                              comp_iter) X(comp_for)    \
                                                                                              X(comp_if) X(yield_expr)  \
                                                                                                  X(yield_arg) X(       \
                                                                                                      yield_arg_from)   \
                                                                                                      X(const_object)

enum class Rule : std::uint8_t {
#define CPY_RULE_ENUM(name) name,
  CPY_GRAMMAR_RULES(CPY_RULE_ENUM)
#undef CPY_RULE_ENUM
      count
};

enum class RuleKind : std::uint8_t {
  or_,            ///< first matching alternative, no node
  and_,           ///< always a node
  and_ident,      ///< node unless exactly one child is non-empty
  and_blank,      ///< node with an extra empty child
  list,           ///< x (sep x)*
  list_trailing,  ///< x (sep x)* [sep]
  one_or_more,    ///< x+
};

struct RuleItem {
  enum class Kind : std::uint8_t { token, rule, opt_rule };
  Kind kind;
  std::uint8_t value;  ///< Tok or Rule
  constexpr Tok tok() const { return static_cast<Tok>(value); }
  constexpr Rule rule() const { return static_cast<Rule>(value); }
};

struct RuleDef {
  RuleKind kind;
  std::span<const RuleItem> items;
};

/// The grammar table, indexed by Rule (a compile-time constant; the parser's hottest lookup, so inline).
extern const std::array<RuleDef, static_cast<std::size_t>(Rule::count)> k_rule_defs;

inline const RuleDef& rule_def(Rule rule) { return k_rule_defs[static_cast<std::size_t>(rule)]; }

/// A set of token kinds (std::bitset is not constexpr in C++20).
class TokenSet {
 public:
  static constexpr TokenSet of(Tok tok) {
    TokenSet s;
    const auto t = static_cast<std::size_t>(tok);
    s.m_words[t / 64] |= std::uint64_t{1} << (t % 64);
    return s;
  }
  static constexpr TokenSet all() {
    TokenSet s;
    for (std::size_t t = 0; t < static_cast<std::size_t>(Tok::count); ++t)
      s.m_words[t / 64] |= std::uint64_t{1} << (t % 64);
    return s;
  }
  constexpr bool has(Tok tok) const {
    const auto t = static_cast<std::size_t>(tok);
    return (m_words[t / 64] >> (t % 64)) & 1;
  }
  /// Calls f(tok) for each token in the set, in Tok order.
  template <typename F>
  constexpr void for_each(F f) const {
    for (std::size_t i = 0; i < m_words.size(); ++i) {
      for (std::uint64_t w = m_words[i]; w != 0; w &= w - 1) f(static_cast<Tok>(i * 64 + std::countr_zero(w)));
    }
  }
  constexpr bool intersects(const TokenSet& other) const {
    for (std::size_t i = 0; i < m_words.size(); ++i) {
      if ((m_words[i] & other.m_words[i]) != 0) return true;
    }
    return false;
  }
  constexpr TokenSet& operator|=(const TokenSet& other) {
    for (std::size_t i = 0; i < m_words.size(); ++i) m_words[i] |= other.m_words[i];
    return *this;
  }

 private:
  std::array<std::uint64_t, (static_cast<std::size_t>(Tok::count) + 63) / 64> m_words{};
};

/// Per rule, the tokens on which parsing it may get past its first item; on any other token the parser would
/// backtrack out of it without consuming or building anything, so it can skip the rule outright.
extern const std::array<TokenSet, static_cast<std::size_t>(Rule::count)> k_rule_first;

inline const TokenSet& rule_first(Rule rule) { return k_rule_first[static_cast<std::size_t>(rule)]; }
inline bool rule_may_start_with(Rule rule, Tok tok) { return k_rule_first[static_cast<std::size_t>(rule)].has(tok); }
std::string_view rule_name(Rule rule);

}  // namespace cpy::mpycross
