// The chain of rules from a statement down to an atom, which the parser walks without recursion (spec §6.4).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "mpycross/grammar.hpp"

namespace cpy::mpycross {

/// One level of the chain. Below it is the next level: its first item, or (for an or-rule) its last alternative,
/// taken whenever the token starts an atom.
struct ChainLevel {
  Rule rule;
  bool on_stack;  ///< false for or-rules: the reference does not keep a rule on its stack for its last alternative
  bool is_and;    ///< an and-rule (else a list rule, when on_stack)
  std::uint8_t stack_above;  ///< how many levels above this one are on the rule stack
  /// Once the level's first item is parsed, the tokens on which finishing it does anything; on any other token it
  /// just passes its child up.
  TokenSet active;
};

/// The levels, top (`stmt`) first; empty if the grammar table does not have the shape the walk relies on.
std::span<const ChainLevel> chain_levels();

/// Bit k is set if `tok` is in the `active` set of level k.
std::uint32_t chain_active_levels(Tok tok);

/// The position of `rule` in chain_levels() (when not empty), or -1.
int chain_level(Rule rule);

}  // namespace cpy::mpycross
