# dict, set, frozenset and tuple methods (dicts printed sorted: MicroPython's order is not insertion order).
def show(d):
    return sorted(d.items())


d = {"a": 1, "b": 2}
d["c"] = 3
print(show(d), len(d), d["a"], d.get("z"), d.get("z", 0), "a" in d, "z" not in d)
print(sorted(d.keys()), sorted(d.values()), sorted(d.items()))
print(d.pop("b"), d.pop("z", "none"), show(d))
print(d.setdefault("a", 9), d.setdefault("n", 7), show(d))
d.update({"x": 1}, y=2)
d.update([("w", 0)])
print(show(d))
k, v = d.popitem()
print(k in "acnxyw", len(d), k not in d)
d[k] = v
e = d.copy()
e.clear()
print(e, d == d.copy(), {1: 2} == {1: 2.0}, show(dict.fromkeys("ab", 0)), dict(a=1), dict([(1, 2)]))
d["a"] = 1
del d["a"]
print(sorted(d), sorted({k: v * 2 for k, v in d.items()}.items()), {1: "one"}, {})
print(sorted(k for k in {"z": 1, "y": 2, "x": 3}))
s = {3, 1, 2}
s.add(4)
s.discard(10)
s.remove(1)
print(sorted(s), len(s), 2 in s, 1 in s)
t = {2, 5}
print(sorted(s | t), sorted(s & t), sorted(s - t), sorted(s ^ t))
print(sorted(s.union(t)), sorted(s.intersection(t)), sorted(s.difference(t)), sorted(s.symmetric_difference(t)))
print({1, 2} <= {1, 2, 3}, {1, 2} < {1, 2}, {1, 2, 3} >= {3}, s.isdisjoint({9}), {1}.issubset({1, 2}), {1, 2}.issuperset({2}))
u = set()
u.update([1, 2], (3,))
print(sorted(u), u.pop() in (1, 2, 3), len(u))
u.clear()
print(u, set("aab") == {"a", "b"}, sorted({x % 3 for x in range(10)}))
u |= {7}
u &= {7, 8}
print(u)
fs = frozenset([1, 2, 2])
print(sorted(fs), len(fs), 1 in fs, fs == frozenset({1, 2}), hash(fs) == hash(frozenset([2, 1])))
tp = (1, 2, 3, 2)
print(tp, tp[1], tp[-1], tp[1:3], tp.count(2), tp.index(3), len(tp), tp + (4,), tp * 2, (1,) < (2,))
a, *b, c = tp
print(a, b, c, tuple([1]), (), (1, (2, 3))[1][0], hash((1, 2)) == hash((1, 2)))
x, y = 1, 2
x, y = y, x
print(x, y, {(1, 2): "t"}[(1, 2)])
