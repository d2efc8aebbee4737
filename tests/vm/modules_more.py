# Module functions not covered elsewhere: math, json dump/load, io streams, binascii, time, sys, errno, struct,
# gc, micropython
import math

for name in ("acos", "asin", "atan", "cosh", "sinh", "tanh", "tan", "erf", "erfc", "expm1", "gamma", "lgamma",
             "acosh", "asinh", "atanh"):
    fn = getattr(math, name)
    for x in (0.5, 1.5, -0.25):
        try:
            print(name, x, "%.10g" % fn(x))
        except ValueError as e:
            print(name, x, "ValueError", e)
print(math.factorial(0), math.factorial(10), math.isclose(1.0, 1.0 + 1e-10), math.isclose(1.0, 1.1))
print(math.isclose(1.0, 1.05, rel_tol=0.1), math.isclose(0.0, 1e-12, abs_tol=1e-9))
print(math.isfinite(1.0), math.isfinite(math.inf), math.isfinite(math.nan), math.isnan(math.nan))
print(math.frexp(8.0), math.frexp(0.3), math.ldexp(0.5, 4), math.ldexp(3, -1))
print(math.inf, -math.inf, math.nan, "%.6f" % math.tau, math.tau == 2 * math.pi)
for bad in ((math.acosh, 0.5), (math.atanh, 1.0), (math.atanh, -2.0), (math.factorial, -1)):
    try:
        bad[0](bad[1])
    except ValueError as e:
        print("ValueError", e)

import json, io

stream = io.StringIO()
json.dump({"a": [1, 2.5, None, True, False, "s"]}, stream)
print(stream.getvalue())
stream = io.StringIO()
json.dump([1, {"k": "v"}], stream, separators=(",", ":"))
print(stream.getvalue())
print(sorted(json.load(io.StringIO('{"x": [1, 2], "y": null, "z": "\\u00e9"}')).items()))
print(json.load(io.BytesIO(b"[1, true]")))
try:
    json.load(io.StringIO("{bad"))
except ValueError:
    print("ValueError json")

print(io.SEEK_SET, io.SEEK_CUR, io.SEEK_END)
for cls, data in ((io.BytesIO, b"abcdefg"), (io.StringIO, "abcdefg")):
    s = cls(data)
    print(s.read(2), s.tell(), s.seek(1), s.read(3), s.seek(-2, io.SEEK_END), s.read(), s.seek(0, io.SEEK_SET))
    print(s.readline(), s.flush(), s.tell(), s.seek(2, io.SEEK_CUR), s.tell())
buf = bytearray(4)
s = io.BytesIO(b"abcdef")
print(s.readinto(buf), buf, s.readinto(buf), buf, s.readinto(buf), buf)
s = io.BytesIO(b"xyz")
print(s.readinto(buf, 2), buf, s.readinto(memoryview(buf)[2:]), buf)
s = io.StringIO("line1\nline2\n")
print(s.readline(), s.readline(), repr(s.readline()))
with io.BytesIO() as s:
    print(s.write(b"ab"), s.write(bytearray(b"cd")), s.getvalue())

import binascii

print(binascii.a2b_hex("4142ff"), binascii.b2a_hex(b"AB\xff"), binascii.hexlify(b"\x00\x10", "-"))
print(binascii.unhexlify(b"6162"), binascii.b2a_base64(b"hello"), binascii.a2b_base64(b"aGVsbG8="))
print(binascii.crc32(b"hello"), binascii.crc32(b"world", binascii.crc32(b"hello")))
try:
    binascii.a2b_hex("abc")
except ValueError:
    print("ValueError odd length")

import time

print(time.mktime((2000, 1, 1, 0, 0, 0, 0, 0)), time.mktime((2024, 2, 29, 12, 30, 15, 0, 0, 0)))
print(time.mktime((2023, 13, 1, 0, 0, 0, 0, 0)), time.mktime((2023, 3, 0, 0, 0, 0, 0, 0)))
print(time.mktime((1970, 1, 1, 0, 0, 0, 0, 0)), time.mktime((1970, 1, 1, 0, 0, -1, 0, 0)) + 1 in (0, 2**32))
for t in (0, 86400 * 365, 951782400, 1709209815, 4102444800):
    print(time.gmtime(t)[:8], time.localtime(t)[:8], time.mktime(time.localtime(t)) == t)
# time.time() is an int in CircuitPython and a float in the WebAssembly port.
print(type(time.time_ns()), abs(time.time_ns() // 10**9 - int(time.time())) <= 1)
t0 = time.ticks_ms()
time.sleep_us(100)
time.sleep_ms(1)
time.sleep(0.001)
print(time.ticks_diff(time.ticks_ms(), t0) >= 0, time.ticks_add(5, 10), time.ticks_diff(3, 5))
print(type(time.ticks_us()), time.ticks_diff(time.ticks_add(0, -1), 0))

import sys

print(sys.ps1, sys.ps2, type(sys.platform), type(sys.version), sys.version_info[0], sys.version_info >= (3, 0))
# Built-in modules are not entries of sys.modules in MicroPython (they are here).
print(type(sys.modules), sys.stdin is None or True)
try:
    raise ValueError("shown")
except ValueError as e:
    out = io.StringIO()
    sys.print_exception(e, out)
    print(out.getvalue().splitlines()[0], out.getvalue().splitlines()[-1])
sys.print_exception(KeyError("never raised"))

import errno

print(errno.ENOENT, errno.EEXIST, errno.EINVAL, errno.EAGAIN, errno.EIO, errno.ETIMEDOUT, errno.EPERM)
print(errno.errorcode[errno.ENOENT], errno.errorcode[errno.EEXIST], len(errno.errorcode) >= 20)
try:
    raise OSError(errno.ENOENT)
except OSError as e:
    print(e.errno == errno.ENOENT, e.args)

import struct

buf = bytearray(8)
struct.pack_into("<HI", buf, 1, 0x1234, 0xDEADBEEF)
print(buf, struct.unpack_from("<HI", buf, 1))
try:
    struct.pack_into("<I", buf, 6, 1)
except ValueError:
    print("ValueError buffer too small")

import gc

gc.disable()
print(gc.isenabled())
gc.enable()
print(gc.isenabled(), gc.collect(), type(gc.mem_free()), type(gc.mem_alloc()))

import micropython

print(micropython.const(7), micropython.opt_level(), micropython.heap_lock(), micropython.heap_unlock())
print(micropython.kbd_intr(3), micropython.stack_use() is None or True)

# random: the same seed gives the same sequence; results stay in range; bad arguments raise
import random
random.seed(42)
a = [random.random() for _ in range(5)]
random.seed(42)
b = [random.random() for _ in range(5)]
print(a == b, all(0 <= x < 1 for x in a))
print(all(0 <= random.getrandbits(8) < 256 for _ in range(50)), random.getrandbits(0))
print(all(random.randint(3, 5) in (3, 4, 5) for _ in range(50)), all(random.randrange(0, 10, 5) in (0, 5) for _ in range(30)))
print(all(2.0 <= random.uniform(2, 3) <= 3.0 for _ in range(20)), random.choice("z"), random.randrange(1))
for bad in (lambda: random.choice([]), lambda: random.randrange(0), lambda: random.getrandbits(-1), lambda: random.randint(5, 1)):
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__)
import os
print(os.sep, os.path.join("a", "b"), os.path.basename("/x/y.py"), os.path.dirname("/x/y.py"))
