// Code generation for expressions: conditions, operators, calls, displays, yield (§7.2, §7.7, §7.8).
#include "mpycross/codegen.hpp"

namespace cpy::mpycross {

using mpy::BinaryOp;
using mpy::Op;

void CodeGen::if_cond(Node* pn, bool jump_if, int label) {
  if (node_is_const_false(pn)) {
    if (!jump_if) jump(label);
    return;
  }
  if (node_is_const_true(pn)) {
    if (jump_if) jump(label);
    return;
  }
  if (pn != nullptr && pn->kind == Node::Kind::rule) {
    bool is_or = pn->rule == Rule::or_test;
    if (is_or || pn->rule == Rule::and_test) {
      std::size_t n = pn->kids.size();
      if (jump_if == !is_or) {  // or/false, and/true
        int label2 = next_label();
        for (std::size_t i = 0; i + 1 < n; ++i) if_cond(pn->kids[i], !jump_if, label2);
        if_cond(pn->kids[n - 1], jump_if, label);
        m_emit.label_assign(label2);
      } else {
        for (Node* k : pn->kids) if_cond(k, jump_if, label);
      }
      return;
    }
    if (pn->rule == Rule::not_test_2) {
      if_cond(pn->kids[0], !jump_if, label);
      return;
    }
  }
  compile_node(pn);
  pop_jump_if(jump_if, label);
}

void CodeGen::test_if_expr(Node* pn) {
  Node* else_part = pn->kids[1];
  int l_fail = next_label();
  int l_end = next_label();
  if_cond(else_part->kids[0], false, l_fail);
  compile_node(pn->kids[0]);
  jump(l_end);
  m_emit.label_assign(l_fail);
  m_emit.adjust_stack(-1);
  compile_node(else_part->kids[1]);
  m_emit.label_assign(l_end);
}

void CodeGen::or_and_test(Node* pn) {
  bool is_or = pn->rule == Rule::or_test;
  int l_end = next_label();
  for (std::size_t i = 0; i < pn->kids.size(); ++i) {
    compile_node(pn->kids[i]);
    if (i + 1 < pn->kids.size()) m_emit.op_jump(is_or ? Op::JUMP_IF_TRUE_OR_POP : Op::JUMP_IF_FALSE_OR_POP, l_end);
  }
  m_emit.label_assign(l_end);
}

void CodeGen::comparison(Node* pn) {
  std::size_t n = pn->kids.size();
  compile_node(pn->kids[0]);
  bool multi = n > 3;
  int l_fail = multi ? next_label() : 0;
  for (std::size_t i = 1; i + 1 < n; i += 2) {
    compile_node(pn->kids[i + 1]);
    if (i + 2 < n) {
      m_emit.op(Op::DUP_TOP);
      m_emit.op(Op::ROT_THREE);
    }
    Node* op = pn->kids[i];
    if (op->kind == Node::Kind::token) {
      if (op->tok == Tok::kw_in) {
        m_emit.binary_op(BinaryOp::in);
      } else {
        int k = static_cast<int>(op->tok) - static_cast<int>(Tok::op_less);
        m_emit.binary_op(static_cast<BinaryOp>(static_cast<int>(BinaryOp::less) + k));
      }
    } else if (op->rule == Rule::comp_op_not_in) {
      m_emit.binary_op(BinaryOp::in);
      m_emit.unary_op(mpy::UnaryOp::not_);
    } else {
      m_emit.binary_op(BinaryOp::is);
      if (op->kids[0] != nullptr) m_emit.unary_op(mpy::UnaryOp::not_);
    }
    if (i + 2 < n) m_emit.op_jump(Op::JUMP_IF_FALSE_OR_POP, l_fail);
  }
  if (multi) {
    int l_end = next_label();
    jump(l_end);
    m_emit.label_assign(l_fail);
    m_emit.adjust_stack(1);
    m_emit.op(Op::ROT_TWO);
    m_emit.op(Op::POP_TOP);
    m_emit.label_assign(l_end);
  }
}

void CodeGen::binary_chain(Node* pn) {
  BinaryOp op = pn->rule == Rule::expr ? BinaryOp::or_ : pn->rule == Rule::xor_expr ? BinaryOp::xor_ : BinaryOp::and_;
  compile_node(pn->kids[0]);
  for (std::size_t i = 1; i < pn->kids.size(); ++i) {
    compile_node(pn->kids[i]);
    m_emit.binary_op(op);
  }
}

void CodeGen::term_chain(Node* pn) {
  compile_node(pn->kids[0]);
  for (std::size_t i = 1; i + 1 < pn->kids.size(); i += 2) {
    compile_node(pn->kids[i + 1]);
    int k = static_cast<int>(pn->kids[i]->tok) - static_cast<int>(Tok::op_dbl_less);
    m_emit.binary_op(static_cast<BinaryOp>(static_cast<int>(BinaryOp::lshift) + k));
  }
}

void CodeGen::atom_expr(Node* pn) {
  Node* atom = pn->kids[0];
  Nodes trailers = node_list(pn->kids[1], Rule::atom_expr_trailers);
  std::size_t i = 0;
  if (cur().kind == ScopeKind::function && atom->is_id() && atom->str == "super" && !trailers.empty() &&
      trailers[0]->is(Rule::trailer_paren) && trailers[0]->kids[0] == nullptr) {
    load_id("super");
    load_id("__class__");
    const IdInfo* self = nullptr;
    for (const IdInfo& id : cur().ids) {
      if (id.flags & k_id_param) {
        self = &id;
        break;
      }
    }
    if (self == nullptr) {
      syntax_error(trailers[0], "super() can't find self");
      return;
    }
    load_id(std::string(self->name));
    if (trailers.size() >= 3 && trailers[1]->is(Rule::trailer_period) && trailers[2]->is(Rule::trailer_paren)) {
      m_emit.op_qstr(Op::LOAD_SUPER_METHOD, trailers[1]->kids[0]->str);
      trailer_paren_helper(trailers[2]->kids[0], true, 0);
      i = 3;
    } else {
      m_emit.call(false, 2, 0, false);
      i = 1;
    }
  } else {
    compile_node(atom);
  }
  for (; i < trailers.size(); ++i) {
    if (i + 1 < trailers.size() && trailers[i]->is(Rule::trailer_period) && trailers[i + 1]->is(Rule::trailer_paren)) {
      m_emit.op_qstr(Op::LOAD_METHOD, trailers[i]->kids[0]->str);
      trailer_paren_helper(trailers[i + 1]->kids[0], true, 0);
      ++i;
    } else {
      compile_node(trailers[i]);
    }
  }
}

void CodeGen::trailer_paren_helper(Node* arglist, bool method, int n_pos_extra) {
  Nodes args = node_list(arglist, Rule::arglist);
  int n_pos = n_pos_extra, n_kw = 0;
  bool single = false, dbl = false;
  std::uint64_t star_args = 0;
  for (std::size_t i = 0; i < args.size(); ++i) {
    Node* arg = args[i];
    if (arg->is(Rule::arglist_star)) {
      if (dbl) return syntax_error(arg, "* arg after **");
      if (i >= static_cast<std::size_t>(m_small_int_bits - 1)) return syntax_error(arg, "too many args");
      single = true;
      star_args |= std::uint64_t{1} << i;
      compile_node(arg->kids[0]);
      ++n_pos;
      continue;
    }
    if (arg->is(Rule::arglist_dbl_star)) {
      dbl = true;
      m_emit.op(Op::LOAD_NULL);
      compile_node(arg->kids[0]);
      ++n_kw;
      continue;
    }
    if (arg->is(Rule::argument)) {
      if (is_rule(arg->kids[1], Rule::argument_3)) {
        namedexpr(arg->kids[0], arg->kids[1]->kids[0]);
        ++n_pos;
      } else if (!is_rule(arg->kids[1], Rule::comp_for)) {
        if (!arg->kids[0]->is_id()) return syntax_error(arg, "LHS of keyword arg must be an id");
        m_emit.op_qstr(Op::LOAD_CONST_STRING, arg->kids[0]->str);
        compile_node(arg->kids[1]);
        ++n_kw;
      } else {
        comprehension(arg, ScopeKind::gen_expr);
        ++n_pos;
      }
      continue;
    }
    if (dbl) return syntax_error(arg, "positional arg after **");
    if (n_kw > 0) return syntax_error(arg, "positional arg after keyword arg");
    compile_node(arg);
    ++n_pos;
  }
  bool star = single || dbl;
  if (star) m_emit.load_small_int(static_cast<std::int64_t>(star_args));
  m_emit.call(method, n_pos, n_kw, star);
}

void CodeGen::subscript(Node* pn) {
  if (pn->rule == Rule::subscript_2) {
    compile_node(pn->kids[0]);
    pn = pn->kids[1];
  } else {
    m_emit.load_const_tok(Tok::kw_none);
  }
  Node* rest = pn->kids[0];
  if (rest == nullptr) {
    m_emit.load_const_tok(Tok::kw_none);
    m_emit.op_uint(Op::BUILD_SLICE, 2);
  } else if (rest->is(Rule::subscript_3c)) {
    m_emit.load_const_tok(Tok::kw_none);
    if (rest->kids[0] == nullptr) {
      m_emit.op_uint(Op::BUILD_SLICE, 2);
    } else {
      compile_node(rest->kids[0]);
      m_emit.op_uint(Op::BUILD_SLICE, 3);
    }
  } else if (rest->is(Rule::subscript_3d)) {
    compile_node(rest->kids[0]);
    Node* sliceop = rest->kids[1];
    if (sliceop->kids[0] == nullptr) {
      m_emit.op_uint(Op::BUILD_SLICE, 2);
    } else {
      compile_node(sliceop->kids[0]);
      m_emit.op_uint(Op::BUILD_SLICE, 3);
    }
  } else {
    compile_node(rest);
    m_emit.op_uint(Op::BUILD_SLICE, 2);
  }
}

void CodeGen::atom_paren(Node* pn) {
  Node* inner = pn->kids[0];
  if (inner == nullptr) {
    m_emit.op_uint(Op::BUILD_TUPLE, 0);
  } else if (inner->kids.size() == 2 && is_rule(inner->kids[1], Rule::comp_for)) {
    comprehension(inner, ScopeKind::gen_expr);
  } else {
    generic_tuple(inner);
  }
}

void CodeGen::atom_bracket(Node* pn) {
  Node* inner = pn->kids[0];
  if (inner == nullptr) {
    m_emit.op_uint(Op::BUILD_LIST, 0);
  } else if (inner->is(Rule::testlist_comp)) {
    if (inner->kids.size() == 2 && is_rule(inner->kids[1], Rule::comp_for)) {
      comprehension(inner, ScopeKind::list_comp);
    } else {
      all_nodes(inner);
      m_emit.op_uint(Op::BUILD_LIST, inner->kids.size());
    }
  } else {
    compile_node(inner);
    m_emit.op_uint(Op::BUILD_LIST, 1);
  }
}

void CodeGen::atom_brace(Node* pn) {
  Node* inner = pn->kids[0];
  if (inner == nullptr) {
    m_emit.op_uint(Op::BUILD_MAP, 0);
    return;
  }
  if (inner->is(Rule::dictorsetmaker_item)) {
    m_emit.op_uint(Op::BUILD_MAP, 1);
    compile_node(inner);
    m_emit.op(Op::STORE_MAP);
    return;
  }
  if (!inner->is(Rule::dictorsetmaker)) {
    compile_node(inner);
    m_emit.op_uint(Op::BUILD_SET, 1);
    return;
  }
  Node* tail = inner->kids[1];
  bool first_is_item = is_rule(inner->kids[0], Rule::dictorsetmaker_item);
  if (tail->is(Rule::comp_for)) {
    comprehension(inner, first_is_item ? ScopeKind::dict_comp : ScopeKind::set_comp);
    return;
  }
  Nodes rest = node_list(tail->kids[0], Rule::dictorsetmaker_list2);
  if (first_is_item) {
    m_emit.op_uint(Op::BUILD_MAP, 1 + rest.size());
    compile_node(inner->kids[0]);
    m_emit.op(Op::STORE_MAP);
  } else {
    compile_node(inner->kids[0]);
  }
  for (Node* item : rest) {
    bool kv = is_rule(item, Rule::dictorsetmaker_item);
    compile_node(item);
    if (first_is_item) {
      if (!kv) return syntax_error(inner, "expecting key:value for dict");
      m_emit.op(Op::STORE_MAP);
    } else if (kv) {
      return syntax_error(inner, "expecting just a value for set");
    }
  }
  if (!first_is_item) m_emit.op_uint(Op::BUILD_SET, 1 + rest.size());
}

void CodeGen::yield_expr(Node* pn) {
  if (!is_func_like(cur().kind)) {
    syntax_error(pn, "'yield' outside function");
    return;
  }
  Node* arg = pn->kids[0];
  cur().flags |= k_flag_generator;
  if (arg == nullptr) {
    m_emit.load_const_tok(Tok::kw_none);
    m_emit.op(Op::YIELD_VALUE);
  } else if (arg->is(Rule::yield_arg_from)) {
    if (cur().flags & k_flag_async) {
      syntax_error(arg, "'yield from' inside async function");
      return;
    }
    compile_node(arg->kids[0]);
    m_emit.op(Op::GET_ITER);
    m_emit.load_const_tok(Tok::kw_none);
    m_emit.op(Op::YIELD_FROM);
  } else {
    compile_node(arg);
    m_emit.op(Op::YIELD_VALUE);
  }
}

// ---- async (CircuitPython flavour, spec §7.11) ----

void CodeGen::async_stmt(Node* pn) {
  Node* inner = pn->kids[0];
  if (inner->is(Rule::funcdef)) {
    funcdef(inner);
    m_scopes[static_cast<std::size_t>(inner->scope)].flags |= k_flag_generator | k_flag_async;
    return;
  }
  if (!(cur().flags & k_flag_generator)) {
    syntax_error(inner, "async for/with outside async function");
    return;
  }
  if (inner->is(Rule::for_stmt)) {
    async_for(inner);
  } else {
    async_with(inner);
  }
}

void CodeGen::async_for(Node* pn) {
  int break_saved = m_break_label, cont_saved = m_continue_label, level_saved = m_break_continue_level;
  bool from_for_saved = m_break_from_for;
  int break_label = next_label();
  int continue_label = next_label();
  m_break_label = break_label;
  m_continue_label = continue_label;
  m_break_from_for = false;
  m_break_continue_level = m_except_level;
  int l_else = next_label();
  int l_exc = next_label();
  int l_end = next_label();
  int l_fin = next_label();
  compile_node(pn->kids[1]);
  m_emit.op_qstr(Op::LOAD_METHOD, "__aiter__");
  m_emit.call(true, 0, 0, false);
  m_emit.label_assign(continue_label);
  m_emit.op_jump(Op::SETUP_EXCEPT, l_exc);
  if (++m_except_level > cur().exc_stack_size) cur().exc_stack_size = m_except_level;
  m_emit.op(Op::DUP_TOP);
  m_emit.op_qstr(Op::LOAD_METHOD, "__anext__");
  m_emit.call(true, 0, 0, false);
  m_emit.op(Op::GET_ITER);
  m_emit.load_const_tok(Tok::kw_none);
  m_emit.op(Op::YIELD_FROM);
  assign(pn->kids[0], Assign::store);
  --m_except_level;
  m_emit.op_jump(Op::POP_EXCEPT_JUMP, l_else);
  m_emit.suppress();
  m_emit.label_assign(l_exc);
  m_emit.adjust_stack(4);
  m_emit.op(Op::DUP_TOP);
  m_emit.op_qstr(Op::LOAD_GLOBAL, "StopAsyncIteration");
  m_emit.binary_op(BinaryOp::exception_match);
  pop_jump_if(false, l_fin);
  m_emit.op(Op::POP_TOP);
  m_emit.op_jump(Op::POP_EXCEPT_JUMP, l_end);
  m_emit.suppress();
  m_emit.label_assign(l_fin);
  m_emit.adjust_stack(1);
  m_emit.op(Op::END_FINALLY);
  m_emit.adjust_stack(-3);
  m_emit.label_assign(l_else);
  compile_node(pn->kids[2]);
  jump(continue_label);
  m_break_label = break_saved;
  m_continue_label = cont_saved;
  m_break_continue_level = level_saved;
  m_break_from_for = from_for_saved;
  m_emit.label_assign(l_end);
  compile_node(pn->kids[3]);
  m_emit.label_assign(break_label);
  m_emit.op(Op::POP_TOP);
}

void CodeGen::async_with(Node* pn) { async_with_helper(node_list(pn->kids[0], Rule::with_stmt_list), 0, pn->kids[1]); }

void CodeGen::async_with_helper(const Nodes& items, std::size_t i, Node* body) {
  if (i == items.size()) {
    compile_node(body);
    return;
  }
  int l_finally = next_label();
  int l_end = next_label();
  int l_noexc = next_label();
  int l_ret = next_label();
  Node* item = items[i];
  bool has_as = item->is(Rule::with_item);
  compile_node(has_as ? item->kids[0] : item);
  m_emit.op(Op::DUP_TOP);
  m_emit.op_qstr(Op::LOAD_METHOD, "__aenter__");
  m_emit.call(true, 0, 0, false);
  m_emit.op(Op::GET_ITER);
  m_emit.load_const_tok(Tok::kw_none);
  m_emit.op(Op::YIELD_FROM);
  if (has_as) {
    assign(item->kids[1], Assign::store);
  } else {
    m_emit.op(Op::POP_TOP);
  }
  m_emit.op_jump(Op::SETUP_FINALLY, l_finally);
  if (++m_except_level > cur().exc_stack_size) cur().exc_stack_size = m_except_level;
  m_emit.adjust_stack(3);
  async_with_helper(items, i + 1, body);
  m_emit.adjust_stack(-3);
  m_emit.load_const_tok(Tok::kw_none);
  m_emit.op(Op::ROT_TWO);
  jump(l_noexc);
  m_emit.label_assign(l_finally);
  m_emit.op(Op::DUP_TOP);
  m_emit.op_qstr(Op::LOAD_GLOBAL, "BaseException");
  m_emit.binary_op(BinaryOp::exception_match);
  pop_jump_if(false, l_ret);
  m_emit.op(Op::DUP_TOP);
  m_emit.op(Op::ROT_THREE);
  m_emit.op(Op::ROT_TWO);
  m_emit.op_qstr(Op::LOAD_METHOD, "__aexit__");
  m_emit.op(Op::ROT_THREE);
  m_emit.op(Op::ROT_THREE);
  m_emit.op(Op::DUP_TOP);
  m_emit.op_qstr(Op::LOAD_ATTR, "__class__");
  m_emit.op(Op::ROT_TWO);
  m_emit.load_const_tok(Tok::kw_none);
  m_emit.call(true, 3, 0, false);
  m_emit.op(Op::GET_ITER);
  m_emit.load_const_tok(Tok::kw_none);
  m_emit.op(Op::YIELD_FROM);
  pop_jump_if(false, l_end);
  m_emit.op(Op::POP_TOP);
  m_emit.load_const_tok(Tok::kw_none);
  jump(l_end);
  m_emit.adjust_stack(2);
  m_emit.label_assign(l_ret);
  m_emit.op(Op::ROT_THREE);
  m_emit.op(Op::ROT_THREE);
  m_emit.label_assign(l_noexc);
  m_emit.op_qstr(Op::LOAD_METHOD, "__aexit__");
  m_emit.load_const_tok(Tok::kw_none);
  m_emit.op(Op::DUP_TOP);
  m_emit.op(Op::DUP_TOP);
  m_emit.call(true, 3, 0, false);
  m_emit.op(Op::GET_ITER);
  m_emit.load_const_tok(Tok::kw_none);
  m_emit.op(Op::YIELD_FROM);
  m_emit.op(Op::POP_TOP);
  m_emit.adjust_stack(-1);
  m_emit.label_assign(l_end);
  --m_except_level;
  m_emit.op(Op::END_FINALLY);
}

}  // namespace cpy::mpycross
