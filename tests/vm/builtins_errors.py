# Builtins with edge arguments and the errors MicroPython gives for bad ones (type and message)
exprs = r"""
abs(-3)|abs(-2.5)|abs(3+4j)|abs(True)|abs("x")
all([])|all([1,0])|any([])|any((0,2))|all(5)
bin(5)|bin(-5)|oct(8)|hex(255)|hex(-1)|bin(2**70)|hex(1.5)
callable(len)|callable(1)|callable(int)|callable(lambda: 0)
chr(65)|chr(0x1F600)|chr(-1)|chr(0x110000)|ord("a")|ord("é")|ord("ab")|ord(b"a")|ord("")
divmod(7, 2)|divmod(-7, 2)|divmod(7.5, 2)|divmod(1, 0)|divmod(7, -2.0)
hash(1)|hash(True)|hash("") == hash("")|hash((1, 2)) == hash((1, 2))|hash([])|hash({})
isinstance(1, (str, int))|isinstance(True, int)|issubclass(bool, int)|issubclass(int, (str, object))|isinstance(1, 1)
len([1, 2])|len("é")|len(b"ab")|len({1: 2})|len(range(0, 10, 3))|len(5)
list(map(lambda x, y: x + y, [1, 2], [10, 20, 30]))|list(filter(None, [0, 1, "", "a"]))|list(zip("ab", [1, 2, 3]))
max(1, 5, 3)|max([1, 5, 3])|max("abc")|max([], default=7)|max([])|min([])|min(3, 1, key=lambda x: -x)
max(1, "a")|min(1, "a")|max(2, 1, 3)|min(2, 1, 1.0)|max([1, 1.0])
next(iter([1]))|next(iter([]), "d")|next(iter([]))
pow(2, 10)|pow(2, -1)|pow(2, 10, 7)|pow(-2, 3, 5)|pow(2.0, 0.5)|pow(0, -1)|pow(2, 3, 0)
round(2.5)|round(3.5)|round(-2.5)|round(2.675, 2)|round(1234, -2)|round(float("inf"))|round(float("nan"))
sorted([3, 1, 2])|sorted("bca", reverse=True)|sorted([1, "a"])|sorted([(2, "b"), (1, "z")], key=lambda t: t[1])
sum([1, 2, 3])|sum([0.1] * 3)|sum([[1], [2]], [])|sum(["a"])
list(reversed([1, 2, 3]))|list(reversed("ab"))|list(reversed(range(3)))|reversed(5)
list(enumerate("ab", 1))|list(enumerate([], 5))
getattr(1, "real")|getattr(1, "nope", "dflt")|getattr(1, "nope")|hasattr("", "join")|hasattr(1, "x")
memoryview(b"abc")[1]|bytes(memoryview(b"abc")[1:])|len(memoryview(bytearray(3)))
"""
for line in exprs.strip().split("\n"):
    for e in line.split("|"):
        try:
            print(e, "->", repr(eval(e)))
        except Exception as ex:
            print(e, "!!", type(ex).__name__, ex)
