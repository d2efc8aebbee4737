# Scope edge cases: class bodies and comprehensions, nonlocal/global across levels, closures over loop variables,
# defaults captured at definition time, del of locals and cells, walrus targets from comprehensions.
g = "global"


class Outer:
    g = "class attribute"
    seen = [g for _ in range(1)]  # comprehensions skip the class scope
    names = (lambda: g)()

    def method(self):
        return g

    class Inner:
        value = 2
        doubled = [value * 2 for value in range(3)]


print(Outer.seen, Outer.names, Outer().method(), Outer.Inner.doubled)


def counter():
    count = 0

    def bump(step=1):
        nonlocal count
        count += step
        return count

    def read():
        return count

    return bump, read


bump, read = counter()
bump(), bump(5)
print(read())


def layered():
    a = 1

    def mid():
        b = 2

        def inner():
            nonlocal a, b
            a, b = a + 10, b + 20
            global g
            g = "rebound"
            return a + b

        return inner()

    return mid(), a


print(layered(), g)

fns = [lambda: i for i in range(3)]
bound = [lambda i=i: i for i in range(3)]
print([f() for f in fns], [f() for f in bound])


def cells_deleted():
    x = 1

    def look():
        return x

    del x
    try:
        look()
    except NameError:
        return "cell emptied"


def local_deleted():
    y = 5
    del y
    try:
        return y
    except NameError:
        return "local unbound"


print(cells_deleted(), local_deleted())


def walrus_scopes(values):
    if any((hit := v) > 2 for v in values):
        return hit
    return [last := v * 2 for v in values], last


print(walrus_scopes([1, 5, 3]), walrus_scopes([1, 2]))


def shadowing(print=print, len=len):
    list = [3, 1, 2]
    return sorted(list), len(list)


print(shadowing())
x = 10


def reads_global_after_local_def():
    def f():
        return x

    return f()


print(reads_global_after_local_def())
