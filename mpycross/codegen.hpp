// The compiler proper: walks the parse tree of every scope in the reference's pass order and drives the
// emitter (spec §5, §7). Used by compiler.cpp; not part of the public API.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "mpycross/diagnostic.hpp"
#include "mpycross/emitter.hpp"
#include "mpycross/parse_node.hpp"
#include "mpycross/scope.hpp"

namespace cpy::mpycross {

struct ScopeOutput {
  std::vector<std::uint8_t> fun_data;
  std::vector<int> children;  ///< scope indices in child-number order
};

class CodeGen {
 public:
  CodeGen(EmitTables& tables, int opt_level, int small_int_bits);
  /// Compiles the module; false with error() set on failure.
  bool compile_module(Node* root);
  const Diagnostic& error() const { return m_error; }
  bool aborted() const { return m_abort; }
  const std::vector<ScopeOutput>& outputs() const { return m_outputs; }

 private:
  using Nodes = std::vector<Node*>;
  enum class Assign { store, aug_load, aug_store };

  // driver
  bool compile_scope(int scope, Pass pass);
  void scope_body(Scope& scope);
  int new_scope(ScopeKind kind, Node* pn);
  Scope& cur() { return m_scopes[static_cast<std::size_t>(m_cur)]; }
  int next_label() { return m_next_label++; }
  void syntax_error(const Node* pn, const std::string& msg);

  // generic
  void compile_node(Node* pn);
  void compile_rule(Node* pn);
  void all_nodes(Node* pn);
  void generic_tuple(Node* pn);

  // identifiers
  void load_id(const std::string& name);
  void store_id(const std::string& name);
  void delete_id(const std::string& name);
  enum class IdOp { load, store, del };
  void id_op(IdOp op, const std::string& name);
  IdInfo& id_for_modification(Scope& scope, const std::string& name);

  // statements
  void expr_stmt(Node* pn);
  void assign(Node* pn, Assign kind);
  void assign_tuple(std::span<Node* const> items);
  void assign_atom_expr(Node* pn, Assign kind);
  void del_stmt(Node* pn);
  void del_target(Node* pn);
  void break_continue(Node* pn);
  void return_stmt(Node* pn);
  void raise_stmt(Node* pn);
  void import_name(Node* pn);
  void import_from(Node* pn);
  std::string do_import_name(Node* pn);
  void global_nonlocal(Node* pn);
  void declare_global(const Node* pn, IdInfo& id);
  void declare_nonlocal(const Node* pn, IdInfo& id);
  void assert_stmt(Node* pn);
  void if_stmt(Node* pn);
  void while_stmt(Node* pn);
  void for_stmt(Node* pn);
  void for_range(Node* var, Node* start, Node* end, Node* step, Node* body, Node* else_body);
  void try_stmt(Node* pn);
  void try_except(Node* body, const Nodes& excepts, Node* else_body);
  void try_finally(Node* body, const Nodes& excepts, Node* else_body, Node* finally_body);
  void with_stmt(Node* pn);
  void with_helper(const Nodes& items, std::size_t i, Node* body);
  void async_stmt(Node* pn);
  void async_for(Node* pn);
  void async_with(Node* pn);
  void async_with_helper(const Nodes& items, std::size_t i, Node* body);
  void funcdef(Node* pn);
  std::string funcdef_helper(Node* pn);
  std::string classdef_helper(Node* pn);
  void decorated(Node* pn);
  bool builtin_decorator(const Nodes& names);
  void funcdef_lambdef(int scope, Node* params, Rule list_kind);
  void default_param(Node* pn);
  void close_over(int child, int n_pos_defaults, int n_kw_defaults);
  void scope_params(Node* params, Rule list_kind, Rule name_rule, Rule star_rule, Rule dbl_star_rule);
  void scope_param(Node* pn, Rule name_rule, Rule star_rule, Rule dbl_star_rule);

  // expressions
  void if_cond(Node* pn, bool jump_if, int label);
  void namedexpr(Node* target, Node* value);
  void test_if_expr(Node* pn);
  void or_and_test(Node* pn);
  void comparison(Node* pn);
  void binary_chain(Node* pn);
  void term_chain(Node* pn);
  void atom_expr(Node* pn);
  void trailer_paren_helper(Node* args, bool method, int n_pos_extra);
  void subscript(Node* pn);
  void atom_paren(Node* pn);
  void atom_bracket(Node* pn);
  void atom_brace(Node* pn);
  void lambdef(Node* pn);
  void comprehension(Node* pn, ScopeKind kind);
  void comp_iter(Node* comp_for, Node* inner, int depth);
  void yield_expr(Node* pn);
  void jump(int label);
  void pop_jump_if(bool cond, int label);

  EmitTables& m_tables;
  Emitter m_emit;
  int m_opt_level;
  int m_small_int_bits;
  ScopeList m_scopes;
  std::vector<ScopeOutput> m_outputs;
  int m_cur = 0;
  Pass m_pass = Pass::scope;
  int m_next_label = 0;
  int m_last_line = 1;  ///< line of the last structured node visited (error location fallback)
  int m_max_labels = 0;
  int m_break_label = -1;
  bool m_break_from_for = false;
  int m_continue_label = -1;
  int m_break_continue_level = 0;
  int m_except_level = 0;
  bool m_have_star = false;
  int m_num_dict_params = 0;
  int m_num_default_params = 0;
  bool m_failed = false;
  bool m_abort = false;
  Diagnostic m_error;
};

}  // namespace cpy::mpycross
