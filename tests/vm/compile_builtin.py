# compile(): code objects for modes 'exec', 'eval' and 'single', run by eval() and exec(), and their errors
c = compile("x = 1 + 2", "prog", "exec")
print(type(c), repr(c))
print(exec(c), x)
exec(c)  # a code object runs again
e = compile("x * 10", "prog", "eval")
print(eval(e), eval(e), exec(e))
print(eval(compile("x + 1", "prog", "exec")))  # an 'exec' code object evaluates to None
s = compile("x * 100", "prog", "single")
print(exec(s), eval(s))  # 'single' prints the value like the REPL
exec(compile("'text'", "prog", "single"))
exec(compile("None", "prog", "single"))
exec(compile("y = 5", "prog", "single"))
print(y)
exec(compile("print('from single')", "prog", "single"))
for src in ("", "\n", "# only a comment\n"):
    print(repr(src), exec(compile(src, "prog", "exec")), exec(compile(src, "prog", "single")))

# globals and locals
g = {"a": 2}
exec(compile("b = a * 3", "prog", "exec"), g)
print(g["b"], "b" in globals())
print(eval(compile("a + b", "prog", "eval"), g))
print(eval(compile("a + z", "prog", "eval"), g, {"z": 100}))
loc = {}
exec(compile("w = 7", "prog", "exec"), {}, loc)
print(loc)
exec(compile("def twice(n):\n    return 2 * n\n", "prog", "exec"))
print(twice(21))
print(eval(compile(b"3 ** 2", "prog", "eval")))
print(compile("1", "prog", "exec", 0) is not None, compile("1", "prog", "exec", 0, True) is not None)


def in_function():
    return eval(compile("x + 1", "prog", "eval"))


print(in_function())

# errors at compile time
for args in (("x", "prog", "bad"), ("x", "prog", "EXEC"), ("x = ", "prog", "exec"), ("a = 1", "prog", "eval"),
             ("", "prog", "eval"), ("# nothing", "prog", "eval"), ("1; 2", "prog", "eval"),
             ("  1", "prog", "exec"), ("  1", "prog", "eval"), ("  1", "prog", "single"),
             (1, "prog", "exec"), ("x", 1, "exec"), ("x", "prog", 1), ("if 1:\n  3", "prog", "eval")):
    try:
        compile(*args)
        print("compiled", args)
    except Exception as ex:
        print(type(ex).__name__, ex)
try:
    compile("x")
except TypeError:
    print("TypeError missing arguments")

# errors at run time carry the file name given to compile()
try:
    exec(compile("1 / 0", "myfile", "exec"))
except ZeroDivisionError as ex:
    print("ZeroDivisionError", ex)
try:
    eval(compile("undefined_name", "prog", "eval"))
except NameError:
    print("NameError")
print(dir(c))
