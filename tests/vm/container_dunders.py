# dict's __getitem__/__setitem__/__delitem__ and set's __contains__ as methods, from subclasses through super();
# the set update methods; bytes.format and memoryview.hex
d = {}
d.__setitem__("a", 1)
d.__setitem__("b", 2)
print(d.__getitem__("a"), len(d))
d.__delitem__("a")
print(d)
for call in (lambda: d.__getitem__("zz"), lambda: d.__delitem__("zz")):
    try:
        call()
    except KeyError as e:
        print("KeyError", e)
print({1, 2}.__contains__(1), {1, 2}.__contains__(3), frozenset("ab").__contains__("a"))


class Doubling(dict):
    def __setitem__(self, key, value):
        super().__setitem__(key, value * 2)

    def __getitem__(self, key):
        return super().__getitem__(key) + 1


dd = Doubling()
dd["x"] = 10
dd["y"] = 20
print(dd["x"], sorted(dd), sorted(dd.items()), len(dd), "x" in dd, dd.get("y"))
for key in sorted(dd):
    print(key, dd[key])


class Logging(dict):
    def __delitem__(self, key):
        print("deleting", key)
        super().__delitem__(key)


ld = Logging(a=1)
del ld["a"]
print(len(ld))
try:
    del ld["missing"]
except KeyError as e:
    print("KeyError", e)


class WithDefault(set):
    def __contains__(self, item):
        return super().__contains__(item) or item == 99


wd = WithDefault([1])
print(1 in wd, 99 in wd, 2 in wd, sorted(wd))


class Indexed:
    def __getitem__(self, i):
        if i > 2:
            raise IndexError
        return i * 10


print(list(Indexed()), [x for x in Indexed()])

s = {1, 2, 3, 4}
s.difference_update({1, 2}, [9])
print(sorted(s))
s.intersection_update([3, 5])
print(sorted(s))
s.symmetric_difference_update({3, 7})
print(sorted(s))
s.update([1], (2,))
print(sorted(s))
try:
    s.symmetric_difference_update(5)
except TypeError:
    print("TypeError")

print(b"{}-{x}".format(1, x=2), b"{:>4}".format(5), bytearray(b"<{}>").format("t"))
try:
    b"{".format()
except ValueError:
    print("ValueError")
m = memoryview(b"ab\xff\x00")
print(m.hex(), m[1:3].hex(), memoryview(bytearray(b"\x10\x20")).hex())
print(bytearray(b"\x01\x02").hex(), b"\xab\xcd".hex())
