# Builtins not covered elsewhere: exception types and their hierarchy, Ellipsis/NotImplemented, globals/locals,
# slice objects, help() of modules, __repl_print__
for exc in (AssertionError, EOFError, GeneratorExit, ImportError, KeyboardInterrupt, MemoryError, OverflowError,
            StopAsyncIteration, SystemExit, UnicodeError, IndentationError, NotImplementedError, ZeroDivisionError,
            KeyError, IndexError, LookupError, ArithmeticError, StopIteration, OSError, RuntimeError, NameError,
            AttributeError, TypeError, ValueError, SyntaxError):
    bases = [b.__name__ for b in (BaseException, Exception, ArithmeticError, LookupError, ValueError, SyntaxError)
             if issubclass(exc, b)]
    try:
        raise exc("msg")
    except BaseException as e:
        print(exc.__name__, bases, type(e) is exc, e.args, str(e))
print(isinstance(KeyboardInterrupt(), Exception), isinstance(SystemExit(), Exception))
print(SystemExit(3).args, repr(KeyError("k")), str(KeyError("k")), repr(OSError(2, "no")))
try:
    assert 1 == 2, "assert message"
except AssertionError as e:
    print("AssertionError", e.args)
try:
    import no_such_module_here
except ImportError as e:
    print("ImportError")

print(Ellipsis, ..., Ellipsis is ..., repr(NotImplemented), NotImplemented is NotImplemented)


class Num:
    def __init__(self, v):
        self.v = v

    def __eq__(self, other):
        return self.v == other.v if isinstance(other, Num) else NotImplemented

    def __add__(self, other):
        return NotImplemented


print(Num(1) == Num(1), Num(1) == 1, Num(1) != Num(2))
try:
    Num(1) + 1
except TypeError:
    print("TypeError add")

g_value = 5
print(globals()["g_value"], "Num" in globals(), globals() is globals())
globals()["made_here"] = 6
print(made_here)


def with_locals(a, b=2):
    c = a + b
    return sorted(locals()) if isinstance(locals(), dict) else None


print(type(locals()) is dict, locals() is globals())
print(with_locals(1) is None or with_locals(1) == ["a", "b", "c"])



class Capture:
    def __getitem__(self, index):
        return index


s = Capture()[1:10:2]
print(s, s.start, s.stop, s.step, Capture()[:5], Capture()[::-1].step, Capture()[1:2, 3])
print([0, 1, 2, 3, 4, 5, 6, 7][Capture()[1:4]], "abcdefghij"[Capture()[2:]], (1, 2)[Capture()[:1]])
print(type(s) is slice, Capture()[...])

__repl_print__(42)
__repl_print__("text")
__repl_print__(None)
__repl_print__([1, "a"])
print(type(__repl_print__), callable(help), callable(compile))
