# Deep nesting: blocks, closures, comprehensions, expressions and data structures, beyond the corpus depths.
def blocks(n):
    out = []
    for a in range(n):
        if a % 2 == 0:
            while True:
                try:
                    for b in range(2):
                        with Ctx(out, b):
                            if b:
                                try:
                                    if a > 2:
                                        for c in range(2):
                                            if c:
                                                while c:
                                                    try:
                                                        out.append((a, b, c))
                                                        c -= 1
                                                        if a == 4:
                                                            raise ValueError(a)
                                                    finally:
                                                        out.append("f")
                                except ValueError as e:
                                    out.append(("caught", e.args[0]))
                                else:
                                    out.append("else")
                finally:
                    out.append("outer")
                break
    return out


class Ctx:
    def __init__(self, log, tag):
        self.log, self.tag = log, tag

    def __enter__(self):
        self.log.append(("in", self.tag))

    def __exit__(self, *exc):
        self.log.append(("out", self.tag))


print(blocks(6))


def closures():
    v1 = 1
    def f2():
        v2 = v1 + 1
        def f3():
            v3 = v2 + v1
            def f4():
                v4 = v3 + v2
                def f5():
                    v5 = v4 + v3
                    def f6():
                        v6 = v5 + v4
                        def f7():
                            v7 = v6 + v5
                            def f8():
                                nonlocal v7
                                v7 += v1
                                return [v1, v2, v3, v4, v5, v6, v7]
                            return f8()
                        return f7()
                    return f6()
                return f5()
            return f4()
        return f3()
    return f2()


print(closures())

print([[[[[[i + j + k + l + m + n for n in range(2)] for m in range(2)] for l in range(1)] for k in range(2)]
         for j in range(1)] for i in range(2)])
print({k: {v: [w for w in range(v) if w % 2 if w > 0] for v in range(k)} for k in range(4)})
print(sum(x for x in (y * 2 for y in (z + 1 for z in range(10) if z) if y % 3) if x > 4))

e = ((((((((((((((((((((((((((((((1 + 2) * 3) - 4) // 5) + 6) * 7) - 8) + 9) * 10) - 11) + 12) * 13) - 14) +
    15) * 16) - 17) + 18) * 19) - 20) + 21) * 22) - 23) + 24) * 25) - 26) + 27) * 28) - 29) + 30) * 31)
print(e)
deep = [[[[[[[[[[[[[[[[[[[[["bottom"]]]]]]]]]]]]]]]]]]]]]
d = deep
depth = 0
while isinstance(d, list):
    d = d[0]
    depth += 1
print(depth, d)
print(1 if 0 else 2 if 0 else 3 if 0 else 4 if 1 else 5, not not not not not 1, - - - - -1)
print((lambda a: (lambda b: (lambda c: (lambda d: a + b + c + d))))(1)(2)(3)(4))
print(0 < 1 < 2 < 3 < 4 < 5 < 6 < 7 < 8 < 9, 0 < 1 < 2 < 3 > 4 < 5)
