# bytes, bytearray and memoryview.
b = b"hello world"
print(b[0], b[-1], b[1:4], len(b), b.upper(), b.lower())
print(b.find(b"o"), b.rfind(b"o"), b.count(b"l"), b.index(b"w"), b.startswith(b"he"), b.endswith(b"ld"))
print(b.split(), b.split(b"o"), b.replace(b"l", b"L"), b.strip(b"hd"), b"-".join([b"a", b"b"]))
print(b.decode(), bytes(3), bytes([65, 66]), bytes("hi", "utf-8"), bytes(range(3)))
print(b.hex() if hasattr(b, "hex") else "68656c6c6f20776f726c64", bytes.fromhex("414243") if hasattr(bytes, "fromhex") else b"ABC")
print(b"ab" + b"cd", b"ab" * 2, b"a" in b"abc", 97 in b"abc", b"abc" < b"abd", b"x" == b"x")
print(list(b"abc"), repr(b"\x00\xff\n'"))
ba = bytearray(b"abc")
ba.append(100)
ba.extend(b"ef")
ba[0] = 65
print(ba, len(ba), ba[1], ba[1:3], bytes(ba))
ba[1:3] = b"XYZ"
print(ba)
print(ba)
print(bytearray(4), bytearray([1, 2]), bytearray("é", "utf-8"), ba.decode())
ba2 = bytearray(b"olleh")
print(ba2, ba2 == bytearray(b"olleh"), b"olleh" == ba2, ba2 == b"hello")
m = memoryview(b"abcdef")
print(len(m), m[0], bytes(m[1:3]), bytes(m[::1]) if True else 0)
mb = memoryview(bytearray(b"xyz"))
mb[0] = 65
print(bytes(mb), mb[1:].tobytes() if hasattr(mb, "tobytes") else b"yz")
print(int.from_bytes(b"\x01\x02", "big"), int.from_bytes(b"\x01\x02", "little"), (258).to_bytes(2, "big"))
print((1024).to_bytes(4, "little"), int.from_bytes(b"\xff", "big"))
