# The re module subset: compile/match/search/sub/split, group(), character classes and repetition
# (groups(), span() and {m,n} are in tests/unit/firmware/vm_re_test.cpp: the WebAssembly oracle lacks them).
import re

m = re.match(r"(\d+)-(\w+)", "123-abc rest")
print(m.group(0), m.group(1), m.group(2))
print(re.match("x", "yx"), re.search("x", "yx").group(0), re.search(r"\s+", "a  b").group(0))
print(re.search("^ab$", "ab").group(0), re.search("^b", "ab"), re.search("a.c", "xabcx").group(0))
print(re.match("a*", "aaab").group(0), re.match("a+?", "aaa").group(0), re.match("ab?c", "ac").group(0))
print(re.match("(a|bc)+", "abcbca").group(0), re.match("(?:ab)+", "ababx").group(0), re.match("[a-c]+", "abcd").group(0))
print(re.match("[^0-9]+", "ab1").group(0), re.match(r"[\d.]+", "3.14x").group(0), re.match(r"\D\W\S", "a!b").group(0))
print(re.sub(r"\d", "#", "a1b22c"), re.sub("(a)(b)", r"\2\1", "abab"), re.sub("x*", "-", "abc"))
print(re.sub(r"\s+", " ", "a   b \t c", 1), re.sub("o", lambda m: m.group(0).upper(), "foo"))
print(re.compile(",").split("a,b,,c"), re.compile(r"\s*;\s*").split("x ; y;z"), re.compile(",").split("a,b,c", 1))
p = re.compile(r"(\w+)@(\w+)\.com")
mm = p.search("mail bob@example.com now")
print(mm.group(1), mm.group(2), p.match("bob@x.com").group(2), p.sub("<addr>", "a@b.com!"))
print(re.match("(a)|(b)", "b").group(2), re.match(r"\.\*", ".*").group(0))
try:
    re.compile("(unclosed")
except Exception as e:
    print(type(e).__name__)
