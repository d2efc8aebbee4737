# Classes: inheritance, super(), special methods, properties, static and class methods.
class Vec:
    count = 0

    def __init__(self, x, y):
        self.x, self.y = x, y
        Vec.count += 1

    def __repr__(self):
        return "Vec(%r, %r)" % (self.x, self.y)

    def __str__(self):
        return "<%s,%s>" % (self.x, self.y)

    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y)

    def __sub__(self, o):
        return Vec(self.x - o.x, self.y - o.y)

    def __mul__(self, k):
        return Vec(self.x * k, self.y * k)

    def __eq__(self, o):
        return isinstance(o, Vec) and (self.x, self.y) == (o.x, o.y)

    def __hash__(self):
        return hash((self.x, self.y))

    def __lt__(self, o):
        return (self.x, self.y) < (o.x, o.y)

    def __len__(self):
        return 2

    def __getitem__(self, i):
        return (self.x, self.y)[i]

    def __contains__(self, v):
        return v in (self.x, self.y)

    def __bool__(self):
        return bool(self.x or self.y)

    def __neg__(self):
        return Vec(-self.x, -self.y)

    def __call__(self, k):
        return self.x * k

    def __iter__(self):
        yield self.x
        yield self.y

    @property
    def norm1(self):
        return abs(self.x) + abs(self.y)

    @staticmethod
    def zero():
        return Vec(0, 0)

    @classmethod
    def unit(cls):
        return cls(1, 1)


v = Vec(1, 2)
w = Vec(3, 4)
print(v + w, repr(v - w), v * 3, v == Vec(1, 2), v != w, v < w, len(v), v[1], 2 in v, 5 in v)
print(bool(Vec(0, 0)), bool(v), -v, v(10), list(v), v.norm1, Vec.zero(), Vec.unit(), Vec.count)
print(sorted([w, v]), {v: 1}[Vec(1, 2)], str(v), "%s" % v, [v])


class Base:
    def __init__(self, name):
        self.name = name

    def hello(self):
        return "base " + self.name

    def kind(self):
        return "Base"


class Child(Base):
    def __init__(self, name, n):
        super().__init__(name)
        self.n = n

    def hello(self):
        return "child/" + super().hello()


class GrandChild(Child):
    def kind(self):
        return "GrandChild>" + super().kind()


g = GrandChild("g", 3)
print(g.hello(), g.kind(), g.n, isinstance(g, Base), issubclass(GrandChild, Child), type(g).__name__)
print(Child.__bases__ if hasattr(Child, "__bases__") else "")


class Temp:
    def __init__(self):
        self._c = 0

    @property
    def c(self):
        return self._c

    @c.setter
    def c(self, v):
        self._c = max(0, v)


t = Temp()
t.c = -5
print(t.c)
t.c = 20
print(t.c)


class Dyn:
    def __getattr__(self, name):
        return name.upper()


print(Dyn().foo, Dyn().bar)


class Ctx:
    def __enter__(self):
        print("enter")
        return self

    def __exit__(self, et, ev, tb):
        print("exit", et.__name__ if et else None)
        return True


with Ctx() as c:
    print("inside", type(c).__name__)
with Ctx():
    raise ValueError("swallowed")
print("after with")


class Counter:
    def __init__(self, n):
        self.i, self.n = 0, n

    def __iter__(self):
        return self

    def __next__(self):
        if self.i >= self.n:
            raise StopIteration
        self.i += 1
        return self.i


print(list(Counter(4)), sum(Counter(3)))


class Multi(Vec, Base):
    pass


m = Multi(5, 6)
print(m, m.kind(), isinstance(m, Base))


class WithNew:
    def __new__(cls, *args):
        inst = super().__new__(cls)
        inst.made = args
        return inst


print(WithNew(1, 2).made)


class Slots:
    a = 1


s1, s2 = Slots(), Slots()
s1.a = 2
print(s1.a, s2.a, Slots.a, hasattr(Slots, "a"), s1.__class__ is Slots)
