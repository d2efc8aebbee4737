// Compiler driver: scope list, passes, node dispatch and identifier access.
#include "mpycross/codegen.hpp"

namespace cpy::mpycross {

using mpy::Op;

CodeGen::CodeGen(EmitTables& tables, int opt_level, int small_int_bits)
    : m_tables(tables), m_emit(tables, opt_level), m_opt_level(opt_level), m_small_int_bits(small_int_bits) {}

void CodeGen::syntax_error(const Node* pn, const std::string& msg) {
  if (m_failed) return;
  m_failed = true;
  m_error.type = "SyntaxError";
  m_error.message = msg;
  m_error.line = (pn != nullptr && pn->kind == Node::Kind::rule) ? pn->line : 0;
  m_error.scope = cur().simple_name;
  if (m_error.line == 0) m_error.line = m_last_line;
}

int CodeGen::new_scope(ScopeKind kind, Node* pn) {
  Scope s;
  s.kind = kind;
  s.pn = pn;
  s.parent = m_scopes.empty() ? -1 : m_cur;
  switch (kind) {
    case ScopeKind::module:
      s.simple_name = "<module>";
      break;
    case ScopeKind::function:
    case ScopeKind::class_:
      s.simple_name = pn->kids[0]->str;
      break;
    case ScopeKind::lambda:
      s.simple_name = "<lambda>";
      break;
    case ScopeKind::list_comp:
      s.simple_name = "<listcomp>";
      break;
    case ScopeKind::dict_comp:
      s.simple_name = "<dictcomp>";
      break;
    case ScopeKind::set_comp:
      s.simple_name = "<setcomp>";
      break;
    case ScopeKind::gen_expr:
      s.simple_name = "<genexpr>";
      break;
  }
  m_scopes.push_back(std::move(s));
  return static_cast<int>(m_scopes.size() - 1);
}

bool CodeGen::compile_module(Node* root) {
  new_scope(ScopeKind::module, root);
  for (std::size_t i = 0; i < m_scopes.size() && !m_failed; ++i) {
    compile_scope(static_cast<int>(i), Pass::scope);
    for (IdInfo& id : m_scopes[i].ids) {
      if (id.kind == IdKind::global_implicit) close_over_if_bound(m_scopes, static_cast<int>(i), id);
    }
  }
  if (m_failed) return false;
  for (std::size_t i = 0; i < m_scopes.size(); ++i) compute_local_slots(m_scopes, static_cast<int>(i));
  m_outputs.resize(m_scopes.size());
  for (std::size_t i = 0; i < m_scopes.size() && !m_failed; ++i) {
    int s = static_cast<int>(i);
    compile_scope(s, Pass::stack_size);
    compile_scope(s, Pass::code_size);
    int guard = 0;
    while (!compile_scope(s, Pass::emit) && ++guard < 100) {
    }
    if (m_emit.cell_overflow()) {
      m_abort = true;
      return false;
    }
    if (m_emit.overflowed() && !m_failed) {
      m_failed = true;
      m_error.form = Diagnostic::Form::bare;
      m_error.type = "RuntimeError";
      m_error.message = "bytecode overflow";
    }
    m_outputs[i].fun_data = m_emit.fun_data();
    m_outputs[i].children = m_emit.children();
  }
  return !m_failed;
}

bool CodeGen::compile_scope(int index, Pass pass) {
  m_cur = index;
  m_pass = pass;
  m_next_label = 0;
  m_except_level = 0;
  m_break_label = -1;
  m_continue_label = -1;
  m_break_continue_level = 0;
  Scope& scope = cur();
  m_last_line = scope.pn != nullptr && scope.pn->kind == Node::Kind::rule ? scope.pn->line : 1;
  m_emit.start_pass(pass, scope, m_max_labels);
  if (pass == Pass::scope) {
    scope.stack_size = 0;
    scope.exc_stack_size = 0;
  }
  scope_body(scope);
  bool done = m_emit.end_pass();
  if (m_next_label > m_max_labels) m_max_labels = m_next_label;
  return done;
}

void CodeGen::scope_body(Scope& scope) {
  Node* pn = scope.pn;
  switch (scope.kind) {
    case ScopeKind::module:
      compile_node(pn);
      m_emit.load_const_tok(Tok::kw_none);
      m_emit.op(Op::RETURN_VALUE);
      break;
    case ScopeKind::function:
      if (m_pass == Pass::scope) {
        m_have_star = false;
        scope_params(pn->kids[1], Rule::typedargslist, Rule::typedargslist_name, Rule::typedargslist_star,
                     Rule::typedargslist_dbl_star);
      }
      compile_node(pn->kids[3]);
      if (!m_emit.suppressed()) {
        m_emit.load_const_tok(Tok::kw_none);
        m_emit.op(Op::RETURN_VALUE);
      }
      break;
    case ScopeKind::lambda:
      m_emit.set_source_line(pn->line);
      if (m_pass == Pass::scope) {
        m_have_star = false;
        scope_params(pn->kids[0], Rule::varargslist, Rule::varargslist_name, Rule::varargslist_star,
                     Rule::varargslist_dbl_star);
      }
      compile_node(pn->kids[1]);
      if (scope.flags & k_flag_generator) {
        m_emit.op(Op::POP_TOP);
        m_emit.load_const_tok(Tok::kw_none);
      }
      m_emit.op(Op::RETURN_VALUE);
      break;
    case ScopeKind::class_: {
      if (m_pass == Pass::scope) scope.find_or_add("__class__", IdKind::local);
      load_id("__name__");
      store_id("__module__");
      m_emit.op_qstr(Op::LOAD_CONST_STRING, pn->kids[0]->str);
      store_id("__qualname__");
      compile_node(pn->kids[2]);
      IdInfo* id = scope.find("__class__");
      if (id->kind == IdKind::local) {
        m_emit.load_const_tok(Tok::kw_none);
      } else {
        m_emit.load_fast(id->local_num);
      }
      m_emit.op(Op::RETURN_VALUE);
      break;
    }
    default: {
      Node* comp_for = pn->kids[1];
      if (m_pass == Pass::scope) {
        scope.find_or_add("", IdKind::local);
        scope.num_pos_args = 1;
      }
      m_emit.set_source_line(pn->line);
      if (scope.kind == ScopeKind::list_comp) {
        m_emit.op_uint(Op::BUILD_LIST, 0);
      } else if (scope.kind == ScopeKind::dict_comp) {
        m_emit.op_uint(Op::BUILD_MAP, 0);
      } else if (scope.kind == ScopeKind::set_comp) {
        m_emit.op_uint(Op::BUILD_SET, 0);
      }
      if (scope.kind == ScopeKind::gen_expr) {
        m_emit.op(Op::LOAD_NULL);
        load_id("");
        m_emit.op(Op::LOAD_NULL);
        m_emit.op(Op::LOAD_NULL);
      } else {
        load_id("");
        m_emit.op(Op::GET_ITER_STACK);
      }
      comp_iter(comp_for, pn->kids[0], 0);
      if (scope.kind == ScopeKind::gen_expr) m_emit.load_const_tok(Tok::kw_none);
      m_emit.op(Op::RETURN_VALUE);
      break;
    }
  }
}

// ---- identifiers ----

IdInfo& CodeGen::id_for_modification(Scope& scope, const std::string& name) {
  IdInfo& id = scope.find_or_add(name, IdKind::global_implicit_assigned);
  if (id.kind == IdKind::global_implicit) id.kind = IdKind::global_implicit_assigned;
  if (is_func_like(scope.kind) && id.kind == IdKind::global_implicit_assigned) id.kind = IdKind::local;
  return id;
}

void CodeGen::load_id(const std::string& name) {
  if (m_pass == Pass::scope) {
    bool added = false;
    IdInfo& id = cur().find_or_add(name, IdKind::global_implicit, &added);
    if (added) close_over_if_bound(m_scopes, m_cur, id);
    return;
  }
  id_op(IdOp::load, name);
}

void CodeGen::store_id(const std::string& name) {
  if (m_pass == Pass::scope) {
    id_for_modification(cur(), name);
    return;
  }
  id_op(IdOp::store, name);
}

void CodeGen::delete_id(const std::string& name) {
  if (m_pass == Pass::scope) {
    id_for_modification(cur(), name);
    return;
  }
  id_op(IdOp::del, name);
}

void CodeGen::id_op(IdOp op, const std::string& name) {
  IdInfo* id = cur().find(name);
  IdKind kind = id != nullptr ? id->kind : IdKind::global_implicit;
  switch (kind) {
    case IdKind::local:
      if (op == IdOp::load) {
        m_emit.load_fast(id->local_num);
      } else if (op == IdOp::store) {
        m_emit.store_fast(id->local_num);
      } else {
        m_emit.op_uint(Op::DELETE_FAST, static_cast<std::uint64_t>(id->local_num));
      }
      break;
    case IdKind::cell:
    case IdKind::free: {
      Op o = op == IdOp::load ? Op::LOAD_DEREF : op == IdOp::store ? Op::STORE_DEREF : Op::DELETE_DEREF;
      m_emit.op_uint(o, static_cast<std::uint64_t>(id->local_num));
      break;
    }
    case IdKind::global_explicit: {
      Op o = op == IdOp::load ? Op::LOAD_GLOBAL : op == IdOp::store ? Op::STORE_GLOBAL : Op::DELETE_GLOBAL;
      m_emit.op_qstr(o, name);
      break;
    }
    default: {
      Op o = op == IdOp::load ? Op::LOAD_NAME : op == IdOp::store ? Op::STORE_NAME : Op::DELETE_NAME;
      m_emit.op_qstr(o, name);
      break;
    }
  }
}

// ---- dispatch ----

void CodeGen::compile_node(Node* pn) {
  if (pn == nullptr || m_failed) return;
  switch (pn->kind) {
    case Node::Kind::small_int:
      m_emit.load_small_int(pn->small);
      return;
    case Node::Kind::id:
      load_id(pn->str);
      return;
    case Node::Kind::string:
      m_emit.op_qstr(Op::LOAD_CONST_STRING, pn->str);
      return;
    case Node::Kind::bytes: {
      Obj o = Obj::make(Obj::Type::bytes);
      o.text = pn->str;
      m_emit.load_const_obj(o);
      return;
    }
    case Node::Kind::token:
      if (pn->tok != Tok::newline) m_emit.load_const_tok(pn->tok);
      return;
    case Node::Kind::rule:
      if (pn->line > 0) m_last_line = pn->line;
      m_emit.set_source_line(pn->line);
      compile_rule(pn);
      return;
  }
}

void CodeGen::all_nodes(Node* pn) {
  for (Node* k : pn->kids) compile_node(k);
}

void CodeGen::generic_tuple(Node* pn) {
  all_nodes(pn);
  m_emit.op_uint(Op::BUILD_TUPLE, pn->kids.size());
}

void CodeGen::jump(int label) {
  m_emit.op_jump(Op::JUMP, label);
  m_emit.suppress();
}

void CodeGen::pop_jump_if(bool cond, int label) {
  m_emit.op_jump(cond ? Op::POP_JUMP_IF_TRUE : Op::POP_JUMP_IF_FALSE, label);
}

}  // namespace cpy::mpycross
