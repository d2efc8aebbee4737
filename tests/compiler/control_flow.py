# break/continue/return through finally and with blocks, loop else clauses, exceptions in handlers, generators.
log = []


class Managed:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        log.append("enter " + self.name)
        return self

    def __exit__(self, kind, value, tb):
        log.append("exit " + self.name + (" " + kind.__name__ if kind else ""))
        return kind is KeyError


def unwinding():
    for i in range(5):
        with Managed("a%d" % i):
            try:
                with Managed("b%d" % i):
                    if i == 1:
                        continue
                    if i == 2:
                        raise KeyError(i)
                    if i == 3:
                        break
            finally:
                log.append("finally %d" % i)
    else:
        log.append("no else")
    return i


print(unwinding(), log)


def return_in_finally():
    try:
        return "try"
    finally:
        return "finally"


def nested_return(n):
    for i in range(n):
        try:
            try:
                if i == 2:
                    return i
            finally:
                log.append(("inner", i))
        finally:
            log.append(("outer", i))
    return -1


log.clear()
print(return_in_finally(), nested_return(5), log)


def loop_else(values):
    out = []
    for v in values:
        while v > 0:
            v -= 1
            if v == 3:
                break
        else:
            out.append(("while-else", v))
            continue
        out.append(("broke", v))
    else:
        out.append("for-else")
    return out


print(loop_else([1, 5, 0]))


def handlers():
    out = []
    try:
        try:
            raise ValueError("first")
        except ValueError as e:
            out.append(str(e))
            raise TypeError("second")
        finally:
            out.append("cleanup")
    except TypeError as e:
        out.append(str(e))
    try:
        raise OSError(5)
    except (KeyError, OSError) as e:
        out.append(type(e).__name__)
    except Exception:
        out.append("not here")
    else:
        out.append("not here either")
    return out


print(handlers())


def gen():
    try:
        for i in range(10):
            try:
                x = yield i
                if x == "stop":
                    return "stopped"
            finally:
                log.append("gen finally %d" % i)
    finally:
        log.append("gen done")


log.clear()
g = gen()
print(next(g), next(g), g.send(None))
try:
    g.send("stop")
except StopIteration as e:
    print("StopIteration", e.args)
print(log)


def delegate():
    r = yield from gen()
    yield r


log.clear()
d = delegate()
print(next(d), d.send("stop"), log)
i = 0
while i < 10:
    i += 1
    if i % 2:
        continue
    if i > 7:
        break
    log.append(i)
print(i, log[-3:])
