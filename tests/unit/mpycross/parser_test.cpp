// Parser: tree shapes and the parse-time rewrites of spec §6.4.
#include <doctest/doctest.h>

#include "mpycross/lexer.hpp"
#include "mpycross/parse_chain.hpp"
#include "mpycross/parser.hpp"

using namespace cpy::mpycross;

namespace {

struct Parsed {
  NodePool pool;
  Interned interned;
  Node* root = nullptr;
  bool ok = false;
  Diagnostic error;
};

void parse_into(Parsed& p, const std::string& src) {
  Lexer lex(src, 0);
  Parser parser(lex, p.pool, p.interned, ParseOptions{});
  auto root = parser.parse();
  p.ok = root.has_value();
  if (root) p.root = *root;
  p.error = parser.error();
}

}  // namespace

TEST_CASE("parser folds integer arithmetic into a small int leaf") {
  Parsed p;
  parse_into(p, "x = 2 * 3 + 4\n");
  REQUIRE(p.ok);
  REQUIRE(p.root->is(Rule::expr_stmt));
  Node* value = p.root->kids[1];
  CHECK(value->kind == Node::Kind::small_int);
  CHECK(value->small == 10);
}

TEST_CASE("parser does not fold a partly constant chain") {
  Parsed p;
  parse_into(p, "y = 1 + 2 + x\n");
  REQUIRE(p.ok);
  CHECK(p.root->kids[1]->is(Rule::arith_expr));
}

TEST_CASE("parser turns a tuple of constants into one constant object") {
  Parsed p;
  parse_into(p, "t = (1, 'a', None)\n");
  REQUIRE(p.ok);
  Node* value = p.root->kids[1];
  REQUIRE(value->is(Rule::const_object));
  CHECK(value->obj->type == Obj::Type::tuple);
  CHECK(value->obj->items.size() == 3);
}

TEST_CASE("parser substitutes const() names and drops private ones") {
  Parsed p;
  parse_into(p, "_A = const(5)\nB = const(_A * 2)\nprint(B)\n");
  REQUIRE(p.ok);
  REQUIRE(p.root->is(Rule::file_input_2));
  CHECK(p.root->kids[0]->is(Rule::pass_stmt));
  Node* b = p.root->kids[1];
  CHECK(b->kids[1]->kind == Node::Kind::small_int);
  CHECK(b->kids[1]->small == 10);
}

TEST_CASE("parser replaces a docstring by pass") {
  Parsed p;
  parse_into(p, "'doc'\n");
  REQUIRE(p.ok);
  CHECK(p.root->is(Rule::pass_stmt));
}

TEST_CASE("parser interns long strings only when already known") {
  Parsed p;
  parse_into(p, "f = 'identifier_long_name'\nidentifier_long_name = 1\ng = 'identifier_long_name'\n");
  REQUIRE(p.ok);
  CHECK(p.root->kids[0]->kids[1]->is(Rule::const_object));
  CHECK(p.root->kids[2]->kids[1]->kind == Node::Kind::string);
}

TEST_CASE("parser reports the line where it gave up") {
  Parsed p;
  parse_into(p, "x = 1\nprint(x +\n");
  CHECK(!p.ok);
  CHECK(p.error.message == "invalid syntax");
  CHECK(p.error.line == 3);
}

TEST_CASE("the statement-to-atom fast path matches the grammar table") {
  // chain_levels() is empty (fast path off) if any level does not lead to the next on a token that starts an atom.
  const auto levels = chain_levels();
  REQUIRE(levels.size() > 10);
  CHECK(levels.front().rule == Rule::stmt);
  CHECK(levels.back().rule == Rule::atom_expr_normal);
  CHECK(chain_level(Rule::test) >= 0);
  CHECK(chain_level(Rule::atom) == -1);
  CHECK(levels[static_cast<std::size_t>(chain_level(Rule::arith_expr))].active.has(Tok::op_plus));
  CHECK(!levels[static_cast<std::size_t>(chain_level(Rule::arith_expr))].active.has(Tok::op_star));
  const std::uint32_t plus = chain_active_levels(Tok::op_plus);
  const auto bit = [](Rule rule) { return std::uint32_t{1} << chain_level(rule); };
  CHECK((plus & bit(Rule::arith_expr)) != 0);
  CHECK((plus & bit(Rule::term)) == 0);
  CHECK((plus & bit(Rule::test)) == 0);       // an or-rule never has work of its own
  CHECK(chain_active_levels(Tok::end) != 0);  // simple_stmt needs its NEWLINE: an error on any other token
}

TEST_CASE("parser builds the same shapes on the fast path as through the grammar rules") {
  Parsed p;
  parse_into(p, "a = b + c * d\nf(x)[1].y\nz = -w ** 2 if p else q\n");
  REQUIRE(p.ok);
  REQUIRE(p.root->is(Rule::file_input_2));
  Node* assign = p.root->kids[0];
  REQUIRE(assign->is(Rule::expr_stmt));
  Node* sum = assign->kids[1];
  REQUIRE(sum->is(Rule::arith_expr));
  CHECK(sum->kids[0]->is_id());
  CHECK(sum->kids[1]->is_token(Tok::op_plus));
  CHECK(sum->kids[2]->is(Rule::term));
  REQUIRE(p.root->kids[1]->is(Rule::expr_stmt));
  CHECK(p.root->kids[1]->kids[0]->is(Rule::atom_expr_normal));
  Node* cond = p.root->kids[2]->kids[1];
  REQUIRE(cond->is(Rule::test_if_expr));
  CHECK(cond->kids[0]->is(Rule::factor_2));
  CHECK(cond->kids[1]->is(Rule::test_if_else));
}

TEST_CASE("parser folds small decimal literals and keeps large or prefixed ones exact") {
  Parsed p;
  parse_into(p, "a = 1073741823\nb = 1073741824\nc = 0x10\nd = 123456789012345678901234567890\n");
  REQUIRE(p.ok);
  CHECK(p.root->kids[0]->kids[1]->kind == Node::Kind::small_int);
  CHECK(p.root->kids[0]->kids[1]->small == 1073741823);
  CHECK(p.root->kids[1]->kids[1]->is(Rule::const_object));
  CHECK(p.root->kids[2]->kids[1]->small == 16);
  REQUIRE(p.root->kids[3]->kids[1]->is(Rule::const_object));
  CHECK(p.root->kids[3]->kids[1]->obj->i.to_string() == "123456789012345678901234567890");
}
