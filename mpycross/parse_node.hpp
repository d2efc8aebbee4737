// Parse-tree nodes (leaves and rule nodes) and the constant objects the parser and compiler create.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "mpycross/bigint.hpp"
#include "mpycross/grammar.hpp"
#include "mpycross/token.hpp"

namespace cpy::mpycross {

/// A constant object (spec §2.4 types).
struct Obj {
  enum class Type : std::uint8_t { none = 1, false_, true_, ellipsis, str, bytes, int_, float_, complex_, tuple };
  Type type = Type::none;
  std::string text;  ///< str / bytes contents
  BigInt i;
  double f = 0;  ///< float value or imaginary part
  std::vector<Obj> items;

  static Obj make(Type t) {
    Obj o;
    o.type = t;
    return o;
  }
  static Obj integer(BigInt v) {
    Obj o = make(Type::int_);
    o.i = std::move(v);
    return o;
  }
  static Obj real(double v) {
    Obj o = make(Type::float_);
    o.f = v;
    return o;
  }
  bool truthy() const;
};

/// Same type and equal value; floats compare by bits so 0.0 and -0.0 differ (spec §5.4).
bool strictly_equal(const Obj& a, const Obj& b);

struct Node {
  enum class Kind : std::uint8_t { id, small_int, string, bytes, token, rule };
  Kind kind = Kind::rule;
  Rule rule = Rule::count;
  Tok tok = Tok::end;
  int line = 0;
  std::int64_t small = 0;
  std::string str;           ///< identifier or interned string/bytes text
  std::shared_ptr<Obj> obj;  ///< for Rule::const_object
  std::vector<Node*> kids;
  int scope = -1;  ///< scope index recorded by the compiler for def/class/lambda/comprehension nodes

  bool is(Rule r) const { return kind == Kind::rule && rule == r; }
  bool is_token(Tok t) const { return kind == Kind::token && tok == t; }
  bool is_id() const { return kind == Kind::id; }
};

inline bool is_rule(const Node* n, Rule r) { return n != nullptr && n->is(r); }

/// Owns all nodes of one parse.
class NodePool {
 public:
  Node* make() {
    m_nodes.push_back(std::make_unique<Node>());
    return m_nodes.back().get();
  }

 private:
  std::vector<std::unique_ptr<Node>> m_nodes;
};

/// True for nodes the reference treats as constants (numbers, strings, bytes, None/True/False/..., const objects,
/// `()`).
bool node_is_const(const Node* n);
/// The constant object of a node for which node_is_const() is true.
Obj node_to_obj(const Node* n);
/// Python truthiness of a constant node; false if the node is not constant.
bool node_is_const_true(const Node* n);
bool node_is_const_false(const Node* n);

/// The children of `n` if it is a `kind` node, else `n` itself as a one-item list (none for nullptr).
std::vector<Node*> node_list(Node* n, Rule kind);

}  // namespace cpy::mpycross
