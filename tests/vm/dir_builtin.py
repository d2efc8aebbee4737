# dir(): the names of objects, types, instances and modules (sorted: MicroPython's own order is its string table's)
def show(obj):
    print(sorted(dir(obj)))


# float.is_integer, complex.conjugate (CPython's), native functions' __name__, BaseException.with_traceback,
# function.__code__/__globals__ and iterators' __next__ differ from MicroPython: see tests/vm/tools/dir_audit.py.
for obj in (int, str, bytes, list, tuple, dict, set, frozenset, object, type, range, bool, memoryview):
    show(obj)
for obj in (1, "s", b"b", (), None, True, range(3), object(), Ellipsis, {}, {1}, frozenset(), 3 > 2):
    show(obj)


class Base:
    x = 1

    def method(self):
        pass


class Child(Base):
    def __init__(self):
        self.y = 2


class MyError(ValueError):
    pass


show(Base)
show(Child)
show(Child())
show(property())
print("args" in dir(ValueError(1)), "__module__" in dir(MyError), "value" in dir(StopIteration()))
import math
print("pi" in dir(math), "sqrt" in dir(math), "__name__" in dir(math), "nope" in dir(math))


def local_names():
    a = 1
    return sorted(dir())


print(local_names())
print("local_names" in dir(), "show" in dir())
try:
    dir(1, 2)
except TypeError:
    print("TypeError")
from collections import namedtuple

Point = namedtuple("Point", "x y")
print("x" in dir(Point(1, 2)), "y" in dir(Point(1, 2)), "x" in dir(Point))
