# Exceptions: hierarchy, handlers, finally, custom exceptions, args.
def f(kind):
    try:
        if kind == 0:
            raise ValueError("bad value")
        if kind == 1:
            raise KeyError("k")
        if kind == 2:
            return [][1]
        if kind == 3:
            return {}["x"]
        if kind == 4:
            return 1 / 0
        if kind == 5:
            return undefined_name
        if kind == 6:
            return "a" + 1
        if kind == 7:
            return None.attr
        if kind == 8:
            raise NotImplementedError
        if kind == 9:
            assert False, "assert msg"
        return "ok"
    except (ValueError, KeyError) as e:
        return "VK:" + type(e).__name__ + ":" + str(e.args[0])
    except LookupError as e:
        return "Lookup:" + type(e).__name__
    except ArithmeticError as e:
        return "Arith:" + type(e).__name__
    except Exception as e:
        return "Exc:" + type(e).__name__
    finally:
        print("finally", kind)


for k in range(11):
    print(f(k))


class MyError(Exception):
    def __init__(self, code, msg):
        super().__init__(code, msg)
        self.code = code


try:
    raise MyError(42, "custom")
except MyError as e:
    print(e.code, e.args, isinstance(e, Exception), repr(e))


def nested():
    try:
        try:
            raise TypeError("inner")
        except TypeError:
            raise ValueError("outer")
    except ValueError as e:
        return str(e)


print(nested())


def reraise():
    try:
        raise OSError(5)
    except OSError:
        print("handling")
        raise


try:
    reraise()
except OSError as e:
    print("reraised", e.args)


def loop_finally():
    out = []
    for i in range(5):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            out.append(i)
        finally:
            out.append("f%d" % i)
    return out


print(loop_finally())


def ret_finally():
    try:
        return "try"
    finally:
        print("cleanup")


print(ret_finally())
try:
    raise StopIteration(7)
except StopIteration as e:
    print(e.value if hasattr(e, "value") else e.args[0])
print(issubclass(KeyError, LookupError), issubclass(ZeroDivisionError, ArithmeticError), issubclass(Exception, BaseException))
print(str(ValueError("x")), str(ValueError()), repr(ValueError(1, 2)), ValueError("a").args)
try:
    int("x")
except Exception as e:
    print(type(e).__name__)
e = None
try:
    raise RuntimeError
except RuntimeError as err:
    e = err
print(type(e).__name__, e.args)
try:
    try:
        raise IndexError
    finally:
        print("inner finally")
except IndexError:
    print("caught after finally")
