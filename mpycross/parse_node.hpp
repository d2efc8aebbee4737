// Parse-tree nodes (leaves and rule nodes) and the constant objects the parser and compiler create.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
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
  std::span<Node*> kids;     ///< slots owned by the NodePool that made the node
  int scope = -1;            ///< scope index recorded by the compiler for def/class/lambda/comprehension nodes

  bool is(Rule r) const { return kind == Kind::rule && rule == r; }
  bool is_token(Tok t) const { return kind == Kind::token && tok == t; }
  bool is_id() const { return kind == Kind::id; }
};

inline bool is_rule(const Node* n, Rule r) { return n != nullptr && n->is(r); }

/// Owns all nodes and child lists of one parse: bump-allocated from blocks, freed together.
class NodePool {
 public:
  NodePool() = default;
  NodePool(const NodePool&) = delete;
  NodePool& operator=(const NodePool&) = delete;

  Node* make() {
    if (m_nodes_left == 0) new_node_block();
    --m_nodes_left;
    return m_node_next++;
  }
  /// `n` child slots, all nullptr.
  std::span<Node*> make_list(std::size_t n) {
    if (n > m_slots_left) new_slot_block(n);
    Node** first = m_slot_next;
    m_slot_next += n;
    m_slots_left -= n;
    return {first, n};
  }

 private:
  // Blocks double from the first size up to the last, so a small file allocates little.
  static constexpr std::size_t k_first_node_block = 16;
  static constexpr std::size_t k_last_node_block = 1024;
  static constexpr std::size_t k_first_slot_block = 64;
  static constexpr std::size_t k_last_slot_block = 8192;
  void new_node_block();
  void new_slot_block(std::size_t at_least);

  std::vector<std::unique_ptr<Node[]>> m_node_blocks;
  Node* m_node_next = nullptr;
  std::size_t m_nodes_left = 0;
  std::vector<std::unique_ptr<Node*[]>> m_slot_blocks;
  Node** m_slot_next = nullptr;
  std::size_t m_slots_left = 0;
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
