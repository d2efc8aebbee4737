# Generators: send, throw, close, yield from, expressions, closures over loop state.
def counter(n):
    i = 0
    while i < n:
        got = yield i
        if got is not None:
            i = got
        else:
            i += 1
    return "end"


g = counter(10)
print(next(g), next(g), g.send(7), next(g), next(g))
try:
    next(g)
except StopIteration as e:
    print("stop", e.args)


def catcher():
    while True:
        try:
            yield "ready"
        except ValueError as e:
            yield "caught " + str(e)


c = catcher()
print(next(c), c.throw(ValueError("boom")), next(c))
c.close()


def closer():
    try:
        yield 1
        yield 2
    finally:
        print("closing")


cl = closer()
print(next(cl))
cl.close()


def inner():
    x = yield "a"
    yield "got %s" % x
    return "inner done"


def outer():
    r = yield from inner()
    yield r
    yield from range(2)


o = outer()
print(next(o), o.send("S"), next(o), next(o), next(o))
print(list(x * x for x in range(5)), sum(x for x in range(101)), max(len(w) for w in ["a", "abc"]))
gen = (i for i in range(3))
print(list(gen), list(gen))


def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


f = fib()
print([next(f) for _ in range(12)])


def gen_with_return():
    yield 1
    return 5


def delegator():
    v = yield from gen_with_return()
    print("returned", v)


print(list(delegator()))
print(type(counter(1)).__name__, iter(g) is g)
z = zip(counter(3), "abc")
print(list(z), list(enumerate(counter(2))))
