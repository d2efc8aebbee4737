// The re module (a subset): compile/match/search/sub/split and match groups, over a backtracking matcher.
// Syntax: . ^ $ * + ? {m,n} (and lazy forms) [] [^] | () (?:) \d \w \s \D \W \S and escaped literals.
#include <functional>
#include <memory>

#include "firmware/modules/modules.hpp"

namespace cpy::vm {

namespace {

struct Node {
  enum class K : std::uint8_t { chr, any, cls, start, end, group, alt, repeat, concat } k = K::concat;
  char c = 0;
  bool negate = false;
  std::vector<std::pair<unsigned char, unsigned char>> ranges;  // cls
  int group = -1;
  int min = 0, max = -1;
  bool greedy = true;
  std::vector<std::unique_ptr<Node>> kids;
};

bool class_escape(char e, std::vector<std::pair<unsigned char, unsigned char>>& r, bool& negate) {
  switch (e) {
    case 'D':
      negate = true;
      [[fallthrough]];
    case 'd':
      r.push_back({'0', '9'});
      return true;
    case 'W':
      negate = true;
      [[fallthrough]];
    case 'w':
      r.push_back({'a', 'z'}), r.push_back({'A', 'Z'}), r.push_back({'0', '9'}), r.push_back({'_', '_'});
      return true;
    case 'S':
      negate = true;
      [[fallthrough]];
    case 's':
      r.push_back({' ', ' '}), r.push_back({'\t', '\r'});
      return true;
    default:
      return false;
  }
}

class Parser {
 public:
  Parser(Vm& vm, std::string_view p) : m_vm(vm), m_p(p) {}
  std::unique_ptr<Node> parse() {
    auto n = alternation();
    if (m_i != m_p.size()) fail();
    return n;
  }
  int groups() const { return m_groups; }

 private:
  [[noreturn]] void fail() { m_vm.raise(m_vm.e_value, "error in regex"); }
  bool more() const { return m_i < m_p.size(); }
  std::unique_ptr<Node> alternation() {
    auto first = concat();
    if (!more() || m_p[m_i] != '|') return first;
    auto alt = std::make_unique<Node>();
    alt->k = Node::K::alt;
    alt->kids.push_back(std::move(first));
    while (more() && m_p[m_i] == '|') ++m_i, alt->kids.push_back(concat());
    return alt;
  }
  std::unique_ptr<Node> concat() {
    auto seq = std::make_unique<Node>();
    while (more() && m_p[m_i] != '|' && m_p[m_i] != ')') seq->kids.push_back(quantified());
    return seq;
  }
  std::unique_ptr<Node> quantified() {
    auto atom_node = atom();
    while (more()) {
      char c = m_p[m_i];
      int lo, hi;
      if (c == '*') {
        lo = 0, hi = -1, ++m_i;
      } else if (c == '+') {
        lo = 1, hi = -1, ++m_i;
      } else if (c == '?') {
        lo = 0, hi = 1, ++m_i;
      } else if (c == '{' && braces(lo, hi)) {
      } else {
        break;
      }
      auto rep = std::make_unique<Node>();
      rep->k = Node::K::repeat, rep->min = lo, rep->max = hi;
      if (more() && m_p[m_i] == '?') rep->greedy = false, ++m_i;
      rep->kids.push_back(std::move(atom_node));
      atom_node = std::move(rep);
    }
    return atom_node;
  }
  bool braces(int& lo, int& hi) {
    std::size_t j = m_i + 1;
    auto number = [&](int& out) {
      std::size_t s = j;
      out = 0;
      while (j < m_p.size() && m_p[j] >= '0' && m_p[j] <= '9' && j - s < 6) out = out * 10 + (m_p[j++] - '0');
      return j > s;
    };
    if (!number(lo)) return false;
    hi = lo;
    if (j < m_p.size() && m_p[j] == ',') {
      ++j;
      if (!number(hi)) hi = -1;
    }
    if (j >= m_p.size() || m_p[j] != '}') return false;
    m_i = j + 1;
    return true;
  }
  std::unique_ptr<Node> atom() {
    auto n = std::make_unique<Node>();
    char c = m_p[m_i++];
    switch (c) {
      case '.':
        n->k = Node::K::any;
        return n;
      case '^':
        n->k = Node::K::start;
        return n;
      case '$':
        n->k = Node::K::end;
        return n;
      case '(': {
        bool capture = true;
        if (m_p.substr(m_i, 2) == "?:") capture = false, m_i += 2;
        n->k = Node::K::group;
        if (capture) n->group = ++m_groups;
        n->kids.push_back(alternation());
        if (!more() || m_p[m_i] != ')') fail();
        ++m_i;
        return n;
      }
      case '[':
        return char_class();
      case '\\': {
        if (!more()) fail();
        char e = m_p[m_i++];
        n->k = Node::K::cls;
        if (class_escape(e, n->ranges, n->negate)) return n;
        n->k = Node::K::chr, n->c = e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e;
        return n;
      }
      case '*':
      case '+':
      case '?':
      case ')':
        fail();
      default:
        n->k = Node::K::chr, n->c = c;
        return n;
    }
  }
  std::unique_ptr<Node> char_class() {
    auto n = std::make_unique<Node>();
    n->k = Node::K::cls;
    if (more() && m_p[m_i] == '^') n->negate = true, ++m_i;
    bool first = true;
    while (more() && (m_p[m_i] != ']' || first)) {
      first = false;
      unsigned char lo = static_cast<unsigned char>(m_p[m_i++]);
      if (lo == '\\' && more()) {
        bool neg = false;
        if (class_escape(m_p[m_i], n->ranges, neg)) {
          if (neg) fail();  // \D inside [] is not supported
          ++m_i;
          continue;
        }
        lo = static_cast<unsigned char>(m_p[m_i++]);
      }
      unsigned char hi = lo;
      if (m_i + 1 < m_p.size() && m_p[m_i] == '-' && m_p[m_i + 1] != ']')
        hi = static_cast<unsigned char>(m_p[m_i + 1]), m_i += 2;
      n->ranges.push_back({lo, hi});
    }
    if (!more()) fail();
    ++m_i;
    return n;
  }

  Vm& m_vm;
  std::string_view m_p;
  std::size_t m_i = 0;
  int m_groups = 0;
};

using Cont = std::function<bool(std::size_t)>;

struct Matcher {
  std::string_view s;
  std::vector<std::int64_t> caps;  // 2 per group, -1 unset
  std::size_t steps = 0;
  Vm* vm;

  bool one_char(const Node& n, std::size_t pos) const {
    if (pos >= s.size()) return false;
    auto ch = static_cast<unsigned char>(s[pos]);
    switch (n.k) {
      case Node::K::chr:
        return s[pos] == n.c;
      case Node::K::any:
        return ch != '\n';
      default: {
        bool in = false;
        for (auto [lo, hi] : n.ranges) in |= ch >= lo && ch <= hi;
        return in != n.negate;
      }
    }
  }
  bool seq(const Node& n, std::size_t i, std::size_t pos, const Cont& k) {
    if (i == n.kids.size()) return k(pos);
    return match(*n.kids[i], pos, [&](std::size_t e) { return seq(n, i + 1, e, k); });
  }
  bool repeat(const Node& n, int count, std::size_t pos, const Cont& k) {
    auto again = [&](std::size_t e) { return e != pos && repeat(n, count + 1, e, k); };
    bool can_more = n.max < 0 || count < n.max;
    if (n.greedy) {
      if (can_more && match(*n.kids[0], pos, again)) return true;
      return count >= n.min && k(pos);
    }
    if (count >= n.min && k(pos)) return true;
    return can_more && match(*n.kids[0], pos, again);
  }
  bool match(const Node& n, std::size_t pos, const Cont& k) {
    if (++steps % 4096 == 0) vm->check_interrupt();
    switch (n.k) {
      case Node::K::chr:
      case Node::K::any:
      case Node::K::cls:
        return one_char(n, pos) && k(pos + 1);
      case Node::K::start:
        return pos == 0 && k(pos);
      case Node::K::end:
        return (pos == s.size() || (pos + 1 == s.size() && s[pos] == '\n')) && k(pos);
      case Node::K::alt:
        for (const auto& kid : n.kids) {
          if (match(*kid, pos, k)) return true;
        }
        return false;
      case Node::K::concat:
        return seq(n, 0, pos, k);
      case Node::K::repeat:
        vm->check_stack();
        return repeat(n, 0, pos, k);
      case Node::K::group: {
        if (n.group < 0) return match(*n.kids[0], pos, k);
        auto g = static_cast<std::size_t>(n.group);
        std::int64_t old_a = caps[2 * g], old_b = caps[2 * g + 1];
        if (match(*n.kids[0], pos, [&](std::size_t e) {
              std::int64_t a2 = caps[2 * g], b2 = caps[2 * g + 1];
              caps[2 * g] = static_cast<std::int64_t>(pos), caps[2 * g + 1] = static_cast<std::int64_t>(e);
              if (k(e)) return true;
              caps[2 * g] = a2, caps[2 * g + 1] = b2;
              return false;
            }))
          return true;
        caps[2 * g] = old_a, caps[2 * g + 1] = old_b;
        return false;
      }
    }
    return false;
  }
};

struct Compiled {
  std::unique_ptr<Node> root;
  int groups = 0;
};

Compiled compile_pattern(Vm& vm, Value pattern) {
  Parser p(vm, vm.to_str(pattern));
  Compiled c;
  c.root = p.parse();
  c.groups = p.groups();
  return c;
}

/// The Pattern or Match type, kept in the re module's globals (each VM has its own).
TypeObj* re_type(Vm& vm, std::string_view name) {
  Value* mod = vm.dict_find_str(vm.modules_dict(), "re");
  Value* t = mod && mod->is_obj() && mod->obj()->kind == Kind::module
                 ? vm.dict_find_str(static_cast<ModuleObj*>(mod->obj())->globals, name)
                 : nullptr;
  if (!t || !t->is_obj() || t->obj()->kind != Kind::type) vm.raise(vm.e_runtime, "re module state lost");
  return static_cast<TypeObj*>(t->obj());
}

Value attr(Vm& vm, Value obj, std::string_view name) { return *vm.dict_find_str(obj.obj()->attrs, name); }

/// Tries a match starting at `start` (anchored) or anywhere from `start` on; a Match object or None.
Value run(Vm& vm, Value pattern, Value text, std::size_t start, bool anchored) {
  Compiled c = compile_pattern(vm, pattern);
  Matcher m{vm.to_str(text), {}, 0, &vm};
  for (std::size_t pos = start; pos <= m.s.size(); ++pos) {
    m.caps.assign(2 * static_cast<std::size_t>(c.groups + 1), -1);
    std::size_t end = 0;
    if (m.match(*c.root, pos, [&](std::size_t e) { return end = e, true; })) {
      m.caps[0] = static_cast<std::int64_t>(pos), m.caps[1] = static_cast<std::int64_t>(end);
      auto* mo = vm.heap().make<InstanceObj>(re_type(vm, "_Match"));
      Value result = Value::object(mo);
      mo->attrs = static_cast<DictObj*>(vm.dict().obj());
      RootVec spans;
      for (std::int64_t v : m.caps) spans.push_back(vm.int_value(v));
      vm.dict_store_str(mo->attrs, "_spans", vm.tuple(spans));
      vm.dict_store_str(mo->attrs, "_text", text);
      return result;
    }
    if (anchored) break;
  }
  return vm.none();
}

Value pattern_of(Vm& vm, Args& a) { return a.self ? attr(vm, a.self, "pattern") : a[0]; }
std::size_t first_arg(Args& a) { return a.self ? 0 : 1; }

Value re_match(Vm& vm, Args& a) { return run(vm, pattern_of(vm, a), a[first_arg(a)], 0, true); }
Value re_search(Vm& vm, Args& a) { return run(vm, pattern_of(vm, a), a[first_arg(a)], 0, false); }

std::pair<std::int64_t, std::int64_t> span_of(Vm& vm, Value match, std::int64_t g) {
  auto& spans = static_cast<SeqObj*>(attr(vm, match, "_spans").obj())->items;
  if (g < 0 || static_cast<std::size_t>(2 * g + 1) >= spans.size()) vm.raise(vm.e_index, "no such group");
  return {vm.to_int(spans[static_cast<std::size_t>(2 * g)]), vm.to_int(spans[static_cast<std::size_t>(2 * g + 1)])};
}

Value group_value(Vm& vm, Value match, std::int64_t g) {
  auto [s, e] = span_of(vm, match, g);
  if (s < 0) return vm.none();
  return vm.str(
      vm.to_str(attr(vm, match, "_text")).substr(static_cast<std::size_t>(s), static_cast<std::size_t>(e - s)));
}

Value m_group(Vm& vm, Args& a) {
  if (a.n_pos <= 1) return group_value(vm, a.self, a.n_pos ? vm.to_int(a[0]) : 0);
  RootVec out;
  for (std::size_t i = 0; i < a.n_pos; ++i) out.push_back(group_value(vm, a.self, vm.to_int(a[i])));
  return vm.tuple(out);
}

Value m_groups(Vm& vm, Args& a) {
  auto n = static_cast<std::int64_t>(static_cast<SeqObj*>(attr(vm, a.self, "_spans").obj())->items.size() / 2);
  RootVec out;
  for (std::int64_t g = 1; g < n; ++g) out.push_back(group_value(vm, a.self, g));
  return vm.tuple(out);
}

Value m_start(Vm& vm, Args& a) { return vm.int_value(span_of(vm, a.self, a.n_pos ? vm.to_int(a[0]) : 0).first); }
Value m_end(Vm& vm, Args& a) { return vm.int_value(span_of(vm, a.self, a.n_pos ? vm.to_int(a[0]) : 0).second); }
Value m_span(Vm& vm, Args& a) {
  auto [s, e] = span_of(vm, a.self, a.n_pos ? vm.to_int(a[0]) : 0);
  return vm.tuple({vm.int_value(s), vm.int_value(e)});
}

/// Expands \1..\9 and \g<n> in a replacement string.
std::string expand(Vm& vm, Value match, const std::string& repl) {
  std::string out;
  for (std::size_t i = 0; i < repl.size(); ++i) {
    if (repl[i] == '\\' && i + 1 < repl.size() && repl[i + 1] >= '0' && repl[i + 1] <= '9') {
      Value g = group_value(vm, match, repl[++i] - '0');
      if (g != vm.none()) out += vm.to_str(g);
    } else if (repl[i] == '\\' && i + 1 < repl.size() && repl[i + 1] == 'n') {
      out += '\n', ++i;
    } else {
      out += repl[i];
    }
  }
  return out;
}

Value re_sub(Vm& vm, Args& a) {
  std::size_t i = first_arg(a);
  Value pattern = pattern_of(vm, a), repl = a[i], text = a[i + 1];
  std::int64_t count = a.n_pos > i + 2 ? vm.to_int(a[i + 2]) : 0;
  const std::string& s = vm.to_str(text);
  std::string out;
  std::size_t pos = 0, copied = 0;
  std::int64_t done = 0;
  while (pos <= s.size() && (count == 0 || done < count)) {
    Value m = run(vm, pattern, text, pos, false);
    if (m == vm.none()) break;
    auto [ms, me] = span_of(vm, m, 0);
    if (me == ms) {  // MicroPython leaves empty matches alone
      pos = static_cast<std::size_t>(me) + 1;
      continue;
    }
    out += s.substr(copied, static_cast<std::size_t>(ms) - copied);
    out += vm.is_str(repl) ? expand(vm, m, vm.to_str(repl)) : vm.to_text(vm.call(repl, {m}));
    copied = pos = static_cast<std::size_t>(me);
    ++done;
  }
  if (copied < s.size()) out += s.substr(copied);
  return vm.str(out);
}

Value re_split(Vm& vm, Args& a) {
  std::size_t i = first_arg(a);
  Value pattern = pattern_of(vm, a), text = a[i];
  std::int64_t max_split = a.n_pos > i + 1 ? vm.to_int(a[i + 1]) : 0;
  const std::string& s = vm.to_str(text);
  RootVec parts;
  std::size_t pos = 0, copied = 0;
  while (pos <= s.size() && (max_split == 0 || static_cast<std::int64_t>(parts.size()) < max_split)) {
    Value m = run(vm, pattern, text, pos, false);
    if (m == vm.none()) break;
    auto [ms, me] = span_of(vm, m, 0);
    if (me == ms) break;  // empty matches do not split (MicroPython)
    parts.push_back(vm.str(s.substr(copied, static_cast<std::size_t>(ms) - copied)));
    Value groups = vm.call_method(m, "groups", {});
    for (Value g : static_cast<SeqObj*>(groups.obj())->items) parts.push_back(g);
    copied = pos = static_cast<std::size_t>(me);
  }
  parts.push_back(vm.str(s.substr(copied)));
  return vm.list(parts);
}

Value re_compile(Vm& vm, Args& a) {
  check_args(vm, a, 1, 2);
  (void)compile_pattern(vm, a[0]);  // syntax errors surface now
  auto* p = vm.heap().make<InstanceObj>(re_type(vm, "_Pattern"));
  Value result = Value::object(p);
  p->attrs = static_cast<DictObj*>(vm.dict().obj());
  vm.dict_store_str(p->attrs, "pattern", a[0]);
  return result;
}

}  // namespace

void init_re(Vm& vm, ModuleObj* m) {
  TypeObj* pattern = vm.make_type("Pattern", Kind::instance, vm.t_object);
  TypeObj* match = vm.make_type("Match", Kind::instance, vm.t_object);
  vm.dict_store_str(m->globals, "_Pattern", Value::object(pattern));
  vm.dict_store_str(m->globals, "_Match", Value::object(match));
  add_fn(vm, m, "compile", re_compile);
  add_fn(vm, m, "match", re_match);
  add_fn(vm, m, "search", re_search);
  add_fn(vm, m, "sub", re_sub);
  add_fn(vm, m, "split", re_split);
  vm.add_method(pattern, "match", re_match);
  vm.add_method(pattern, "search", re_search);
  vm.add_method(pattern, "sub", re_sub);
  vm.add_method(pattern, "split", re_split);
  vm.add_method(match, "group", m_group);
  vm.add_method(match, "groups", m_groups);
  vm.add_method(match, "start", m_start);
  vm.add_method(match, "end", m_end);
  vm.add_method(match, "span", m_span);
  vm.dict_store_str(m->globals, "DEBUG", Value::small(4096));
}

}  // namespace cpy::vm
