# eval and exec: expressions, statements, the dicts they run in, and their errors
x = 10
print(eval("x + 1"))
print(eval("[i * i for i in range(4)]"))
print(eval(b"2 ** 10"))
print(eval("x * y", {"x": 3, "y": 4}))
print(eval("x + y", {"x": 1}, {"y": 2}))
print(eval("7 # a comment"))
try:
    eval("  7")
except IndentationError:
    print("IndentationError")

exec("z = x * 2")
print(z)
g = {}
exec("a = 1\nb = a + 1\ndef f(n):\n    return n * b\n", g)
print(g["a"], g["b"], g["f"](5))
loc = {}
exec("c = 3", {}, loc)
print(loc)
print(exec("pass"))


def in_function():
    exec("w = 5")
    return eval("x + 100")


print(in_function())
print(w)

for bad in ("1 +", "def"):
    try:
        eval(bad)
    except SyntaxError:
        print("SyntaxError", bad)
try:
    exec("raise ValueError('inside')")
except ValueError as e:
    print("ValueError", e)
try:
    eval(42)
except TypeError:
    print("TypeError")
try:
    eval("undefined_name")
except NameError:
    print("NameError")
