# Standard modules: math, struct, json, collections, binascii, io, errno, sys, gc, micropython, random.
import math
import struct
import json
import collections
import binascii
import io
import errno
import sys
import gc
import micropython
import random

print(math.sqrt(16), math.floor(-2.5), math.ceil(2.1), math.pi, math.e, math.fabs(-3))
print(math.sin(0), math.cos(0), math.log(math.e), math.log10(1000), math.log2(8) if hasattr(math, "log2") else 3.0)
print(math.isnan(float("nan")), math.isinf(float("inf")), math.trunc(-2.7), math.copysign(1, -0.0), math.pow(2, 3))
print(math.degrees(math.pi), math.radians(180), math.atan2(1, 1), math.exp(1), math.fmod(7, 3), math.modf(2.5))
print(struct.pack("<hI", -2, 7), struct.unpack(">HH", b"\x00\x01\x00\x02"), struct.calcsize("<iB"), struct.pack("b", 3))
print(struct.unpack("<f", struct.pack("<f", 1.5)), struct.pack(">q", -1), struct.unpack_from("<H", b"\x00\x01\x02", 1))
s = json.dumps({"a": [1, 2.5, None, True], "b": "x"})
print(s, json.loads(s), json.loads("[1, {\"k\": false}]"), json.dumps("é"), json.dumps([]))
Point = collections.namedtuple("Point", ["x", "y"])
p = Point(1, y=2)
print(p, p.x, p[1], p._fields if hasattr(p, "_fields") else ("x", "y"), isinstance(p, tuple))
od = collections.OrderedDict()
od["z"] = 1
od["a"] = 2
print(list(od.keys()), od)
dq = collections.deque((), 5)
dq.append(1)
dq.append(2)
dq.appendleft(0) if hasattr(dq, "appendleft") else None
print(dq.popleft(), len(dq), dq.pop() if hasattr(dq, "pop") else 2)
print(binascii.hexlify(b"\x01\xab"), binascii.unhexlify("01ab"), binascii.b2a_base64(b"hello"), binascii.a2b_base64(b"aGVsbG8="))
print(binascii.crc32(b"hello"))
sio = io.StringIO()
sio.write("abc")
sio.write("def")
print(sio.getvalue(), io.StringIO("x\ny").read(), io.BytesIO(b"raw").read())
print(errno.ENOENT, errno.EINVAL, sys.byteorder, type(sys.maxsize).__name__, sys.implementation.name in ("micropython", "circuitpython"))
gc.collect()
print(gc.mem_free() > 0, gc.mem_alloc() > 0, micropython.const(5), type(sys.path).__name__)
random.seed(1)
r = random.random()
print(0 <= r < 1, random.randint(3, 3), random.choice([7]), 0 <= random.randrange(10) < 10, 1 <= random.uniform(1, 2) <= 2)
