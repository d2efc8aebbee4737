// Code generation for statements (spec §7.3, §7.6) and the rule dispatch table.
#include "mpycross/codegen.hpp"

namespace cpy::mpycross {

using mpy::BinaryOp;
using mpy::Op;

void CodeGen::compile_rule(Node* pn) {
  switch (pn->rule) {
    case Rule::file_input:
    case Rule::file_input_2:
    case Rule::simple_stmt_2:
    case Rule::suite_block_stmts:
      all_nodes(pn);
      break;
    case Rule::testlist_star_expr:
    case Rule::testlist:
    case Rule::subscriptlist:
      generic_tuple(pn);
      break;
    case Rule::decorated:
      decorated(pn);
      break;
    case Rule::funcdef:
      funcdef(pn);
      break;
    case Rule::classdef:
      store_id(classdef_helper(pn));
      break;
    case Rule::expr_stmt:
      expr_stmt(pn);
      break;
    case Rule::del_stmt:
      del_stmt(pn);
      break;
    case Rule::pass_stmt:
    case Rule::global_stmt:
    case Rule::nonlocal_stmt:
      if (pn->rule != Rule::pass_stmt) global_nonlocal(pn);
      break;
    case Rule::break_stmt:
    case Rule::continue_stmt:
      break_continue(pn);
      break;
    case Rule::return_stmt:
      return_stmt(pn);
      break;
    case Rule::yield_stmt:
      compile_node(pn->kids[0]);
      m_emit.op(Op::POP_TOP);
      break;
    case Rule::raise_stmt:
      raise_stmt(pn);
      break;
    case Rule::import_name:
      import_name(pn);
      break;
    case Rule::import_from:
      import_from(pn);
      break;
    case Rule::assert_stmt:
      assert_stmt(pn);
      break;
    case Rule::async_stmt:
      async_stmt(pn);
      break;
    case Rule::if_stmt:
      if_stmt(pn);
      break;
    case Rule::while_stmt:
      while_stmt(pn);
      break;
    case Rule::for_stmt:
      for_stmt(pn);
      break;
    case Rule::try_stmt:
      try_stmt(pn);
      break;
    case Rule::with_stmt:
      with_stmt(pn);
      break;
    case Rule::namedexpr_test:
      namedexpr(pn->kids[0], pn->kids[1]);
      break;
    case Rule::test_if_expr:
      test_if_expr(pn);
      break;
    case Rule::lambdef:
    case Rule::lambdef_nocond:
      lambdef(pn);
      break;
    case Rule::or_test:
    case Rule::and_test:
      or_and_test(pn);
      break;
    case Rule::not_test_2:
      compile_node(pn->kids[0]);
      m_emit.unary_op(mpy::UnaryOp::not_);
      break;
    case Rule::comparison:
      comparison(pn);
      break;
    case Rule::star_expr:
      syntax_error(pn, "*x must be assignment target");
      break;
    case Rule::expr:
    case Rule::xor_expr:
    case Rule::and_expr:
      binary_chain(pn);
      break;
    case Rule::shift_expr:
    case Rule::arith_expr:
    case Rule::term:
      term_chain(pn);
      break;
    case Rule::factor_2: {
      compile_node(pn->kids[1]);
      Tok t = pn->kids[0]->tok;
      m_emit.unary_op(t == Tok::op_plus    ? mpy::UnaryOp::positive
                      : t == Tok::op_minus ? mpy::UnaryOp::negative
                                           : mpy::UnaryOp::invert);
      break;
    }
    case Rule::power:
      all_nodes(pn);
      m_emit.binary_op(BinaryOp::power);
      break;
    case Rule::atom_expr_await:
      if (cur().kind != ScopeKind::function && cur().kind != ScopeKind::lambda) {
        syntax_error(pn, "'await' outside function");
        return;
      }
      atom_expr(pn);
      m_emit.op_qstr(Op::LOAD_METHOD, "__await__");
      m_emit.call(true, 0, 0, false);
      m_emit.load_const_tok(Tok::kw_none);
      m_emit.op(Op::YIELD_FROM);
      cur().flags |= k_flag_generator;
      break;
    case Rule::atom_expr_normal:
      atom_expr(pn);
      break;
    case Rule::atom_paren:
      atom_paren(pn);
      break;
    case Rule::atom_bracket:
      atom_bracket(pn);
      break;
    case Rule::atom_brace:
      atom_brace(pn);
      break;
    case Rule::trailer_paren:
      trailer_paren_helper(pn->kids[0], false, 0);
      break;
    case Rule::trailer_bracket:
      compile_node(pn->kids[0]);
      m_emit.op(Op::LOAD_SUBSCR);
      break;
    case Rule::trailer_period:
      m_emit.op_qstr(Op::LOAD_ATTR, pn->kids[0]->str);
      break;
    case Rule::subscript_2:
    case Rule::subscript_3:
      subscript(pn);
      break;
    case Rule::dictorsetmaker_item:
      compile_node(pn->kids[1]);
      compile_node(pn->kids[0]);
      break;
    case Rule::yield_expr:
      yield_expr(pn);
      break;
    case Rule::const_object:
      m_emit.load_const_obj(*pn->obj, pn->obj.get());
      break;
    default:
      syntax_error(pn, "invalid syntax");
      break;
  }
}

// ---- assignment ----

void CodeGen::expr_stmt(Node* pn) {
  Node* lhs = pn->kids[0];
  Node* rhs = pn->kids[1];
  if (rhs == nullptr) {
    bool lone_const = (lhs->kind != Node::Kind::rule && lhs->kind != Node::Kind::id) || lhs->is(Rule::const_object);
    if (!lone_const) {
      compile_node(lhs);
      m_emit.op(Op::POP_TOP);
    }
    return;
  }
  if (rhs->is(Rule::annassign)) {
    if (rhs->kids[1] == nullptr) {
      if (cur().kind == ScopeKind::function && lhs->is_id() && m_pass == Pass::scope) {
        cur().find_or_add(lhs->str, IdKind::local);
      }
      return;
    }
    rhs = rhs->kids[1];
  } else if (rhs->is(Rule::expr_stmt_augassign)) {
    assign(lhs, Assign::aug_load);
    compile_node(rhs->kids[1]);
    int op = static_cast<int>(rhs->kids[0]->tok) - static_cast<int>(Tok::del_pipe_equal);
    m_emit.binary_op(static_cast<BinaryOp>(static_cast<int>(BinaryOp::inplace_or) + op));
    assign(lhs, Assign::aug_store);
    return;
  } else if (rhs->is(Rule::expr_stmt_assign_list)) {
    std::size_t last = rhs->kids.size() - 1;
    compile_node(rhs->kids[last]);
    if (last > 0) m_emit.op(Op::DUP_TOP);
    assign(lhs, Assign::store);
    for (std::size_t i = 0; i < last; ++i) {
      if (i + 1 < last) m_emit.op(Op::DUP_TOP);
      assign(rhs->kids[i], Assign::store);
    }
    return;
  }
  if (rhs->is(Rule::testlist_star_expr) && lhs->is(Rule::testlist_star_expr)) {
    std::size_t n = lhs->kids.size();
    bool starred = false;
    for (Node* k : lhs->kids) starred = starred || k->is(Rule::star_expr);
    if (n == rhs->kids.size() && (n == 2 || n == 3) && !starred) {
      compile_node(rhs->kids[0]);
      compile_node(rhs->kids[1]);
      if (n == 3) {
        compile_node(rhs->kids[2]);
        m_emit.op(Op::ROT_THREE);
      }
      m_emit.op(Op::ROT_TWO);
      for (Node* k : lhs->kids) assign(k, Assign::store);
      return;
    }
  }
  compile_node(rhs);
  assign(lhs, Assign::store);
}

void CodeGen::assign(Node* pn, Assign kind) {
  if (pn == nullptr) return;
  if (pn->kind != Node::Kind::rule) {
    if (!pn->is_id()) {
      syntax_error(pn, "can't assign to expression");
      return;
    }
    if (kind == Assign::aug_load) {
      load_id(pn->str);
    } else {
      store_id(pn->str);
    }
    return;
  }
  Node* list = nullptr;
  switch (pn->rule) {
    case Rule::atom_expr_normal:
      assign_atom_expr(pn, kind);
      return;
    case Rule::testlist_star_expr:
    case Rule::exprlist:
      if (kind != Assign::store) break;
      assign_tuple(pn->kids);
      return;
    case Rule::atom_paren:
      if (pn->kids[0] == nullptr || kind != Assign::store) break;
      list = pn->kids[0];
      break;
    case Rule::atom_bracket:
      if (kind != Assign::store) break;
      if (pn->kids[0] == nullptr) {
        assign_tuple({});
        return;
      }
      if (!pn->kids[0]->is(Rule::testlist_comp)) {
        assign_tuple(pn->kids.first(1));
        return;
      }
      list = pn->kids[0];
      break;
    default:
      break;
  }
  if (list != nullptr && !(list->kids.size() == 2 && is_rule(list->kids[1], Rule::comp_for))) {
    assign_tuple(list->kids);
    return;
  }
  syntax_error(pn, "can't assign to expression");
}

void CodeGen::assign_tuple(std::span<Node* const> items) {
  int star = -1;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!is_rule(items[i], Rule::star_expr)) continue;
    if (star >= 0) {
      syntax_error(items[i], "multiple *x in assignment");
      return;
    }
    star = static_cast<int>(i);
    m_emit.op_uint(Op::UNPACK_EX, i | ((items.size() - i - 1) << 8));
  }
  if (star < 0) m_emit.op_uint(Op::UNPACK_SEQUENCE, items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    assign(static_cast<int>(i) == star ? items[i]->kids[0] : items[i], Assign::store);
  }
}

void CodeGen::assign_atom_expr(Node* pn, Assign kind) {
  if (kind != Assign::aug_store) compile_node(pn->kids[0]);
  Node* last = pn->kids[1];
  if (is_rule(last, Rule::atom_expr_trailers)) {
    if (kind != Assign::aug_store) {
      for (std::size_t i = 0; i + 1 < last->kids.size(); ++i) compile_node(last->kids[i]);
    }
    last = last->kids.back();
  }
  if (is_rule(last, Rule::trailer_bracket)) {
    if (kind == Assign::aug_store) {
      m_emit.op(Op::ROT_THREE);
      m_emit.op(Op::STORE_SUBSCR);
    } else {
      compile_node(last->kids[0]);
      if (kind == Assign::aug_load) {
        m_emit.op(Op::DUP_TOP_TWO);
        m_emit.op(Op::LOAD_SUBSCR);
      } else {
        m_emit.op(Op::STORE_SUBSCR);
      }
    }
    return;
  }
  if (is_rule(last, Rule::trailer_period)) {
    const std::string& name = last->kids[0]->str;
    if (kind == Assign::aug_load) {
      m_emit.op(Op::DUP_TOP);
      m_emit.op_qstr(Op::LOAD_ATTR, name);
    } else {
      if (kind == Assign::aug_store) m_emit.op(Op::ROT_TWO);
      m_emit.op_qstr(Op::STORE_ATTR, name);
    }
    return;
  }
  syntax_error(pn, "can't assign to expression");
}

void CodeGen::namedexpr(Node* target, Node* value) {
  if (!target->is_id()) syntax_error(target, "can't assign to expression");
  compile_node(value);
  m_emit.op(Op::DUP_TOP);
  if (m_failed) return;
  const std::string& name = target->str;
  if (m_pass == Pass::scope && is_comp_like(cur().kind)) {
    Scope& parent = m_scopes[static_cast<std::size_t>(cur().parent)];
    IdInfo& pid = id_for_modification(parent, name);
    if (pid.kind == IdKind::global_explicit) {
      cur().find_or_add(name, IdKind::global_explicit);
    } else {
      IdInfo& id = cur().find_or_add(name, IdKind::undecided);
      if (parent.parent < 0) {
        declare_global(target, id);
      } else {
        declare_nonlocal(target, id);
      }
    }
  }
  store_id(name);
}

// ---- del ----

void CodeGen::del_stmt(Node* pn) {
  for (Node* k : node_list(pn->kids[0], Rule::exprlist)) del_target(k);
}

void CodeGen::del_target(Node* pn) {
  if (pn->is_id()) {
    delete_id(pn->str);
    return;
  }
  if (pn->is(Rule::atom_expr_normal)) {
    compile_node(pn->kids[0]);
    Node* last = pn->kids[1];
    if (is_rule(last, Rule::atom_expr_trailers)) {
      for (std::size_t i = 0; i + 1 < last->kids.size(); ++i) compile_node(last->kids[i]);
      last = last->kids.back();
    }
    if (is_rule(last, Rule::trailer_bracket)) {
      compile_node(last->kids[0]);
      m_emit.op(Op::LOAD_NULL);
      m_emit.op(Op::ROT_THREE);
      m_emit.op(Op::STORE_SUBSCR);
      return;
    }
    if (is_rule(last, Rule::trailer_period)) {
      m_emit.op(Op::LOAD_NULL);
      m_emit.op(Op::ROT_TWO);
      m_emit.op_qstr(Op::STORE_ATTR, last->kids[0]->str);
      return;
    }
  } else if (pn->is(Rule::atom_paren) && pn->kids[0] != nullptr) {
    Node* list = pn->kids[0];
    if (!(list->kids.size() == 2 && is_rule(list->kids[1], Rule::comp_for))) {
      for (Node* k : list->kids) del_target(k);
      return;
    }
  }
  syntax_error(pn, "can't delete expression");
}

// ---- simple statements ----

void CodeGen::break_continue(Node* pn) {
  bool is_break = pn->rule == Rule::break_stmt;
  int label = is_break ? m_break_label : m_continue_label;
  if (label < 0) {
    syntax_error(pn, "'break'/'continue' outside loop");
    return;
  }
  m_emit.unwind_jump(label, is_break && m_break_from_for, m_except_level - m_break_continue_level);
}

void CodeGen::return_stmt(Node* pn) {
  if (!is_func_like(cur().kind)) {
    syntax_error(pn, "'return' outside function");
    return;
  }
  Node* value = pn->kids[0];
  if (value == nullptr) {
    m_emit.load_const_tok(Tok::kw_none);
  } else if (value->is(Rule::test_if_expr)) {
    Node* cond = value->kids[1];
    int l_fail = next_label();
    if_cond(cond->kids[0], false, l_fail);
    compile_node(value->kids[0]);
    m_emit.op(Op::RETURN_VALUE);
    m_emit.label_assign(l_fail);
    compile_node(cond->kids[1]);
  } else {
    compile_node(value);
  }
  m_emit.op(Op::RETURN_VALUE);
}

void CodeGen::raise_stmt(Node* pn) {
  Node* arg = pn->kids[0];
  if (arg == nullptr) {
    m_emit.op(Op::RAISE_LAST);
  } else if (arg->is(Rule::raise_stmt_arg)) {
    compile_node(arg->kids[0]);
    compile_node(arg->kids[1]);
    m_emit.op(Op::RAISE_FROM);
  } else {
    compile_node(arg);
    m_emit.op(Op::RAISE_OBJ);
  }
}

std::string CodeGen::do_import_name(Node* pn) {
  std::string base;
  bool is_as = false;
  if (is_rule(pn, Rule::dotted_as_name)) {
    base = pn->kids[1]->str;
    pn = pn->kids[0];
    is_as = true;
  }
  if (pn == nullptr) {
    m_emit.op_qstr(Op::IMPORT_NAME, "");
    return "";
  }
  if (pn->is_id()) {
    m_emit.op_qstr(Op::IMPORT_NAME, pn->str);
    return is_as ? base : pn->str;
  }
  std::string full;
  for (std::size_t i = 0; i < pn->kids.size(); ++i) {
    if (i > 0) full += '.';
    full += pn->kids[i]->str;
  }
  if (full.size() > k_max_qstr_len && !m_failed) {
    m_failed = true;
    m_error = Diagnostic::name_too_long();
  }
  m_emit.op_qstr(Op::IMPORT_NAME, full);
  if (is_as) {
    for (std::size_t i = 1; i < pn->kids.size(); ++i) m_emit.op_qstr(Op::LOAD_ATTR, pn->kids[i]->str);
    return base;
  }
  return pn->kids[0]->str;
}

void CodeGen::import_name(Node* pn) {
  for (Node* item : node_list(pn->kids[0], Rule::dotted_as_names)) {
    m_emit.load_small_int(0);
    m_emit.load_const_tok(Tok::kw_none);
    store_id(do_import_name(item));
  }
}

void CodeGen::import_from(Node* pn) {
  Node* source = pn->kids[0];
  int level = 0;
  Node* rel = nullptr;
  if (source != nullptr && (source->kind == Node::Kind::token || source->is(Rule::one_or_more_period_or_ellipsis))) {
    rel = source;
    source = nullptr;
  } else if (is_rule(source, Rule::import_from_2b)) {
    rel = source->kids[0];
    source = source->kids[1];
  }
  for (Node* dot : node_list(rel, Rule::one_or_more_period_or_ellipsis)) {
    level += dot->is_token(Tok::del_period) ? 1 : 3;
  }
  Node* names = pn->kids[1];
  if (names->is_token(Tok::op_star)) {
    if (cur().kind != ScopeKind::module) {
      syntax_error(pn, "import * not at module level");
      return;
    }
    m_emit.load_small_int(level);
    m_emit.op_qstr(Op::LOAD_CONST_STRING, "*");
    m_emit.op_uint(Op::BUILD_TUPLE, 1);
    do_import_name(source);
    m_emit.op(Op::IMPORT_STAR);
    return;
  }
  m_emit.load_small_int(level);
  Nodes items = node_list(names, Rule::import_as_names);
  for (Node* item : items) m_emit.op_qstr(Op::LOAD_CONST_STRING, item->kids[0]->str);
  m_emit.op_uint(Op::BUILD_TUPLE, items.size());
  do_import_name(source);
  for (Node* item : items) {
    m_emit.op_qstr(Op::IMPORT_FROM, item->kids[0]->str);
    store_id(item->kids[1] == nullptr ? item->kids[0]->str : item->kids[1]->str);
  }
  m_emit.op(Op::POP_TOP);
}

void CodeGen::declare_global(const Node* pn, IdInfo& id) {
  if (id.kind != IdKind::undecided && id.kind != IdKind::global_explicit) {
    syntax_error(pn, "identifier redefined as global");
    return;
  }
  id.kind = IdKind::global_explicit;
  if (IdInfo* g = m_scopes[0].find(id.name)) g->kind = IdKind::global_explicit;
}

void CodeGen::declare_nonlocal(const Node* pn, IdInfo& id) {
  if (id.kind == IdKind::undecided) {
    id.kind = IdKind::global_implicit;
    close_over_if_bound(m_scopes, m_cur, id);
    if (id.kind == IdKind::global_implicit) syntax_error(pn, "no binding for nonlocal found");
  } else if (id.kind != IdKind::free) {
    syntax_error(pn, "identifier redefined as nonlocal");
  }
}

void CodeGen::global_nonlocal(Node* pn) {
  if (m_pass != Pass::scope) return;
  bool is_global = pn->rule == Rule::global_stmt;
  if (!is_global && cur().kind == ScopeKind::module) {
    syntax_error(pn, "can't declare nonlocal in outer code");
    return;
  }
  for (Node* name : node_list(pn->kids[0], Rule::name_list)) {
    IdInfo& id = cur().find_or_add(name->str, IdKind::undecided);
    if (is_global) {
      declare_global(pn, id);
    } else {
      declare_nonlocal(pn, id);
    }
  }
}

void CodeGen::assert_stmt(Node* pn) {
  if (m_opt_level != 0) return;
  int l_end = next_label();
  if_cond(pn->kids[0], true, l_end);
  m_emit.op_qstr(Op::LOAD_GLOBAL, "AssertionError");
  if (pn->kids[1] != nullptr) {
    compile_node(pn->kids[1]);
    m_emit.call(false, 1, 0, false);
  }
  m_emit.op(Op::RAISE_OBJ);
  m_emit.label_assign(l_end);
}

// ---- compound statements ----

void CodeGen::if_stmt(Node* pn) {
  int l_end = next_label();
  if (!node_is_const_false(pn->kids[0])) {
    int l_fail = next_label();
    if_cond(pn->kids[0], false, l_fail);
    compile_node(pn->kids[1]);
    if (node_is_const_true(pn->kids[0])) {
      m_emit.label_assign(l_end);
      return;
    }
    if (pn->kids[2] != nullptr || pn->kids[3] != nullptr) jump(l_end);
    m_emit.label_assign(l_fail);
  }
  for (Node* elif : node_list(pn->kids[2], Rule::if_stmt_elif_list)) {
    if (node_is_const_false(elif->kids[0])) continue;
    int l_fail = next_label();
    if_cond(elif->kids[0], false, l_fail);
    compile_node(elif->kids[1]);
    if (node_is_const_true(elif->kids[0])) {
      m_emit.label_assign(l_end);
      return;
    }
    jump(l_end);
    m_emit.label_assign(l_fail);
  }
  compile_node(pn->kids[3]);
  m_emit.label_assign(l_end);
}

namespace {
struct LoopState {
  int break_label, continue_label, level;
  bool from_for;
};
}  // namespace

#define CPY_START_LOOP                                                                        \
  LoopState saved{m_break_label, m_continue_label, m_break_continue_level, m_break_from_for}; \
  int break_label = next_label();                                                             \
  int continue_label = next_label();                                                          \
  m_break_label = break_label;                                                                \
  m_continue_label = continue_label;                                                          \
  m_break_from_for = false;                                                                   \
  m_break_continue_level = m_except_level;
#define CPY_END_LOOP                       \
  m_break_label = saved.break_label;       \
  m_continue_label = saved.continue_label; \
  m_break_continue_level = saved.level;    \
  m_break_from_for = saved.from_for;

void CodeGen::while_stmt(Node* pn) {
  CPY_START_LOOP
  if (!node_is_const_false(pn->kids[0])) {
    int top = next_label();
    if (!node_is_const_true(pn->kids[0])) jump(continue_label);
    m_emit.label_assign(top);
    compile_node(pn->kids[1]);
    m_emit.label_assign(continue_label);
    if_cond(pn->kids[0], true, top);
  }
  CPY_END_LOOP
  compile_node(pn->kids[2]);
  m_emit.label_assign(break_label);
}

namespace {
bool is_plain_range_arg(const Node* n) {
  return !(is_rule(n, Rule::arglist_star) || is_rule(n, Rule::arglist_dbl_star) || is_rule(n, Rule::argument));
}
}  // namespace

void CodeGen::for_stmt(Node* pn) {
  Node* it = pn->kids[1];
  if (pn->kids[0]->is_id() && is_rule(it, Rule::atom_expr_normal) && it->kids[0]->is_id() &&
      it->kids[0]->str == "range" && is_rule(it->kids[1], Rule::trailer_paren)) {
    Nodes args = node_list(it->kids[1]->kids[0], Rule::arglist);
    if (!args.empty() && args.size() <= 3) {
      Node one;
      one.kind = Node::Kind::small_int;
      one.small = 1;
      Node zero;
      zero.kind = Node::Kind::small_int;
      Node* start = args.size() == 1 ? &zero : args[0];
      Node* end = args.size() == 1 ? args[0] : args[1];
      Node* step = args.size() == 3 ? args[2] : &one;
      bool ok = step->kind == Node::Kind::small_int && step->small != 0;
      ok = ok && is_plain_range_arg(start) && is_plain_range_arg(end);
      if (ok) {
        for_range(pn->kids[0], start, end, step, pn->kids[2], pn->kids[3]);
        return;
      }
    }
  }
  CPY_START_LOOP
  m_break_from_for = true;
  int pop_label = next_label();
  compile_node(it);
  m_emit.op(Op::GET_ITER_STACK);
  m_emit.label_assign(continue_label);
  m_emit.op_jump(Op::FOR_ITER, pop_label);
  assign(pn->kids[0], Assign::store);
  compile_node(pn->kids[2]);
  jump(continue_label);
  m_emit.label_assign(pop_label);
  m_emit.adjust_stack(-4);
  CPY_END_LOOP
  compile_node(pn->kids[3]);
  m_emit.label_assign(break_label);
}

void CodeGen::for_range(Node* var, Node* start, Node* end, Node* step, Node* body, Node* else_body) {
  CPY_START_LOOP
  int top = next_label();
  int entry = next_label();
  bool end_on_stack = end->kind != Node::Kind::small_int;
  if (end_on_stack) compile_node(end);
  compile_node(start);
  jump(entry);
  m_emit.label_assign(top);
  m_emit.op(Op::DUP_TOP);
  assign(var, Assign::store);
  compile_node(body);
  m_emit.label_assign(continue_label);
  compile_node(step);
  m_emit.binary_op(BinaryOp::inplace_add);
  m_emit.label_assign(entry);
  if (end_on_stack) {
    m_emit.op(Op::DUP_TOP_TWO);
    m_emit.op(Op::ROT_TWO);
  } else {
    m_emit.op(Op::DUP_TOP);
    compile_node(end);
  }
  m_emit.binary_op(step->small >= 0 ? BinaryOp::less : BinaryOp::more);
  pop_jump_if(true, top);
  CPY_END_LOOP
  int end_label = 0;
  if (else_body != nullptr) {
    m_emit.op(Op::POP_TOP);
    if (end_on_stack) m_emit.op(Op::POP_TOP);
    compile_node(else_body);
    end_label = next_label();
    jump(end_label);
    m_emit.adjust_stack(1 + (end_on_stack ? 1 : 0));
  }
  m_emit.label_assign(break_label);
  m_emit.op(Op::POP_TOP);
  if (end_on_stack) m_emit.op(Op::POP_TOP);
  if (else_body != nullptr) m_emit.label_assign(end_label);
}

void CodeGen::try_stmt(Node* pn) {
  Node* rest = pn->kids[1];
  if (rest->is(Rule::try_stmt_finally)) {
    try_finally(pn->kids[0], {}, nullptr, rest->kids[0]);
  } else if (rest->is(Rule::try_stmt_except_and_more)) {
    Nodes excepts = node_list(rest->kids[0], Rule::try_stmt_except_list);
    if (rest->kids[2] == nullptr) {
      try_except(pn->kids[0], excepts, rest->kids[1]);
    } else {
      try_finally(pn->kids[0], excepts, rest->kids[1], rest->kids[2]->kids[0]);
    }
  } else {
    try_except(pn->kids[0], node_list(rest, Rule::try_stmt_except_list), nullptr);
  }
}

void CodeGen::try_except(Node* body, const Nodes& excepts, Node* else_body) {
  int l1 = next_label();
  int success = next_label();
  m_emit.op_jump(Op::SETUP_EXCEPT, l1);
  if (++m_except_level > cur().exc_stack_size) cur().exc_stack_size = m_except_level;
  compile_node(body);
  m_emit.op_jump(Op::POP_EXCEPT_JUMP, success);
  m_emit.suppress();
  m_emit.label_assign(l1);
  m_emit.adjust_stack(4);
  int l2 = next_label();
  for (std::size_t i = 0; i < excepts.size(); ++i) {
    Node* handler = excepts[i];
    std::string local;
    int end_finally_label = next_label();
    if (handler->kids[0] == nullptr) {
      if (i + 1 != excepts.size()) {
        syntax_error(handler, "default 'except' must be last");
        --m_except_level;
        return;
      }
    } else {
      Node* type = handler->kids[0];
      if (type->is(Rule::try_stmt_as_name)) {
        local = type->kids[1]->str;
        type = type->kids[0];
      }
      m_emit.op(Op::DUP_TOP);
      compile_node(type);
      m_emit.binary_op(BinaryOp::exception_match);
      pop_jump_if(false, end_finally_label);
    }
    if (local.empty()) {
      m_emit.op(Op::POP_TOP);
    } else {
      store_id(local);
    }
    int l3 = 0;
    if (!local.empty()) {
      l3 = next_label();
      m_emit.op_jump(Op::SETUP_FINALLY, l3);
      if (++m_except_level > cur().exc_stack_size) cur().exc_stack_size = m_except_level;
    }
    compile_node(handler->kids[1]);
    if (!local.empty()) {
      m_emit.load_const_tok(Tok::kw_none);
      m_emit.label_assign(l3);
      m_emit.adjust_stack(1);
      m_emit.load_const_tok(Tok::kw_none);
      store_id(local);
      delete_id(local);
      m_emit.adjust_stack(-1);
      m_emit.op(Op::END_FINALLY);
      --m_except_level;
    }
    m_emit.op_jump(Op::POP_EXCEPT_JUMP, l2);
    m_emit.suppress();
    m_emit.label_assign(end_finally_label);
    m_emit.adjust_stack(1);
  }
  --m_except_level;
  m_emit.op(Op::END_FINALLY);
  m_emit.adjust_stack(-3);
  m_emit.label_assign(success);
  compile_node(else_body);
  m_emit.label_assign(l2);
}

void CodeGen::try_finally(Node* body, const Nodes& excepts, Node* else_body, Node* finally_body) {
  int l_finally = next_label();
  m_emit.op_jump(Op::SETUP_FINALLY, l_finally);
  if (++m_except_level > cur().exc_stack_size) cur().exc_stack_size = m_except_level;
  if (excepts.empty()) {
    m_emit.adjust_stack(3);
    compile_node(body);
    m_emit.adjust_stack(-3);
  } else {
    try_except(body, excepts, else_body);
  }
  m_emit.load_const_tok(Tok::kw_none);
  m_emit.label_assign(l_finally);
  m_emit.adjust_stack(1);
  compile_node(finally_body);
  m_emit.adjust_stack(-1);
  m_emit.op(Op::END_FINALLY);
  --m_except_level;
}

void CodeGen::with_stmt(Node* pn) { with_helper(node_list(pn->kids[0], Rule::with_stmt_list), 0, pn->kids[1]); }

void CodeGen::with_helper(const Nodes& items, std::size_t i, Node* body) {
  if (i == items.size()) {
    compile_node(body);
    return;
  }
  int l_end = next_label();
  Node* item = items[i];
  bool has_as = item->is(Rule::with_item);
  compile_node(has_as ? item->kids[0] : item);
  if (++m_except_level > cur().exc_stack_size) cur().exc_stack_size = m_except_level;
  m_emit.op_jump(Op::SETUP_WITH, l_end);
  if (has_as) {
    assign(item->kids[1], Assign::store);
  } else {
    m_emit.op(Op::POP_TOP);
  }
  with_helper(items, i + 1, body);
  m_emit.load_const_tok(Tok::kw_none);
  m_emit.label_assign(l_end);
  m_emit.op(Op::WITH_CLEANUP);
  m_emit.adjust_stack(-4);
  --m_except_level;
  m_emit.op(Op::END_FINALLY);
}

}  // namespace cpy::mpycross
