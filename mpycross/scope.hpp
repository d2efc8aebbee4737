// Scopes (module, function, class, lambda, comprehension), their identifiers and local slot numbering (§5.1, §5.9).
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "mpycross/parse_node.hpp"

namespace cpy::mpycross {

enum class ScopeKind : std::uint8_t { module, class_, lambda, list_comp, dict_comp, set_comp, gen_expr, function };

inline bool is_func_like(ScopeKind k) { return k >= ScopeKind::lambda; }
inline bool is_comp_like(ScopeKind k) { return k >= ScopeKind::list_comp && k <= ScopeKind::gen_expr; }

enum class IdKind : std::uint8_t {
  undecided,
  global_implicit,
  global_implicit_assigned,
  global_explicit,
  local,
  cell,
  free
};

inline constexpr std::uint8_t k_id_param = 0x01;
inline constexpr std::uint8_t k_id_star_param = 0x02;
inline constexpr std::uint8_t k_id_dbl_star_param = 0x04;

struct IdInfo {
  IdKind kind = IdKind::undecided;
  std::uint8_t flags = 0;
  int local_num = 0;
  std::string name;
};

inline constexpr std::uint8_t k_flag_generator = 0x01;
inline constexpr std::uint8_t k_flag_varkeywords = 0x02;
inline constexpr std::uint8_t k_flag_varargs = 0x04;
inline constexpr std::uint8_t k_flag_defkwargs = 0x08;
inline constexpr std::uint8_t k_flag_async = 0x10;

struct Scope {
  ScopeKind kind = ScopeKind::module;
  Node* pn = nullptr;
  int parent = -1;
  std::string simple_name;
  std::uint8_t flags = 0;
  int num_pos_args = 0;
  int num_kwonly_args = 0;
  int num_def_pos_args = 0;
  int num_locals = 0;
  int stack_size = 0;
  int exc_stack_size = 0;
  std::vector<IdInfo> ids;

  IdInfo* find(const std::string& name);
  /// Returns the entry and whether it was added.
  IdInfo& find_or_add(const std::string& name, IdKind kind, bool* added = nullptr);
};

using ScopeList = std::deque<Scope>;

/// Turns implicit globals of `scope` that an enclosing function binds into free variables (§5.9).
void close_over_if_bound(ScopeList& scopes, int scope, IdInfo& id);
/// Slot numbering of one scope (§5.9 steps 1-5).
void compute_local_slots(ScopeList& scopes, int scope);

}  // namespace cpy::mpycross
