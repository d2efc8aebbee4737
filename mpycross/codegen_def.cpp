// Code generation for function, lambda, class and comprehension definitions and their parameters (§7.4, §7.9).
#include "mpycross/codegen.hpp"

namespace cpy::mpycross {

using mpy::Op;

void CodeGen::funcdef(Node* pn) { store_id(funcdef_helper(pn)); }

std::string CodeGen::funcdef_helper(Node* pn) {
  if (m_pass == Pass::scope) pn->scope = new_scope(ScopeKind::function, pn);
  funcdef_lambdef(pn->scope, pn->kids[1], Rule::typedargslist);
  return m_scopes[static_cast<std::size_t>(pn->scope)].simple_name;
}

std::string CodeGen::classdef_helper(Node* pn) {
  if (m_pass == Pass::scope) pn->scope = new_scope(ScopeKind::class_, pn);
  m_emit.op(Op::LOAD_BUILD_CLASS);
  close_over(pn->scope, 0, 0);
  const std::string name = m_scopes[static_cast<std::size_t>(pn->scope)].simple_name;
  m_emit.op_qstr(Op::LOAD_CONST_STRING, name);
  Node* parents = pn->kids[1];
  if (is_rule(parents, Rule::classdef_2)) parents = nullptr;
  trailer_paren_helper(parents, false, 2);
  return name;
}

void CodeGen::lambdef(Node* pn) {
  if (m_pass == Pass::scope) pn->scope = new_scope(ScopeKind::lambda, pn);
  funcdef_lambdef(pn->scope, pn->kids[0], Rule::varargslist);
}

bool CodeGen::builtin_decorator(const Nodes& names) {
  if (!names[0]->is_id() || names[0]->str != "micropython") return false;
  if (names.size() != 2) {
    syntax_error(names[0], "invalid micropython decorator");
    return true;
  }
  const std::string& attr = names[1]->str;
  if (attr == "bytecode") return true;
  if (attr == "native" || attr == "viper" || attr == "asm_thumb" || attr == "asm_xtensa" || attr == "asm_rv32") {
    syntax_error(names[1], "invalid arch");
  } else {
    syntax_error(names[1], "invalid micropython decorator");
  }
  return true;
}

void CodeGen::decorated(Node* pn) {
  Nodes decorators = node_list(pn->kids[0], Rule::decorators);
  std::size_t builtins = 0;
  for (Node* dec : decorators) {
    Nodes names = node_list(dec->kids[0], Rule::dotted_name);
    if (builtin_decorator(names)) {
      ++builtins;
      continue;
    }
    compile_node(names[0]);
    for (std::size_t j = 1; j < names.size(); ++j) m_emit.op_qstr(Op::LOAD_ATTR, names[j]->str);
    if (dec->kids[1] != nullptr) compile_node(dec->kids[1]);
  }
  Node* body = pn->kids[1];
  std::string name;
  if (body->is(Rule::funcdef)) {
    name = funcdef_helper(body);
  } else if (body->is(Rule::async_funcdef)) {
    name = funcdef_helper(body->kids[0]);
    m_scopes[static_cast<std::size_t>(body->kids[0]->scope)].flags |= k_flag_generator | k_flag_async;
  } else {
    name = classdef_helper(body);
  }
  for (std::size_t i = 0; i < decorators.size() - builtins; ++i) m_emit.call(false, 1, 0, false);
  store_id(name);
}

void CodeGen::default_param(Node* pn) {
  Rule kind = pn->kind == Node::Kind::rule ? pn->rule : Rule::count;
  if (kind == Rule::typedargslist_star || kind == Rule::varargslist_star) {
    m_have_star = true;
    return;
  }
  if (kind == Rule::typedargslist_dbl_star || kind == Rule::varargslist_dbl_star) return;
  Node* id = pn;
  Node* value = nullptr;
  if (kind == Rule::typedargslist_name) {
    id = pn->kids[0];
    value = pn->kids[2];
  } else if (kind == Rule::varargslist_name) {
    id = pn->kids[0];
    value = pn->kids[1];
  }
  if (value == nullptr) {
    if (!m_have_star && m_num_default_params != 0) {
      syntax_error(pn, "non-default argument follows default argument");
    }
    return;
  }
  if (!m_have_star) {
    ++m_num_default_params;
    compile_node(value);
    return;
  }
  if (++m_num_dict_params == 1) {
    if (m_num_default_params > 0) {
      m_emit.op_uint(Op::BUILD_TUPLE, static_cast<std::uint64_t>(m_num_default_params));
    } else {
      m_emit.op(Op::LOAD_NULL);
    }
    m_emit.op_uint(Op::BUILD_MAP, 0);
  }
  compile_node(value);
  m_emit.op_qstr(Op::LOAD_CONST_STRING, id->str);
  m_emit.op(Op::STORE_MAP);
}

void CodeGen::funcdef_lambdef(int scope, Node* params, Rule list_kind) {
  bool saved_star = m_have_star;
  int saved_dict = m_num_dict_params, saved_default = m_num_default_params;
  m_have_star = false;
  m_num_dict_params = 0;
  m_num_default_params = 0;
  for (Node* p : node_list(params, list_kind)) {
    default_param(p);
    if (m_failed) return;
  }
  if (m_num_default_params > 0 && m_num_dict_params == 0) {
    m_emit.op_uint(Op::BUILD_TUPLE, static_cast<std::uint64_t>(m_num_default_params));
    m_emit.op(Op::LOAD_NULL);
  }
  Scope& child = m_scopes[static_cast<std::size_t>(scope)];
  child.num_def_pos_args = m_num_default_params;
  if (m_num_dict_params > 0) child.flags |= k_flag_defkwargs;
  close_over(scope, m_num_default_params, m_num_dict_params);
  m_have_star = saved_star;
  m_num_dict_params = saved_dict;
  m_num_default_params = saved_default;
}

void CodeGen::close_over(int child_index, int n_pos_defaults, int n_kw_defaults) {
  int nfree = 0;
  Scope& child = m_scopes[static_cast<std::size_t>(child_index)];
  if (cur().kind != ScopeKind::module) {
    for (const IdInfo& id : cur().ids) {
      if (id.kind != IdKind::cell && id.kind != IdKind::free) continue;
      for (const IdInfo& id2 : child.ids) {
        if (id2.kind == IdKind::free && id2.name == id.name) {
          m_emit.load_fast(id.local_num);
          ++nfree;
        }
      }
    }
  }
  m_emit.make_function(child_index, nfree, n_pos_defaults != 0 || n_kw_defaults != 0);
}

void CodeGen::scope_params(Node* params, Rule list_kind, Rule name_rule, Rule star_rule, Rule dbl_star_rule) {
  for (Node* p : node_list(params, list_kind)) {
    scope_param(p, name_rule, star_rule, dbl_star_rule);
    if (m_failed) return;
  }
}

void CodeGen::scope_param(Node* pn, Rule name_rule, Rule star_rule, Rule dbl_star_rule) {
  Scope& scope = cur();
  if (scope.flags & k_flag_varkeywords) {
    syntax_error(pn, "invalid syntax");
    return;
  }
  std::string name;
  std::uint8_t flag = k_id_param;
  if (pn->is_id() || pn->is(name_rule)) {
    name = pn->is_id() ? pn->str : pn->kids[0]->str;
    if (m_have_star) {
      ++scope.num_kwonly_args;
    } else {
      ++scope.num_pos_args;
    }
  } else if (pn->is(star_rule)) {
    if (m_have_star) {
      syntax_error(pn, "invalid syntax");
      return;
    }
    m_have_star = true;
    flag = k_id_param | k_id_star_param;
    Node* arg = pn->kids[0];
    if (arg != nullptr) {
      scope.flags |= k_flag_varargs;
      name = arg->is_id() ? arg->str : arg->kids[0]->str;
    }
  } else if (pn->is(dbl_star_rule)) {
    name = pn->kids[0]->str;
    flag = k_id_param | k_id_dbl_star_param;
    scope.flags |= k_flag_varkeywords;
  }
  if (name.empty()) return;
  bool added = false;
  IdInfo& id = scope.find_or_add(name, IdKind::undecided, &added);
  if (id.kind != IdKind::undecided) {
    syntax_error(pn, "argument name reused");
    return;
  }
  id.kind = IdKind::local;
  id.flags = flag;
}

void CodeGen::comprehension(Node* pn, ScopeKind kind) {
  Node* comp_for = pn->kids[1];
  if (m_pass == Pass::scope) comp_for->scope = new_scope(kind, pn);
  close_over(comp_for->scope, 0, 0);
  compile_node(comp_for->kids[1]);
  if (kind == ScopeKind::gen_expr) m_emit.op(Op::GET_ITER);
  m_emit.call(false, 1, 0, false);
}

void CodeGen::comp_iter(Node* comp_for, Node* inner, int depth) {
  int l_top = next_label();
  int l_end = next_label();
  m_emit.label_assign(l_top);
  m_emit.op_jump(Op::FOR_ITER, l_end);
  assign(comp_for->kids[0], Assign::store);
  Node* iter = comp_for->kids[2];
  for (;;) {
    if (iter == nullptr) {
      compile_node(inner);
      if (cur().kind == ScopeKind::gen_expr) {
        m_emit.op(Op::YIELD_VALUE);
        cur().flags |= k_flag_generator;
        m_emit.op(Op::POP_TOP);
      } else {
        int n = cur().kind == ScopeKind::dict_comp ? 1 : 0;
        int t = cur().kind == ScopeKind::dict_comp ? 1 : cur().kind == ScopeKind::set_comp ? 2 : 0;
        m_emit.op_uint(Op::STORE_COMP, static_cast<std::uint64_t>(((4 * depth + 5 + n) << 2) | t));
      }
      break;
    }
    if (iter->is(Rule::comp_if)) {
      if_cond(iter->kids[0], false, l_top);
      iter = iter->kids[1];
      continue;
    }
    compile_node(iter->kids[1]);
    m_emit.op(Op::GET_ITER_STACK);
    comp_iter(iter, inner, depth + 1);
    break;
  }
  jump(l_top);
  m_emit.label_assign(l_end);
  m_emit.adjust_stack(-4);
}

}  // namespace cpy::mpycross
