# oracle: -O  (also checked at -O1..-O3 against the VM compiler at the same micropython.opt_level)
# assert and __debug__ under every optimisation level, with const() folding around them.
from micropython import const

_LIMIT = const(10)
SCALE = const(_LIMIT * 3 + 1)
print(SCALE, _LIMIT << 2, __debug__)


def checked(v):
    assert v < _LIMIT, "too big"
    assert isinstance(v, int)
    return v * SCALE


for v in (1, 20):
    try:
        print(checked(v))
    except AssertionError as e:
        print("AssertionError", e.args)

if __debug__:
    print("debug branch")
else:
    print("optimised branch")
print("debug" if __debug__ else "no debug", not __debug__, [__debug__ for _ in range(2)])
while __debug__:
    print("loop once")
    break
try:
    assert False
    print("assert skipped")
except AssertionError:
    print("assert raised")
