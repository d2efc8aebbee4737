// Constant-node helpers shared by the parser's folding and the compiler.
#include "mpycross/parse_node.hpp"

#include <algorithm>
#include <cmath>

namespace cpy::mpycross {

void NodePool::new_node_block() {
  const std::size_t size =
      std::min(k_first_node_block << std::min<std::size_t>(m_node_blocks.size(), 8), k_last_node_block);
  m_node_blocks.push_back(std::make_unique<Node[]>(size));
  m_node_next = m_node_blocks.back().get();
  m_nodes_left = size;
}

void NodePool::new_slot_block(std::size_t at_least) {
  const std::size_t grown =
      std::min(k_first_slot_block << std::min<std::size_t>(m_slot_blocks.size(), 8), k_last_slot_block);
  const std::size_t size = std::max(at_least, grown);
  m_slot_blocks.push_back(std::make_unique<Node*[]>(size));
  m_slot_next = m_slot_blocks.back().get();
  m_slots_left = size;
}

bool Obj::truthy() const {
  switch (type) {
    case Type::none:
    case Type::false_:
      return false;
    case Type::true_:
    case Type::ellipsis:
      return true;
    case Type::str:
    case Type::bytes:
      return !text.empty();
    case Type::int_:
      return !i.is_zero();
    case Type::float_:
    case Type::complex_:
      return f != 0;
    case Type::tuple:
      return !items.empty();
  }
  return true;
}

bool strictly_equal(const Obj& a, const Obj& b) {
  if (a.type != b.type) return false;
  switch (a.type) {
    case Obj::Type::str:
    case Obj::Type::bytes:
      return a.text == b.text;
    case Obj::Type::int_:
      return a.i == b.i;
    case Obj::Type::float_:
    case Obj::Type::complex_:
      return a.f == b.f && std::signbit(a.f) == std::signbit(b.f);
    case Obj::Type::tuple:
      if (a.items.size() != b.items.size()) return false;
      for (std::size_t k = 0; k < a.items.size(); ++k) {
        if (!strictly_equal(a.items[k], b.items[k])) return false;
      }
      return true;
    default:
      return true;
  }
}

bool node_is_const(const Node* n) {
  if (n == nullptr) return false;
  switch (n->kind) {
    case Node::Kind::small_int:
    case Node::Kind::string:
    case Node::Kind::bytes:
      return true;
    case Node::Kind::token:
      return n->tok == Tok::kw_none || n->tok == Tok::kw_true || n->tok == Tok::kw_false || n->tok == Tok::ellipsis;
    case Node::Kind::rule:
      return n->rule == Rule::const_object || (n->rule == Rule::atom_paren && n->kids.size() == 1 && !n->kids[0]);
    default:
      return false;
  }
}

Obj node_to_obj(const Node* n) {
  switch (n->kind) {
    case Node::Kind::small_int:
      return Obj::integer(BigInt(n->small));
    case Node::Kind::string:
    case Node::Kind::bytes: {
      Obj o = Obj::make(n->kind == Node::Kind::string ? Obj::Type::str : Obj::Type::bytes);
      o.text = n->str;
      return o;
    }
    case Node::Kind::token:
      if (n->tok == Tok::kw_none) return Obj::make(Obj::Type::none);
      if (n->tok == Tok::kw_true) return Obj::make(Obj::Type::true_);
      if (n->tok == Tok::kw_false) return Obj::make(Obj::Type::false_);
      return Obj::make(Obj::Type::ellipsis);
    default:
      if (n->rule == Rule::const_object) return *n->obj;
      return Obj::make(Obj::Type::tuple);
  }
}

bool node_is_const_true(const Node* n) { return node_is_const(n) && node_to_obj(n).truthy(); }
bool node_is_const_false(const Node* n) { return node_is_const(n) && !node_to_obj(n).truthy(); }

std::vector<Node*> node_list(Node* n, Rule kind) {
  if (n == nullptr) return {};
  if (n->is(kind)) return {n->kids.begin(), n->kids.end()};
  return {n};
}

}  // namespace cpy::mpycross
