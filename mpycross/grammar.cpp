// The grammar table: one line per rule, in the notation of spec Appendix C.
#include "mpycross/grammar.hpp"

#include <array>

namespace cpy::mpycross {
namespace {

using K = RuleItem::Kind;
constexpr RuleItem T(Tok t) { return {K::token, static_cast<std::uint8_t>(t)}; }
constexpr RuleItem R(Rule r) { return {K::rule, static_cast<std::uint8_t>(r)}; }
constexpr RuleItem O(Rule r) { return {K::opt_rule, static_cast<std::uint8_t>(r)}; }

// Each rule's items and kind, as constants named after the rule; k_rule_defs lists them in Rule order.
#define DEF(name, kind, ...)                           \
  constexpr RuleItem k_items_##name[] = {__VA_ARGS__}; \
  constexpr RuleDef k_def_##name = {RuleKind::kind, k_items_##name};
#define N Tok::name
#define RU(x) R(Rule::x)
#define OP(x) O(Rule::x)
#define TK(x) T(Tok::x)

DEF(generic_colon_test, and_ident, TK(del_colon), RU(test))
DEF(generic_equal_test, and_ident, TK(del_equal), RU(test))
DEF(file_input, and_ident, OP(file_input_2))
DEF(file_input_2, one_or_more, RU(file_input_3))
DEF(file_input_3, or_, TK(newline), RU(stmt))
DEF(decorator, and_, TK(op_at), RU(dotted_name), OP(trailer_paren), TK(newline))
DEF(decorators, one_or_more, RU(decorator))
DEF(decorated, and_ident, RU(decorators), RU(decorated_body))
DEF(decorated_body, or_, RU(classdef), RU(funcdef), RU(async_funcdef))
DEF(async_funcdef, and_, TK(kw_async), RU(funcdef))
DEF(funcdef, and_blank, TK(kw_def), T(N), TK(del_paren_open), OP(typedargslist), TK(del_paren_close),
    OP(funcdefrettype), TK(del_colon), RU(suite))
DEF(funcdefrettype, and_ident, TK(del_minus_more), RU(test))
DEF(typedargslist, list_trailing, RU(typedargslist_item), TK(del_comma))
DEF(typedargslist_item, or_, RU(typedargslist_name), RU(typedargslist_star), RU(typedargslist_dbl_star))
DEF(typedargslist_name, and_ident, T(N), OP(generic_colon_test), OP(generic_equal_test))
DEF(typedargslist_star, and_, TK(op_star), OP(tfpdef))
DEF(typedargslist_dbl_star, and_, TK(op_dbl_star), T(N), OP(generic_colon_test))
DEF(tfpdef, and_, T(N), OP(generic_colon_test))
DEF(varargslist, list_trailing, RU(varargslist_item), TK(del_comma))
DEF(varargslist_item, or_, RU(varargslist_name), RU(varargslist_star), RU(varargslist_dbl_star))
DEF(varargslist_name, and_ident, T(N), OP(generic_equal_test))
DEF(varargslist_star, and_, TK(op_star), OP(vfpdef))
DEF(varargslist_dbl_star, and_, TK(op_dbl_star), T(N))
DEF(vfpdef, and_ident, T(N))
DEF(stmt, or_, RU(compound_stmt), RU(simple_stmt))
DEF(simple_stmt, and_ident, RU(simple_stmt_2), TK(newline))
DEF(simple_stmt_2, list_trailing, RU(small_stmt), TK(del_semicolon))
DEF(small_stmt, or_, RU(del_stmt), RU(pass_stmt), RU(flow_stmt), RU(import_stmt), RU(global_stmt), RU(nonlocal_stmt),
    RU(assert_stmt), RU(expr_stmt))
DEF(expr_stmt, and_, RU(testlist_star_expr), OP(expr_stmt_2))
DEF(expr_stmt_2, or_, RU(annassign), RU(expr_stmt_augassign), RU(expr_stmt_assign_list))
DEF(expr_stmt_augassign, and_ident, RU(augassign), RU(expr_stmt_6))
DEF(expr_stmt_assign_list, one_or_more, RU(expr_stmt_assign))
DEF(expr_stmt_assign, and_ident, TK(del_equal), RU(expr_stmt_6))
DEF(expr_stmt_6, or_, RU(yield_expr), RU(testlist_star_expr))
DEF(testlist_star_expr, list_trailing, RU(testlist_star_expr_2), TK(del_comma))
DEF(testlist_star_expr_2, or_, RU(star_expr), RU(test))
DEF(annassign, and_, TK(del_colon), RU(test), OP(expr_stmt_assign))
DEF(augassign, or_, TK(del_plus_equal), TK(del_minus_equal), TK(del_star_equal), TK(del_at_equal), TK(del_slash_equal),
    TK(del_percent_equal), TK(del_ampersand_equal), TK(del_pipe_equal), TK(del_caret_equal), TK(del_dbl_less_equal),
    TK(del_dbl_more_equal), TK(del_dbl_star_equal), TK(del_dbl_slash_equal))
DEF(del_stmt, and_, TK(kw_del), RU(exprlist))
DEF(pass_stmt, and_, TK(kw_pass))
DEF(flow_stmt, or_, RU(break_stmt), RU(continue_stmt), RU(return_stmt), RU(raise_stmt), RU(yield_stmt))
DEF(break_stmt, and_, TK(kw_break))
DEF(continue_stmt, and_, TK(kw_continue))
DEF(return_stmt, and_, TK(kw_return), OP(testlist))
DEF(yield_stmt, and_, RU(yield_expr))
DEF(raise_stmt, and_, TK(kw_raise), OP(raise_stmt_arg))
DEF(raise_stmt_arg, and_ident, RU(test), OP(raise_stmt_from))
DEF(raise_stmt_from, and_ident, TK(kw_from), RU(test))
DEF(import_stmt, or_, RU(import_name), RU(import_from))
DEF(import_name, and_, TK(kw_import), RU(dotted_as_names))
DEF(import_from, and_, TK(kw_from), RU(import_from_2), TK(kw_import), RU(import_from_3))
DEF(import_from_2, or_, RU(dotted_name), RU(import_from_2b))
DEF(import_from_2b, and_ident, RU(one_or_more_period_or_ellipsis), OP(dotted_name))
DEF(import_from_3, or_, TK(op_star), RU(import_as_names_paren), RU(import_as_names))
DEF(import_as_names_paren, and_ident, TK(del_paren_open), RU(import_as_names), TK(del_paren_close))
DEF(one_or_more_period_or_ellipsis, one_or_more, RU(period_or_ellipsis))
DEF(period_or_ellipsis, or_, TK(del_period), TK(ellipsis))
DEF(import_as_name, and_, T(N), OP(as_name))
DEF(dotted_as_name, and_ident, RU(dotted_name), OP(as_name))
DEF(as_name, and_ident, TK(kw_as), T(N))
DEF(import_as_names, list_trailing, RU(import_as_name), TK(del_comma))
DEF(dotted_as_names, list, RU(dotted_as_name), TK(del_comma))
DEF(dotted_name, list, T(N), TK(del_period))
DEF(global_stmt, and_, TK(kw_global), RU(name_list))
DEF(nonlocal_stmt, and_, TK(kw_nonlocal), RU(name_list))
DEF(name_list, list, T(N), TK(del_comma))
DEF(assert_stmt, and_, TK(kw_assert), RU(test), OP(assert_stmt_extra))
DEF(assert_stmt_extra, and_ident, TK(del_comma), RU(test))
DEF(compound_stmt, or_, RU(if_stmt), RU(while_stmt), RU(for_stmt), RU(try_stmt), RU(with_stmt), RU(funcdef),
    RU(classdef), RU(decorated), RU(async_stmt))
DEF(async_stmt, and_, TK(kw_async), RU(async_stmt_2))
DEF(async_stmt_2, or_, RU(funcdef), RU(with_stmt), RU(for_stmt))
DEF(if_stmt, and_, TK(kw_if), RU(namedexpr_test), TK(del_colon), RU(suite), OP(if_stmt_elif_list), OP(else_stmt))
DEF(if_stmt_elif_list, one_or_more, RU(if_stmt_elif))
DEF(if_stmt_elif, and_, TK(kw_elif), RU(namedexpr_test), TK(del_colon), RU(suite))
DEF(while_stmt, and_, TK(kw_while), RU(namedexpr_test), TK(del_colon), RU(suite), OP(else_stmt))
DEF(for_stmt, and_, TK(kw_for), RU(exprlist), TK(kw_in), RU(testlist), TK(del_colon), RU(suite), OP(else_stmt))
DEF(try_stmt, and_, TK(kw_try), TK(del_colon), RU(suite), RU(try_stmt_2))
DEF(try_stmt_2, or_, RU(try_stmt_except_and_more), RU(try_stmt_finally))
DEF(try_stmt_except_and_more, and_ident, RU(try_stmt_except_list), OP(else_stmt), OP(try_stmt_finally))
DEF(try_stmt_except, and_, TK(kw_except), OP(try_stmt_as_name), TK(del_colon), RU(suite))
DEF(try_stmt_as_name, and_ident, RU(test), OP(as_name))
DEF(try_stmt_except_list, one_or_more, RU(try_stmt_except))
DEF(try_stmt_finally, and_, TK(kw_finally), TK(del_colon), RU(suite))
DEF(else_stmt, and_ident, TK(kw_else), TK(del_colon), RU(suite))
DEF(with_stmt, and_, TK(kw_with), RU(with_stmt_list), TK(del_colon), RU(suite))
DEF(with_stmt_list, list, RU(with_item), TK(del_comma))
DEF(with_item, and_ident, RU(test), OP(with_item_as))
DEF(with_item_as, and_ident, TK(kw_as), RU(expr))
DEF(suite, or_, RU(suite_block), RU(simple_stmt))
DEF(suite_block, and_ident, TK(newline), TK(indent), RU(suite_block_stmts), TK(dedent))
DEF(suite_block_stmts, one_or_more, RU(stmt))
DEF(namedexpr_test, and_ident, RU(test), OP(namedexpr_test_2))
DEF(namedexpr_test_2, and_ident, TK(op_assign), RU(test))
DEF(test, or_, RU(lambdef), RU(test_if_expr))
DEF(test_if_expr, and_ident, RU(or_test), OP(test_if_else))
DEF(test_if_else, and_, TK(kw_if), RU(or_test), TK(kw_else), RU(test))
DEF(test_nocond, or_, RU(lambdef_nocond), RU(or_test))
DEF(lambdef, and_blank, TK(kw_lambda), OP(varargslist), TK(del_colon), RU(test))
DEF(lambdef_nocond, and_blank, TK(kw_lambda), OP(varargslist), TK(del_colon), RU(test_nocond))
DEF(or_test, list, RU(and_test), TK(kw_or))
DEF(and_test, list, RU(not_test), TK(kw_and))
DEF(not_test, or_, RU(not_test_2), RU(comparison))
DEF(not_test_2, and_, TK(kw_not), RU(not_test))
DEF(comparison, list, RU(expr), RU(comp_op))
DEF(comp_op, or_, TK(op_less), TK(op_more), TK(op_dbl_equal), TK(op_less_equal), TK(op_more_equal), TK(op_not_equal),
    TK(kw_in), RU(comp_op_not_in), RU(comp_op_is))
DEF(comp_op_not_in, and_, TK(kw_not), TK(kw_in))
DEF(comp_op_is, and_, TK(kw_is), OP(comp_op_is_not))
DEF(comp_op_is_not, and_, TK(kw_not))
DEF(star_expr, and_, TK(op_star), RU(expr))
DEF(expr, list, RU(xor_expr), TK(op_pipe))
DEF(xor_expr, list, RU(and_expr), TK(op_caret))
DEF(and_expr, list, RU(shift_expr), TK(op_ampersand))
DEF(shift_expr, list, RU(arith_expr), RU(shift_op))
DEF(shift_op, or_, TK(op_dbl_less), TK(op_dbl_more))
DEF(arith_expr, list, RU(term), RU(arith_op))
DEF(arith_op, or_, TK(op_plus), TK(op_minus))
DEF(term, list, RU(factor), RU(term_op))
DEF(term_op, or_, TK(op_star), TK(op_at), TK(op_slash), TK(op_percent), TK(op_dbl_slash))
DEF(factor, or_, RU(factor_2), RU(power))
DEF(factor_2, and_ident, RU(factor_op), RU(factor))
DEF(factor_op, or_, TK(op_plus), TK(op_minus), TK(op_tilde))
DEF(power, and_ident, RU(atom_expr), OP(power_dbl_star))
DEF(atom_expr, or_, RU(atom_expr_await), RU(atom_expr_normal))
DEF(atom_expr_await, and_, TK(kw_await), RU(atom), OP(atom_expr_trailers))
DEF(atom_expr_normal, and_ident, RU(atom), OP(atom_expr_trailers))
DEF(atom_expr_trailers, one_or_more, RU(trailer))
DEF(power_dbl_star, and_ident, TK(op_dbl_star), RU(factor))
DEF(atom, or_, T(N), TK(integer), TK(float_or_imag), TK(string), TK(bytes), TK(ellipsis), TK(kw_none), TK(kw_true),
    TK(kw_false), RU(atom_paren), RU(atom_bracket), RU(atom_brace))
DEF(atom_paren, and_, TK(del_paren_open), OP(atom_2b), TK(del_paren_close))
DEF(atom_2b, or_, RU(yield_expr), RU(testlist_comp))
DEF(atom_bracket, and_, TK(del_bracket_open), OP(testlist_comp), TK(del_bracket_close))
DEF(atom_brace, and_, TK(del_brace_open), OP(dictorsetmaker), TK(del_brace_close))
DEF(testlist_comp, and_ident, RU(testlist_comp_2), OP(testlist_comp_3))
DEF(testlist_comp_2, or_, RU(star_expr), RU(namedexpr_test))
DEF(testlist_comp_3, or_, RU(comp_for), RU(testlist_comp_3b))
DEF(testlist_comp_3b, and_ident, TK(del_comma), OP(testlist_comp_3c))
DEF(testlist_comp_3c, list_trailing, RU(testlist_comp_2), TK(del_comma))
DEF(trailer, or_, RU(trailer_paren), RU(trailer_bracket), RU(trailer_period))
DEF(trailer_paren, and_, TK(del_paren_open), OP(arglist), TK(del_paren_close))
DEF(trailer_bracket, and_, TK(del_bracket_open), RU(subscriptlist), TK(del_bracket_close))
DEF(trailer_period, and_, TK(del_period), T(N))
DEF(subscriptlist, list_trailing, RU(subscript), TK(del_comma))
DEF(subscript, or_, RU(subscript_3), RU(subscript_2))
DEF(subscript_2, and_ident, RU(test), OP(subscript_3))
DEF(subscript_3, and_, TK(del_colon), OP(subscript_3b))
DEF(subscript_3b, or_, RU(subscript_3c), RU(subscript_3d))
DEF(subscript_3c, and_, TK(del_colon), OP(test))
DEF(subscript_3d, and_ident, RU(test), OP(sliceop))
DEF(sliceop, and_, TK(del_colon), OP(test))
DEF(exprlist, list_trailing, RU(exprlist_2), TK(del_comma))
DEF(exprlist_2, or_, RU(star_expr), RU(expr))
DEF(testlist, list_trailing, RU(test), TK(del_comma))
DEF(dictorsetmaker, and_ident, RU(dictorsetmaker_item), OP(dictorsetmaker_tail))
DEF(dictorsetmaker_item, and_ident, RU(test), OP(generic_colon_test))
DEF(dictorsetmaker_tail, or_, RU(comp_for), RU(dictorsetmaker_list))
DEF(dictorsetmaker_list, and_, TK(del_comma), OP(dictorsetmaker_list2))
DEF(dictorsetmaker_list2, list_trailing, RU(dictorsetmaker_item), TK(del_comma))
DEF(classdef, and_blank, TK(kw_class), T(N), OP(classdef_2), TK(del_colon), RU(suite))
DEF(classdef_2, and_ident, TK(del_paren_open), OP(arglist), TK(del_paren_close))
DEF(arglist, list_trailing, RU(arglist_2), TK(del_comma))
DEF(arglist_2, or_, RU(arglist_star), RU(arglist_dbl_star), RU(argument))
DEF(arglist_star, and_, TK(op_star), RU(test))
DEF(arglist_dbl_star, and_, TK(op_dbl_star), RU(test))
DEF(argument, and_ident, RU(test), OP(argument_2))
DEF(argument_2, or_, RU(comp_for), RU(generic_equal_test), RU(argument_3))
DEF(argument_3, and_, TK(op_assign), RU(test))
DEF(comp_iter, or_, RU(comp_for), RU(comp_if))
DEF(comp_for, and_blank, TK(kw_for), RU(exprlist), TK(kw_in), RU(or_test), OP(comp_iter))
DEF(comp_if, and_, TK(kw_if), RU(test_nocond), OP(comp_iter))
DEF(yield_expr, and_, TK(kw_yield), OP(yield_arg))
DEF(yield_arg, or_, RU(yield_arg_from), RU(testlist))
DEF(yield_arg_from, and_, TK(kw_from), RU(test))
DEF(const_object, and_, TK(end))

constexpr std::string_view k_names[] = {
#define CPY_RULE_NAME(name) #name,
    CPY_GRAMMAR_RULES(CPY_RULE_NAME)
#undef CPY_RULE_NAME
};

constexpr std::size_t k_rule_count = static_cast<std::size_t>(Rule::count);
constexpr std::size_t index_of(Rule rule) { return static_cast<std::size_t>(rule); }

}  // namespace

constexpr std::array<RuleDef, k_rule_count> k_rule_defs = {
#define CPY_RULE_DEF(name) k_def_##name,
    CPY_GRAMMAR_RULES(CPY_RULE_DEF)
#undef CPY_RULE_DEF
};

namespace {

using FirstTable = std::array<TokenSet, k_rule_count>;
enum class Visit : std::uint8_t { no, busy, done };
using Visits = std::array<Visit, k_rule_count>;

constexpr TokenSet first_of_rule(Rule rule, FirstTable& first, Visits& visit);

// An optional first item lets an and-rule go on to its next item, so it never backtracks: any token may start it.
constexpr TokenSet first_of_item(const RuleItem& item, FirstTable& first, Visits& visit) {
  if (item.kind == RuleItem::Kind::token) return TokenSet::of(item.tok());
  if (item.kind == RuleItem::Kind::opt_rule) return TokenSet::all();
  return first_of_rule(item.rule(), first, visit);
}

constexpr TokenSet first_of_rule(Rule rule, FirstTable& first, Visits& visit) {
  const std::size_t r = index_of(rule);
  if (visit[r] == Visit::done) return first[r];
  if (visit[r] == Visit::busy) return TokenSet::all();  // a left-recursive cycle: assume anything
  visit[r] = Visit::busy;
  const RuleDef& def = k_rule_defs[r];
  TokenSet set;
  if (def.kind == RuleKind::or_) {
    for (const RuleItem& item : def.items) set |= first_of_item(item, first, visit);
  } else if (!def.items.empty()) {
    set = first_of_item(def.items[0], first, visit);
  }
  visit[r] = Visit::done;
  first[r] = set;
  return set;
}

constexpr FirstTable build_first() {
  FirstTable first{};
  Visits visit{};
  for (std::size_t r = 0; r < k_rule_count; ++r) first_of_rule(static_cast<Rule>(r), first, visit);
  return first;
}

}  // namespace

constexpr std::array<TokenSet, k_rule_count> k_rule_first = build_first();

std::string_view rule_name(Rule rule) { return k_names[static_cast<std::size_t>(rule)]; }

}  // namespace cpy::mpycross
