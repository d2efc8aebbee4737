# The array module: typecodes, construction, append/extend, indexing, len, iteration, bytes().
from array import array

for code in "bBhHiIlLqQfd":
    a = array(code, [1, 2, 3])
    a.append(4)
    a.extend([5, 6])
    a[0] = 7
    print(code, len(a), a[0], a[-1], list(a), a, len(bytes(a)))
print(array("b", [127, -128]), array("B", [255, 0]), array("h", [-2]), array("H", [65535]))
print(array("b", [200]), array("B", [-1]), array("h", [70000]))
print(array("I", [2**32 - 1]), array("q", [-(2**63)]), array("Q", [2**64 - 1]))
print(array("f", [0.5, -1.25]), array("d", [1e300]), array("i"), len(array("d")))
e = array("h", b"\x01\x00\x02\x00")
print(e, bytes(e), list(array("B", b"xyz")))
e.extend([9])
print(e, sum(e), max(e), [x * 2 for x in e])
try:
    e[10]
except IndexError:
    print("IndexError")
try:
    array("z")
except ValueError:
    print("ValueError")
