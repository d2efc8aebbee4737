# Functions: defaults, keywords, *args/**kwargs, closures, nonlocal/global, lambdas, recursion.
def f(a, b=2, *args, c=3, d, **kw):
    return (a, b, args, c, d, sorted(kw.items()))


print(f(1, d=4))
print(f(1, 5, 6, 7, d=8, e=9, c=0))
print(f(*[1, 2, 3], **{"d": 4, "z": 5}))


def counter():
    n = 0

    def inc(step=1):
        nonlocal n
        n += step
        return n

    return inc


inc = counter()
inc()
inc(5)
print(inc())
G = 1


def set_global():
    global G
    G = 10


set_global()
print(G)
adders = [lambda x, k=k: x + k for k in range(3)]
print([a(10) for a in adders])
print((lambda *a, **k: (a, k))(1, 2, x=3))


def rec(n):
    return 1 if n <= 1 else n * rec(n - 1)


print(rec(20), rec(25))


def kwonly(*, x, y=5):
    return x * y


print(kwonly(x=2), kwonly(y=1, x=3))
try:
    kwonly(1)
except TypeError:
    print("TypeError positional")
try:
    f()
except TypeError:
    print("TypeError missing")


def outer():
    vals = []

    def add(v):
        vals.append(v)
        return len(vals)

    add(1)
    add(2)
    return vals


print(outer(), f.__name__, rec.__name__)


def deco(fn):
    def wrapper(*a, **k):
        return "<" + str(fn(*a, **k)) + ">"

    return wrapper


@deco
def wrapped(x):
    return x * 2


print(wrapped(21))
print(sorted(["bb", "a", "ccc"], key=len), list(map(str, [1, 2])), (lambda: None)() is None)
