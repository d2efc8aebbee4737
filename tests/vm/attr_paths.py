# Attribute loads, stores and method calls on instances, classes and modules (the interpreter's fast paths).
import math


class Base:
    kind = "base"

    def __init__(self, x):
        self.x = x

    def get(self):
        return self.x

    def describe(self):
        return self.kind + ":" + str(self.x)


class Child(Base):
    kind = "child"

    def get(self):
        return self.x * 10


c = Child(4)
print(c.x, c.get(), c.describe(), c.kind, Child.kind)
c.kind = "own"
print(c.kind, c.describe(), Child.kind)
del c.kind
print(c.kind)
c.get = lambda: "shadowed"
print(c.get(), Child.get(c))
m = c.describe
print(m())
print(c.__class__.__name__, type(c) is Child)


class Prop:
    def __init__(self):
        self._v = 1

    @property
    def v(self):
        return self._v * 2

    @v.setter
    def v(self, value):
        self._v = value + 100


p = Prop()
p.v = 5
print(p.v, p._v)


class Logged:
    def __init__(self):
        self.log = []

    def __setattr__(self, name, value):
        if name != "log":
            self.log.append(name)
        object.__setattr__(self, name, value)


lg = Logged()
lg.a = 1
lg.b = 2
lg.a = 3
print(lg.log, lg.a, lg.b)


class Counter:
    count = 0

    def bump(self):
        Counter.count += 1
        self.count = Counter.count * 100
        return self.count


k = Counter()
print(k.bump(), k.bump(), Counter.count, k.count)


class Fallback:
    def __getattr__(self, name):
        return "missing " + name


f = Fallback()
f.real = 1
print(f.real, f.other)

try:
    Base(1).nope
except AttributeError as e:
    print("AttributeError", e)
try:
    (1).x = 2
except AttributeError as e:
    print("AttributeError int")

print(math.floor(2.5), math.pi > 3)
setattr(c, "dyn", 7)
print(getattr(c, "dyn"), c.dyn, hasattr(c, "nothing"))


class Slots:
    pass


objs = []
for i in range(200):
    o = Slots()
    o.a = i
    o.b = str(i)
    o.c = [i] * 3
    objs.append(o)
print(sum(o.a for o in objs), objs[-1].b, objs[57].c)
