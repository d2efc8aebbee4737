// Parser: tree shapes and the parse-time rewrites of spec §6.4.
#include <doctest/doctest.h>

#include "mpycross/lexer.hpp"
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
