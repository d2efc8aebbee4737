// The statement-to-atom chain of the parser's fast path, derived from the grammar table and checked against it.
#include "mpycross/parse_chain.hpp"

#include <array>
#include <cstdint>

namespace cpy::mpycross {
namespace {

constexpr std::array k_chain = {Rule::stmt,
                                Rule::simple_stmt,
                                Rule::simple_stmt_2,
                                Rule::small_stmt,
                                Rule::expr_stmt,
                                Rule::testlist_star_expr,
                                Rule::testlist_star_expr_2,
                                Rule::test,
                                Rule::test_if_expr,
                                Rule::or_test,
                                Rule::and_test,
                                Rule::not_test,
                                Rule::comparison,
                                Rule::expr,
                                Rule::xor_expr,
                                Rule::and_expr,
                                Rule::shift_expr,
                                Rule::arith_expr,
                                Rule::term,
                                Rule::factor,
                                Rule::power,
                                Rule::atom_expr,
                                Rule::atom_expr_normal};

constexpr std::array<std::int8_t, static_cast<std::size_t>(Rule::count)> build_positions() {
  std::array<std::int8_t, static_cast<std::size_t>(Rule::count)> positions{};
  for (auto& p : positions) p = -1;
  for (std::size_t k = 0; k < k_chain.size(); ++k) {
    positions[static_cast<std::size_t>(k_chain[k])] = static_cast<std::int8_t>(k);
  }
  return positions;
}
constexpr auto k_positions = build_positions();

bool is_and_kind(RuleKind kind) {
  return kind == RuleKind::and_ || kind == RuleKind::and_ident || kind == RuleKind::and_blank;
}

bool disjoint_from_atom(const RuleItem& item) {
  const TokenSet& atom = rule_first(Rule::atom);
  if (item.kind == RuleItem::Kind::token) return !atom.has(item.tok());
  if (item.kind == RuleItem::Kind::opt_rule) return false;
  return !rule_first(item.rule()).intersects(atom);
}

/// True if parsing `upper` on a token that starts an atom goes straight to `lower`.
bool leads_to(Rule upper, Rule lower) {
  const RuleDef& def = rule_def(upper);
  if (def.items.empty()) return false;
  if (def.kind != RuleKind::or_) {
    return def.items[0].kind == RuleItem::Kind::rule && def.items[0].rule() == lower;
  }
  const RuleItem& last = def.items.back();
  if (last.kind != RuleItem::Kind::rule || last.rule() != lower) return false;
  for (const RuleItem& item : def.items.first(def.items.size() - 1)) {
    if (!disjoint_from_atom(item)) return false;
  }
  return true;
}

TokenSet active_tokens(const RuleDef& def) {
  TokenSet set;
  if (def.kind == RuleKind::or_) return set;
  if (def.kind == RuleKind::and_ident) {
    for (const RuleItem& item : def.items.subspan(1)) {
      if (item.kind != RuleItem::Kind::opt_rule) return TokenSet::all();
      set |= rule_first(item.rule());
    }
    return set;
  }
  if (def.kind != RuleKind::list && def.kind != RuleKind::list_trailing) return TokenSet::all();
  const RuleItem& sep = def.items[1];
  return sep.kind == RuleItem::Kind::token ? TokenSet::of(sep.tok()) : rule_first(sep.rule());
}

static_assert(k_chain.size() < 32, "chain_active_levels() has one bit per level");

struct Chain {
  std::array<ChainLevel, k_chain.size()> levels{};
  std::array<std::uint32_t, static_cast<std::size_t>(Tok::count)> active_levels{};
  bool valid = true;
};

Chain build_chain() {
  Chain chain;
  std::uint8_t stack_above = 0;
  for (std::size_t k = 0; k < k_chain.size(); ++k) {
    const RuleDef& def = rule_def(k_chain[k]);
    const Rule lower = k + 1 < k_chain.size() ? k_chain[k + 1] : Rule::atom;
    chain.valid = chain.valid && leads_to(k_chain[k], lower);
    const bool on_stack = def.kind != RuleKind::or_;
    chain.levels[k] = {k_chain[k], on_stack, is_and_kind(def.kind), stack_above, active_tokens(def)};
    stack_above += on_stack ? 1 : 0;
    chain.levels[k].active.for_each(
        [&](Tok t) { chain.active_levels[static_cast<std::size_t>(t)] |= std::uint32_t{1} << k; });
  }
  return chain;
}

const Chain& the_chain() {
  static const Chain chain = build_chain();
  return chain;
}

}  // namespace

std::span<const ChainLevel> chain_levels() {
  const Chain& chain = the_chain();
  if (!chain.valid) return {};
  return chain.levels;
}

std::uint32_t chain_active_levels(Tok tok) { return the_chain().active_levels[static_cast<std::size_t>(tok)]; }

int chain_level(Rule rule) { return k_positions[static_cast<std::size_t>(rule)]; }

}  // namespace cpy::mpycross
